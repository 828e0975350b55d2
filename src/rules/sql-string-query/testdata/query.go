package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

type Store struct {
	db    *sql.DB
	table string
}

func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func placeholders(n int) string {
	marks := make([]string, n)
	for i := range marks {
		marks[i] = "$" + strconv.Itoa(i+1)
	}
	return strings.Join(marks, ", ")
}

func builderMarks(n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteString(", ")
		}
		fmt.Fprintf(&sb, "$%d", i+1)
	}
	return sb.String()
}

func label(s string) string { return strings.TrimSpace(s) }

func positives(ctx context.Context, db *sql.DB, tx *sql.Tx, conn *sql.Conn, name, email, limit string, ids []string) error {
	// a value pasted inside a quoted literal
	rows, err := db.Query("SELECT id FROM users WHERE name = '" + name + "'") // want `Query runs SQL with name pasted in after "WHERE name = '": a value containing a quote rewrites the statement \(SQL injection\); use a placeholder \(\? or \$1\) and pass name as an argument`
	if err != nil {
		return err
	}
	rows.Close()

	// fmt.Sprintf with %s inside quotes
	_, _ = tx.ExecContext(ctx, fmt.Sprintf("DELETE FROM users WHERE email = '%s'", email)) // want `ExecContext runs SQL with email pasted in`

	// after a comparison operator, no quotes
	_ = conn.QueryRowContext(ctx, "SELECT name FROM users WHERE id = "+name) // want `QueryRowContext runs SQL with name pasted in after "WHERE id ="`

	// through a local variable assigned once
	q := fmt.Sprintf("SELECT * FROM users WHERE name LIKE '%%%s%%'", name)
	_, _ = db.Query(q) // want `Query runs SQL with name pasted in`

	// built with += in a local variable
	query := "SELECT id FROM users WHERE 1 = 1"
	if email != "" {
		query += " AND email = '" + email + "'"
	}
	_, _ = db.Exec(query) // want `Exec runs SQL with email pasted in`

	// LIMIT from a string
	_, _ = db.Query("SELECT id FROM users ORDER BY id LIMIT " + limit) // want `Query runs SQL with limit pasted in after "BY id LIMIT"`

	// an IN list joined from strings
	_, _ = tx.Query("SELECT id FROM users WHERE name IN ('" + strings.Join(ids, "','") + "')") // want `Query runs SQL with strings\.Join\(ids, "','"\) pasted in`

	// a condition variable built from a parameter, pasted into the statement
	cond := "name = '" + name + "'"
	_, _ = db.Prepare("SELECT id FROM users WHERE " + cond) // want `Prepare runs SQL with name pasted in`

	// a string value in a MySQL double-quoted literal
	_, _ = db.ExecContext(ctx, `UPDATE users SET email = "`+email+`" WHERE id = 1`) // want `ExecContext runs SQL with email pasted in`

	// through a function of the package that returns its parameter
	_, _ = db.Exec("INSERT INTO labels (name) VALUES ('" + label(name) + "')") // want `Exec runs SQL with label\(name\) pasted in after "VALUES \('"`

	// a slice whose elements come from a parameter
	names := make([]string, 1)
	names[0] = name
	_, _ = db.Query("SELECT id FROM users WHERE name IN ('" + strings.Join(names, "', '") + "')") // want `Query runs SQL with strings\.Join\(names, "', '"\) pasted in`
	return nil
}

func (s *Store) Search(q string) (*sql.Rows, error) {
	if q != "" {
		q = "SELECT id FROM users WHERE name LIKE '%" + q + "%'"
	}
	return s.db.Query(q) // want `Query runs SQL with q pasted in after "name LIKE '%"`
}

func (s *Store) ByStatus(status string) (*sql.Rows, error) {
	return s.db.Query(fmt.Sprintf("SELECT * FROM %s WHERE status = %v", s.table, status)) // want `Query runs SQL with status pasted in after "WHERE status ="`
}

func negatives(ctx context.Context, db *sql.DB, tx *sql.Tx, name string, id, n int, ids []int, kind int, sortCol string) error {
	// placeholders
	_, _ = db.Query("SELECT id FROM users WHERE name = ?", name)
	_, _ = db.Query("SELECT id FROM users WHERE name = $1", name)

	// constant-only concatenation
	const base = "SELECT id FROM users"
	_, _ = db.Query(base + " WHERE name = ?" + " AND active")

	// integers cannot inject
	_, _ = db.Query("SELECT name FROM users WHERE id = " + strconv.Itoa(id))
	_, _ = db.Query(fmt.Sprintf("SELECT name FROM users WHERE id = %d LIMIT %d", id, n))
	_, _ = db.Query(fmt.Sprintf("SELECT name FROM users WHERE id = %v", id))

	// a table name chosen from constants by a switch
	var table string
	switch kind {
	case 1:
		table = "admins"
	default:
		table = "users"
	}
	_, _ = db.Query("SELECT id FROM " + table + " WHERE name = ?", name)
	_, _ = db.Query("SELECT id FROM users WHERE role = '" + table + "'")

	// a placeholder list
	args := make([]any, len(ids))
	for i, v := range ids {
		args[i] = v
	}
	_, _ = db.Query("SELECT name FROM users WHERE id IN ("+strings.Repeat("?,", len(ids)-1)+"?)", args...)
	marks := make([]string, 0, len(ids))
	for range ids {
		marks = append(marks, "?")
	}
	_, _ = db.Query("SELECT name FROM users WHERE id IN ("+strings.Join(marks, ", ")+")", args...)
	_, _ = db.Query("SELECT name FROM users WHERE id IN ("+builderMarks(len(ids))+")", args...)

	// a column from a whitelist map
	columns := map[string]string{"name": "name", "created": "created_at"}
	_, _ = db.Query("SELECT id FROM users ORDER BY " + columns[sortCol])
	_, _ = db.Query("SELECT id FROM users WHERE kind = '" + columns[sortCol] + "'")

	// identifiers and clauses: no placeholder can stand there
	_, _ = db.Exec("DROP TABLE IF EXISTS " + name)
	_, _ = tx.Exec(fmt.Sprintf("CREATE SCHEMA %s", name))
	_, _ = db.Query("SELECT id FROM users WHERE " + name)
	_, _ = db.Query(fmt.Sprintf("SELECT id FROM `%s` WHERE id = ?", name), id)

	// quoted on purpose
	_, _ = db.Query("SELECT id FROM users WHERE name = " + quoteLiteral(name))
	_, _ = db.Query("SELECT id FROM users WHERE name = '" + strings.ReplaceAll(name, "'", "''") + "'")

	// placeholders from a function of the package, a formatted time
	_, _ = db.Exec("INSERT INTO users (name, email) VALUES ("+placeholders(2)+")", name, name)
	_, _ = db.Query("SELECT id FROM users WHERE created < '" + time.Now().Format(time.RFC3339) + "'")

	// %q and %d
	_, _ = db.Query(fmt.Sprintf("SELECT id FROM users WHERE name = %q", name))
	_, _ = db.Query(fmt.Sprintf("SELECT id FROM users WHERE id = '%d'", id))

	// a parameter that is the whole query: the caller built it
	_, _ = db.Query(name)

	// not database/sql
	fmt.Println("SELECT id FROM users WHERE name = '" + name + "'")
	return nil
}
