package spin

import "testing"

// The runtime's scheduler tests start a CPU hog on purpose.
func BenchmarkHog(b *testing.B) {
	stop, done := make(chan bool), make(chan bool)
	go func() {
		for {
			select {
			case <-stop:
				done <- true
				return
			default:
			}
		}
	}()
	stop <- true
	<-done
}

func doPanic() { panic("boom") }

// A for {} after a call that panics only ends the function in a terminating statement.
func endsInLoop() int {
	doPanic()
	for {
	}
}
