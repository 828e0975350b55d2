package errwrap

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

type codeError struct{ code int }

func (e *codeError) Error() string { return fmt.Sprint(e.code) }

func open(name string) error {
	_, err := os.Open(name)
	return err
}

func positives(name string) []error {
	err := open(name)
	var ce *codeError
	return []error{
		fmt.Errorf("open %s: %v", name, err),                     // want `fmt\.Errorf formats err with %v, which keeps only its text.*use %w`
		fmt.Errorf("open %q: %s", name, err),                     // want `fmt\.Errorf formats err with %s`
		fmt.Errorf("%d%%: %+v", 3, err),                          // want `fmt\.Errorf formats err with %v`
		fmt.Errorf("%*d: %v", 4, 5, ce),                          // want `fmt\.Errorf formats ce with %v`
		fmt.Errorf("first: %w, second: %v", err, fs.ErrNotExist), // want `fmt\.Errorf formats fs\.ErrNotExist with %v`
		fmt.Errorf("open: %v", errors.New("inner")),              // want `fmt\.Errorf formats errors\.New\("inner"\) with %v`
	}
}

func negatives(name string, format string) []error {
	err := open(name)
	return []error{
		fmt.Errorf("open %s: %w", name, err),
		fmt.Errorf("open %s: %v", name, err.Error()),
		fmt.Errorf("open %s: %d", name, 3),
		fmt.Errorf(format, err),
		fmt.Errorf("%[2]v: %[1]s", name, err),
		fmt.Errorf("no operands"),
		errors.New(fmt.Sprintf("open %s: %v", name, err)),
	}
}

// A checker reporting what it observed: the error is a value in a mismatch report, not a
// cause (testing/iotest's TestReader).
func checkSeek(off int64, err error) error {
	if off != 1 || err != nil {
		return fmt.Errorf("Seek(+1, 1) = %d, %v, want 1, nil", off, err)
	}
	return nil
}

// The value of a panic is not unwrapped by anyone (crypto/tls's key_schedule.go).
func mustLabel(err error) {
	if err != nil {
		panic(fmt.Errorf("failed to construct HKDF label: %s", err))
	}
}
