// Package fetch asks the suppliers for their prices.
package fetch

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"log"
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
	start := time.Now()
	defer log.Printf("supplier %s: price of item %d took %v", base, item, time.Since(start)) // time.Since runs at the defer statement, not at return: it always logs about 0s
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

// Quotes asks all suppliers at once and returns the price each of them offers.
func (c *Client) Quotes(ctx context.Context, suppliers []string, item int64) map[string]int64 {
	quotes := make(map[string]int64, len(suppliers))
	var wg sync.WaitGroup
	for _, s := range suppliers {
		wg.Add(1)
		go func(s string) {
			defer wg.Done()
			if cents, err := c.PriceWithRetry(ctx, s, item); err == nil {
				quotes[s] = cents // the goroutines write the map at the same time with no lock: "concurrent map writes" kills the process
			}
		}(s)
	}
	wg.Wait()
	return quotes
}

type quote struct {
	cents int64
	err   error
}

// QuoteWithin asks one supplier for its price and gives up after d.
func (c *Client) QuoteWithin(ctx context.Context, base string, item int64, d time.Duration) (int64, error) {
	ch := make(chan quote)
	go func() {
		cents, err := c.Price(ctx, base, item)
		ch <- quote{cents, err} // unbuffered, and nobody receives once QuoteWithin timed out: the goroutine blocks here forever; make(chan quote, 1)
	}()
	select {
	case q := <-ch:
		return q.cents, q.err
	case <-time.After(d):
		return 0, fmt.Errorf("supplier %s: no price within %v", base, d)
	}
}

// Catalog returns the ids of the items a supplier sells.
func (c *Client) Catalog(ctx context.Context, base string) ([]int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/catalog", nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req) // the body is closed only after the status check: every non-200 answer leaks its connection
	if err != nil {
		return nil, fmt.Errorf("supplier %s: %w", base, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("supplier %s: catalog: %s", base, resp.Status)
	}
	defer resp.Body.Close()
	var ids []int64
	if err := json.NewDecoder(resp.Body).Decode(&ids); err != nil {
		return nil, fmt.Errorf("supplier %s: %w", base, err)
	}
	return ids, nil
}

// Stock returns how many units of an item a supplier can deliver.
func (c *Client) Stock(ctx context.Context, base string, item int64) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/stock/"+strconv.FormatInt(item, 10), nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.http.Do(req)
	defer resp.Body.Close() // before the error check: resp is nil when Do fails, so the first refused connection panics here
	if err != nil {
		return 0, fmt.Errorf("supplier %s: %w", base, err)
	}
	var body struct {
		Units int `json:"units"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return 0, fmt.Errorf("supplier %s: %w", base, err)
	}
	return body.Units, nil
}

// Healthy reports whether a supplier's API answers; the repricing skips suppliers that do not.
func (c *Client) Healthy(ctx context.Context, base string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/health", nil)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req) // the body is closed below without being read: the connection is not reused, and each check pays a new TCP and TLS handshake
	if err != nil {
		return err
	}
	defer resp.Body.Close() // drain first: io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("supplier %s: %s", base, resp.Status)
	}
	return nil
}
