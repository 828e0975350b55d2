package errignored

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
)

type store struct{}

func (store) Commit() error                { return nil }
func (store) Lookup(k string) (int, error) { return 0, nil }
func (store) Len() int                     { return 0 }

func positives(s store, f *os.File, w io.Writer, v any) {
	os.Chmod("/tmp/x", 0o600)    // want `error returned by os\.Chmod is not checked`
	s.Commit()                   // want `error returned by s\.Commit is not checked`
	_ = s.Commit()               // want `error returned by s\.Commit is assigned to _`
	n, _ := s.Lookup("k")        // want `error returned by s\.Lookup is assigned to _`
	_, _ = strconv.Atoi("12")    // want `error returned by strconv\.Atoi is assigned to _`
	f.Sync()                     // want `error returned by f\.Sync is not checked`
	fmt.Fprintf(w, "%d\n", n)    // want `error returned by fmt\.Fprintf is not checked`
	json.NewEncoder(w).Encode(v) // want `error returned by \(\*encoding/json\.Encoder\)\.Encode is not checked`
	bw := bufio.NewWriter(w)
	bw.Flush() // want `error returned by bw\.Flush is not checked`
	fn := func() error { return errors.New("x") }
	fn() // want `error returned by fn is not checked`
}

func negatives(s store, f *os.File, w io.Writer, rw http.ResponseWriter, v any) error {
	f.Close()
	if err := s.Commit(); err != nil {
		return err
	}
	n, err := s.Lookup("k")
	if err != nil {
		return err
	}
	_, err = s.Lookup("j")
	if err != nil {
		return err
	}
	s.Len()
	fmt.Println("n =", n)
	fmt.Printf("%d\n", n)
	var buf bytes.Buffer
	buf.WriteString("x")
	fmt.Fprintf(&buf, "%d", n)
	var sb strings.Builder
	sb.WriteByte('x')
	fmt.Fprint(&sb, n)
	fmt.Fprintln(os.Stderr, "warning")
	h := sha256.New()
	h.Write([]byte("x"))
	h32 := fnv.New32a()
	h32.Write([]byte("y"))
	bw := bufio.NewWriter(w)
	bw.WriteString("buffered")
	rw.Write([]byte("ok"))
	fmt.Fprintf(rw, "%d", n)
	defer os.Chmod("/tmp/y", 0o600)
	os.Remove("/tmp/y")
	_ = os.RemoveAll("/tmp/z")
	go s.Commit()
	return bw.Flush()
}

type conn struct{}

func (conn) sendAlert(code int) error { return nil }
func (conn) marshal() ([]byte, error) { return nil, nil }

// Best-effort cleanup while another error is returned: the alert's own failure could not be
// reported in its place (crypto/tls's handshake_server_tls13.go).
func (c conn) handshake() error {
	b, err := c.marshal()
	if err != nil {
		c.sendAlert(80)
		return err
	}
	_ = b
	return nil
}
