package helper

import "database/sql"

func Migrate(db *sql.DB) error {
	_, err := db.Exec("CREATE TABLE IF NOT EXISTS t (id int)")
	return err
}
