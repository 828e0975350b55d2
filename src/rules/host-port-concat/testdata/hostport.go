package hostport

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"strconv"
)

type config struct {
	Host string
	Port int
	Addr string
}

func positives(ctx context.Context, host, port string, n int, cfg *config) {
	net.Dial("tcp", host+":"+port)                   // want `address for net\.Dial is built by joining host and port with ":", which breaks for IPv6 hosts.*net\.JoinHostPort`
	net.Listen("tcp", fmt.Sprintf("%s:%d", host, n)) // want `address for net\.Listen is built`
	addr := fmt.Sprintf("%v:%v", cfg.Host, cfg.Port) // want `address for \(\*net\.Dialer\)\.DialContext is built`
	var d net.Dialer
	d.DialContext(ctx, "tcp", addr)
	srv := &http.Server{
		Addr: host + ":8080", // want `address for the Addr field is built`
	}
	_ = srv
	cfg.Addr = cfg.Host + ":" + strconv.Itoa(cfg.Port) // want `address for the Addr field is built`
	tls.Dial("tcp", host+":443", nil)                  // want `address for crypto/tls\.Dial is built`
}

func negatives(ctx context.Context, host, port string, n int, cfg *config) {
	net.Dial("tcp", net.JoinHostPort(host, port))
	net.Listen("tcp", ":"+strconv.Itoa(n))
	net.Listen("tcp", "localhost:"+port)
	http.ListenAndServe(":8080", nil)
	addr := fmt.Sprintf("%s:%d", host, n)
	if n == 0 {
		addr = net.JoinHostPort(host, "80")
	}
	net.Dial("tcp", addr)
	url := "http://" + host + ":" + port + "/health"
	_ = url
	label := host + ":" + port
	fmt.Println(label)
	srv := &http.Server{Addr: net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))}
	_ = srv
}

// The host is a local variable only ever set to a constant name: never an IPv6 literal
// (net/smtp's example_test.go).
func dialMail() (net.Conn, error) {
	hostname := "mail.example.com"
	return net.Dial("tcp", hostname+":25")
}
