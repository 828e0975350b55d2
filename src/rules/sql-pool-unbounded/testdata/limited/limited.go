package limited

import (
	"database/sql"
	"time"
)

type Store struct {
	db *sql.DB
}

// the package sets the limits
func New(dsn string) (*Store, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	configure(db)
	return &Store{db: db}, nil
}

func configure(db *sql.DB) {
	db.SetMaxOpenConns(25)
	db.SetMaxIdleConns(25)
	db.SetConnMaxLifetime(5 * time.Minute)
}
