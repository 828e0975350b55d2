package writes

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// --- positives ---

func count(items []string) int {
	var wg sync.WaitGroup
	n := 0
	for range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n++ // want `n is assigned in a goroutine with no lock or atomic while the goroutine started at line 17 runs once per iteration`
		}()
	}
	wg.Wait()
	return n
}

var lastErr error

func collect(jobs []func() error) {
	for _, j := range jobs {
		go func(j func() error) {
			if err := j(); err != nil {
				lastErr = err // want `lastErr is assigned in a goroutine`
			}
		}(j)
	}
}

func readBack() string {
	status := "starting"
	go func() {
		status = "running" // want `the function that starts the goroutine \(line 40\) uses it at line 43`
	}()
	return status
}

var ready bool

func setReady() { ready = true } // want `ready is assigned in a goroutine with no lock or atomic while the goroutine started at line 52 reads it at line 55`

func spin() {
	go setReady()
	go waitReady()
}

func waitReady() { fmt.Println(ready) }

func sum(xs []int) int {
	total := 0
	for _, x := range xs {
		go func(x int) {
			total += x // want `total is assigned in a goroutine`
		}(x)
	}
	return total
}

func firstError(fs []func() error) error {
	var first error
	var wg sync.WaitGroup
	for _, f := range fs {
		wg.Add(1)
		go func(f func() error) {
			defer wg.Done()
			first = f() // want `first is assigned in a goroutine`
		}(f)
	}
	wg.Wait()
	return first
}

// --- negatives ---

func locked(items []string) int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	n := 0
	for range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			n++
			mu.Unlock()
		}()
	}
	wg.Wait()
	return n
}

func atomics(items []string) int64 {
	var n atomic.Int64
	var wg sync.WaitGroup
	for range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n.Add(1)
		}()
	}
	wg.Wait()
	return n.Load()
}

func atomicFunc(items []string) int64 {
	var n int64
	for range items {
		go func() {
			atomic.AddInt64(&n, 1)
		}()
	}
	return atomic.LoadInt64(&n)
}

func waitedResult() error {
	var err error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		err = errors.New("x")
	}()
	wg.Wait()
	return err
}

func channelHandoff() string {
	var s string
	done := make(chan bool)
	go func() {
		s = "done"
		done <- true
	}()
	<-done
	return s
}

func perIteration(items []string) {
	for _, it := range items {
		msg := ""
		go func() {
			msg = it
			fmt.Println(msg)
		}()
	}
}

func onceOnly() {
	var once sync.Once
	var v int
	for i := 0; i < 3; i++ {
		go func() {
			once.Do(func() { v = 1 })
		}()
	}
	_ = v
}

func goroutineLocal() {
	go func() {
		x := 0
		x++
		fmt.Println(x)
	}()
}

func consume(ch <-chan string) (int, error) {
	n := 0
	for range ch {
		n++
	}
	return n, nil
}

func orderedByTheCall() error {
	var err error
	revs := make(chan string)
	go func() {
		err = errors.New("scan")
		close(revs)
	}()
	_, err = consume(revs)
	return err
}

func secondGoroutineAfterWait() {
	var last int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		last = 1
	}()
	wg.Wait()
	go func() {
		last = 2
	}()
}
