package blocked

import (
	"context"
	"errors"
	"log"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

type result struct {
	v   string
	err error
}

func compute(key string) string { return key }

func validate(key string) error {
	if key == "" {
		return errors.New("empty key")
	}
	return nil
}

func process(v int) error {
	if v < 0 {
		return errors.New("negative")
	}
	return nil
}

// --- positives ---

// A result channel nobody reads after a timeout.
func timeout(key string, d time.Duration) (string, error) {
	ch := make(chan string)
	go func() {
		ch <- compute(key) // want `this send on ch blocks forever: the goroutine started at line 39 sends on unbuffered channel ch, and the spawning function returns at line 46 without receiving from ch`
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(d):
		return "", errors.New("timeout")
	}
}

// The caller's context is done first.
func cancelled(ctx context.Context, key string) (result, error) {
	ch := make(chan result)
	go func() {
		v := compute(key)
		ch <- result{v: v} // want `this send on ch blocks forever: .* returns at line 61 without receiving from ch`
	}()
	select {
	case r := <-ch:
		return r, nil
	case <-ctx.Done():
		return result{}, ctx.Err()
	}
}

// An early return before the receive.
func earlyReturn(key string) (string, error) {
	ch := make(chan string)
	go func() { ch <- compute(key) }() // want `returns at line 70 without receiving from ch`
	if err := validate(key); err != nil {
		return "", err
	}
	return <-ch, nil
}

// Two sends and room for one: on timeout the second send blocks.
func twoSends(key string, d time.Duration) error {
	errc := make(chan error, 1)
	go func() {
		errc <- validate(key)
		errc <- validate(compute(key)) // want `this send on errc blocks forever: .* channel \(buffer 1\) errc, .* returns at line 86 without receiving`
	}()
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		return errors.New("timeout")
	}
}

// A producer blocked after its consumer returned on error.
func producer(values []int) error {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, v := range values {
			ch <- v // want `this send on ch blocks forever: .* leaves its range loop over ch early and returns at line 101`
		}
	}()
	for v := range ch {
		if err := process(v); err != nil {
			return err
		}
	}
	return nil
}

// A worker whose input channel is never closed.
func worker(jobs chan int) {
	for j := range jobs { // want `this range over jobs never ends: the goroutine started at line 116 waits on jobs, and the spawning function ends at line 120 without closing jobs`
		_ = process(j)
	}
}

func dispatch(values []int) {
	jobs := make(chan int)
	go worker(jobs)
	for _, v := range values {
		jobs <- v
	}
}

// The errgroup variant: the group's goroutine sends the result nobody reads on timeout.
func grouped(key string, d time.Duration) (string, error) {
	var g errgroup.Group
	ch := make(chan string)
	g.Go(func() error {
		ch <- compute(key) // want `this send on ch blocks forever: the goroutine started at line 126 .* returns at line 134`
		return nil
	})
	select {
	case v := <-ch:
		return v, g.Wait()
	case <-time.After(d):
		return "", errors.New("timeout")
	}
}

// A goroutine waiting for a signal that an early return never sends.
func cleanupOnSignal(key string) error {
	done := make(chan struct{})
	go func() {
		<-done // want `this receive from done blocks forever: .* returns at line 146 without sending on or closing done`
		log.Print("cleanup")
	}()
	if err := validate(key); err != nil {
		return err
	}
	close(done)
	return nil
}

type fetcher struct{ base string }

func (f *fetcher) fetch(out chan<- string) {
	out <- f.base // want `this send on out blocks forever: the goroutine started at line 160 .* returns at line 165`
}

