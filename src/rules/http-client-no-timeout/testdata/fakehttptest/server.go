// Package fakehttptest is a test-helper package (named *test, like net/http/httptest): its
// client talks to the local server the test started, whose lifetime the test controls.
package fakehttptest

import "net/http"

type Server struct {
	URL    string
	client *http.Client
}

func (s *Server) Start() {
	if s.client == nil {
		s.client = &http.Client{Transport: &http.Transport{}}
	}
}

func (s *Server) Client() *http.Client { return s.client }
