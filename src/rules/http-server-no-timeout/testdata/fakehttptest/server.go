// Package fakehttptest is a test-helper package (named *test, like net/http/httptest): its
// server serves the test that started it.
package fakehttptest

import (
	"net"
	"net/http"
)

type Server struct {
	Listener net.Listener
	Config   *http.Server
}

func NewUnstartedServer(handler http.Handler) *Server {
	return &Server{Config: &http.Server{Handler: handler}}
}
