package body

import (
	"net/http"
	"testing"
)

// Tests are left alone: this one expects the request to fail.
func TestUnreachable(t *testing.T) {
	if _, err := http.Get("http://unreachable.invalid/"); err == nil {
		t.Fatal("want an error")
	}
	resp, err := http.Get("http://example.invalid/")
	if err != nil {
		t.Skip(err)
	}
	_ = resp.StatusCode
}
