// Package grpc is a minimal stand-in for google.golang.org/grpc: the declarations the fixtures
// of grpc-insecure use, with the real package's names and shapes.
package grpc

import "google.golang.org/grpc/credentials"

// DialOption configures how we set up the connection.
type DialOption interface {
	apply()
}

type funcDialOption struct{}

func (funcDialOption) apply() {}

// ClientConn represents a virtual connection to a conceptual endpoint.
type ClientConn struct{}

// Close tears down the ClientConn.
func (cc *ClientConn) Close() error { return nil }

// Dial creates a client connection to the given target.
func Dial(target string, opts ...DialOption) (*ClientConn, error) { return &ClientConn{}, nil }

// WithInsecure returns a DialOption which disables transport security.
//
// Deprecated: use WithTransportCredentials and insecure.NewCredentials() instead.
func WithInsecure() DialOption { return funcDialOption{} }

// WithTransportCredentials returns a DialOption which configures connection level security.
func WithTransportCredentials(creds credentials.TransportCredentials) DialOption {
	return funcDialOption{}
}

// WithBlock returns a DialOption which makes Dial block until the connection is up.
func WithBlock() DialOption { return funcDialOption{} }
