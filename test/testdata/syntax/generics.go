// Type parameter lists, constraints with ~T and unions, instantiation.
package syntax

type Number interface {
	~int | ~int64 | ~float64
}

type Tree[T interface{ ~[]E }, E comparable] struct {
	left, right *Tree[T, E]
	value       T
}

type A [N]int

type P[T *int,] struct{}

func Sum[S ~[]E, E Number](s S) (total E) {
	for _, v := range s {
		total += v
	}
	return
}

var x = Sum[[]int, int]([]int{1, 2})
