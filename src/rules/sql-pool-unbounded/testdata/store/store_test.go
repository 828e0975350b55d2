package store

import (
	"database/sql"
	"testing"
)

// test files open throwaway pools
func openTest(t *testing.T) *Store {
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	return &Store{db: db}
}
