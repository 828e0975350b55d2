package tick

import (
	"context"
	"log"
	"time"
)

// --- positives ---

func waitReady(ctx context.Context, ready func() bool) error {
	ticker := time.NewTicker(time.Second) // want `ticker of time.NewTicker is not stopped when the function returns at line 19`
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticker.C:
			if ready() {
				return nil
			}
		}
	}
}

func poll(n int, check func()) {
	t := time.NewTicker(time.Millisecond) // want `not stopped when the function ends at line 31`
	for i := 0; i < n; i++ {
		<-t.C
		check()
	}
}

func discarded() {
	time.NewTicker(time.Second) // want `not stopped because the result is dropped`
}

func earlyReturn(ctx context.Context, d time.Duration) error {
	t := time.NewTicker(d) // want `when the function returns at line 40`
	if d > time.Minute {
		return nil
	}
	defer t.Stop()
	<-t.C
	return nil
}

func perIteration(ds []time.Duration) {
	for _, d := range ds {
		t := time.NewTicker(d) // want `ticker of time.NewTicker is not stopped`
		<-t.C
	}
}

// --- negatives ---

func deferred(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func forever(work func()) {
	t := time.NewTicker(time.Second)
	for range t.C {
		work()
	}
}

func returned(d time.Duration) *time.Ticker {
	t := time.NewTicker(d)
	return t
}

type poller struct{ t *time.Ticker }

func (p *poller) start(d time.Duration) {
	t := time.NewTicker(d)
	p.t = t
}

func toGoroutine(d time.Duration, work func()) {
	t := time.NewTicker(d)
	go func() {
		for range t.C {
			work()
		}
	}()
}

func stopTicker(t *time.Ticker) { t.Stop() }

func helper(d time.Duration) {
	t := time.NewTicker(d)
	defer stopTicker(t)
	<-t.C
}

func fatal(d time.Duration, ok func() bool) {
	t := time.NewTicker(d)
	<-t.C
	if !ok() {
		log.Fatal("not ok")
	}
	t.Stop()
}

func timer(d time.Duration) {
	t := time.NewTimer(d)
	<-t.C
}

func everyBranch(d time.Duration, mode int) {
	t := time.NewTicker(d)
	switch mode {
	case 0:
		t.Stop()
		return
	case 1:
		<-t.C
		t.Stop()
	default:
		t.Stop()
	}
}

func oneBranchForgets(d time.Duration, mode int) int {
	t := time.NewTicker(d) // want `ticker of time.NewTicker is not stopped when the function returns at line 140`
	switch mode {
	case 0:
		t.Stop()
		return 0
	case 1:
		<-t.C
		return 1
	}
	t.Stop()
	return 2
}
