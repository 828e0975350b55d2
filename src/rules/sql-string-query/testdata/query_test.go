package store

import (
	"database/sql"
	"testing"
)

func TestQuery(t *testing.T) {
	var db *sql.DB
	name := t.Name()
	// test files build queries from the test's own values
	_, _ = db.Query("SELECT id FROM users WHERE name = '" + name + "'")
}
