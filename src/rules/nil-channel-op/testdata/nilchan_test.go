package nilchan

import "testing"

// Tests park goroutines on nil channels on purpose.
func TestBlockedStacks(t *testing.T) {
	go func() {
		var c chan int
		c <- 0
	}()
}
