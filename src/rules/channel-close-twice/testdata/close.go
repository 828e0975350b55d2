package closetwice

import (
	"errors"
	"sync"
)

// --- positives ---

func Produce(items []string, out chan<- string, valid func(string) bool) {
	defer close(out)
	for _, it := range items {
		if !valid(it) {
			close(out) // want `close of out panics when the function returns: the deferred close at line 11 closes it again`
			return
		}
		out <- it
	}
}

func twice(ch chan int) {
	ch <- 1
	close(ch)
	println("done")
	close(ch) // want `second close of ch panics: it was already closed at line 23 on every path to here`
}

func sendAfterClose(results chan error, work func() error) {
	err := work()
	close(results)
	results <- err // want `send on results panics: it was closed at line 30 on every path to here`
}

type Server struct {
	done chan struct{}
	wg   sync.WaitGroup
	a, b chan int
	once sync.Once
	open bool
}

func (s *Server) Shutdown() {
	close(s.done)
	s.wg.Wait()
	close(s.done) // want `second close of s.done panics`
}

func closeThenDefer(ch chan int) {
	close(ch)
	defer close(ch) // want `deferred close of ch panics when the function returns: it was already closed at line 49`
	println("x")
}

func bothBranches(ch chan int, fast bool) {
	if fast {
		close(ch)
	} else {
		ch <- 1
		close(ch)
	}
	close(ch) // want `second close of ch panics`
}

func selectSend(ch chan int, v int) {
	close(ch)
	select {
	case ch <- v: // want `send on ch panics`
	default:
	}
}

func deferredClosure(ch chan int, fail bool) error {
	defer func() {
		close(ch)
	}()
	if fail {
		close(ch) // want `close of ch panics when the function returns: the deferred close at line 73`
		return errors.New("failed")
	}
	return nil
}

// --- negatives ---

func sender(items []int, out chan<- int) {
	defer close(out)
	for _, it := range items {
		out <- it
	}
}

func maybeClosed(ch chan int, early bool) {
	if early {
		close(ch)
		return
	}
	ch <- 1
	close(ch)
}

func oneBranch(ch chan int, fast bool) {
	if fast {
		close(ch)
	}
	println("x")
}

func reassigned() {
	ch := make(chan int)
	close(ch)
	ch = make(chan int)
	close(ch)
}

func (s *Server) Stop() {
	s.once.Do(func() { close(s.done) })
	s.once.Do(func() { close(s.done) })
}

func perIteration(n int) {
	for i := 0; i < n; i++ {
		ch := make(chan int)
		close(ch)
	}
}

func (s *Server) reset() {
	s.done = make(chan struct{})
}

// A method of the package may give the field a new channel.
func (s *Server) Restart() {
	close(s.done)
	s.reset()
	close(s.done)
}

func goroutineCloses(ch chan int) {
	go func() {
		close(ch)
	}()
	println("x")
}

func sendThenClose(ch chan int) {
	ch <- 1
	close(ch)
}

func (s *Server) different() {
	close(s.a)
	close(s.b)
}

func (s *Server) guarded() {
	if s.open {
		close(s.done)
		s.open = false
	}
	if s.open {
		close(s.done)
	}
}

func twoServers(x, y *Server) {
	close(x.done)
	close(y.done)
}
