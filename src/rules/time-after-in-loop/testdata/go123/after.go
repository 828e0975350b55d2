package timeafter123

import "time"

// From Go 1.23 unreferenced timers are collected: nothing to report.
func worker(c chan struct{}) {
	for {
		select {
		case <-c:
		case <-time.After(time.Second):
			return
		}
	}
}
