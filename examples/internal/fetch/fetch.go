// Package fetch gets prices from the suppliers.
package fetch

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"
)

// Price asks one supplier for a price; the body of the response is never closed.
func Price(url string) ([]byte, error) {
	resp, err := http.Get(url) // the default client has no timeout
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

// First returns the first answer of any supplier, or an error after the timeout.
func First(ctx context.Context, urls []string) ([]byte, error) {
	results := make(chan []byte) // unbuffered: the losers block forever
	for _, u := range urls {
		go func() {
			b, err := Price(u) // u is shared by all goroutines before Go 1.22
			if err == nil {
				results <- b
			}
		}()
	}
	select {
	case b := <-results:
		return b, nil
	case <-time.After(2 * time.Second):
		return nil, errors.New("timeout")
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Poll calls fn every interval until stop is closed.
func Poll(stop <-chan struct{}, interval time.Duration, fn func()) {
	var mu sync.Mutex
	for {
		select {
		case <-stop:
			return
		case <-time.After(interval): // a new timer on every iteration
			mu.Lock()
			fn()
			mu.Unlock()
		}
	}
}
