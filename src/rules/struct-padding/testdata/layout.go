package layout

import (
	"sync"
	"time"
)

type S1 struct { // want `struct S1 of size 32 could be 16 bytes on 64-bit platforms: order the fields b, d, e, a, c`
	a int8
	b int64
	c int8
	d int32
	e int16
}

type S2 struct {
	b int64
	d int32
	e int16
	a int8
	c int8
}

type Flags struct { // want `struct Flags of size 24 could be 16`
	enabled bool
	count   int64
	visible bool
}

type FlagsPacked struct {
	count   int64
	enabled bool
	visible bool
}

type Entry struct { // want `struct Entry of size 56 could be 48`
	deleted bool
	key     string
	ok      bool
	at      time.Time
}

type EntryPacked struct {
	key     string
	at      time.Time
	deleted bool
	ok      bool
}

type (
	Grouped struct { // want `struct Grouped of size 24 could be 16`
		small uint16
		ptr   *int
		tiny  uint8
	}
	Guarded struct { // want `struct Guarded of size 32 could be 24 bytes on 64-bit platforms: order the fields n, mu, ready, done`
		ready bool
		n     int64
		mu    sync.Mutex
		done  bool
	}
)

// Deliberate padding: blank fields keep their place.
type Padded struct {
	hot  uint64
	_    [56]byte
	cold uint8
	next uint64
}

// A type parameter's size is not known.
type Pair[T any] struct {
	flag  bool
	value T
	other bool
}

// Already optimal although padded at the end.
type Tail struct {
	n    int64
	flag bool
}

// A standard struct whose size is unknown to the model: silent.
type WithTimer struct {
	a bool
	t time.Timer
	b bool
}

// Encoders write tagged fields in declaration order (encoding/xml's tests: a comment between two
// elements), so the order is part of the output.
type DirectComment struct {
	T1      bool   `xml:"t1"`
	Comment string `xml:",comment"`
	T2      bool   `xml:"t2"`
}

// The same fields untagged: their order is free.
type Untagged struct { // want `struct Untagged of size 32 could be 24 bytes on 64-bit platforms: order the fields Comment, T1, T2`
	T1      bool
	Comment string
	T2      bool
}
