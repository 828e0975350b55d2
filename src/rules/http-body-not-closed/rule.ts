import { BODY_RESPONSE_MAKERS } from "../../analysis/httpapi.js";
import { leakOf, type ResourceKind } from "../../analysis/lifecycle.js";
import { defineRule } from "../../analysis/rule.js";

const RESPONSE: ResourceKind = {
  name: "http-response",
  releases: [["Body", "Close"]],
  resourceFields: ["Body"],
};

export default defineRule({
  name: "http-body-not-closed",
  category: "resources",
  severity: "error",
  needs: ["resolution", "types", "flow"],
  imports: ["net/http"],
  // Tests are short-lived processes that provoke failures on purpose (a dropped result whose
  // error is expected, a body left open to exercise the transport): their leaks never reach
  // production, and reporting them drowns the real ones.
  skipTests: true,
  docs: {
    summary: "The body of an HTTP response is not closed on every path",
    details:
      "Every `*http.Response` returned without an error owns a connection until its `Body` is closed. A body left " +
      "open keeps the connection out of the pool: the client dials a new one for the next request, file descriptors " +
      "and goroutines (two per connection) pile up, and under load the process runs out of sockets or memory. The " +
      "usual slip is an early return between the request and the `defer`: a status check, a header check, a decode " +
      "error. Close the body with `defer resp.Body.Close()` right after checking the request's error. The rule " +
      "follows every path of the function: it is silent when the response is returned, stored, or handed to a " +
      "function that may close it (a helper of the same package is read: if it closes its parameter on every " +
      "path, the call counts as the close), on paths where the request failed or the program exits, for HEAD " +
      "requests (`http.Head`), whose response has no body, and for a response of `RoundTrip` dropped unread " +
      "(code at the transport's level, such as request dumpers over fake connections). " +
      "Test files are left alone: a test is a short-lived process that provokes failures on purpose.",
    bad: `package client

import (
	"errors"
	"io"
	"net/http"
)

func Fetch(c *http.Client, url string) ([]byte, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(resp.Status)
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
`,
    good: `package client

import (
	"errors"
	"io"
	"net/http"
)

func Fetch(c *http.Client, url string) ([]byte, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(resp.Status)
	}
	return io.ReadAll(resp.Body)
}
`,
    source: '000 "确保HTTP client真正用了keep-alive"; 001 #79 "何时关闭响应体"; golangci-lint bodyclose',
  },
  create(ctx) {
    return {
      CallExpr(call) {
        const name = ctx.sem.calleeName(call);
        if (name === null || !BODY_RESPONSE_MAKERS.has(name)) return;
        const leak = leakOf(ctx, call, RESPONSE);
        if (leak === null) return;
        // Code that calls RoundTrip itself and drops the response works at the transport's level
        // (request dumpers, proxies, test transports over fake connections): it knows more than we do.
        if (leak.verdict.how === "discarded" && name.endsWith(".RoundTrip")) return;
        const what = ctx.source.decode(call.fun.pos, call.fun.end);
        ctx.report(
          call,
          `the response body of ${what} is not closed ${leak.where}: its connection is never reused and leaks; defer resp.Body.Close() right after checking the error`,
          leak.related,
        );
      },
    };
  },
});
