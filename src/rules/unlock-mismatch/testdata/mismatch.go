package locks

import (
	"errors"
	"log"
	"sync"
)

type Store struct {
	mu   sync.RWMutex
	data map[string]string
}

// Positive: RLock released with a deferred Unlock.
func (s *Store) Get(k string) string {
	s.mu.RLock()
	defer s.mu.Unlock() // want `s\.mu\.Unlock\(\) releases the read lock taken by s\.mu\.RLock\(\) at line 16: .*fatal error \("sync: Unlock of unlocked RWMutex"\)`
	return s.data[k]
}

// Positive: Lock released with RUnlock.
func (s *Store) Put(k, v string) {
	s.mu.Lock()
	s.data[k] = v
	s.mu.RUnlock() // want `s\.mu\.RUnlock\(\) releases the write lock taken by s\.mu\.Lock\(\) at line 23.*use s\.mu\.Unlock\(\)`
}

type Counter struct {
	mu sync.Mutex
	n  int
}

// Positive: defer Lock right after Lock.
func (c *Counter) Inc() {
	c.mu.Lock()
	defer c.mu.Lock() // want `defer c\.mu\.Lock\(\) while c\.mu is locked \(line 35\) locks it again when the function returns.*write defer c\.mu\.Unlock\(\)`
	c.n++
}

// Positive: a second unlock on the error path.
func (c *Counter) Dec() error {
	c.mu.Lock()
	if c.n == 0 {
		c.mu.Unlock()
		return errors.New("zero")
	}
	c.n--
	c.mu.Unlock()
	c.mu.Unlock() // want `c\.mu\.Unlock\(\) runs when c\.mu is already unlocked on every path here.*"sync: unlock of unlocked mutex"`
	return nil
}

// Positive: unlocked in both branches, then again.
func (s *Store) Move(from, to string) {
	s.mu.Lock()
	if v, ok := s.data[from]; ok {
		s.data[to] = v
		s.mu.Unlock()
	} else {
		s.mu.Unlock()
	}
	s.mu.Unlock() // want `s\.mu\.Unlock\(\) runs when s\.mu is already unlocked.*"sync: Unlock of unlocked RWMutex"`
}

// Positive: the read lock of an embedded RWMutex, with Unlock in a branch.
type Table struct {
	sync.RWMutex
	rows []string
}

func (t *Table) First() (string, bool) {
	t.RLock()
	if len(t.rows) == 0 {
		t.Unlock() // want `t\.Unlock\(\) releases the read lock taken by t\.RLock\(\) at line 72`
		return "", false
	}
	r := t.rows[0]
	t.RUnlock()
	return r, true
}

// Positive: a deferred RLock after RLock.
func (t *Table) Len() int {
	t.RLock()
	defer t.RLock() // want `defer t\.RLock\(\) while t is locked.*write defer t\.RUnlock\(\)`
	return len(t.rows)
}

// ---- negatives ----

// Matching deferred unlocks.
func (s *Store) Has(k string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, ok := s.data[k]
	return ok
}

// Released in every branch.
func (c *Counter) Get() int {
	c.mu.Lock()
	if c.n < 0 {
		c.mu.Unlock()
		return 0
	}
	n := c.n
	c.mu.Unlock()
	return n
}

// Unlocks the caller's lock: no lock in this function.
func (c *Counter) unlockAndLog() {
	c.mu.Unlock()
	log.Print("released")
}

// Releases the caller's lock around slow work, then takes it back.
func (c *Counter) waitLocked(ch chan int) {
	c.mu.Unlock()
	c.n = <-ch
	c.mu.Lock()
}

// Locked on one path only: the caller may hold it on the other.
func (c *Counter) maybe(x bool) {
	if x {
		c.mu.Lock()
		c.n++
		c.mu.Unlock()
	}
	c.mu.Unlock()
}

// A helper pair of the package.
func (c *Counter) lock() { c.mu.Lock() }

func (c *Counter) Twice() {
	c.mu.Lock()
	c.mu.Unlock()
	c.lock()
	c.mu.Unlock()
}

// TryLock: held only on success.
func (c *Counter) Try() bool {
	if c.mu.TryLock() {
		c.n++
		c.mu.Unlock()
		return true
	}
	return false
}

// Unlock in a deferred closure.
func (s *Store) Clear() {
	s.mu.Lock()
	defer func() {
		s.mu.Unlock()
	}()
	s.data = nil
}

// Two different mutexes.
type Pair struct {
	a, b sync.Mutex
}

func (p *Pair) Swap() {
	p.a.Lock()
	p.a.Unlock()
	p.b.Lock()
	p.b.Unlock()
}

// A goroutine takes the lock between the two unlocks.
func (c *Counter) Handoff(done chan bool) {
	c.mu.Lock()
	c.mu.Unlock()
	go func() {
		c.mu.Lock()
		done <- true
	}()
	<-done
	c.mu.Unlock()
}

// A Cond wait loop.
type Queue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

func (q *Queue) Pop() int {
	q.mu.Lock()
	for len(q.items) == 0 {
		q.cond.Wait()
	}
	x := q.items[0]
	q.items = q.items[1:]
	q.mu.Unlock()
	return x
}

// Unlock in a loop that relocks.
func (c *Counter) Spin(n int) {
	c.mu.Lock()
	for i := 0; i < n; i++ {
		c.mu.Unlock()
		c.mu.Lock()
	}
	c.mu.Unlock()
}

// A mutex of a loop variable: each iteration is another one.
func unlockAll(cs []*Counter) {
	for _, c := range cs {
		c.mu.Lock()
		c.n = 0
		c.mu.Unlock()
	}
}

// Two read locks, two read unlocks.
func (t *Table) Double() int {
	t.RLock()
	n := len(t.rows)
	t.RLock()
	n += len(t.rows)
	t.RUnlock()
	t.RUnlock()
	return n
}
