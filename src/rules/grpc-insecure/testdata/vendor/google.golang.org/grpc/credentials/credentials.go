// Package credentials is a minimal stand-in for google.golang.org/grpc/credentials.
package credentials

import "crypto/tls"

// TransportCredentials defines the common interface for all the live gRPC wire protocols.
type TransportCredentials interface {
	Info() string
}

type tlsCreds struct{ config *tls.Config }

func (c tlsCreds) Info() string { return "tls" }

// NewTLS uses c to construct a TransportCredentials based on TLS.
func NewTLS(c *tls.Config) TransportCredentials { return tlsCreds{c} }
