// Package api calls its sibling store, whose errors reach it wrapped.
package api

import "example.com/errcompare/internal/store"

// An application's internal package wraps its sentinel: == never matches.
func Lookup(id int) string {
	name, err := store.ByID(id)
	if err == store.ErrNotFound { // want "errors.Is"
		return ""
	}
	return name
}
