package jsonembed

import (
	"encoding/json"
	"net/netip"
	"time"
)

// Marshalled below: the promoted time.Time.MarshalJSON takes over.
type Event struct {
	ID        int
	time.Time // want `MarshalJSON and UnmarshalJSON are promoted from embedded time\.Time to Event, so encoding/json reads and writes Event as a time\.Time alone and drops ID`
}

// Tagged for JSON, never marshalled in this package.
type Audit struct {
	*time.Time        // want `promoted from embedded \*time\.Time to Audit`
	User       string `json:"user"`
}

type Level int

func (l Level) MarshalText() ([]byte, error) { return []byte("info"), nil }

// Only encoded: MarshalText is the fallback encoding/json uses.
type Entry struct {
	Level   // want `MarshalText is promoted from embedded Level to Entry, so encoding/json writes Entry as a Level alone and drops Message`
	Message string
}

type Raw struct{ data []byte }

func (r *Raw) UnmarshalJSON(b []byte) error { r.data = b; return nil }

// Only decoded, through a pointer: the pointer method is promoted to *Request.
type Request struct {
	Raw  // want `UnmarshalJSON is promoted from embedded Raw to Request, so encoding/json decodes Request as a Raw alone and leaves Name unset`
	Name string
}

// Reached through a slice in another marshalled value.
type Peer struct {
	netip.Addr // want `promoted from embedded netip\.Addr to Peer`
	Port       int
}

// The time.Time at depth one wins over the one inside Since, at depth two.
type Span struct {
	time.Time // want `MarshalJSON is promoted from embedded time\.Time to Span, so encoding/json writes Span as a time\.Time alone and drops Since, Label`
	Since
	Label string
}

type Since struct{ time.Time }

type Batch struct {
	Spans []*Span
	Peers []Peer
}

func use() {
	_, _ = json.Marshal(Event{ID: 1, Time: time.Now()})
	_ = json.Unmarshal([]byte(`{}`), &Event{})
	_, _ = json.Marshal(Entry{Message: "x"})
	_ = json.NewDecoder(nil).Decode(&Request{})
	_, _ = json.MarshalIndent(Batch{}, "", "  ")
}
