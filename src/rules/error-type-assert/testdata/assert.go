package errassert

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"os/exec"
)

type QuotaError struct{ Limit int }

func (e *QuotaError) Error() string { return "quota exceeded" }

type TempError struct{}

func (TempError) Error() string   { return "temporary" }
func (TempError) Temporary() bool { return true }

func run() error { return nil }

func positives() {
	err := run()
	if qe, ok := err.(*QuotaError); ok { // want `type assertion on err to \*QuotaError fails once the error is wrapped; use errors\.As\(err, &target\)`
		_ = qe.Limit
	}
	if _, ok := err.(TempError); ok { // want `type assertion on err to TempError`
		return
	}
	_, err = os.Open("x")
	pe := err.(*fs.PathError) // want `type assertion on err to \*fs\.PathError`
	_ = pe
	switch e := err.(type) {
	case nil:
	case *QuotaError: // want `type switch case \*QuotaError on err misses the error once it is wrapped`
		_ = e
	case *exec.ExitError, *fs.PathError: // want `type switch case \*exec\.ExitError` `type switch case \*fs\.PathError`
	case net.Error:
	}
}

// Is serves errors.Is: asserting the target to the own type is the idiom.
func (e *QuotaError) Is(target error) bool {
	t, ok := target.(*QuotaError)
	return ok && t.Limit == e.Limit
}

func negatives(v any) {
	err := run()
	var qe *QuotaError
	if errors.As(err, &qe) {
		_ = qe.Limit
	}
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		return
	}
	if _, ok := err.(interface{ Temporary() bool }); ok {
		return
	}
	if q, ok := v.(*QuotaError); ok {
		_ = q
	}
	switch v.(type) {
	case *QuotaError:
	case error:
	}
	switch err.(type) {
	case nil:
	case net.Error:
	}
}