func (f *fetcher) first(ctx context.Context) (string, error) {
	ch := make(chan string)
	go f.fetch(ch)
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// --- negatives ---

// Room for the one result: the goroutine never blocks.
func bufferedTimeout(key string, d time.Duration) (string, error) {
	ch := make(chan string, 1)
	go func() {
		ch <- compute(key)
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(d):
		return "", errors.New("timeout")
	}
}

// The goroutine's send also watches the context.
func sendSelectsDone(ctx context.Context, key string) (string, error) {
	ch := make(chan string)
	go func() {
		select {
		case ch <- compute(key):
		case <-ctx.Done():
		}
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// The sender closes; the consumer ranges to the end.
func drained(values []int) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, v := range values {
			ch <- v
		}
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}

// errgroup.WithContext: the producer stops when the consumer fails.
func pipeline(ctx context.Context, values []int) error {
	g, ctx := errgroup.WithContext(ctx)
	ch := make(chan int)
	g.Go(func() error {
		defer close(ch)
		for _, v := range values {
			select {
			case ch <- v:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})
	g.Go(func() error {
		for v := range ch {
			if err := process(v); err != nil {
				return err
			}
		}
		return nil
	})
	return g.Wait()
}

// sync.Once guards the close; the channel is handed to a closure: not followed.
func stopOnce(key string) func() {
	done := make(chan struct{})
	var once sync.Once
	go func() {
		<-done
		log.Print(key)
	}()
	return func() { once.Do(func() { close(done) }) }
}

// Every path receives.
func everyPathReceives(key string, fast bool) string {
	ch := make(chan string)
	go func() { ch <- compute(key) }()
	if fast {
		v := <-ch
		return v
	}
	return <-ch
}

// The channel is returned: the caller reads it.
func async(key string) <-chan string {
	ch := make(chan string)
	go func() { ch <- compute(key) }()
	return ch
}

// Goroutines started in a loop: every result is received, none is left sending.
func fanIn(keys []string) []string {
	ch := make(chan string)
	for _, k := range keys {
		go func(k string) { ch <- compute(k) }(k)
	}
	out := make([]string, 0, len(keys))
	for range keys {
		out = append(out, <-ch)
	}
	return out
}

// A buffer sized at run time is not counted.
func sized(keys []string) {
	ch := make(chan string, len(keys))
	go func() {
		for _, k := range keys {
			ch <- compute(k)
		}
	}()
}

// The failing path ends the program.
func fatal(key string) string {
	ch := make(chan string)
	go func() { ch <- compute(key) }()
	if err := validate(key); err != nil {
		log.Fatal(err)
	}
	return <-ch
}

// The waiting goroutine is released on every path by a deferred close.
func deferredClose(key string) error {
	done := make(chan struct{})
	defer close(done)
	go func() {
		<-done
		log.Print("cleanup")
	}()
	return validate(key)
}

// A non-blocking send.
func tryNotify(key string) {
	ch := make(chan string)
	go func() {
		select {
		case ch <- key:
		default:
		}
	}()
}

// --- fan-out: goroutines started in a loop ---

func fetch(u string) (string, error) { return u, validate(u) }

// The first error returns: the goroutines still sending block forever.
func fetchAll(urls []string) ([]string, error) {
	ch := make(chan result)
	for _, u := range urls {
		go func(u string) {
			body, err := fetch(u)
			ch <- result{body, err} // want `this send on ch blocks forever: the goroutines started at line 336 in a loop send on unbuffered channel ch, and the spawning function returns at line 345 inside its receiving loop after only 1 receive from ch, so the goroutines still sending leak; give ch a slot for every goroutine \(make\(chan T, len\(urls\)\)\)`
		}(u)
	}
	var out []string
	for range urls {
		r := <-ch
		if r.err != nil {
			return nil, r.err
		}
		out = append(out, r.v)
	}
	return out, nil
}

// The first success returns; a buffer of one does not hold the rest.
func firstSuccess(mirrors []string) (string, error) {
	errc := make(chan result, 1)
	for i := 0; i < len(mirrors); i++ {
		m := mirrors[i]
		go func() {
			v, err := fetch(m)
			errc <- result{v, err} // want `this send on errc blocks forever: .* in a loop send on channel \(buffer 1\) errc, .* returns at line \d+ inside its receiving loop after only 1 receive from errc`
		}()
	}
	for i := 0; i < len(mirrors); i++ {
		if r := <-errc; r.err == nil {
			return r.v, nil
		}
	}
	return "", errors.New("no mirror answered")
}

// The context is done while results are still coming: nobody takes them.
func collect(ctx context.Context, keys []string) ([]string, error) {
	ch := make(chan string)
	for _, k := range keys {
		go func(k string) { ch <- compute(k) }(k) // want `this send on ch blocks forever: .* returns at line \d+ inside its receiving loop without receiving from ch`
	}
	out := make([]string, 0, len(keys))
	for range keys {
		select {
		case v := <-ch:
			out = append(out, v)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return out, nil
}

// A WaitGroup closes the channel once every sender is done, but the range returns first.
func firstError(keys []string) error {
	errc := make(chan error)
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func(k string) {
			defer wg.Done()
			errc <- validate(k) // want `this send on errc blocks forever: .* returns at line \d+ inside its receiving loop after only 1 receive from errc`
		}(k)
	}
	go func() {
		wg.Wait()
		close(errc)
	}()
	for err := range errc {
		if err != nil {
			return err
		}
	}
	return nil
}

// The fastest replica wins; the others are never received from.
func query(replicas []string) string {
	ch := make(chan string)
	for _, r := range replicas {
		go func(r string) { ch <- compute(r) }(r) // want `this send on ch blocks forever: .* returns at line \d+ after only 1 receive from ch`
	}
	return <-ch
}

func fetchInto(out chan<- result, u string) {
	v, err := fetch(u)
	out <- result{v, err} // want `this send on out blocks forever: the goroutines started at line \d+ in a loop send on channel \(buffer 1\) ch, .* returns at line \d+ inside its receiving loop after only 1 receive from ch, .*make\(chan T, 3\)`
}

// A worker function per element, over an array of three.
func fetchThree(urls [3]string) error {
	ch := make(chan result, 1)
	for _, u := range urls {
		go fetchInto(ch, u)
	}
	for range urls {
		if r := <-ch; r.err != nil {
			return r.err
		}
	}
	return nil
}

// --- fan-out negatives ---

// A slot for every goroutine: none blocks.
func fetchAllBuffered(urls []string) ([]string, error) {
	ch := make(chan result, len(urls))
	for _, u := range urls {
		go func(u string) {
			v, err := fetch(u)
			ch <- result{v, err}
		}(u)
	}
	var out []string
	for range urls {
		r := <-ch
		if r.err != nil {
			return nil, r.err
		}
		out = append(out, r.v)
	}
	return out, nil
}

// Every result is received before the first error is returned.
func fetchAllDrained(urls []string) ([]string, error) {
	ch := make(chan result)
	for _, u := range urls {
		go func(u string) {
			v, err := fetch(u)
			ch <- result{v, err}
		}(u)
	}
	var out []string
	var first error
	for range urls {
		r := <-ch
		if r.err != nil {
			if first == nil {
				first = r.err
			}
			continue
		}
		out = append(out, r.v)
	}
	return out, first
}

// The send watches a context that the spawning function cancels when it returns.
func fetchAllCancel(ctx context.Context, urls []string) ([]string, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan result)
	for _, u := range urls {
		go func(u string) {
			v, err := fetch(u)
			select {
			case ch <- result{v, err}:
			case <-ctx.Done():
			}
		}(u)
	}
	var out []string
	for range urls {
		r := <-ch
		if r.err != nil {
			return nil, r.err
		}
		out = append(out, r.v)
	}
	return out, nil
}

// errgroup: each goroutine writes its own slot, the group returns the first error.
func fetchAllGroup(urls []string) ([]string, error) {
	var g errgroup.Group
	out := make([]string, len(urls))
	for i, u := range urls {
		i, u := i, u
		g.Go(func() error {
			v, err := fetch(u)
			out[i] = v
			return err
		})
	}
	return out, g.Wait()
}

// The channel escapes to the caller, which reads it.
func fetchAllAsync(urls []string) <-chan result {
	ch := make(chan result)
	for _, u := range urls {
		go func(u string) {
			v, err := fetch(u)
			ch <- result{v, err}
		}(u)
	}
	return ch
}

// Only the failing goroutines send: how many there are is not known.
func validateAll(keys []string) error {
	errc := make(chan error)
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func(k string) {
			defer wg.Done()
			if err := validate(k); err != nil {
				errc <- err
			}
		}(k)
	}
	go func() {
		wg.Wait()
		close(errc)
	}()
	for err := range errc {
		return err
	}
	return nil
}

// Two goroutines and room for both: the early return leaves nobody blocked.
func pair(a, b string) error {
	errc := make(chan error, 2)
	for _, k := range []string{a, b} {
		go func(k string) { errc <- validate(k) }(k)
	}
	for i := 0; i < 2; i++ {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// The loop returns once every result is in: a loop that counts, not followed.
func gather(keys []string) []string {
	ch := make(chan string)
	for _, k := range keys {
		go func(k string) { ch <- compute(k) }(k)
	}
	var out []string
	for {
		out = append(out, <-ch)
		if len(out) == len(keys) {
			return out
		}
	}
}

// Receives one result per goroutine, in the loop that starts them: nothing is left behind.
func serial(keys []string) error {
	ch := make(chan error)
	for _, k := range keys {
		go func(k string) { ch <- validate(k) }(k)
		if err := <-ch; err != nil {
			return err
		}
	}
	return nil
}
