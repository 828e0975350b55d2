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
