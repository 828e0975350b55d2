package timeafter

import (
	"testing"
	"time"
)

// t.Fatal ends the test goroutine: the polling timer fires each time round, so nothing piles up.
func TestPollsUntilDone(t *testing.T) {
	done := make(chan bool)
	deadline := time.NewTimer(5 * time.Second)
	defer deadline.Stop()
	for {
		select {
		case <-done:
			return
		case <-time.After(100 * time.Millisecond):
		case <-deadline.C:
			t.Fatal("never done")
		}
	}
}
