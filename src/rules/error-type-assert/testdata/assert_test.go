package errassert

import (
	"io/fs"
	"os"
	"testing"
)

// A test asserting the concrete type pins the exact error the code returns (os_test.go does
// this with *PathError).
func TestOpenError(t *testing.T) {
	_, err := os.Open("missing")
	if _, ok := err.(*fs.PathError); !ok {
		t.Fatalf("got %T, want *fs.PathError", err)
	}
}
