// Generic type aliases (Go 1.24).
package syntax

type Set[K comparable] = map[K]struct{}

type Pair[A, B any] = struct {
	First  A
	Second B
}

type List[T any] = []T
