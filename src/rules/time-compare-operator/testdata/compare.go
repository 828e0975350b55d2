package compare

import "time"

type Event struct {
	Name string
	At   time.Time
}

type Envelope struct {
	Event Event
	Seq   int
}

type Ref struct {
	Name string
	At   *time.Time
}

type Window [2]time.Time

func compare(loc *time.Location, a, b time.Time, e1, e2 Event, env1, env2 Envelope, w1, w2 Window, r1, r2 Ref, v any) bool {
	if a == b { // want `== on time\.Time compares the monotonic clock reading and the location too, so equal instants can compare unequal; use a\.Equal\(b\)`
		return true
	}
	if a != b { // want `use !a\.Equal\(b\)`
		return false
	}
	if a == (time.Time{}) { // want `use a\.IsZero\(\)`
		return false
	}
	_ = e1 == e2     // want `== compares values containing a time\.Time \(At\)`
	_ = env1 != env2 // want `!= compares values containing a time\.Time \(Event\.At\)`
	_ = w1 == w2     // want `containing a time\.Time \(\[i\]\)`

	// near misses: Equal and IsZero, pointers to times, fields without times, interfaces
	_ = a.Equal(b)
	_ = a.IsZero()
	_ = &a == &b
	_ = r1 == r2
	_ = e1.Name == e2.Name
	_ = v == any(a)
	_ = a.Before(b) || a.After(b)
	_ = a.Unix() == b.Unix()
	_ = a.UTC() == b.UTC()
	_ = a.In(loc) == b.In(loc)
	_ = a.UTC() == b // want `use a\.UTC\(\)\.Equal\(b\)`
	return false
}

var seen = map[time.Time]bool{} // want `time\.Time as a map key: the same instant with another location or monotonic reading is another key`

var byEvent map[Event]int // want `map key containing a time\.Time \(At\)`

var byNano = map[int64]bool{}

var byRef = map[Ref]int{}

var byName map[string]time.Time
