package jsonembed

import (
	"encoding/json"
	"sync"
	"time"
)

// A named field: encoded as {"ID":..,"At":..}.
type Named struct {
	ID int
	At time.Time
}

// The outer type has its own MarshalJSON: it wins over the promoted one.
type Custom struct {
	ID int
	time.Time
}

func (c Custom) MarshalJSON() ([]byte, error) { return json.Marshal(c.ID) }

// No other encoded field: only the time is there to encode anyway.
type Stamp struct {
	time.Time
	note string
}

// Two embedded marshalers at the same depth: neither method is promoted.
type Window struct {
	From
	Until
	Label string
}

type From struct{}

func (From) MarshalJSON() ([]byte, error) { return []byte("0"), nil }

type Until struct{}

func (Until) MarshalJSON() ([]byte, error) { return []byte("1"), nil }

// Embeds a time but is never used with encoding/json and has no json tags.
type Timer struct {
	time.Time
	Count int
}

// Embeds a type without JSON methods.
type Guarded struct {
	sync.Mutex
	Count int `json:"count"`
}

// Other fields all skipped by tags.
type Skipped struct {
	time.Time
	Internal string `json:"-"`
}

func useSafe() {
	_, _ = json.Marshal(Named{})
	_, _ = json.Marshal(Custom{})
	_, _ = json.Marshal(Stamp{})
	_, _ = json.Marshal(Window{})
	_, _ = json.Marshal(&Guarded{})
	_, _ = json.Marshal(Skipped{})
	_ = Timer{}
}
