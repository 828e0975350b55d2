package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
)

type Store struct {
	db *sql.DB
}

var defaultDB *sql.DB

// returned to this package's callers
func open(dsn string) (*sql.DB, error) {
	return sql.Open("postgres", dsn) // want `the \*sql\.DB from sql\.Open has no limit on open connections and this package never calls SetMaxOpenConns: under load every concurrent query opens another connection until the database refuses them; call db\.SetMaxOpenConns\(n\) \(and SetMaxIdleConns\) sized to what the database allows`
}

// kept in an unexported field
func New(ctx context.Context, dsn string) (*Store, error) {
	db, err := sql.Open("postgres", dsn) // want `the \*sql\.DB from sql\.Open has no limit on open connections`
	if err != nil {
		return nil, err
	}
	return &Store{db: db}, db.PingContext(ctx)
}

// kept in an unexported package variable
func Init(dsn string) (err error) {
	defaultDB, err = sql.Open("mysql", dsn) // want `the \*sql\.DB from sql\.Open has no limit`
	return err
}

// assigned to a field
func (s *Store) Reconnect(dsn string) error {
	db, err := sql.Open("mysql", dsn) // want `the \*sql\.DB from sql\.Open has no limit`
	if err != nil {
		return err
	}
	s.db = db
	return nil
}

// sql.OpenDB in a struct literal
func FromConnector(c driver.Connector) *Store {
	return &Store{db: sql.OpenDB(c)} // want `the \*sql\.DB from sql\.OpenDB has no limit`
}

// handed to a constructor: it lives on
func NewFromDSN(dsn string) (*Store, error) {
	db, err := sql.Open("postgres", dsn) // want `the \*sql\.DB from sql\.Open has no limit`
	if err != nil {
		return nil, err
	}
	return wrap(db), nil
}

func wrap(db *sql.DB) *Store { return &Store{db: db} }

// closed on the error path only: it lives on
func OpenLocal(path string) (*Store, error) {
	db, err := sql.Open("sqlite3", path) // want `with SQLite, concurrent connections contend for the file lock and writes fail with "database is locked"; call db\.SetMaxOpenConns\(1\)`
	if err != nil {
		return nil, err
	}
	if _, err := db.Exec("PRAGMA journal_mode=WAL"); err != nil {
		db.Close()
		return nil, err
	}
	return &Store{db: db}, nil
}

// near miss: a pool that lives for one call, closed before returning
func Count(dsn string) (int, error) {
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int
	err = db.QueryRow("SELECT count(*) FROM t").Scan(&n)
	return n, err
}

// near miss: SQLite waits for its lock
func OpenWaiting(path string) (*Store, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, err
	}
	return &Store{db: db}, nil
}

// near miss: discarded
func Check(dsn string) error {
	_, err := sql.Open("postgres", dsn)
	return err
}
