// Package store is an application's internal package: its sentinels reach callers wrapped.
package store

import (
	"errors"
	"fmt"
)

var ErrNotFound = errors.New("item not found")

func ByID(id int) (string, error) {
	return "", fmt.Errorf("item %d: %w", id, ErrNotFound)
}
