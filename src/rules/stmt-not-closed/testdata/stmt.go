package stmt

import (
	"context"
	"database/sql"
	"log"
)

// --- positives ---

func execOnce(db *sql.DB, id int) error {
	stmt, err := db.Prepare("DELETE FROM users WHERE id = ?") // want `statement prepared by db.Prepare is not closed when the function returns at line 17`
	if err != nil {
		return err
	}
	_, err = stmt.Exec(id)
	return err
}

func conn(ctx context.Context, c *sql.Conn) {
	stmt, err := c.PrepareContext(ctx, "SELECT 1") // want `statement prepared by c.PrepareContext is not closed when the function ends at line 25`
	if err == nil {
		_, _ = stmt.Exec()
	}
}

func earlyReturn(db *sql.DB, ids []int) error {
	stmt, err := db.Prepare("DELETE FROM users WHERE id = ?") // want `when the function returns at line 34`
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := stmt.Exec(id); err != nil {
			return err
		}
	}
	return stmt.Close()
}

func dropped(db *sql.DB) {
	db.Prepare("SELECT 1") // want `statement prepared by db.Prepare is not closed because the result is dropped`
}

func perIteration(db *sql.DB, names []string) {
	for _, n := range names {
		stmt, err := db.Prepare("INSERT INTO t VALUES (?)") // want `statement prepared by db.Prepare is not closed when the function ends at line 52`
		if err != nil {
			continue
		}
		_, _ = stmt.Exec(n)
	}
}

// --- negatives ---

func deferred(db *sql.DB, id int) error {
	stmt, err := db.Prepare("DELETE FROM users WHERE id = ?")
	if err != nil {
		return err
	}
	defer stmt.Close()
	_, err = stmt.Exec(id)
	return err
}

func inTx(tx *sql.Tx, id int) error {
	stmt, err := tx.Prepare("DELETE FROM users WHERE id = ?")
	if err != nil {
		return err
	}
	_, err = stmt.Exec(id)
	return err
}

type repo struct{ del *sql.Stmt }

func newRepo(db *sql.DB) (*repo, error) {
	stmt, err := db.Prepare("DELETE FROM users WHERE id = ?")
	if err != nil {
		return nil, err
	}
	return &repo{del: stmt}, nil
}

func prepared(db *sql.DB) (*sql.Stmt, error) {
	return db.Prepare("SELECT 1")
}

func closeStmt(s *sql.Stmt) { _ = s.Close() }

func viaHelper(db *sql.DB) error {
	stmt, err := db.Prepare("SELECT 1")
	if err != nil {
		return err
	}
	defer closeStmt(stmt)
	_, err = stmt.Exec()
	return err
}

func closure(db *sql.DB) error {
	stmt, err := db.Prepare("SELECT 1")
	if err != nil {
		return err
	}
	defer func() { _ = stmt.Close() }()
	_, err = stmt.Exec()
	return err
}

func fatal(db *sql.DB) {
	stmt, err := db.Prepare("SELECT 1")
	if err != nil {
		log.Fatal(err)
	}
	if _, err := stmt.Exec(); err != nil {
		log.Fatal(err)
	}
	stmt.Close()
}

func everyBranch(db *sql.DB, mode int) error {
	stmt, err := db.Prepare("SELECT 1")
	if err != nil {
		return err
	}
	switch mode {
	case 0:
		return stmt.Close()
	case 1:
		_, err = stmt.Exec()
		stmt.Close()
		return err
	default:
		stmt.Close()
	}
	return nil
}

func oneBranchForgets(db *sql.DB, mode int) error {
	stmt, err := db.Prepare("SELECT 1") // want `statement prepared by db.Prepare is not closed when the function returns at line 150`
	if err != nil {
		return err
	}
	switch mode {
	case 0:
		return stmt.Close()
	case 1:
		_, err = stmt.Exec()
		return err
	}
	return stmt.Close()
}
