package tick

import (
	"context"
	"time"
)

func Poll(ctx context.Context, check func()) {
	tick := time.Tick(time.Second) // want `time\.Tick leaks its ticker once this function returns`
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
			check()
		}
	}
}

func inSelectInLoop(jobs <-chan int, report func()) {
	for {
		select {
		case <-jobs:
		case <-time.Tick(10 * time.Second): // want `time\.Tick in a loop starts a new ticker on every iteration`
			report()
		}
	}
}

func untilCount(n int, f func()) {
	i := 0
	for range time.Tick(time.Millisecond) { // want "time.Tick leaks its ticker"
		f()
		i++
		if i == n {
			break
		}
	}
}

func perItem(items []string, send func(string)) {
	for _, it := range items {
		<-time.Tick(time.Second) // want "time.Tick in a loop starts a new ticker"
		send(it)
	}
}

func inGoroutineThatStops(ctx context.Context, f func()) {
	go func() {
		for {
			select {
			case <-time.After(time.Second):
			case t := <-time.Tick(time.Minute): // want "time.Tick in a loop"
				_ = t
				f()
			case <-ctx.Done():
				return
			}
		}
	}()
}

func returnsChannel() <-chan time.Time {
	return time.Tick(time.Hour) // want "time.Tick leaks its ticker once this function returns"
}

// Near misses.

var heartbeat = time.Tick(time.Minute)

func Heartbeat() <-chan time.Time { return heartbeat }

func forever(f func()) {
	for range time.Tick(time.Second) {
		f()
	}
}

func backgroundForever(f func()) {
	go func() {
		tick := time.Tick(time.Second)
		for {
			<-tick
			f()
		}
	}()
}

func labeledForever(f func() bool) {
	tick := time.Tick(time.Second)
loop:
	for {
		select {
		case <-tick:
			if f() {
				break
			}
		}
		for i := 0; i < 3; i++ {
			if i == 2 {
				break
			}
			continue loop
		}
	}
}

func stoppable(ctx context.Context, f func()) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			f()
		}
	}
}
