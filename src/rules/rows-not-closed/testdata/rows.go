package rows

import (
	"context"
	"database/sql"
	"errors"
	"log"
)

// --- positives ---

func scanErrorReturns(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users") // want `rows of db.Query are not closed when the function returns at line 21`
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

func firstOnly(ctx context.Context, tx *sql.Tx) (string, error) {
	rows, err := tx.QueryContext(ctx, "SELECT name FROM users") // want `rows of tx.QueryContext are not closed when the function returns at line 37`
	if err != nil {
		return "", err
	}
	var n string
	if rows.Next() {
		err = rows.Scan(&n)
	}
	return n, err
}

func breakOut(db *sql.DB) int {
	rows, err := db.Query("SELECT id FROM jobs") // want `rows of db.Query are not closed when the function returns at line 52`
	if err != nil {
		return 0
	}
	count := 0
	for rows.Next() {
		count++
		if count > 10 {
			break
		}
	}
	return count
}

func checkBeforeLoop(c *sql.Conn, ctx context.Context, limit int) error {
	rows, err := c.QueryContext(ctx, "SELECT 1") // want `rows of c.QueryContext are not closed when the function returns at line 61`
	if err != nil {
		return err
	}
	if limit == 0 {
		return errors.New("no limit")
	}
	for rows.Next() {
	}
	return rows.Err()
}

func dropped(db *sql.DB) {
	db.Query("DELETE FROM sessions") // want `rows of db.Query are not closed because the result is dropped`
}

func blankRows(s *sql.Stmt) error {
	_, err := s.Query(1) // want `rows of s.Query are not closed because the result is dropped`
	return err
}

// --- negatives ---

func deferred(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

func readToEnd(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT id FROM jobs")
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

func closeRows(rows *sql.Rows) {
	if err := rows.Close(); err != nil {
		log.Print(err)
	}
}

func helper(db *sql.DB) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	defer closeRows(rows)
	return nil
}

func deferredClosure(db *sql.DB) (err error) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	defer func() {
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
	}()
	return nil
}

func returned(db *sql.DB) (*sql.Rows, error) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return nil, err
	}
	return rows, nil
}

type cursor struct{ rows *sql.Rows }

func (c *cursor) open(db *sql.DB) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	c.rows = rows
	return nil
}

func everyBranch(db *sql.DB, mode int) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	switch mode {
	case 0:
		rows.Close()
		return nil
	case 1:
		rows.Close()
	default:
		return rows.Close()
	}
	return nil
}

func fatal(db *sql.DB) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		log.Fatal(err)
	}
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			log.Fatalf("scan: %v", err)
		}
	}
}

func queryRow(db *sql.DB) (n int, err error) {
	err = db.QueryRow("SELECT count(*) FROM users").Scan(&n)
	return n, err
}
