package requests

import (
	"context"
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 10 * time.Second}

func withContext(ctx context.Context, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want `http\.NewRequest builds a request without the context ctx at hand, so it is not cancelled with it; use http\.NewRequestWithContext\(ctx, \.\.\.\)`
	if err != nil {
		return err
	}
	_, _ = client.Do(req)
	_, _ = client.Get(url)     // want `client\.Get sends a request without the context ctx at hand, so it goes on after the caller gives up`
	_, _ = client.Head(url)    // want `client\.Head sends a request without the context ctx`
	resp, err := http.Get(url) // want `http\.Get sends a request without the context ctx`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func handler(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest(http.MethodPost, "http://backend/", r.Body) // want `without the context r\.Context\(\) at hand, so it is not cancelled with it; use http\.NewRequestWithContext\(r\.Context\(\), \.\.\.\)`
	do := func() {
		_, _ = client.Post("http://audit/", "text/plain", nil) // want `client\.Post sends a request without the context r\.Context\(\)`
	}
	do()
	_, _ = client.Do(req)
}

// near misses: the context is passed, added later, absent, or the request runs in a goroutine
// that may outlive the caller
func passed(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	_, err = client.Do(req)
	return err
}

func addedLater(ctx context.Context, url string) {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req = req.WithContext(ctx)
	_, _ = client.Do(req)
}

func noContext(url string) {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	_, _ = client.Do(req)
}

func detached(ctx context.Context, url string) {
	go func() {
		_, _ = client.Get(url)
	}()
}

func ignored(_ context.Context, url string) {
	_, _ = client.Get(url)
}

type apiClient struct{ hc *http.Client }

// Do attaches the context it is given to the request.
func (c *apiClient) Do(ctx context.Context, req *http.Request) (*http.Response, error) {
	return c.hc.Do(req.WithContext(ctx))
}

// The request is handed to Do together with the context (Prometheus's api.go does this).
func (c *apiClient) Flags(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return c.Do(ctx, req)
}

// The request is cancelled through its Cancel channel, on purpose (net/http's serve_test.go).
func proxyWithCancel(w http.ResponseWriter, r *http.Request, backend string) {
	req, _ := http.NewRequest(http.MethodPost, backend, r.Body)
	cancel := make(chan struct{})
	req.Cancel = cancel
	close(cancel)
	_, _ = http.DefaultTransport.RoundTrip(req)
}
