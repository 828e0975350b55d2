//go:build linux || (darwin && !cgo)
// +build linux darwin,!cgo

package seeds

import (
	"context"
	"sync"
	"time"
)

type worker struct {
	mu    sync.Mutex
	jobs  chan func()
	done  chan struct{}
	count int
}

//go:noinline
func (w *worker) run(ctx context.Context) error {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		select {
		case job, ok := <-w.jobs:
			if !ok {
				return nil
			}
			w.mu.Lock()
			w.count++
			w.mu.Unlock()
			go job()
		case <-ticker.C:
		case w.done <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		default:
			time.Sleep(time.Millisecond)
		}
	}
}

func fanIn(chs ...<-chan int) <-chan int {
	out := make(chan int, len(chs))
	var wg sync.WaitGroup
	wg.Add(len(chs))
	for _, c := range chs {
		go func(c <-chan int) {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}(c)
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

func headers(m map[string]int) {
	if v, ok := m["k"]; ok && v > (struct{ n int }{1}).n {
		return
	}
	for _, p := range []struct{ a int }{{1}, {2}} {
		_ = p
	}
	switch x := (Point{}); x.X {
	}
	if (Point{}) == (Point{X: 1}) {
	}
	var _ = func() (a, b int, c ...string) { return }
	/* a block
	   comment */
	var c chan int
	select {}
	c <- <-c
}
