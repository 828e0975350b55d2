package durations

import (
	"context"
	"net"
	"net/http"
	"time"
)

const retryDelay = 5

const pollInterval = 250 * time.Millisecond

type config struct {
	name    string
	timeout time.Duration
}

func sleeps(ctx context.Context, d time.Duration, n int) {
	time.Sleep(1000)                           // want `bare integer 1000 used as a time\.Duration is 1µs: durations count nanoseconds; write the unit, such as 1000 \* time\.Millisecond`
	ticker := time.NewTicker(500)              // want `bare integer 500 used as a time\.Duration is 500ns`
	ctx, cancel := context.WithTimeout(ctx, 5) // want `bare integer 5 used as a time\.Duration is 5ns.* 5 \* time\.Second`
	defer cancel()
	time.Sleep(retryDelay) // want `untyped constant retryDelay \(5\) used as a time\.Duration is 5ns`
	time.Sleep(2 * 60)     // want `constant 2 \* 60 \(120\) used as a time\.Duration is 120ns.*\(2 \* 60\) \* time\.Millisecond`
	ticker.Reset(1500)     // want `is 1\.5µs`

	// near misses: the unit is written, the value is zero or negative, or it is a deliberate
	// count of nanoseconds
	time.Sleep(1000 * time.Millisecond)
	time.Sleep(pollInterval)
	time.Sleep(d)
	time.Sleep(time.Duration(n) * time.Second)
	time.Sleep(0)
	time.Sleep(1e9)
	time.Sleep(1 << 62)
	time.Sleep(time.Duration(30))
	ticker.Stop()
	_ = net.Dialer{KeepAlive: -1}
}

var client = &http.Client{Timeout: 30} // want `bare integer 30 used as a time\.Duration is 30ns`

var safeClient = &http.Client{Timeout: 30 * time.Second}

var defaultConfig = config{"default", 10} // want `bare integer 10`

var fixedConfig = config{"default", 10 * time.Second}

func assign(c *config) time.Duration {
	c.timeout = 60 // want `bare integer 60`
	c.timeout = 60 * time.Second
	var wait time.Duration = 3 // want `bare integer 3`
	wait += time.Second
	count := 3
	_ = count
	if wait > 5 {
		return 2 // want `bare integer 2`
	}
	return wait
}

func send(ch chan<- time.Duration) {
	ch <- 100 // want `bare integer 100`
	ch <- 100 * time.Millisecond
}
