package compare

import (
	"testing"
	"time"
)

// A round-trip test checks the exact value, location included (archive/zip's tests want the
// modification time back in UTC): == is the stricter check, on purpose.
func TestRoundTrip(t *testing.T) {
	want := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	got := roundTrip(want)
	if got != want {
		t.Errorf("got %v, want %v", got, want)
	}
	seen := map[time.Time]bool{want: true}
	_ = seen
}

func roundTrip(t time.Time) time.Time {
	b, _ := t.MarshalText()
	var u time.Time
	_ = u.UnmarshalText(b)
	return u
}
