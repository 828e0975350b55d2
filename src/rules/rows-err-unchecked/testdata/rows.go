package rows

import (
	"context"
	"database/sql"
	"fmt"
	"log"
)

// --- positives ---

func get(ctx context.Context, db *sql.DB, id string) (string, int, error) {
	rows, err := db.QueryContext(ctx, "SELECT DEP, AGE FROM EMP WHERE ID = ?", id) // want `the rows of db.QueryContext are read by the loop at line 26 but rows.Err\(\) is not checked before the function returns at line 32`
	if err != nil {
		return "", 0, err
	}
	defer func() {
		if err := rows.Close(); err != nil {
			log.Printf("failed to close rows: %v\n", err)
		}
	}()
	var (
		department string
		age        int
	)
	for rows.Next() {
		err := rows.Scan(&department, &age)
		if err != nil {
			return "", 0, err
		}
	}
	return department, age, nil
}

func names(tx *sql.Tx) []string {
	rows, err := tx.Query("SELECT name FROM t") // want `the rows of tx.Query are read by the loop at line 42 but rows.Err\(\) is not checked before the function returns at line 48`
	if err != nil {
		return nil
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if rows.Scan(&s) == nil {
			out = append(out, s)
		}
	}
	return out
}

func count(ctx context.Context, c *sql.Conn) int {
	n := 0
	rs, err := c.QueryContext(ctx, "SELECT 1") // want `the rows of c.QueryContext .* rs.Err\(\) is not checked before the function returns at line 62`
	if err != nil {
		return 0
	}
	for rs.Next() {
		n++
	}
	rs.Close()
	fmt.Println(n)
	return n
}

func stmtQuery(st *sql.Stmt) {
	rows, err := st.Query(1) // want `the rows of st.Query are read by the loop at line 71 .* the function returns at line 76`
	if err != nil {
		return
	}
	defer rows.Close()
	for rows.Next() {
		var id int
		_ = rows.Scan(&id)
		fmt.Println(id)
	}
}

func checkedBeforeTheLoop(db *sql.DB) error {
	rows, err := db.Query("SELECT 1") // want `rows.Err\(\) is not checked`
	if err != nil {
		return err
	}
	defer rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for rows.Next() {
	}
	return nil
}

func notFoundBranch(db *sql.DB) ([]int, error) {
	var ids []int
	rows, err := db.Query("SELECT id FROM t") // want `the rows of db.Query .* before the function returns at line 109`
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return nil, sql.ErrNoRows
	}
	return ids, rows.Close()
}

// --- negatives ---

func checked(db *sql.DB) ([]int, error) {
	rows, err := db.Query("SELECT id FROM t")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func checkedOnOnePathOnly(db *sql.DB, strict bool) error {
	// rows.Err() is called after the loop: taken as checked
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	if strict {
		return rows.Err()
	}
	return nil
}

func returned(db *sql.DB) (*sql.Rows, error) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		break
	}
	return rows, nil
}

func finish(rows *sql.Rows) error {
	defer rows.Close()
	return rows.Err()
}

func helperChecks(db *sql.DB) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	return finish(rows)
}

func noLoop(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT count(*) FROM t")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int
	if rows.Next() {
		err = rows.Scan(&n)
	}
	return n, err
}

func deferredCheck(db *sql.DB) (err error) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	defer func() {
		if rerr := rows.Err(); rerr != nil && err == nil {
			err = rerr
		}
		rows.Close()
	}()
	for rows.Next() {
	}
	return nil
}

type store struct{ rows *sql.Rows }

func stored(db *sql.DB, s *store) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	s.rows = rows
	for rows.Next() {
	}
	return nil
}

func handedToAnotherPackage(db *sql.DB) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	fmt.Println(rows)
	return nil
}

func fatalAfterLoop(db *sql.DB) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		log.Fatal(err)
	}
	for rows.Next() {
	}
	log.Fatal("done")
}
