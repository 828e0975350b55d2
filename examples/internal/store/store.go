// Package store reads the shop's items from SQL.
package store

import (
	"context"
	"database/sql"
	"fmt"
)

// An Item is one article of the shop.
type Item struct {
	ID    int
	Name  string
	Price int
}

// ByID returns the item with the given id.
func ByID(ctx context.Context, db *sql.DB, id int) (Item, error) {
	var it Item
	err := db.QueryRowContext(ctx, "SELECT id, name, price FROM items WHERE id = $1", id).
		Scan(&it.ID, &it.Name, &it.Price)
	return it, err
}

// Search returns the items whose name contains q.
func Search(ctx context.Context, db *sql.DB, q string) ([]Item, error) {
	// the query is built from user input: SQL injection
	rows, err := db.QueryContext(ctx, "SELECT id, name, price FROM items WHERE name LIKE '%"+q+"%'")
	if err != nil {
		return nil, err
	}
	// rows are never closed, and rows.Err is never checked
	var items []Item
	for rows.Next() {
		var it Item
		if err := rows.Scan(&it.ID, &it.Name, &it.Price); err != nil {
			return nil, fmt.Errorf("scan: %v", err)
		}
		items = append(items, it)
	}
	return items, nil
}
