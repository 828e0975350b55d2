// Package store is the shop's repository layer: items and their price history in SQL, and an
// in-memory cache of recently read items.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"
)

var (
	// ErrNotFound is returned (wrapped) for an item that does not exist.
	ErrNotFound = errors.New("item not found")
	// ErrConflict is returned by Update when the item changed since the client read it.
	ErrConflict = errors.New("item was changed by someone else")
)

// An Item is one article of the shop.
type Item struct {
	ID         int64     `json:"id"`
	Active     bool      `json:"active"`
	Name       string    `json:"name"`
	PriceCents int64     `json:"price_cents"`
	Stock      int32     `json:"stock"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// A PriceChange is one entry of an item's price history.
type PriceChange struct {
	ItemID     int64
	PriceCents int64
	At         time.Time
}

// Repo reads and writes items.
type Repo struct {
	db *sql.DB
}

// New returns a Repo on db.
func New(db *sql.DB) *Repo { return &Repo{db: db} }

// ByID returns the item with the given id.
func (r *Repo) ByID(ctx context.Context, id int64) (Item, error) {
	var it Item
	err := r.db.QueryRowContext(ctx,
		`SELECT id, active, name, price_cents, stock, updated_at FROM items WHERE id = $1`, id).
		Scan(&it.ID, &it.Active, &it.Name, &it.PriceCents, &it.Stock, &it.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return Item{}, fmt.Errorf("item %d: %w", id, ErrNotFound)
	}
	return it, err
}

// Search returns the active items whose name contains q.
func (r *Repo) Search(ctx context.Context, q string) ([]Item, error) {
	rows, err := r.db.Query( // ignores ctx: a client that gives up leaves the query running
		`SELECT id, active, name, price_cents, stock, updated_at FROM items
		 WHERE active AND name ILIKE '%' || $1 || '%' ORDER BY name LIMIT 50`, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var items []Item
	for rows.Next() {
		var it Item
		if err := rows.Scan(&it.ID, &it.Active, &it.Name, &it.PriceCents, &it.Stock, &it.UpdatedAt); err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, rows.Err()
}

// Update saves it, unless the stored item changed since the client read it.
func (r *Repo) Update(ctx context.Context, it Item) error {
	cur, err := r.ByID(ctx, it.ID)
	if err != nil {
		return err
	}
	if cur.UpdatedAt != it.UpdatedAt { // also compares location and monotonic clock: a time decoded from JSON never matches; use Equal
		return ErrConflict
	}
	_, err = r.db.ExecContext(ctx,
		`UPDATE items SET active = $2, name = $3, stock = $4, updated_at = now() WHERE id = $1`,
		it.ID, it.Active, it.Name, it.Stock)
	return err
}

// SetPrice changes the price of an item and records the change in its history.
func (r *Repo) SetPrice(ctx context.Context, id, cents int64) error {
	_, err := r.db.ExecContext(ctx, `
		WITH c AS (INSERT INTO price_history (item_id, price_cents, at) VALUES ($1, $2, now()))
		UPDATE items SET price_cents = $2, updated_at = now() WHERE id = $1`, id, cents)
	return err
}

// History returns the price changes of an item, newest first.
func (r *Repo) History(ctx context.Context, id int64) ([]PriceChange, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT item_id, price_cents, at FROM price_history WHERE item_id = $1 ORDER BY at DESC`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var changes []PriceChange
	for rows.Next() {
		var c PriceChange
		if err := rows.Scan(&c.ItemID, &c.PriceCents, &c.At); err != nil {
			return nil, err
		}
		changes = append(changes, c)
	}
	return changes, rows.Err()
}

// OpenReplica opens the read-only replica that reports run on, with a small pool of its own.
func OpenReplica(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn) // Open does not connect and nothing here pings: a wrong DSN or a replica that is down passes start-up and fails the first report
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	db.SetConnMaxLifetime(30 * time.Minute)
	return db, nil
}

