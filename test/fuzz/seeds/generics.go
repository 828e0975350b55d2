package seeds

import "iter"

// Number is a constraint with a union of approximation elements.
type Number interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~float32 | float64
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

type List[T any] struct {
	next *List[T]
	val  T
}

// Set is a generic alias (Go 1.24).
type Set[T comparable] = map[T]struct{}

func (l *List[T]) Push(v T) *List[T] { return &List[T]{next: l, val: v} }

func (l *List[_]) Len() (n int) {
	for ; l != nil; l = l.next {
		n++
	}
	return
}

func Sum[T Number](xs ...T) (s T) {
	for _, x := range xs {
		s += x
	}
	return s
}

func Map[S ~[]E, E, R any](s S, f func(E) R) []R {
	out := make([]R, 0, len(s))
	for _, v := range s {
		out = append(out, f(v))
	}
	return out
}

// All is an iterator function (range over functions, Go 1.23).
func (l *List[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		for n := l; n != nil; n = n.next {
			if !yield(n.val) {
				return
			}
		}
	}
}

func use() {
	_ = Sum[int](1, 2, 3)
	_ = Sum(1.5, 2.5)
	_ = Map[[]int, int, string](nil, func(int) string { return "" })
	p := Pair[string, []int]{"a", nil}
	_ = p
	var s Set[int] = Set[int]{1: {}}
	_ = s
	for i := range 10 {
		_ = i
	}
	for v := range (&List[int]{}).All() {
		_ = v
	}
	type local[T interface{ ~[]byte | ~string }] struct{ t T }
	_ = local[string]{}
	var f func(a, b [2]int) [2]int
	_ = f
}
