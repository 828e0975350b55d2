package spin

import (
	"context"
	"log"
	"time"
)

// --- positives ---

func consume(c chan int, out func(int)) {
	for {
		select {
		case n := <-c: // want `receiving from c without ", ok" in a case that does not leave the loop: once c is closed \(a caller closes the channel it passes\)`
			out(n)
		}
	}
}

func Run(nums []int, out func(int)) {
	c := make(chan int)
	go consume(c, out)
	for _, n := range nums {
		c <- n
	}
	close(c)
}

type Server struct {
	reqs    chan string
	quit    chan struct{}
	pending chan string
}

func (s *Server) loop(handle func(string)) {
	for {
		select {
		case r := <-s.reqs: // want `receiving from s.reqs .* \(the package closes it\)`
			handle(r)
		case <-s.quit: // want `receiving from s.quit without ", ok"`
			log.Println("quit requested")
		}
	}
}

func (s *Server) Close() {
	close(s.reqs)
	close(s.quit)
}

func local(work func()) {
	done := make(chan struct{})
	go func() {
		work()
		close(done)
	}()
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		select {
		case <-done: // want `receiving from done without ", ok"`
			log.Println("work finished")
		case <-ticker.C:
			log.Println("still working")
		}
	}
}

func contextNoReturn(ctx context.Context, in <-chan int) {
	for {
		select {
		case <-ctx.Done(): // want `this ctx.Done\(\) case does not leave the loop: once the context is cancelled`
			log.Println("cancelled")
		case v := <-in:
			_ = v
		}
	}
}

func contextVar(ctx context.Context, in <-chan int) {
	done := ctx.Done()
	for {
		select {
		case <-done: // want `ctx.Done\(\) case does not leave the loop`
			log.Println("cancelled")
		case v := <-in:
			_ = v
		}
	}
}

// An unlabeled break ends the select, not the loop.
func (s *Server) breakSelect() {
	for {
		select {
		case <-s.quit: // want `receiving from s.quit`
			break
		case p := <-s.pending:
			_ = p
		}
	}
}

func assignForm(nums []int) {
	c := make(chan int)
	go func() {
		for _, n := range nums {
			c <- n
		}
		close(c)
	}()
	var last int
	for {
		select {
		case last = <-c: // want `receiving from c without ", ok"`
			log.Println(last)
		}
	}
}

func literalParam(nums []int) {
	ch := make(chan int)
	go func(in chan int) {
		for {
			select {
			case v := <-in: // want `receiving from in .* \(a caller closes the channel it passes\)`
				log.Println(v)
			}
		}
	}(ch)
	for _, n := range nums {
		ch <- n
	}
	close(ch)
}

// --- negatives ---

func commaOk(c chan int, out func(int)) {
	for {
		select {
		case n, ok := <-c:
			if !ok {
				return
			}
			out(n)
		}
	}
}

func RunOk(out func(int)) {
	c := make(chan int)
	go commaOk(c, out)
	close(c)
}

// The nil-channel idiom: the case is disabled once the channel is done.
func (s *Server) nilOut(handle func(string)) {
	reqs := s.reqs
	for {
		select {
		case r := <-reqs:
			if r == "" {
				reqs = nil
				continue
			}
			handle(r)
		case <-s.quit:
			return
		}
	}
}

func contextReturns(ctx context.Context, in <-chan int) {
	for {
		select {
		case <-ctx.Done():
			return
		case v := <-in:
			_ = v
		}
	}
}

func timers(in <-chan int) {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		select {
		case <-ticker.C:
			log.Println("tick")
		case <-time.After(time.Minute):
			log.Println("idle")
		case v, ok := <-in:
			if !ok {
				return
			}
			_ = v
		}
	}
}

type Pool struct {
	jobs chan func()
}

// jobs is never closed by the package: nothing makes the receive spin.
func (p *Pool) worker() {
	for {
		select {
		case j := <-p.jobs:
			j()
		}
	}
}

// A range over a channel ends when the channel is closed.
func rangeOver(c chan int) {
	for v := range c {
		log.Println(v)
	}
}

func RunRange() {
	c := make(chan int)
	go rangeOver(c)
	close(c)
}

func (s *Server) labeled(handle func(string)) {
loop:
	for {
		select {
		case <-s.quit:
			break loop
		case r, ok := <-s.reqs:
			if !ok {
				break loop
			}
			handle(r)
		}
	}
}

// A loop with a condition ends when it is false.
func (s *Server) condLoop(stop *bool) {
	for !*stop {
		select {
		case <-s.quit:
			*stop = true
		}
	}
}

// No caller closes the channel.
func consumeOpen(c chan int, out func(int)) {
	for {
		select {
		case n := <-c:
			out(n)
		}
	}
}

func RunOpen(out func(int)) {
	c := make(chan int)
	go consumeOpen(c, out)
	c <- 1
}

func (s *Server) panics() {
	for {
		select {
		case <-s.quit:
			panic("quit")
		case p := <-s.pending:
			_ = p
		}
	}
}

func (s *Server) checkAfter() {
	for {
		stopped := false
		select {
		case <-s.quit:
			stopped = true
		case p := <-s.pending:
			_ = p
		}
		if stopped {
			return
		}
	}
}

// A closure that stops the loop sets the channel to nil.
func stopClosure(ctx context.Context, errs <-chan error) error {
	doneC := ctx.Done()
	stop := func(err error) {
		doneC = nil
		log.Println(err)
	}
	for {
		select {
		case <-doneC:
			stop(ctx.Err())
		case err := <-errs:
			if err != nil {
				return err
			}
		}
	}
}

// The context's channel is set to nil once it fired.
func nilContext(ctx context.Context, resc <-chan int) int {
	ctxDone := ctx.Done()
	for {
		select {
		case <-ctxDone:
			ctxDone = nil
		case r := <-resc:
			return r
		}
	}
}

// The loop closes vals itself, on its way out.
func selfClose(vals chan float64, done chan struct{}) float64 {
	var sum float64
outer:
	for {
		select {
		case <-done:
			close(vals)
			for v := range vals {
				sum += v
			}
			break outer
		case v := <-vals:
			sum += v
		}
	}
	return sum
}

// A new context for the next round: its Done channel is a fresh one.
func renew(ctx context.Context, in <-chan int, next func() context.Context) {
	for {
		select {
		case <-ctx.Done():
			ctx = next()
		case v := <-in:
			_ = v
		}
	}
}
