package durations

import (
	"testing"
	"time"
)

// Durations in test tables are data that round-trips; only calls are meant to take time.
var cases = []struct {
	name string
	d    time.Duration
}{
	{"default", 123},
	{"long", 5 * time.Second},
}

func TestWait(t *testing.T) {
	time.Sleep(10) // want `bare integer 10 used as a time\.Duration is 10ns`
	time.Sleep(10 * time.Millisecond)
	c := config{timeout: 123}
	_ = c
}

// Tiny durations given to timers, tickers and time arithmetic in tests are deliberate: a timer
// that fires at once, an instant one nanosecond later (package time's mono_test.go, flag's
// default values in flag_test.go).
func TestTimers(t *testing.T) {
	<-time.After(1)
	ticker := time.NewTicker(1)
	ticker.Stop()
	now := time.Now()
	_ = now.Add(1).Round(2).Truncate(2)
	timer := time.NewTimer(time.Hour)
	timer.Reset(1)
	time.Sleep(1)
}
