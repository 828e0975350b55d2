package server

import (
	"net"
	"net/http"
	"time"
)

type app struct {
	srv *http.Server
}

type guarded struct {
	srv *http.Server
}

var public = &http.Server{Addr: ":80"} // want `http\.Server has no ReadHeaderTimeout or ReadTimeout: slow clients hold connections and goroutines forever \(Slowloris\)`

var internal = &http.Server{Addr: ":9090"}

func init() {
	internal.ReadHeaderTimeout = 2 * time.Second
}

func serve(l net.Listener, h http.Handler) error {
	go http.ListenAndServe(":8080", h)              // want `http\.ListenAndServe serves with no timeouts: slow or idle clients hold connections and goroutines forever \(Slowloris\); set ReadHeaderTimeout`
	go http.ListenAndServeTLS(":8443", "c", "k", h) // want `http\.ListenAndServeTLS serves with no timeouts`
	go http.Serve(l, h)                             // want `http\.Serve serves with no timeouts`
	a := app{srv: &http.Server{Handler: h}}         // want `http\.Server has no ReadHeaderTimeout`
	s := new(http.Server)                           // want `new\(http\.Server\) has no ReadHeaderTimeout`

	// near misses: a header or read timeout in the literal or set later, and the server's
	// own methods
	safe := &http.Server{Addr: ":8080", Handler: h, ReadHeaderTimeout: 5 * time.Second}
	readTimeout := http.Server{Addr: ":8081", ReadTimeout: 10 * time.Second}
	later := &http.Server{Addr: ":8082"}
	later.ReadHeaderTimeout = time.Second
	g := guarded{srv: &http.Server{Handler: h}}
	g.srv.ReadTimeout = time.Second
	_, _, _ = a, s, readTimeout
	go later.ListenAndServe()
	return safe.Serve(l)
}
