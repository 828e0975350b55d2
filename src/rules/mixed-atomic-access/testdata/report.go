package counters

import "fmt"

// The atomic update is in another file of the package.
func Report() string {
	return fmt.Sprint(requests) // want `requests is updated with atomic.AddInt64 elsewhere but read here`
}
