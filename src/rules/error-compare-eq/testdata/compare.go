package errcompare

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"strconv"
	"time"
)

var ErrNotFound = errors.New("not found")

// errClosed is this package's own: it decides whether it is ever wrapped.
var errClosed = errors.New("closed")

var ErrConflict = &conflictError{}

type conflictError struct{}

func (*conflictError) Error() string { return "conflict" }

func find(id int) error { return nil }

func positives(db *sql.DB, tx *sql.Tx, r io.Reader) {
	err := tx.Commit()
	if err == sql.ErrTxDone { // want `comparing err with sql\.ErrTxDone by == fails once the error is wrapped .*use errors\.Is\(err, sql\.ErrTxDone\)`
		return
	}
	if os.ErrDeadlineExceeded != err { // want `use !errors\.Is\(err, os\.ErrDeadlineExceeded\)`
		return
	}
	row := db.QueryRow("SELECT 1")
	if e := row.Scan(); e == sql.ErrNoRows { // want `comparing e with sql\.ErrNoRows`
		return
	}
	if _, err := os.Open("x"); err == fs.ErrNotExist { // want `comparing err with fs\.ErrNotExist`
		return
	}
	if tx.Rollback() == sql.ErrConnDone { // want `comparing tx\.Rollback\(\) with sql\.ErrConnDone`
		return
	}
	switch err {
	case nil:
	case fs.ErrPermission: // want `switch on err compares it with fs\.ErrPermission by ==.*errors\.Is\(err, fs\.ErrPermission\)`
	case io.EOF:
	case context.DeadlineExceeded: // want `switch on err compares it with context\.DeadlineExceeded`
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
	// The package's own sentinels, exported or not: it returns them itself and knows it does
	// not wrap them (archive/tar compares ErrWriteTooLong this way).
	if find(2) == ErrConflict || err == ErrNotFound || ErrNotFound != err {
		return
	}
	switch err {
	case ErrNotFound, ErrConflict:
	}
	// Sentinels returned unwrapped by contract.
	br := bufio.NewReader(r)
	if _, err := br.ReadSlice('\n'); err == bufio.ErrBufferFull {
		return
	}
	// ctx.Err() through a variable (net/http/pprof), and NumError.Err (flag).
	if err := ctx.Err(); err == context.DeadlineExceeded {
		return
	}
	switch err := ctx.Err(); err {
	case context.Canceled:
	}
	if _, err := strconv.Atoi("x"); err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrSyntax {
			return
		}
	}
	srv := &http.Server{ReadHeaderTimeout: time.Second}
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		return
	}
}

type pipe struct{ closed bool }

func (p *pipe) read(b []byte) (int, error) {
	if p.closed {
		return 0, io.ErrClosedPipe
	}
	return len(b), nil
}

// The error comes only from the package's own function, which returns io.ErrClosedPipe as it
// is (net's pipe.go).
func (p *pipe) Read(b []byte) (int, error) {
	n, err := p.read(b)
	if err != nil && err != io.ErrClosedPipe {
		err = fmt.Errorf("pipe read: %w", err)
	}
	return n, err
}

// Near miss: an unexported helper's callers, all in this package, decide what err holds (net's
// mapErr receives ctx.Err(), which is never wrapped).
func mapErr(err error) error {
	if err == context.Canceled {
		return errors.New("operation was canceled")
	}
	switch err {
	case context.DeadlineExceeded:
		return errors.New("i/o timeout")
	}
	return err
}

// The same helper exported: any caller may pass a wrapped error.
func MapErr(err error) error {
	if err == context.Canceled { // want "errors.Is"
		return errors.New("operation was canceled")
	}
	return err
}
