package tick123

import "time"

// From Go 1.23 a ticker nobody references is collected.
func poll(n int) {
	t := time.NewTicker(time.Millisecond)
	for i := 0; i < n; i++ {
		<-t.C
	}
}
