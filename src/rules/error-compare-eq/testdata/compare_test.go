package errcompare

import (
	"context"
	"testing"
)

// A test comparing with == pins the exact value the code returns (os/signal's tests do this
// with context.Canceled).
func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := context.Cause(ctx); err != context.Canceled {
		t.Fatalf("got %v, want %v", err, context.Canceled)
	}
}
