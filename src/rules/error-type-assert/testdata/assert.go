package errassert

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"strconv"
)

type QuotaError struct{ Limit int }

func (e *QuotaError) Error() string { return "quota exceeded" }

type TempError struct{}

func (TempError) Error() string   { return "temporary" }
func (TempError) Temporary() bool { return true }

func run() error { return nil }

func positives() {
	err := run()
	_, err = os.Open("x")
	if pe, ok := err.(*fs.PathError); ok { // want `type assertion on err to \*fs\.PathError fails once the error is wrapped; use errors\.As\(err, &target\)`
		_ = pe.Path
	}
	if _, ok := err.(*net.OpError); ok { // want `type assertion on err to \*net\.OpError`
		return
	}
	pe := err.(*fs.PathError) // want `type assertion on err to \*fs\.PathError`
	_ = pe
	switch e := err.(type) {
	case nil:
	case *net.DNSError: // want `type switch case \*net\.DNSError on err misses the error once it is wrapped`
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
	// The package's own error types: it returns them itself, unwrapped (os does this with
	// *PathError in removeall_at.go).
	if qe, ok := err.(*QuotaError); ok {
		_ = qe.Limit
	}
	if _, ok := err.(TempError); ok {
		return
	}
	switch err.(type) {
	case *QuotaError, TempError:
	}
}

// The error comes straight from the package that declares its type: nothing wrapped it
// (fmt's scan.go does this with strconv.ParseFloat).
func parse(s string) (float64, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok {
			ne.Num = "[redacted]"
		}
		return 0, err
	}
	if _, err := os.Lstat(s); err != nil {
		if pe, ok := err.(*fs.PathError); ok {
			return 0, pe.Err
		}
	}
	return f, nil
}

// OpError's Err is filled by this package's own code (net's (*OpError).Timeout).
type OpError struct{ Err error }

func (e *OpError) Error() string { return "op: " + e.Err.Error() }

func (e *OpError) Timeout() bool {
	if se, ok := e.Err.(*os.SyscallError); ok {
		return se.Timeout()
	}
	return false
}

// Near miss: an unexported helper's callers, all in this package, decide what err holds
// (strconv's helpers receive its own unwrapped *NumError).
func numErrText(err error) string {
	if ne, ok := err.(*strconv.NumError); ok {
		return ne.Func
	}
	switch e := err.(type) {
	case *strconv.NumError:
		return e.Num
	}
	return ""
}

// The same helper exported: any caller may pass a wrapped error.
func NumErrText(err error) string {
	if ne, ok := err.(*strconv.NumError); ok { // want "errors.As"
		return ne.Func
	}
	return ""
}
