package params

import "testing"

// Test helpers and functions exercising passing by value are not reported (database/sql's
// nullTestRun, reflect's register ABI tests).
func runSummary(t *testing.T, s Summary) {
	if s.Title == "" {
		t.Fatal("no title")
	}
}

func TestSummary(t *testing.T) {
	runSummary(t, Summary{Title: "x"})
}
