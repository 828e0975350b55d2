package ignorectx

import (
	"context"
	"log"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func refresh(ctx context.Context) error { return nil }

func poll() {}

// --- positives ---

func tickerRange(ctx context.Context, every time.Duration) {
	go func() { // want `this goroutine never stops: its loop at line 23 runs forever and never watches ctx.Done\(\)`
		ticker := time.NewTicker(every)
		defer ticker.Stop()
		for range ticker.C {
			if err := refresh(ctx); err != nil {
				log.Print(err)
			}
		}
	}()
}

func selectOnlyTicker(ctx context.Context, every time.Duration) {
	ticker := time.NewTicker(every)
	go func() { // want `this goroutine never stops: its loop at line 34`
		for {
			select {
			case <-ticker.C:
				_ = refresh(ctx)
			}
		}
	}()
}

func sleepLoop(ctx context.Context) {
	go func() { // want `never watches ctx.Done\(\)`
		for {
			_ = refresh(ctx)
			time.Sleep(time.Second)
		}
	}()
}

func handler(w http.ResponseWriter, r *http.Request) {
	go func() { // want `never watches r.Context\(\).Done\(\) or any other stop signal, so it outlives the cancellation of r.Context\(\)`
		for {
			poll()
			time.Sleep(time.Minute)
		}
	}()
	w.WriteHeader(http.StatusAccepted)
}

type syncer struct{ every time.Duration }

func (s *syncer) loop() {
	for range time.Tick(s.every) {
		poll()
	}
}

func (s *syncer) Run(ctx context.Context) error {
	go s.loop() // want `this goroutine never stops: the loop of loop runs forever`
	return refresh(ctx)
}

func grouped(ctx context.Context) error {
	var g errgroup.Group
	t := time.NewTimer(time.Second)
	g.Go(func() error { // want `this goroutine never stops: its loop at line 79`
		for {
			<-t.C
			poll()
			t.Reset(time.Second)
		}
	})
	return refresh(ctx)
}

func waitGroupGo(ctx context.Context, wg *sync.WaitGroup) {
	wg.Go(func() { // want `never watches ctx.Done\(\)`
		for {
			poll()
			time.Sleep(time.Second)
		}
	})
}

// --- negatives ---

func watchesDone(ctx context.Context, every time.Duration) {
	go func() {
		ticker := time.NewTicker(every)
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
				poll()
			}
		}
	}()
}

func stopChannel(ctx context.Context, stop <-chan struct{}) {
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Second):
				_ = refresh(ctx)
			}
		}
	}()
}

func noContext(every time.Duration) {
	go func() {
		for range time.Tick(every) {
			poll()
		}
	}()
}

func returnsOnError(ctx context.Context) {
	go func() {
		for {
			if err := refresh(ctx); err != nil {
				return
			}
			time.Sleep(time.Second)
		}
	}()
}

func checksErr(ctx context.Context) {
	go func() {
		for {
			if ctx.Err() != nil {
				log.Fatal("stopped")
			}
			poll()
			time.Sleep(time.Second)
		}
	}()
}

func worker(ctx context.Context, jobs <-chan int) {
	go func() {
		for j := range jobs {
			_ = j
			_ = refresh(ctx)
		}
	}()
}

func bounded(ctx context.Context) {
	go func() {
		for i := 0; i < 3; i++ {
			_ = refresh(ctx)
			time.Sleep(time.Second)
		}
	}()
}

func receivesWork(ctx context.Context, in chan int) {
	go func() {
		for {
			v := <-in
			_ = v
			poll()
		}
	}()
}

// A goroutine started by another goroutine is not under the outer context.
func nested(ctx context.Context) {
	go func() {
		<-ctx.Done()
		go func() {
			for {
				poll()
				time.Sleep(time.Second)
			}
		}()
	}()
}
