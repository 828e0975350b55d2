// Package ratelimit is a token bucket: the team's fork of example.com/ratelimit, with the refill
// capped at the burst size.
package ratelimit

import (
	"sync"
	"time"
)

// A Limiter allows rate events per second, in bursts of up to burst.
type Limiter struct {
	mu     sync.Mutex
	last   time.Time
	rate   float64
	burst  float64
	tokens float64
}

// New returns a Limiter with a full bucket.
func New(rate float64, burst int) *Limiter {
	return &Limiter{last: time.Now(), rate: rate, burst: float64(burst), tokens: float64(burst)}
}

// Allow takes a token if there is one.
func (l *Limiter) Allow() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	l.tokens += now.Sub(l.last).Seconds() * l.rate
	if l.tokens > l.burst {
		l.tokens = l.burst
	}
	l.last = now
	if l.tokens < 1 {
		return false
	}
	l.tokens--
	return true
}
