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

// net/http's tests: a per-iteration watchdog over a handful of requests; the loop ends with the test.
func TestWatchdog(t *testing.T) {
	gotReq := make(chan bool)
	sawClose := make(chan bool)
	for {
		select {
		case <-gotReq:
		case <-sawClose:
			return
		case <-time.After(5 * time.Second):
			t.Error("timeout")
		}
	}
}
