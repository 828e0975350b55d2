// Package errgroup is a minimal stand-in for golang.org/x/sync/errgroup: the declarations the
// fixtures use, with the real package's names and shapes.
package errgroup

import "context"

// A Group is a collection of goroutines working on subtasks of a common task.
type Group struct {
	cancel func()
	err    error
}

// WithContext returns a new Group and an associated Context derived from ctx.
func WithContext(ctx context.Context) (*Group, context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	return &Group{cancel: cancel}, ctx
}

// Wait blocks until all function calls from the Go method have returned.
func (g *Group) Wait() error { return g.err }

// Go calls the given function in a new goroutine.
func (g *Group) Go(f func() error) {
	go func() { _ = f() }()
}
