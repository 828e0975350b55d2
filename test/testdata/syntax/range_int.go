// Range over integers (Go 1.22).
package syntax

func count(n int) int {
	total := 0
	for i := range n {
		total += i
	}
	for range 10 {
		total++
	}
	return total
}
