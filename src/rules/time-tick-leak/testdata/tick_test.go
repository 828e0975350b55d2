package tick

import (
	"testing"
	"time"
)

func TestWaits(t *testing.T) {
	<-time.Tick(time.Millisecond)
}
