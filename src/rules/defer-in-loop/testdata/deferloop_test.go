package deferloop

import (
	"os"
	"testing"
)

// Test loops run over small tables; their defers clean up when the test ends.
func TestTable(t *testing.T) {
	for _, name := range []string{"a", "b"} {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer f.Close()
	}
}
