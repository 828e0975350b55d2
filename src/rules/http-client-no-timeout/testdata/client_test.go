package client

import (
	"net/http"
	"testing"
)

// Test files talk to httptest servers that answer: not reported.
func TestFetch(t *testing.T) {
	resp, err := http.Get("http://127.0.0.1:0/")
	if err == nil {
		resp.Body.Close()
	}
	_ = &http.Client{}
}
