// Package insecure is a minimal stand-in for google.golang.org/grpc/credentials/insecure.
package insecure

import "google.golang.org/grpc/credentials"

type insecureTC struct{}

func (insecureTC) Info() string { return "insecure" }

// NewCredentials returns credentials which disable transport security.
func NewCredentials() credentials.TransportCredentials { return insecureTC{} }
