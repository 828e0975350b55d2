package checked

import (
	"context"
	"database/sql"
	"time"

	"example.com/sqlping/helper"
)

type Store struct {
	db    *sql.DB
	cache *sql.DB
}

// pinged
func Open(ctx context.Context, dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		return nil, err
	}
	return db, nil
}

// a statement right after opening reaches the database just as well
func OpenSQLite(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		return nil, err
	}
	if _, err := db.Exec("PRAGMA foreign_keys = ON"); err != nil {
		return nil, err
	}
	return db, nil
}

// used here only, not handed on: the first query is here
func Count(dsn string) (int, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int
	err = db.QueryRow("SELECT count(*) FROM users").Scan(&n)
	return n, err
}

// checked by a helper of this package
func OpenWaiting(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	if err := waitFor(db); err != nil {
		return nil, err
	}
	return db, nil
}

func waitFor(db *sql.DB) error {
	var err error
	for i := 0; i < 10; i++ {
		if err = db.Ping(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

// handed to a function of another package, which may ping
func OpenMigrated(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	if err := helper.Migrate(db); err != nil {
		return nil, err
	}
	return db, nil
}

// the caller pings what this unexported function returns
func open(dsn string) (*sql.DB, error) {
	return sql.Open("postgres", dsn)
}

func Start(dsn string) (*sql.DB, error) {
	db, err := open(dsn)
	if err != nil {
		return nil, err
	}
	return db, db.Ping()
}

// the field is pinged elsewhere in the package (a start-up check)
func (s *Store) Connect(dsn string) error {
	var err error
	s.cache, err = sql.Open("postgres", dsn)
	return err
}

func (s *Store) Check(ctx context.Context) error {
	return s.cache.PingContext(ctx)
}

// discarded
func Discard(dsn string) {
	_, _ = sql.Open("postgres", dsn)
}
