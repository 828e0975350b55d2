package timeafter

import (
	"context"
	"time"
)

func worker1(c chan struct{}) {
	count, timeout := 0, 0
	for {
		select {
		case <-c:
			count++
		case <-time.After(1 * time.Second): // want `time\.After in a select inside a loop starts a new timer on every iteration`
			timeout++
		}
	}
}

func idleExit(jobs <-chan int, handle func(int)) {
	for {
		select {
		case j := <-jobs:
			handle(j)
		case <-time.After(time.Minute): // want "time.After in a select inside a loop"
			return
		}
	}
}

func rangeChannel(ctx context.Context, items <-chan string, out chan<- string) error {
	for it := range items {
		select {
		case out <- it:
		case t := <-(time.After(time.Second)): // want "time.After in a select"
			_ = t
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

func withDefault(poll func()) {
	running := true
	for running {
		select {
		case <-time.After(time.Second): // want "starts a new timer on every iteration"
			return
		default:
			poll()
		}
	}
}

func breakOnlyLeavesSelect(msgs <-chan string, log func(string)) {
	for {
		select {
		case m := <-msgs:
			log(m)
			break
		case <-time.After(5 * time.Second): // want "time.After in a select inside a loop"
			log("idle")
		}
	}
}

// Near misses.

func notInLoop(c chan int) int {
	select {
	case v := <-c:
		return v
	case <-time.After(time.Second):
		return -1
	}
}

func oneTimerPerLoop(c chan struct{}) {
	timeout := time.After(time.Minute)
	for {
		select {
		case <-c:
		case <-timeout:
			return
		}
	}
}

func otherCasesLeave(ctx context.Context, attempts int, try func() bool) bool {
	for i := 0; i < attempts; i++ {
		if try() {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-time.After(time.Duration(i) * time.Second):
		}
	}
	return false
}

func timerReused(c chan struct{}) {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	for {
		select {
		case <-c:
			t.Reset(time.Second)
		case <-t.C:
			return
		}
	}
}

func inGoroutineClosure(c chan struct{}) {
	for i := 0; i < 3; i++ {
		go func() {
			select {
			case <-c:
			case <-time.After(time.Second):
			}
		}()
	}
}

func sleepInLoop(n int) {
	for i := 0; i < n; i++ {
		<-time.After(time.Millisecond)
	}
}

func boundedLoop(ctx context.Context, items []string, out chan<- string) error {
	for _, it := range items {
		select {
		case out <- it:
		case <-time.After(time.Second):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

func retries(try func() error) error {
	for attempt := 0; ; attempt++ {
		err := try()
		if err == nil {
			return nil
		}
		if attempt < 5 {
			select {
			case <-time.After(time.Second):
				continue
			case <-make(chan struct{}):
				err = nil
			}
		}
		return err
	}
}

func fatalCase(t interface{ Fatal(...any) }, didGC <-chan bool, deadline *time.Timer) {
	for {
		select {
		case <-didGC:
			return
		case <-time.After(100 * time.Millisecond):
		case <-deadline.C:
			panic("never saw GC")
		}
	}
}
