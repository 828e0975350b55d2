package lockcopied

import (
	"sync"
	"sync/atomic"
)

type Counter struct {
	mu sync.Mutex
	n  int
}

type Stats struct {
	Counter // embedded: Stats holds a lock too
	name    string
}

type Shards struct {
	locks [4]sync.RWMutex
}

type Ref struct {
	mu *sync.Mutex // a pointer: copying Ref shares the lock
	n  int
}

type Hits struct {
	total atomic.Int64
}

type noCopy struct{}

func (*noCopy) Lock()   {}
func (*noCopy) Unlock() {}

type Guarded struct {
	_ noCopy
	v int
}

// Receivers and parameters.

func (c Counter) Value() int { // want `Value passes lock by value: Counter contains sync.Mutex`
	return c.n
}

func (c *Counter) Inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func (s Stats) Name() string { return s.name } // want `Name passes lock by value: Stats contains sync.Mutex`

func (s *Stats) Rename(n string) { s.name = n }

func wait(wg sync.WaitGroup) { wg.Wait() } // want `wait passes lock by value: sync.WaitGroup`

func waitPtr(wg *sync.WaitGroup) { wg.Wait() }

func lockAll(s Shards) {} // want `lockAll passes lock by value: Shards contains sync.RWMutex`

func useRef(r Ref) int { return r.n }

func count(h Hits) int64 { return h.total.Load() } // want `count passes lock by value: Hits contains sync/atomic.Int64`

func guarded(g Guarded) int { return g.v } // want `guarded passes lock by value: Guarded contains noCopy`

// Assignments, declarations, literals, returns, calls, ranges.

func copies(c *Counter, list []Counter, ptrs []*Counter) {
	c2 := *c // want `assignment copies lock value to c2: Counter contains sync.Mutex`
	c2.Inc()
	var c3 = *c // want `variable declaration copies lock value to c3`
	c3.Inc()
	c4 := Counter{} // a new value: nothing is copied
	c4.Inc()
	c5 := new(Counter)
	c5.Inc()
	s := Stats{Counter: *c} // want `literal copies lock value: Counter contains sync.Mutex`
	s.Rename("x")
	s2 := Stats{name: "fresh"}
	s2.Rename("y")
	r := Ref{mu: &c.mu}
	r2 := r
	_ = useRef(r2)
	for _, v := range list { // want `range variable copies lock value: Counter contains sync.Mutex`
		_ = v.n
	}
	for i := range list {
		list[i].Inc()
	}
	for _, p := range ptrs {
		p.Inc()
	}
	show(*c) // want `call of show copies lock value: Counter contains sync.Mutex`
	showPtr(c)
	_ = len(list)
	_ = new(sync.Mutex)
}

func show(v interface{}) {}

func showPtr(c *Counter) {}

func snapshot(c *Counter) Counter {
	return *c // want `return copies lock value: Counter contains sync.Mutex`
}

func fresh() Counter {
	return Counter{}
}

func fromCall() Counter {
	return fresh()
}
