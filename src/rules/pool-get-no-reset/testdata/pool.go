package pool

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
)

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// --- positives ---

func render(name string) string {
	buf := bufPool.Get().(*bytes.Buffer) // want `buf from bufPool.Get\(\) is used at line 19 \(WriteString\) without a reset, and the Put at line 18 puts objects back unreset`
	defer bufPool.Put(buf)
	buf.WriteString("hello, ")
	buf.WriteString(name)
	return buf.String()
}

func format(v int) string {
	buf := bufPool.Get().(*bytes.Buffer) // want `used at line 26 \(Fprintf\) without a reset`
	fmt.Fprintf(buf, "%d", v)
	s := buf.String()
	bufPool.Put(buf)
	return s
}

func encode(v any) ([]byte, error) {
	buf := bufPool.Get().(*bytes.Buffer) // want `buf from bufPool.Get\(\) is used at line 34 \(NewEncoder\)`
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		return nil, err
	}
	out := append([]byte(nil), buf.Bytes()...)
	bufPool.Put(buf)
	return out, nil
}

func resetSometimes(fresh bool, s string) string {
	buf := bufPool.Get().(*bytes.Buffer) // want `used at line 47 \(WriteString\) without a reset`
	if fresh {
		buf.Reset()
	}
	buf.WriteString(s)
	out := buf.String()
	bufPool.Put(buf)
	return out
}

var builderPool = sync.Pool{New: func() any { return new(strings.Builder) }}

func join(parts []string) string {
	sb := builderPool.Get().(*strings.Builder) // want `sb from builderPool.Get\(\) is used at line 58 \(WriteString\)`
	for _, p := range parts {
		sb.WriteString(p)
	}
	s := sb.String()
	builderPool.Put(sb)
	return s
}

var bytesPool = sync.Pool{New: func() any { return make([]byte, 0, 64) }}

func appendAll(parts [][]byte) int {
	b := bytesPool.Get().([]byte) // want `b from bytesPool.Get\(\) is used at line 70 \(append\) without a reset, and the Put at line 73.*call b = b\[:0\] right after Get`
	for _, p := range parts {
		b = append(b, p...)
	}
	n := len(b)
	bytesPool.Put(b) //nolint:staticcheck
	return n
}

var slicePool = sync.Pool{New: func() any { s := make([]byte, 0, 64); return &s }}

func appendPtr(p []byte) int {
	bp := slicePool.Get().(*[]byte) // want `bp from slicePool.Get\(\) is used at line 81 \(append\).*call \*bp = \(\*bp\)\[:0\] right after Get`
	*bp = append(*bp, p...)
	n := len(*bp)
	slicePool.Put(bp)
	return n
}

type server struct{ pool sync.Pool }

func (s *server) handle(w io.Writer, msg string) {
	buf := s.pool.Get().(*bytes.Buffer) // want `buf from s.pool.Get\(\) is used at line 91 \(WriteString\)`
	buf.WriteString(msg)
	w.Write(buf.Bytes())
	s.pool.Put(buf)
}

// --- negatives ---

func resetFirst(name string) string {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	buf.WriteString(name)
	return buf.String()
}

func truncated(name string) string {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Truncate(0)
	buf.WriteString(name)
	s := buf.String()
	bufPool.Put(buf)
	return s
}

// Every Put of cleanPool resets: what Get returns is clean.
var cleanPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putClean(b *bytes.Buffer) {
	b.Reset()
	cleanPool.Put(b)
}

func useClean(name string) string {
	buf := cleanPool.Get().(*bytes.Buffer)
	buf.WriteString(name)
	s := buf.String()
	putClean(buf)
	return s
}

func useCleanInline(name string) string {
	buf := cleanPool.Get().(*bytes.Buffer)
	buf.WriteString(name)
	s := buf.String()
	buf.Reset()
	cleanPool.Put(buf)
	return s
}

func resliced(parts [][]byte) int {
	b := bytesPool.Get().([]byte)
	b = b[:0]
	for _, p := range parts {
		b = append(b, p...)
	}
	n := len(b)
	bytesPool.Put(b) //nolint:staticcheck
	return n
}

func reslicedPtr(p []byte) int {
	bp := slicePool.Get().(*[]byte)
	*bp = (*bp)[:0]
	*bp = append(*bp, p...)
	n := len(*bp)
	slicePool.Put(bp)
	return n
}

var scratchPool = sync.Pool{New: func() any { return make([]byte, 32*1024) }}

// A slice used whole, as scratch space for a read: its old content does not matter.
func copyWith(dst io.Writer, src io.Reader) (int64, error) {
	buf := scratchPool.Get().([]byte)
	defer scratchPool.Put(buf) //nolint:staticcheck
	return io.CopyBuffer(dst, src, buf)
}

// A helper that hands the buffer out: its callers decide.
func getBuffer() *bytes.Buffer {
	return bufPool.Get().(*bytes.Buffer)
}

// A pool nothing is put back into hands out New's fresh objects only.
var oncePool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func fresh(name string) string {
	buf := oncePool.Get().(*bytes.Buffer)
	buf.WriteString(name)
	return buf.String()
}

// Put back before any use.
func unused(skip bool) {
	buf := bufPool.Get().(*bytes.Buffer)
	if skip {
		bufPool.Put(buf)
		return
	}
	buf.Reset()
	buf.WriteString("x")
	bufPool.Put(buf)
}

func fill(b *bytes.Buffer) {
	b.Reset()
	b.WriteString("filled")
}

// Handed to a function first: not followed.
func handedOn() string {
	buf := bufPool.Get().(*bytes.Buffer)
	fill(buf)
	s := buf.String()
	bufPool.Put(buf)
	return s
}
