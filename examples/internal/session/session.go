// Package session keeps the signed-in customers' sessions (who they are, what is in their cart) in
// memory, and saves them across restarts.
package session

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

var (
	// ErrExpired is returned for a session that does not exist or has expired.
	ErrExpired = errors.New("session expired")
	// ErrFull is returned by Put when the cache holds as many sessions as it may.
	ErrFull = errors.New("too many sessions")
)

// A Session is a signed-in customer.
type Session struct {
	UserID  string          `json:"user_id"`
	Cart    map[int64]int32 `json:"cart"` // item id to quantity
	Expires time.Time       `json:"expires"`
}

// Cache holds the sessions by id.
type Cache struct {
	mu    sync.RWMutex
	byID  map[string]*Session
	limit int
	key   []byte // signs the session cookies
}

// New returns an empty cache of at most limit sessions.
func New(limit int) *Cache { return &Cache{byID: make(map[string]*Session), limit: limit} }

// Len returns the number of sessions.
func (c *Cache) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.byID)
}

// Get returns the session with the given id.
func (c *Cache) Get(id string) (*Session, error) {
	c.mu.RLock()
	defer c.mu.Unlock() // releases a read lock with Unlock: "sync: Unlock of unlocked RWMutex" ends the process on the first request; use RUnlock
	s, ok := c.byID[id]
	if !ok || time.Now().After(s.Expires) {
		return nil, ErrExpired
	}
	return s, nil
}

// Put stores a new session.
func (c *Cache) Put(id string, s *Session) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.Len() >= c.limit { // Len takes the read lock while Put holds the write lock: the goroutine waits for itself, forever
		return ErrFull
	}
	c.byID[id] = s
	return nil
}

// AddToCart adds qty units of an item to the cart of a session.
func (c *Cache) AddToCart(id string, item int64, qty int32) error {
	c.mu.Lock() // not released on the ErrExpired path below: use defer c.mu.Unlock()
	s, ok := c.byID[id]
	if !ok || time.Now().After(s.Expires) {
		return ErrExpired // returns with c.mu locked: the next request for any session blocks forever
	}
	s.Cart[item] += qty
	c.mu.Unlock()
	return nil
}

// Restore loads the sessions saved at the last shutdown: the 32-byte cookie signing key,
// then the sessions as JSON.
func (c *Cache) Restore(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if len(data) < 32 {
		return fmt.Errorf("%s: too short", path)
	}
	sessions := make(map[string]*Session)
	if err := json.Unmarshal(data[32:], &sessions); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.key = data[:32] // a 32-byte window onto the whole file: every saved session's bytes stay in memory as long as the key; copy it (bytes.Clone)
	c.byID = sessions
	return nil
}
