// Package metrics counts the requests the service handles and reports them periodically.
package metrics

import (
	"context"
	"log"
	"sync/atomic"
	"time"
)

// Metrics counts requests by path.
type Metrics struct {
	requests int64
	events   chan string
}

// New returns empty metrics.
func New() *Metrics { return &Metrics{events: make(chan string, 1024)} }

// Observe counts one request for path; it never blocks the request.
func (m *Metrics) Observe(path string) {
	atomic.AddInt64(&m.requests, 1)
	select {
	case m.events <- path:
	default:
	}
}

// Report logs the request count every interval until ctx is done.
func (m *Metrics) Report(ctx context.Context, interval time.Duration) {
	tick := time.Tick(interval) // the ticker can never be stopped: it outlives Report (use time.NewTicker and defer Stop)
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
			log.Printf("requests: %d", m.requests) // a plain read of a counter updated atomically: a data race; use atomic.LoadInt64
		}
	}
}

// Run counts the paths given to Observe until stop is closed, then logs the counts.
func (m *Metrics) Run(stop <-chan struct{}) {
	byPath := make(map[string]int)
	for {
		select {
		case path := <-m.events:
			byPath[path]++
		case <-stop:
			log.Printf("requests by path: %v", byPath)
			return
		default: // never waits: with no event pending the loop spins at 100% CPU; drop the default
		}
	}
}
