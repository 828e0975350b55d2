package loopvar122

import "fmt"

// From Go 1.22 each iteration has its own variable: nothing to report.
func goInRange(names []string) {
	for _, name := range names {
		go func() {
			fmt.Println(name)
		}()
	}
}
