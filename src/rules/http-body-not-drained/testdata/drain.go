package drain

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"
)

// --- positives ---

func seedDoRequest(url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		log.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req) // want `response body of http.DefaultClient.Do is closed at line 25 without being read: the transport then drops the HTTP/1.x connection.*io.Copy\(io.Discard, resp.Body\)`
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status code is not 200, got: %d", resp.StatusCode)
	}
	return nil
}

func statusOnly(c *http.Client, url string, body io.Reader) (int, error) {
	resp, err := c.Post(url, "application/json", body) // want `response body of c.Post is closed at line 38`
	if err != nil {
		return 0, err
	}
	defer func() {
		if err := resp.Body.Close(); err != nil {
			log.Printf("failed to close response: %v", err)
		}
	}()
	return resp.StatusCode, nil
}

func headerOnly(url string) string {
	r, err := http.Get(url) // want `closed at line 50 without being read.*io.Copy\(io.Discard, r.Body\)`
	if err != nil {
		return ""
	}
	r.Body.Close()
	return r.Header.Get("ETag")
}

func inLoop(c *http.Client, urls []string) int {
	up := 0
	for _, u := range urls {
		resp, err := c.Get(u) // want `response body of c.Get is closed at line 61`
		if err != nil {
			continue
		}
		resp.Body.Close()
		if resp.StatusCode < 300 {
			up++
		}
	}
	return up
}

func roundTrip(t http.RoundTripper, ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, "DELETE", url, nil)
	if err != nil {
		return err
	}
	resp, err := t.RoundTrip(req) // want `response body of t.RoundTrip is closed`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return errors.New(resp.Status)
	}
	return nil
}

func postForm(c *http.Client, url string) (string, error) {
	resp, err := c.PostForm(url, nil) // want `c.PostForm is closed at line 90`
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	loc, err := resp.Location()
	if err != nil {
		return "", err
	}
	return loc.String(), nil
}

// --- negatives ---

func drained(c *http.Client, url string) (int, error) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

func decoded(url string, v any) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}

func readOnErrorOnly(url string) error {
	// reading the body on one path is enough for this rule: the function does not discard it
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		return errors.New(string(b))
	}
	return nil
}

func head(url string) (int64, error) {
	resp, err := http.Head(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.ContentLength, nil
}

func headRequest(c *http.Client, url string) (string, error) {
	req, err := http.NewRequest(http.MethodHead, url, nil)
	if err != nil {
		return "", err
	}
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	return resp.Header.Get("Last-Modified"), nil
}

func noContent(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("unexpected status %s", resp.Status)
	}
	return nil
}

func returned(url string) (*http.Response, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 500 {
		resp.Body.Close()
		return nil, errors.New(resp.Status)
	}
	return resp, nil
}

func handedToHelper(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer drainAndClose(resp)
	return nil
}

func drainAndClose(resp *http.Response) {
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

func notClosed(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

func drainedInDefer(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	defer func() {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}()
	return resp.StatusCode
}

func bodyAliased(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	body := resp.Body
	defer body.Close()
	var sb strings.Builder
	_, err = io.Copy(&sb, body)
	return sb.String(), err
}

func methodChanged(c *http.Client, url string) error {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	req.Method = "HEAD"
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}
