//go:build go1.22

package loopvar

import "fmt"

// This file is written for Go 1.22 by its build constraint, whatever go.mod says.
func goInRangeTagged(names []string) {
	for _, name := range names {
		go func() {
			fmt.Println(name)
		}()
	}
}
