package forselect

import (
	"context"
	"log"
	"sync"
	"time"
)

type Cache struct {
	items map[string]string
	evict chan string
	quit  chan struct{}
}

// --- positives ---

func (c *Cache) Start() {
	go c.loop()
}

func (c *Cache) loop() {
	ticker := time.NewTicker(time.Minute)
	defer ticker.Stop()
	for { // want `goroutine's for-select loop \(waiting on c.evict, ticker.C\) has no way out`
		select {
		case key := <-c.evict:
			delete(c.items, key)
		case <-ticker.C:
			c.items = map[string]string{}
		}
	}
}

func literal(jobs <-chan int, results chan<- int) {
	go func() {
		for { // want `waiting on jobs, a send on results\) has no way out`
			select {
			case j := <-jobs:
				_ = j
			case results <- 1:
			}
		}
	}()
}

func tickerRange(ctx context.Context, poll func()) {
	go func() {
		ticker := time.NewTicker(time.Second)
		defer ticker.Stop()
		for range ticker.C { // want `range loop over a ticker \(waiting on ticker.C\) has no way out`
			poll()
		}
	}()
}

func tick(poll func()) {
	go tickLoop(poll)
}

func tickLoop(poll func()) {
	for t := range time.Tick(time.Second) { // want `waiting on time.Tick\(time.Second\)`
		_ = t
		poll()
	}
}

// An unlabeled break in a select case leaves the select, not the loop.
func (c *Cache) breakOnlySelect() {
	go func() {
		for { // want `has no way out`
			select {
			case <-c.quit:
				break
			case key := <-c.evict:
				delete(c.items, key)
			}
		}
	}()
}

// A goroutine literal that calls the function runs it.
func (c *Cache) wrapped(wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		c.drain()
	}()
}

func (c *Cache) drain() {
	stopped := false
	for { // want `has no way out`
		select {
		case <-c.quit:
			stopped = true
		case key := <-c.evict:
			if stopped {
				continue
			}
			delete(c.items, key)
		}
	}
}

// --- negatives ---

func (c *Cache) withContext(ctx context.Context) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case key := <-c.evict:
				delete(c.items, key)
			}
		}
	}()
}

func (c *Cache) labeledBreak() {
	go func() {
	loop:
		for {
			select {
			case <-c.quit:
				break loop
			case key := <-c.evict:
				delete(c.items, key)
			}
		}
		log.Println("stopped")
	}()
}

// A ticker loop that returns on a done channel.
func (c *Cache) tickerWithDone(poll func()) {
	go func() {
		ticker := time.NewTicker(time.Second)
		defer ticker.Stop()
		for range ticker.C {
			select {
			case <-c.quit:
				return
			default:
			}
			poll()
		}
	}()
}

// Not a goroutine: the caller blocks in it and decides.
func (c *Cache) Serve() {
	for {
		select {
		case key := <-c.evict:
			delete(c.items, key)
		}
	}
}

// runForever evicts keys for the life of the process.
func (c *Cache) runForever() {
	for {
		select {
		case key := <-c.evict:
			delete(c.items, key)
		}
	}
}

func (c *Cache) startForever() {
	go c.runForever()
}

func (c *Cache) panics() {
	go func() {
		for {
			select {
			case key, ok := <-c.evict:
				if !ok {
					panic("evict channel closed")
				}
				delete(c.items, key)
			}
		}
	}()
}

func (c *Cache) fatal() {
	go func() {
		for {
			select {
			case <-c.quit:
				log.Fatal("quit")
			case key := <-c.evict:
				delete(c.items, key)
			}
		}
	}()
}

func (c *Cache) withGoto() {
	go func() {
		for {
			select {
			case <-c.quit:
				goto done
			case key := <-c.evict:
				delete(c.items, key)
			}
		}
	done:
		log.Println("done")
	}()
}

// A range over a channel ends when the channel is closed.
func (c *Cache) rangeChannel() {
	go func() {
		for key := range c.evict {
			delete(c.items, key)
		}
	}()
}

func (c *Cache) commaOk() {
	go func() {
		for {
			select {
			case key, ok := <-c.evict:
				if !ok {
					return
				}
				delete(c.items, key)
			}
		}
	}()
}

func (c *Cache) condLoop(stop *bool) {
	go func() {
		for !*stop {
			select {
			case key := <-c.evict:
				delete(c.items, key)
			}
		}
	}()
}

// A return after the select, checked on every iteration.
func (c *Cache) checkAfter() {
	go func() {
		for {
			stopped := false
			select {
			case <-c.quit:
				stopped = true
			case key := <-c.evict:
				delete(c.items, key)
			}
			if stopped {
				return
			}
		}
	}()
}

var ticks = make(chan int)

func init() {
	go func() {
		for {
			select {
			case ticks <- 1:
			}
		}
	}()
}

var (
	enable  = make(chan uint32)
	disable = make(chan uint32)
	started bool
)

// A goroutine serving package-level channels belongs to the package, for the process's life.
func ensureMasker() {
	if started {
		return
	}
	started = true
	go func() {
		for {
			select {
			case s := <-enable:
				_ = s
			case s := <-disable:
				_ = s
			}
		}
	}()
}
