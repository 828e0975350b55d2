//go:build go1.19

// This file is written for Go 1.19, when a format could hold only one %w.

package errwrap

import (
	"fmt"
	"io/fs"
)

func wrapOld(err error) []error {
	return []error{
		// the rule cannot propose a second %w before Go 1.20
		fmt.Errorf("first: %w, second: %v", err, fs.ErrNotExist),
		fmt.Errorf("only: %v", err), // want `fmt\.Errorf formats err with %v`
	}
}
