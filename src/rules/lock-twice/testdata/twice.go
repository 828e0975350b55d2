package locks

import (
	"errors"
	"sync"
)

type Counter struct {
	mu sync.Mutex
	n  map[string]int
}

// Positive: the same mutex locked twice.
func (c *Counter) Reset() {
	c.mu.Lock()
	c.n = map[string]int{}
	c.mu.Lock() // want `c\.mu\.Lock\(\) while this function already holds c\.mu\.Lock\(\) from line 15 on every path here: sync\.Mutex is not reentrant`
	c.mu.Unlock()
}

func (c *Counter) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.n)
}

// Positive: a method of the same receiver that locks the same mutex.
func (c *Counter) Add(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[k]++
	return c.Len() // want `c\.Len\(\) calls Lock\(\) on c\.mu \(line 22\) while this function holds c\.mu\.Lock\(\) from line 29`
}

type Table struct {
	sync.RWMutex
	rows []string
}

// Positive: RLock while holding Lock (embedded RWMutex).
func (t *Table) Append(r string) int {
	t.Lock()
	defer t.Unlock()
	t.rows = append(t.rows, r)
	t.RLock() // want `t\.RLock\(\) while this function already holds t\.Lock\(\) from line 42.*the read lock waits for the writer`
	n := len(t.rows)
	t.RUnlock()
	return n
}

// Positive: an upgrade from a read lock to a write lock.
func (t *Table) Ensure(r string) {
	t.RLock()
	defer t.RUnlock()
	for _, x := range t.rows {
		if x == r {
			return
		}
	}
	t.Lock() // want `t\.Lock\(\) while this function already holds t\.RLock\(\) from line 53.*Lock waits for every reader to leave`
	t.rows = append(t.rows, r)
	t.Unlock()
}

func (t *Table) Count() int {
	t.RLock()
	defer t.RUnlock()
	return len(t.rows)
}

// Positive: a write-locked method calling a read-locking one.
func (t *Table) Compact() int {
	t.Lock()
	defer t.Unlock()
	t.rows = t.rows[:0:0]
	return t.Count() // want `t\.Count\(\) calls RLock\(\) on t \(line 66\) while this function holds t\.Lock\(\) from line 73`
}

var (
	mu    sync.Mutex
	names []string
)

func register(n string) {
	mu.Lock()
	names = append(names, n)
	mu.Unlock()
}

// Positive: a package-level mutex and a function that locks it.
func RegisterAll(ns []string) {
	mu.Lock()
	defer mu.Unlock()
	for _, n := range ns {
		register(n) // want `register\(\) calls Lock\(\) on mu \(line 85\) while this function holds mu\.Lock\(\) from line 92`
	}
}

// Positive: locked on both branches, then again.
func (c *Counter) Both(x bool) error {
	if x {
		c.mu.Lock()
	} else {
		c.mu.Lock()
		c.n = nil
	}
	c.mu.Lock() // want "c.mu.Lock.. while this function already holds c.mu.Lock.. from line"
	defer c.mu.Unlock()
	return errors.New("x")
}

// ---- negatives ----

// Lock, unlock, lock again.
func (c *Counter) Twice() {
	c.mu.Lock()
	c.n["a"]++
	c.mu.Unlock()
	c.mu.Lock()
	c.n["b"]++
	c.mu.Unlock()
}

// Locked on one branch only.
func (c *Counter) Maybe(x bool) {
	if x {
		c.mu.Lock()
		c.n = nil
		c.mu.Unlock()
	}
	c.mu.Lock()
	c.mu.Unlock()
}

// Two different mutexes.
type Pair struct {
	a, b sync.Mutex
}

func (p *Pair) Both() {
	p.a.Lock()
	p.b.Lock()
	p.b.Unlock()
	p.a.Unlock()
}

// Two different objects of the same type.
func swap(x, y *Counter) {
	x.mu.Lock()
	y.mu.Lock()
	x.n, y.n = y.n, x.n
	y.mu.Unlock()
	x.mu.Unlock()
}

// A helper of the package unlocks in between.
func (c *Counter) unlock() { c.mu.Unlock() }

func (c *Counter) Relock() {
	c.mu.Lock()
	c.unlock()
	c.mu.Lock()
	c.mu.Unlock()
}

// Unlocked and relocked around slow work with a deferred unlock.
func (c *Counter) Slow() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := 0; i < 3; i++ {
		c.mu.Unlock()
		c.mu.Lock()
	}
}

// TryLock: not held when it fails.
func (c *Counter) Try() {
	if !c.mu.TryLock() {
		c.mu.Lock()
	}
	c.mu.Unlock()
}

// Read lock taken twice is not reported.
func (t *Table) Nested() int {
	t.RLock()
	defer t.RUnlock()
	return t.Count()
}

// A Cond wait loop.
type Queue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

func (q *Queue) Pop() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.cond.Wait()
	}
	x := q.items[0]
	q.items = q.items[1:]
	return x
}

// Locks each element of a slice in turn.
func lockAll(cs []*Counter) {
	for _, c := range cs {
		c.mu.Lock()
	}
}

// A method that locks only conditionally.
func (c *Counter) get(locked bool) int {
	if !locked {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	return len(c.n)
}

func (c *Counter) Get() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.get(true)
}

// A goroutine may take the lock later.
func (c *Counter) Spawn() {
	c.mu.Lock()
	go c.Len()
	c.mu.Unlock()
}

// A function value may unlock.
func (c *Counter) With(f func()) {
	c.mu.Lock()
	f()
	c.mu.Lock()
	c.mu.Unlock()
}

// A mutex used as a signal: a goroutine unlocks it.
func waitDone(work func()) {
	var m sync.Mutex
	m.Lock()
	go func() {
		work()
		m.Unlock()
	}()
	m.Lock()
}
