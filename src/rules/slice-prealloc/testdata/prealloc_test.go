package prealloc

import "testing"

func BenchmarkGrow(b *testing.B) {
	for i := 0; i < b.N; i++ {
		var x []int
		for j := 0; j < 1024; j++ {
			x = append(x, j)
		}
	}
}
