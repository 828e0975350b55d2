package pins

import (
	"bytes"
	"io"
	"os"
	"slices"
)

type Foo struct {
	v []byte
}

func keepFirstTwoElementsOnly(foos []Foo) []Foo {
	return foos[:2] // want `returning foos\[:2\] keeps the whole backing array of the parameter foos and everything its elements point to alive for as long as this 2-element window lives`
}

type header struct {
	magic []byte
	names []string
}

func (h *header) parse(data []byte) {
	h.magic = data[:4] // want `storing data\[:4\] keeps the whole backing array of the parameter data alive`
}

func (h *header) firstNames(all []string) {
	h.names = all[1:3] // want "storing all\\[1:3\\]"
}

var lastUsers []*Foo

func remember(users []*Foo) {
	lastUsers = users[:1] // want "storing users\\[:1\\] keeps .* this 1-element window lives"
}

func magic(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return data[:8], nil // want "returning data\\[:8\\] keeps the whole buffer read into data alive"
}

func prefix(r io.Reader) []byte {
	b, _ := io.ReadAll(r)
	return b[2:6] // want "returning b\\[2:6\\]"
}

func firstPtrs(ps []*int) []*int {
	return ps[:3] // want "returning ps\\[:3\\]"
}

// Near misses.

func byteWindow(b []byte) []byte {
	return b[:4] // the caller's buffer: zero-copy parsing
}

func copied(foos []Foo) []Foo {
	return append([]Foo(nil), foos[:2]...)
}

func cloned(foos []Foo, data []byte) ([]Foo, []byte) {
	return slices.Clone(foos[:2]), bytes.Clone(data[:4])
}

func made(foos []Foo) []Foo {
	res := make([]Foo, 2)
	copy(res, foos)
	return res
}

func computed(foos []Foo, n int) []Foo {
	return foos[:n]
}

func tail(foos []Foo) []Foo {
	return foos[1:]
}

func reset(buf []*Foo) []*Foo {
	return buf[:0]
}

func ints(xs []int) []int {
	return xs[:2] // no pointers in the elements
}

func local() []Foo {
	foos := make([]Foo, 10)
	return foos[:2]
}

func generic[T any](s []T) []T {
	return s[:1]
}

func big(foos []Foo) []Foo {
	return foos[:1000]
}

func (h *header) localOnly(data []byte) {
	m := data[:4]
	_ = m
}

func wrap(args []any) []any {
	return args[:1:1]
}

func callback(run func(func([]*Foo) []*Foo)) {
	run(func(args []*Foo) []*Foo { return args[:1] })
}
