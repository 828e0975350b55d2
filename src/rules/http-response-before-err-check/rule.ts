import { enclosingFunc } from "../../analysis/astutil.js";
import { errCreationOf, useBeforeErrCheck } from "../../analysis/errcheck.js";
import { flowOf } from "../../analysis/flow.js";
import { RESPONSE_MAKERS } from "../../analysis/httpapi.js";
import { defineRule } from "../../analysis/rule.js";

export default defineRule({
  name: "http-response-before-err-check",
  category: "http",
  severity: "error",
  needs: ["resolution", "types", "flow"],
  imports: ["net/http"],
  docs: {
    summary: "The HTTP response is used before the request's error is checked",
    details:
      "When `http.Get`, `Client.Do` and their siblings return an error, the response is nil (the one exception, a " +
      "failed redirect check, returns a response whose body is already closed). Code that touches the response " +
      "before looking at the error — most often `defer resp.Body.Close()` written right after the call, or a read " +
      "of `resp.StatusCode` — works while the network does, and panics with a nil pointer dereference the first " +
      "time a request fails: a refused connection, a timeout, a DNS error. A deferred `resp.Body.Close()` panics at " +
      "once, because `resp.Body` is evaluated when the `defer` statement runs. Check the error first, then defer " +
      "the close. The rule follows the statements that run right after the call, up to the first branch, and " +
      "reports the first one that dereferences the response while the error has not been read; a nil comparison " +
      "of the response (`if resp != nil { defer resp.Body.Close() }`) or any mention of the error ends the search.",
    bad: `package client

import (
	"io"
	"net/http"
)

func Fetch(url string) ([]byte, error) {
	resp, err := http.Get(url)
	defer resp.Body.Close()
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}
`,
    good: `package client

import (
	"io"
	"net/http"
)

func Fetch(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
`,
    source: '001 #79 "何时关闭响应体"; go vet httpresponse',
  },
  create(ctx) {
    return {
      CallExpr(call) {
        const name = ctx.sem.calleeName(call);
        if (name === null || !RESPONSE_MAKERS.has(name)) return;
        const fn = enclosingFunc(ctx.ancestors);
        if (fn === null) return;
        const flow = flowOf(ctx.sem, fn);
        const creation = errCreationOf(ctx.sem, flow, call);
        if (creation === null) return;
        const use = useBeforeErrCheck(ctx.sem, flow, creation);
        if (use === null) return;
        const what = ctx.source.decode(call.fun.pos, call.fun.end);
        const line = ctx.source.lineOf(call.pos);
        const v = creation.value.name;
        const e = creation.err.name;
        if (use.deferred !== null) {
          const deferred = ctx.source.decode(use.node.pos, use.node.end).replace(/\s+/g, " ");
          ctx.report(
            use.node,
            `${deferred} runs before the error of ${what} (line ${line}) is checked: when the request fails ${v} is nil and this panics; check ${e} first, then defer the close`,
          );
          return;
        }
        const used = ctx.source.decode(use.deref.pos, use.deref.end);
        ctx.report(
          use.deref,
          `${used} is used before the error of ${what} (line ${line}) is checked: when the request fails ${v} is nil and this panics; check ${e} first`,
        );
      },
    };
  },
});
