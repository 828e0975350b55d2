package files

import (
	"os"
	"testing"
)

// Tests are left alone: the process ends with them.
func TestOpen(t *testing.T) {
	f, err := os.Open("testdata/x")
	if err != nil {
		t.Skip(err)
	}
	t.Log(f.Name())
}
