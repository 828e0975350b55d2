package body

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
)

// --- positives ---

func earlyStatusReturn(c *http.Client, url string) ([]byte, error) {
	resp, err := c.Get(url) // want `response body of c.Get is not closed when the function returns at line 21`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(resp.Status)
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func neverClosed(url string) (int, error) {
	resp, err := http.Get(url) // want `response body of http.Get is not closed when the function returns at line 32`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func dropped(url string) {
	http.Get(url) // want `response body of http.Get is not closed because the result is dropped`
}

func blank(c *http.Client, req *http.Request) error {
	_, err := c.Do(req) // want `response body of c.Do is not closed because the result is dropped`
	return err
}

func readButNotClosed(url string, v any) error {
	resp, err := http.Get(url) // want `not closed when the function returns at line 49`
	if err != nil {
		return err
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

func inLoop(urls []string) {
	for _, u := range urls {
		resp, err := http.Get(u) // want `response body of http.Get is not closed`
		if err != nil {
			continue
		}
		fmt.Println(resp.Status)
	}
}

func fallsOffEnd(url string) {
	resp, err := http.Post(url, "text/plain", nil) // want `when the function ends at line 67`
	if err == nil {
		fmt.Println(resp.StatusCode)
	}
}

func decodeErrorPath(c *http.Client, url string, v any) error {
	resp, err := c.Get(url) // want `when the function returns at line 75`
	if err != nil {
		return err
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return err
	}
	return resp.Body.Close()
}

// --- negatives ---

func deferred(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func closeBody(resp *http.Response) {
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

func helperCloses(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer closeBody(resp)
	return nil
}

func helperCalledInline(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	closeBody(resp)
	return nil
}

func deferredClosure(url string) (err error) {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := resp.Body.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	_, err = io.ReadAll(resp.Body)
	return err
}

func returned(url string) (*http.Response, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

func returnedDirectly(c *http.Client, req *http.Request) (*http.Response, error) {
	return c.Do(req)
}

type fetcher struct {
	last *http.Response
}

func (f *fetcher) stored(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	f.last = resp
	return nil
}

func everyBranch(url string, mode int) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	switch mode {
	case 0:
		resp.Body.Close()
		return nil
	case 1:
		_, _ = io.Copy(os.Stdout, resp.Body)
		resp.Body.Close()
	default:
		resp.Body.Close()
		return errors.New("bad mode")
	}
	return nil
}

func fatalPath(url string) {
	resp, err := http.Get(url)
	if err != nil {
		log.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		log.Fatalf("status %s", resp.Status)
	}
	defer resp.Body.Close()
	fmt.Println(resp.Header.Get("Content-Type"))
}

func handedOver(url string, sink func(*http.Response)) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	sink(resp)
	return nil
}

func bodyStored(url string) (io.ReadCloser, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

func nilCheck(url string) {
	resp, _ := http.Get(url)
	if resp == nil {
		return
	}
	defer resp.Body.Close()
}

func sentOn(url string, out chan<- *http.Response) {
	resp, err := http.Get(url)
	if err != nil {
		return
	}
	out <- resp
}

func inGoroutine(url string) {
	resp, err := http.Get(url)
	if err != nil {
		return
	}
	go func() {
		defer resp.Body.Close()
		_, _ = io.Copy(io.Discard, resp.Body)
	}()
}

func loopClosesEachTime(urls []string) {
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			continue
		}
		fmt.Println(resp.Status)
		resp.Body.Close()
	}
}

func head(url string) (int, error) {
	resp, err := http.Head(url) // a HEAD response has no body to hold the connection
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func dumpOut(t *http.Transport, req *http.Request) error {
	_, err := t.RoundTrip(req) // a transport-level dump over a fake connection: left alone
	return err
}
