package typeassert

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// In tests a failed assertion panics into a failed test with a stack trace: allowInTests
// (on by default) leaves them alone, as in net/http's transport_test.go.
func TestTransport(t *testing.T) {
	ts := httptest.NewServer(http.NotFoundHandler())
	defer ts.Close()
	tr := ts.Client().Transport.(*http.Transport)
	tr.CloseIdleConnections()
}
