package locks

import (
	"errors"
	"fmt"
	"io"
	"log"
	"sync"
)

type Cache struct {
	mu    sync.Mutex
	items map[string]string
}

// Positive: early return on a miss.
func (c *Cache) Get(key string) (string, bool) {
	c.mu.Lock() // want `c\.mu\.Lock\(\) is not released when the function returns at line 21: c\.mu stays locked`
	v, ok := c.items[key]
	if !ok {
		return "", false
	}
	c.mu.Unlock()
	return v, true
}

type Store struct {
	sync.RWMutex
	data map[int]int
}

// Positive: an embedded RWMutex, read-locked, error return.
func (s *Store) Lookup(k int) (int, error) {
	s.RLock() // want `s\.RLock\(\) is not released when the function returns at line 37.*defer s\.RUnlock\(\)`
	v, ok := s.data[k]
	if !ok {
		return 0, errors.New("missing")
	}
	s.RUnlock()
	return v, nil
}

var (
	regMu    sync.Mutex
	registry = map[string]int{}
)

// Positive: a package-level mutex, return inside a loop.
func Register(names []string) error {
	regMu.Lock() // want "regMu.Lock.. is not released when the function returns at line 53"
	for _, n := range names {
		if n == "" {
			return errors.New("empty name")
		}
		registry[n]++
	}
	regMu.Unlock()
	return nil
}

// Positive: a switch with a case that forgets to unlock.
func (c *Cache) Apply(op int, k, v string) {
	c.mu.Lock() // want "c.mu.Lock.. is not released when the function returns at line 68"
	switch op {
	case 0:
		c.items[k] = v
	case 1:
		return
	default:
		delete(c.items, k)
	}
	c.mu.Unlock()
}

// Positive: a continue skips the unlock, and the loop ends with the lock held.
func (c *Cache) Sweep(keys []string) {
	for _, k := range keys {
		c.mu.Lock() // want "c.mu.Lock.. is not released when the function ends at line 85"
		if _, ok := c.items[k]; !ok {
			break
		}
		delete(c.items, k)
		c.mu.Unlock()
	}
}

// Positive: in a goroutine's function literal.
func (c *Cache) Async(k string, done chan<- bool) {
	go func() {
		c.mu.Lock() // want "c.mu.Lock.. is not released when the function returns at line 92"
		if c.items == nil {
			return
		}
		c.items[k] = "x"
		c.mu.Unlock()
		done <- true
	}()
}

// Positive: the unlock only in the else branch.
func (c *Cache) Set(k, v string) error {
	c.mu.Lock() // want "c.mu.Lock.. is not released when the function returns at line 109"
	if v == "" {
		log.Print("empty value")
	} else {
		c.items[k] = v
		c.mu.Unlock()
	}
	return nil
}

// ---- negatives ----

// Deferred unlock.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.items == nil {
		return 0
	}
	return len(c.items)
}

// Unlocked in every branch.
func (c *Cache) Has(k string) bool {
	c.mu.Lock()
	if _, ok := c.items[k]; ok {
		c.mu.Unlock()
		return true
	}
	c.mu.Unlock()
	return false
}

// Unlocked in a deferred closure.
func (c *Cache) Clear() error {
	c.mu.Lock()
	defer func() {
		c.items = nil
		c.mu.Unlock()
	}()
	if len(c.items) == 0 {
		return errors.New("already empty")
	}
	return nil
}

// A lock helper pair.
func (c *Cache) lock()   { c.mu.Lock() }
func (c *Cache) unlock() { c.mu.Unlock() }

func (c *Cache) Put(k, v string) {
	c.lock()
	defer c.unlock()
	c.items[k] = v
}

// Acquires for the caller on every path: by design.
func (c *Cache) acquireItems() map[string]string {
	c.mu.Lock()
	return c.items
}

// Released through a helper of the package on the early path.
func (c *Cache) Drop(k string) {
	c.mu.Lock()
	if k == "" {
		c.unlock()
		return
	}
	delete(c.items, k)
	c.mu.Unlock()
}

// TryLock: held only on the true branch.
func (c *Cache) TryGet(k string) (string, bool) {
	if !c.mu.TryLock() {
		return "", false
	}
	v := c.items[k]
	c.mu.Unlock()
	return v, true
}

// A sync.Cond wait loop.
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

// Released before a panic; log.Fatal paths do not return.
func (c *Cache) Must(k string) string {
	c.mu.Lock()
	v, ok := c.items[k]
	if !ok {
		c.mu.Unlock()
		panic("missing " + k)
	}
	if v == "" {
		log.Fatalf("empty %s", k)
	}
	c.mu.Unlock()
	return v
}

// The panic path keeps the lock: the program is going down (or recovers upstream).
func (c *Cache) MustNot(k string) {
	c.mu.Lock()
	if k == "" {
		panic("empty key")
	}
	c.mu.Unlock()
}

// A mutex parameter.
func withLock(mu *sync.Mutex, ok bool) bool {
	mu.Lock()
	if !ok {
		return false
	}
	mu.Unlock()
	return true
}

// The unlock handed to the caller.
func (c *Cache) hold() func() {
	c.mu.Lock()
	if c.items == nil {
		c.mu.Unlock()
		return func() {}
	}
	return c.mu.Unlock
}

// The unlock done by a goroutine.
func (c *Cache) Later(k string, ch chan struct{}) {
	c.mu.Lock()
	if k == "" {
		go func() {
			<-ch
			c.mu.Unlock()
		}()
		return
	}
	c.mu.Unlock()
}

// Two different mutexes, each released.
type Pair struct {
	a, b sync.Mutex
}

func (p *Pair) Both(x bool) {
	p.a.Lock()
	p.b.Lock()
	if x {
		p.b.Unlock()
		p.a.Unlock()
		return
	}
	p.a.Unlock()
	p.b.Unlock()
}

// Locks each element in turn, released by a deferred closure.
func LockAll(ms []*sync.Mutex) {
	for _, m := range ms {
		m.Lock()
	}
	defer func() {
		for _, m := range ms {
			m.Unlock()
		}
	}()
}

// A deferred unlock registered before the lock is taken again.
func (c *Cache) Slow(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := 0; i < 3; i++ {
		c.mu.Unlock()
		work()
		c.mu.Lock()
		if c.items[k] != "" {
			return
		}
	}
}

func work() {}

// Returns the locked entry to the caller on success.
type entry struct {
	mu   sync.Mutex
	dead bool
}

func lookup(m map[string]*entry, k string) *entry {
	e := m[k]
	e.mu.Lock()
	if e.dead {
		e.mu.Unlock()
		return nil
	}
	return e
}

// An acquire helper: returns with the lock held when it succeeds.
func (c *Cache) acquireItemsLock() error {
	c.mu.Lock()
	if c.items == nil {
		c.mu.Unlock()
		return errors.New("closed")
	}
	return nil
}

type Server struct {
	mu  sync.Mutex
	m   map[string]string
	out io.Writer
}

// Positive: calls of interfaces and other packages in between do not hide the leak.
func (s *Server) Handle(w io.Writer, k string) error {
	s.mu.Lock() // want "s.mu.Lock.. is not released when the function returns at line 342"
	v, ok := s.m[k]
	if !ok {
		return fmt.Errorf("no %s", k)
	}
	if _, err := s.out.Write([]byte(v)); err != nil {
		s.mu.Unlock()
		return err
	}
	s.mu.Unlock()
	return nil
}
