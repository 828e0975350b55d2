// Range over functions (Go 1.23).
package syntax

import "iter"

func Backward[E any](s []E) iter.Seq2[int, E] {
	return func(yield func(int, E) bool) {
		for i := len(s) - 1; i >= 0; i-- {
			if !yield(i, s[i]) {
				return
			}
		}
	}
}

func use(s []string) {
	for i, v := range Backward(s) {
		_, _ = i, v
	}
	for v := range func(yield func(string) bool) {} {
		_ = v
	}
}
