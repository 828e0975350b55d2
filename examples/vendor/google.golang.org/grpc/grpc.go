// Package grpc is a minimal stand-in for google.golang.org/grpc, so that the example builds
// offline: the few declarations the shop uses, with the real package's names and shapes.
package grpc

import "context"

// DialOption configures how we set up the connection.
type DialOption interface {
	apply()
}

type funcDialOption struct{}

func (funcDialOption) apply() {}

// CallOption configures a Call before it starts or extracts information from it after it ends.
type CallOption interface {
	before()
}

// ClientConn represents a virtual connection to a conceptual endpoint.
type ClientConn struct{ target string }

// Dial creates a client connection to the given target.
func Dial(target string, opts ...DialOption) (*ClientConn, error) {
	return &ClientConn{target: target}, nil
}

// Invoke sends the RPC request on the wire and returns after the response is received.
func (cc *ClientConn) Invoke(ctx context.Context, method string, args, reply any, opts ...CallOption) error {
	return ctx.Err()
}

// Close tears down the ClientConn and all underlying connections.
func (cc *ClientConn) Close() error { return nil }

// WithInsecure returns a DialOption which disables transport security for this ClientConn.
//
// Deprecated: use WithTransportCredentials and insecure.NewCredentials() instead.
func WithInsecure() DialOption { return funcDialOption{} }

// WithBlock returns a DialOption which makes callers of Dial block until the connection is up.
func WithBlock() DialOption { return funcDialOption{} }
