package tlsconfig

import (
	"crypto/tls"
	"crypto/x509"
)

var weakSuites = []uint16{
	tls.TLS_RSA_WITH_RC4_128_SHA, // want `cipher suite TLS_RSA_WITH_RC4_128_SHA is insecure \(RC4\); drop it, or leave CipherSuites nil for Go's secure defaults`
	tls.TLS_RSA_WITH_AES_128_GCM_SHA256,
	tls.TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA,     // want `TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA is insecure \(3DES, Sweet32\)`
	tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, // want `insecure \(CBC with SHA-256, Lucky13\)`
	tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
}

var strongSuites = []uint16{
	tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
}

func configs(pool *x509.CertPool, skip bool) []*tls.Config {
	suites := append(strongSuites, tls.TLS_ECDHE_RSA_WITH_RC4_128_SHA) // want `TLS_ECDHE_RSA_WITH_RC4_128_SHA is insecure`
	insecure := &tls.Config{
		InsecureSkipVerify: true,             // want `InsecureSkipVerify: true disables verification of the server's certificate chain and host name`
		MinVersion:         tls.VersionTLS10, // want `MinVersion tls\.VersionTLS10 lets connections fall back to TLS 1\.0, which has known attacks; use tls\.VersionTLS12 or later`
		CipherSuites:       suites,
	}
	capped := &tls.Config{MaxVersion: tls.VersionTLS11} // want `MaxVersion tls\.VersionTLS11 caps connections at TLS 1\.1`
	var assigned tls.Config
	assigned.InsecureSkipVerify = true // want `InsecureSkipVerify: true disables`
	assigned.MinVersion = 0x0302       // want `MinVersion 0x0302 lets connections fall back to TLS 1\.1`

	// near misses: verification kept, modern versions, Go's default suites
	safe := &tls.Config{
		RootCAs:            pool,
		InsecureSkipVerify: false,
		MinVersion:         tls.VersionTLS12,
		MaxVersion:         tls.VersionTLS13,
		CipherSuites:       strongSuites,
	}
	defaults := &tls.Config{MinVersion: 0}
	flagged := &tls.Config{InsecureSkipVerify: skip}
	assigned.MinVersion = tls.VersionTLS13
	name := tls.CipherSuiteName(tls.TLS_RSA_WITH_RC4_128_SHA)
	_ = name
	return []*tls.Config{insecure, capped, &assigned, safe, defaults, flagged}
}