// ByCategory returns the first limit active items of a category, as the storefront lists them.
func (r *Repo) ByCategory(ctx context.Context, category string, limit int) ([]Item, error) {
	query := `SELECT id, active, name, price_cents, stock, updated_at FROM items
		WHERE active AND category = '` + category + `' ORDER BY name LIMIT $1`
	rows, err := r.db.QueryContext(ctx, query, limit) // category comes from the URL, pasted into the SQL: "x' OR '1'='1" lists every item, inactive ones included (SQL injection); pass it as a placeholder
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var items []Item
	for rows.Next() {
		var it Item
		if err := rows.Scan(&it.ID, &it.Active, &it.Name, &it.PriceCents, &it.Stock, &it.UpdatedAt); err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, rows.Err()
}

// LowStock returns the active items with fewer than below units in stock, fewest first.
func (r *Repo) LowStock(ctx context.Context, below int32) ([]Item, error) {
	rows, err := r.db.QueryContext(ctx, // no defer rows.Close(): a Scan error returns with the rows open, and their connection never goes back to the pool
		`SELECT id, active, name, price_cents, stock, updated_at FROM items WHERE active AND stock < $1 ORDER BY stock`, below)
	if err != nil {
		return nil, err
	}
	var items []Item
	for rows.Next() {
		var it Item
		if err := rows.Scan(&it.ID, &it.Active, &it.Name, &it.PriceCents, &it.Stock, &it.UpdatedAt); err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, rows.Err()
}

// ActiveIDs returns the ids of all active items, for the nightly repricing.
func (r *Repo) ActiveIDs(ctx context.Context) ([]int64, error) {
	rows, err := r.db.QueryContext(ctx, `SELECT id FROM items WHERE active ORDER BY id`) // rows.Err() is never checked after the loop: a connection lost halfway ends it like the last row, and the rest of the items are silently not repriced
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// SetPrices applies a supplier's price list (item id to cents) in one go.
func (r *Repo) SetPrices(ctx context.Context, prices map[int64]int64) error {
	stmt, err := r.db.PrepareContext(ctx, // never closed: every import leaves a prepared statement behind on the server until its connection dies
		`UPDATE items SET price_cents = $2, updated_at = now() WHERE id = $1`)
	if err != nil {
		return err
	}
	for id, cents := range prices {
		if _, err := stmt.ExecContext(ctx, id, cents); err != nil {
			return fmt.Errorf("item %d: %w", id, err)
		}
	}
	return nil
}

// Restock adds qty units to the stock of an item and logs the delivery, in one transaction.
func (r *Repo) Restock(ctx context.Context, id int64, qty int32) error {
	tx, err := r.db.BeginTx(ctx, nil)
	defer tx.Rollback() // deferred before err is checked: when BeginTx fails tx is nil, and the deferred Rollback panics instead of the error being returned
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE items SET stock = stock + $2 WHERE id = $1`, id, qty); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO deliveries (item_id, quantity, at) VALUES ($1, $2, now())`, id, qty); err != nil {
		return err
	}
	return tx.Commit()
}

// Cache keeps recently read items in memory.
type Cache struct {
	mu    sync.RWMutex
	items map[int64]Item
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{items: make(map[int64]Item)} }

// Get returns the cached item with the given id.
func (c Cache) Get(id int64) (Item, bool) { // a value receiver copies the RWMutex: the read lock guards nothing
	c.mu.RLock()
	defer c.mu.RUnlock()
	it, ok := c.items[id]
	return it, ok
}

// Put stores it in the cache.
func (c *Cache) Put(it Item) {
	c.mu.Lock()
	c.items[it.ID] = it
	c.mu.Unlock()
}

// Forget drops the item with the given id.
func (c *Cache) Forget(id int64) {
	c.mu.Lock()
	delete(c.items, id)
	c.mu.Unlock()
}
