//go:build go1.19

// Written for Go 1.19: time.DateTime, DateOnly and TimeOnly do not exist yet.

package stdconst

import "time"

func oldLayouts(s string) {
	t, _ := time.Parse("2006-01-02 15:04:05", s)
	_ = t.Format("2006-01-02")
	_ = t.Format("15:04:05")
	_ = t.Format("Mon, 02 Jan 2006 15:04:05 MST") // want `layout "Mon, 02 Jan 2006 15:04:05 MST" is time\.RFC1123`
}
