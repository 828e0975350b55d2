package poolput

import (
	"bytes"
	"sync"
)

type record struct {
	id   int
	name string
}

type empty struct{}

var (
	slices  = sync.Pool{New: func() any { return make([]byte, 0, 1024) }}
	ptrs    = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}
	buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	records sync.Pool
	strs    sync.Pool
	maps    sync.Pool
)

func putSlice(b []byte) {
	slices.Put(b[:0]) // want `sync.Pool.Put of a \[\]byte value allocates on every call .*\(\*\[\]byte\)`
}

func putStruct(r record) {
	records.Put(r) // want `sync.Pool.Put of a record value`
}

func putString(s string) {
	strs.Put(s) // want `sync.Pool.Put of a string value`
}

func putArray(a [64]byte) {
	p := &records
	p.Put(a) // want `sync.Pool.Put of a \[64\]byte value`
}

func putSlicePointer(b *[]byte) {
	*b = (*b)[:0]
	ptrs.Put(b)
}

func putBuffer(buf *bytes.Buffer) {
	buf.Reset()
	buffers.Put(buf)
}

func putRecordPointer(r *record) {
	records.Put(r)
}

func putMap(m map[string]int) {
	maps.Put(m)
}

func putInterface(v any) {
	records.Put(v)
}

func putEmpty() {
	records.Put(empty{})
}
