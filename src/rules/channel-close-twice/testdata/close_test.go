package closetwice

import "testing"

// Tests provoke the panic on purpose.
func TestCloseTwicePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	ch := make(chan int)
	close(ch)
	close(ch)
}
