package exported

import "database/sql"

// the importer gets the pool and sets its limits
func Open(dsn string) (*sql.DB, error) {
	return sql.Open("postgres", dsn)
}

type Repo struct {
	*sql.DB
}

func NewRepo(dsn string) (*Repo, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	return &Repo{DB: db}, nil
}
