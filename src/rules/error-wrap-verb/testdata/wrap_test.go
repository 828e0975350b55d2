package errwrap

import (
	"fmt"
	"io"
	"testing"
)

// A test helper's error ends in t.Fatal: nobody unwraps it (net/http's serve_test.go formats
// the error it got next to the one it wanted).
func checkRead(r io.Reader) error {
	var buf [1]byte
	if n, err := r.Read(buf[:]); n != 0 || err != io.EOF {
		return fmt.Errorf("Read = %v, %v, wanted 0, %v", n, err, io.EOF)
	}
	return nil
}

func TestRead(t *testing.T) {
	if err := checkRead(eofReader{}); err != nil {
		t.Fatal(err)
	}
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }
