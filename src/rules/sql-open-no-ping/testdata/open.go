package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
)

type Store struct {
	db *sql.DB
}

var global *sql.DB

// returned straight away
func Open(dsn string) (*sql.DB, error) {
	return sql.Open("postgres", dsn) // want `the \*sql\.DB from sql\.Open is returned without Ping: sql\.Open does not connect, so a wrong DSN or an unreachable database shows up only at the first query; call PingContext \(or Ping\) here and return its error`
}

// returned through a variable
func OpenChecked(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn) // want `the \*sql\.DB from sql\.Open is returned without Ping`
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(10)
	return db, nil
}

// returned in a struct
func New(dsn string) (*Store, error) {
	db, err := sql.Open("mysql", dsn) // want `the \*sql\.DB from sql\.Open is returned without Ping`
	if err != nil {
		return nil, err
	}
	return &Store{db: db}, nil
}

// stored in a field
func (s *Store) Connect(dsn string) error {
	var err error
	s.db, err = sql.Open("mysql", dsn) // want `the \*sql\.DB from sql\.Open is stored in s\.db without Ping`
	return err
}

// stored in a package variable through a local
func Init(dsn string) error {
	db, err := sql.Open("sqlite3", dsn) // want `the \*sql\.DB from sql\.Open is stored in global without Ping`
	if err != nil {
		return err
	}
	global = db
	return nil
}

// sql.OpenDB does not connect either
func FromConnector(c driver.Connector) *Store {
	return &Store{db: sql.OpenDB(c)} // want `the \*sql\.DB from sql\.OpenDB is stored in a struct without Ping`
}
