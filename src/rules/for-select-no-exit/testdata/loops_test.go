package forselect

import (
	"testing"
	"time"
)

func TestTicker(t *testing.T) {
	go func() {
		for range time.Tick(time.Millisecond) {
		}
	}()
}
