package errignored

import (
	"os"
	"testing"
	"time"
)

// Tests drop the errors of setup and probing calls: a failure shows up as a failed assertion
// (net's protoconn_test.go sets deadlines this way).
func TestDeadlines(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "x")
	if err != nil {
		t.Fatal(err)
	}
	f.SetDeadline(time.Now().Add(time.Second))
	os.WriteFile(f.Name(), []byte("x"), 0o644)
}
