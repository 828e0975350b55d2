package counters

import (
	"sync"
	"sync/atomic"
)

type Stats struct {
	hits   int64
	misses int64
	ready  uint32
	other  int64
}

var requests int64

func (s *Stats) Hit() {
	atomic.AddInt64(&s.hits, 1)
}

func (s *Stats) Hits() int64 {
	return s.hits // want `s.hits is updated with atomic.AddInt64 elsewhere but read here without sync/atomic, a data race with those updates; use atomic.LoadInt64\(&s.hits\), or declare it as an atomic.Int64`
}

// A read into the blank identifier is a hint to the race detector (sync.RWMutex's _ = rw.w.state).
func (s *Stats) Touch() {
	_ = s.hits
}

func (s *Stats) HitsSafe() int64 {
	return atomic.LoadInt64(&s.hits)
}

func (s *Stats) Reset() {
	s.hits = 0 // want `s.hits is updated with atomic.AddInt64 elsewhere but written here .* use atomic.StoreInt64\(&s.hits, v\)`
}

func (s *Stats) ResetSafe() {
	atomic.StoreInt64(&s.hits, 0)
}

func (s *Stats) MarkReady() {
	atomic.StoreUint32(&s.ready, 1)
}

func (s *Stats) IsReady() bool {
	return s.ready == 1 // want `s.ready is updated with atomic.StoreUint32`
}

func (s *Stats) Miss() {
	s.misses = atomic.AddInt64(&s.misses, 1) // want `direct assignment to atomic value`
}

func (s *Stats) Other() int64 {
	// never updated atomically: plain access is the rule's business only with atomics
	s.other++
	return s.other
}

func Serve() {
	atomic.AddInt64(&requests, 1)
}

func Requests() int64 {
	return requests // want `requests is updated with atomic.AddInt64`
}

func NewStats() *Stats {
	return &Stats{hits: 0, ready: 0}
}

func Count(n int) int64 {
	var total int64
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			atomic.AddInt64(&total, 1)
		}()
	}
	wg.Wait()
	return total
}

func Load() int64 {
	return atomic.LoadInt64(&requests)
}

func Sequential() int64 {
	atomic.AddInt64(&requests, 1)
	return requests
}

func newStatsWith(n int64) *Stats {
	s := &Stats{}
	s.hits = n
	return s
}

// A reference count (x/net/trace's eventLog): reset to zero when the last reference is gone and
// the value is recycled.
type eventLog struct {
	refs  int32
	title string
}

func (el *eventLog) ref() { atomic.AddInt32(&el.refs, 1) }

func (el *eventLog) unref() {
	if atomic.AddInt32(&el.refs, -1) == 0 {
		el.reset()
	}
}

func (el *eventLog) reset() {
	el.title = ""
	el.refs = 0
}

// Reading a reference count plainly still races with the updates.
func (el *eventLog) shared() bool {
	return el.refs > 1 // want `el.refs is updated with atomic.AddInt32 elsewhere but read here`
}
