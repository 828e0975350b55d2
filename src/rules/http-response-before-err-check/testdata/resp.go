package resp

import (
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
)

// --- positives ---

func deferBeforeCheck(url string) ([]byte, error) {
	resp, err := http.Get(url)
	defer resp.Body.Close() // want `defer resp.Body.Close\(\) runs before the error of http.Get \(line 15\) is checked`
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

func statusBeforeCheck(c *http.Client, req *http.Request) (int, error) {
	resp, err := c.Do(req)
	if resp.StatusCode != http.StatusOK { // want `resp.StatusCode is used before the error of c.Do \(line 24\) is checked`
		return resp.StatusCode, errors.New(resp.Status)
	}
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func readBodyOverwritesErr(c *http.Client, u string) ([]byte, error) {
	resp, err := c.Get(u)
	body, err := io.ReadAll(resp.Body) // want `resp.Body is used before the error of c.Get \(line 36\) is checked`
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return body, nil
}

func afterUnrelatedStatements(u string, form url.Values) error {
	var resp *http.Response
	var err error
	resp, err = http.PostForm(u, form)
	n := len(form)
	fmt.Println(n, resp.Header.Get("Location")) // want `resp.Header is used before the error of http.PostForm \(line 48\)`
	return err
}

func roundTrip(t http.RoundTripper, req *http.Request) (string, error) {
	res, e := t.RoundTrip(req)
	defer res.Body.Close() // want `defer res.Body.Close\(\) runs before the error of t.RoundTrip \(line 55\) is checked: when the request fails res is nil and this panics; check e first`
	if e != nil {
		return "", e
	}
	return res.Status, nil
}

func varSpec(u string) {
	var resp, err = http.Head(u)
	log.Println(resp.ContentLength) // want `resp.ContentLength is used before the error of http.Head`
	if err != nil {
		return
	}
	resp.Body.Close()
}

func inClosure(u string) {
	f := func() error {
		resp, err := http.Post(u, "text/plain", nil)
		defer resp.Body.Close() // want `before the error of http.Post`
		return err
	}
	_ = f()
}

// --- negatives ---

func checkedFirst(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func nilGuard(u string) error {
	resp, err := http.Get(u)
	if resp != nil {
		defer resp.Body.Close()
	}
	return err
}

func combinedCheck(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		return fmt.Errorf("request failed: %v", err)
	}
	return resp.Body.Close()
}

func logsErrFirst(u string) {
	resp, err := http.Get(u)
	log.Printf("get %s: %v", u, err)
	if resp == nil {
		return
	}
	resp.Body.Close()
}

func handedOn(u string) error {
	resp, err := http.Get(u)
	closeResp(resp)
	return err
}

func closeResp(r *http.Response) {
	if r != nil {
		r.Body.Close()
	}
}

func afterBranch(u string, verbose bool) error {
	resp, err := http.Get(u)
	if verbose {
		log.Println("fetched", u)
	}
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func blankError(u string) {
	// the error is dropped altogether: another rule's business
	resp, _ := http.Get(u)
	defer resp.Body.Close()
}

type wrapped struct{ resp *http.Response }

func notTheStdCall(get func(string) (*http.Response, error), u string) error {
	resp, err := get(u)
	defer resp.Body.Close()
	return err
}

func deferredClosureChecks(u string) (err error) {
	resp, err := http.Get(u)
	defer func() {
		if err == nil {
			resp.Body.Close()
		}
	}()
	return err
}

func switchOnErr(u string) (int, error) {
	resp, err := http.Get(u)
	switch {
	case err != nil:
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}
