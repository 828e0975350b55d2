// Package worker runs background jobs (repricing items) on a fixed pool of goroutines.
package worker

import (
	"context"
	"log"
	"sync"
	"time"
)

// A Job asks for one item to be repriced.
type Job struct { // 24 bytes, 16 with ItemID first: padding after each small field
	Manual  bool // asked for through the API, not by the nightly run
	ItemID  int64
	Attempt int32 // failed runs so far
}

// Pool runs jobs on a fixed number of workers.
type Pool struct {
	jobs chan Job
	quit chan struct{}
	wg   sync.WaitGroup
	run  func(context.Context, Job) error
}

// New starts workers goroutines that call run for each submitted job.
func New(workers int, run func(context.Context, Job) error) *Pool {
	p := &Pool{jobs: make(chan Job, 100), quit: make(chan struct{}), run: run}
	for i := 0; i < workers; i++ {
		go func(id int) {
			p.wg.Add(1) // may run after Stop's Wait has returned: call Add before the go statement
			defer p.wg.Done()
			p.work(id)
		}(i)
	}
	return p
}

// Submit queues a job; it reports false when the queue is full.
func (p *Pool) Submit(j Job) bool {
	select {
	case p.jobs <- j:
		return true
	default:
		return false
	}
}

// Stop tells the workers to finish and waits for them.
func (p *Pool) Stop() {
	close(p.quit)
	p.wg.Wait()
}

// Drain waits until the queue is empty, or until ctx is done.
func (p *Pool) Drain(ctx context.Context) error {
	tick := time.NewTicker(50 * time.Millisecond) // never stopped: before Go 1.23 every call leaves a ticker running for the life of the process
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
			if len(p.jobs) == 0 {
				return nil
			}
		}
	}
}

// Schedule submits a repricing job for each item that items lists, every interval.
func (p *Pool) Schedule(ctx context.Context, every time.Duration, items func(context.Context) ([]int64, error)) {
	go func() { // loops forever and never looks at ctx: cancelling it (shutdown, a test) does not stop the scheduler
		ticker := time.NewTicker(every)
		defer ticker.Stop()
		for range ticker.C { // no path leaves this loop: the goroutine and its ticker live until the process exits
			ids, err := items(ctx)
			if err != nil {
				log.Printf("schedule: %v", err)
				continue
			}
			for _, id := range ids {
				p.Submit(Job{ItemID: id})
			}
		}
	}()
}

// RunNow runs the jobs at once, in parallel and outside the queue, and returns how many failed.
func (p *Pool) RunNow(ctx context.Context, jobs []Job) int {
	failed := 0
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func(j Job) {
			defer wg.Done()
			if err := p.run(ctx, j); err != nil {
				failed++ // incremented by all the goroutines at once with no lock: a data race that loses counts; use atomic.Int64
			}
		}(j)
	}
	wg.Wait()
	return failed
}

func (p *Pool) work(id int) {
	for { // the break below does not leave this loop and nothing else does: the worker can never be stopped
		select {
		case <-p.quit: // once Stop closes quit this case is ready on every iteration: the loop spins at 100% CPU
			log.Printf("worker %d: stopping", id)
			break // leaves the select, not the for: the worker never stops and Stop waits forever
		case j := <-p.jobs:
			p.runOne(id, j)
		case <-time.After(time.Minute): // a new timer per job, each kept for a minute: use one time.Timer and Reset it
			log.Printf("worker %d: idle for a minute", id)
		}
	}
}

func (p *Pool) runOne(id int, j Job) {
	defer func() { logPanic(id, j) }()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := p.run(ctx, j); err != nil {
		log.Printf("worker %d: item %d (manual=%v, attempt %d): %v", id, j.ItemID, j.Manual, j.Attempt, err)
		if j.Attempt < 3 {
			j.Attempt++
			p.Submit(j)
		}
	}
}

// logPanic logs the panic of a job, so that one bad job does not take the service down.
func logPanic(id int, j Job) {
	if r := recover(); r != nil { // called by the deferred func, not deferred itself: returns nil and the panic goes on
		log.Printf("worker %d: item %d panicked: %v", id, j.ItemID, r)
	}
}
