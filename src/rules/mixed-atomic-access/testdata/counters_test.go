package counters

import "testing"

func TestServe(t *testing.T) {
	Serve()
	if requests != 1 {
		t.Fatal(requests)
	}
}
