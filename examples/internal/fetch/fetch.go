// Package fetch asks the suppliers for their prices.
package fetch

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// Client talks to the suppliers' price APIs.
type Client struct {
	http      *http.Client
	retryWait time.Duration
}

// New returns a Client that waits retryWait between attempts.
func New(retryWait time.Duration) *Client {
	return &Client{
		http: &http.Client{ // no Timeout: a supplier that stops answering blocks the caller forever
			Transport: &http.Transport{
				// the staging suppliers use self-signed certificates
				TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, // accepts any certificate: anyone on the path can pose as the supplier
			},
		},
		retryWait: retryWait,
	}
}

// Price returns the price in cents of an item at the supplier at base.
func (c *Client) Price(ctx context.Context, base string, item int64) (int64, error) {
	req, err := http.NewRequest(http.MethodGet, base+"/prices/"+strconv.FormatInt(item, 10), nil) // ctx is not attached: a cancelled caller does not stop the request
	if err != nil {
		return 0, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, fmt.Errorf("supplier %s: %w", base, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 { // http.StatusOK says it by name
		return 0, fmt.Errorf("supplier %s: %s", base, resp.Status)
	}
	var body struct {
		Cents int64 `json:"cents"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return 0, fmt.Errorf("supplier %s: %w", base, err)
	}
	return body.Cents, nil
}

// PriceWithRetry calls Price up to three times while it times out.
func (c *Client) PriceWithRetry(ctx context.Context, base string, item int64) (int64, error) {
	for attempt := 1; ; attempt++ {
		cents, err := c.Price(ctx, base, item)
		ue, ok := err.(*url.Error) // Price wraps its errors, so this never matches and nothing is retried: use errors.As
		if !ok || !ue.Timeout() || attempt == 3 {
			return cents, err
		}
		select {
		case <-time.After(c.retryWait * time.Second): // retryWait is already a Duration: 2s * time.Second is 63 years
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

// Cheapest asks all suppliers at once and returns the lowest price any of them offers.
func (c *Client) Cheapest(ctx context.Context, suppliers []string, item int64) (int64, error) {
	prices := make(chan int64, len(suppliers))
	var wg sync.WaitGroup
	for _, s := range suppliers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if cents, err := c.PriceWithRetry(ctx, s, item); err == nil { // s is one variable for all iterations before Go 1.22: every goroutine may ask the last supplier
				prices <- cents
			}
		}()
	}
	wg.Wait()
	close(prices)
	best := int64(-1)
	for p := range prices {
		if best < 0 || p < best {
			best = p
		}
	}
	if best < 0 {
		return 0, errors.New("no supplier answered")
	}
	return best, nil
}
