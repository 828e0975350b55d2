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

func (p *Pool) work(id int) {
	for {
		select {
		case <-p.quit:
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
