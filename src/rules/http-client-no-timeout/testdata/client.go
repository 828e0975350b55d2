package client

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

type api struct {
	http *http.Client
}

var shared = &http.Client{} // want `http\.Client has no Timeout: a server that stops answering blocks the request and its goroutine forever; set Timeout`

var configured = &http.Client{}

func init() {
	configured.Timeout = 5 * time.Second
}

var bounded = &http.Client{Timeout: 10 * time.Second}

func fetch(u string, rt http.RoundTripper) error {
	resp, err := http.Get(u) // want `http\.Get uses http\.DefaultClient, which has no timeout: a server that stops answering blocks this call forever; use a http\.Client with Timeout set \(client\.Get\)`
	if err != nil {
		return err
	}
	resp.Body.Close()
	_, _ = http.Post(u, "text/plain", strings.NewReader("x")) // want `http\.Post uses http\.DefaultClient`
	_, _ = http.PostForm(u, url.Values{})                     // want `http\.PostForm uses http\.DefaultClient`
	req, _ := http.NewRequest("GET", u, nil)
	_, _ = http.DefaultClient.Do(req) // want `http\.DefaultClient\.Do goes through a client with no timeout`

	a := api{http: &http.Client{ // want `http\.Client has no Timeout`
		Transport: &http.Transport{MaxIdleConns: 10},
	}}
	c := new(http.Client) // want `new\(http\.Client\) has no Timeout`

	// near misses: a timeout on the client, on its transport, set later, or a transport the
	// rule cannot see into
	_, _ = bounded.Get(u)
	_, _ = bounded.Do(req)
	withTransport := &http.Client{
		Transport: &http.Transport{
			DialContext:           (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
			ResponseHeaderTimeout: 5 * time.Second,
		},
	}
	later := &http.Client{}
	later.Timeout = 30 * time.Second
	custom := &http.Client{Transport: rt}
	value := http.Client{Timeout: time.Minute}
	_, _, _, _, _, _ = a, c, withTransport, later, custom, value
	return nil
}
