package errcompare

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"io/fs"
	"os"
)

var ErrNotFound = errors.New("not found")

// errClosed is this package's own: it decides whether it is ever wrapped.
var errClosed = errors.New("closed")

var ErrConflict = &conflictError{}

type conflictError struct{}

func (*conflictError) Error() string { return "conflict" }

func find(id int) error { return nil }

func positives(db *sql.DB, r io.Reader) {
	err := find(1)
	if err == ErrNotFound { // want `comparing err with ErrNotFound by == fails once the error is wrapped .*use errors\.Is\(err, ErrNotFound\)`
		return
	}
	if ErrNotFound != err { // want `use !errors\.Is\(err, ErrNotFound\)`
		return
	}
	row := db.QueryRow("SELECT 1")
	if e := row.Scan(); e == sql.ErrNoRows { // want `comparing e with sql\.ErrNoRows`
		return
	}
	if _, err := os.Open("x"); err == fs.ErrNotExist { // want `comparing err with fs\.ErrNotExist`
		return
	}
	if find(2) == ErrConflict { // want `comparing find\(2\) with ErrConflict`
		return
	}
	switch err {
	case nil:
	case ErrNotFound: // want `switch on err compares it with ErrNotFound by ==.*errors\.Is\(err, ErrNotFound\)`
	case io.EOF:
	case ErrConflict: // want `switch on err compares it with ErrConflict`
	}
}

type notFoundError struct{ key string }

func (e notFoundError) Error() string { return e.key + " not found" }

// Is serves errors.Is: comparing the target with == is the point.
func (e notFoundError) Is(target error) bool { return target == ErrNotFound }

func negatives(ctx context.Context, db *sql.DB, r io.Reader) {
	err := find(1)
	if err == nil {
		return
	}
	if errors.Is(err, ErrNotFound) {
		return
	}
	buf := make([]byte, 8)
	if _, err := r.Read(buf); err == io.EOF {
		return
	}
	if ctx.Err() == context.Canceled {
		return
	}
	if _, err := io.ReadFull(r, buf); err == io.ErrUnexpectedEOF {
		return
	}
	if err == errClosed {
		return
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return
	}
	var other error = ErrConflict
	if other == err {
		return
	}
	switch {
	case errors.Is(err, ErrNotFound):
	case errors.Is(err, ErrConflict):
	}
	switch err {
	case nil, io.EOF:
	}
	code := 3
	if code == 3 {
		return
	}
}
