import { enclosingFunc, isErrorType, isNamedType } from "../../analysis/astutil.js";
import { errCreationOf, useBeforeErrCheck } from "../../analysis/errcheck.js";
import { destinationAt, flowOf } from "../../analysis/flow.js";
import { defineRule } from "../../analysis/rule.js";
import { under } from "../../semantic/predicates.js";

/** Methods that release what a call acquired: deferring one is deferring the cleanup. */
const CLEANUP = new Set([
  "Close",
  "CloseWithError",
  "Unlock",
  "RUnlock",
  "Release",
  "Stop",
  "Rollback",
  "Shutdown",
  "Cancel",
  "Free",
  "Destroy",
  "Cleanup",
  "Terminate",
  "Kill",
  "Disconnect",
  "Finish",
]);

export default defineRule({
  name: "defer-before-err-check",
  category: "resources",
  severity: "error",
  needs: ["resolution", "types", "flow"],
  docs: {
    summary: "A cleanup is deferred before the error of the call that made the value is checked",
    details:
      "`f, err := os.Open(name)` followed by `defer f.Close()` and only then `if err != nil` registers the cleanup " +
      "on a value that does not exist when the call failed: `f` is nil. Depending on the type, the deferred call " +
      "panics when the function returns (`*sql.Rows`, `*sql.Tx`, most pointer types), panics at the `defer` itself " +
      "(an interface such as `net.Conn` or `io.ReadCloser`, or `defer x.Field.Close()`), or returns an error nobody " +
      "reads (`*os.File`). The error path — the one tests rarely take — is the one that breaks. Check the error " +
      "first, then defer the cleanup. The rule follows the statements that run right after a call returning a " +
      "pointer or interface and an error, up to the first branch, and reports a deferred cleanup method (`Close`, " +
      "`Unlock`, `Release`, `Stop`, `Rollback`, ...) on the value that comes before any mention of the error; a nil " +
      "check of the value ends the search. An `*http.Response` is left to `http-response-before-err-check`.",
    bad: `package store

import "os"

func Load(name string) ([]byte, error) {
	f, err := os.Open(name)
	defer f.Close()
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 512)
	n, err := f.Read(buf)
	return buf[:n], err
}
`,
    good: `package store

import "os"

func Load(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 512)
	n, err := f.Read(buf)
	return buf[:n], err
}
`,
    source: '001 #79 "不关闭瞬态资源"; staticcheck SA5001',
  },
  create(ctx) {
    return {
      CallExpr(call) {
        const fn = enclosingFunc(ctx.ancestors);
        if (fn === null) return;
        // cheap filters before the graph is built: `x, ..., err := call` with an error last
        const parent = ctx.ancestors[ctx.ancestors.length - 1];
        const dest = parent === undefined ? null : destinationAt(parent, call);
        if (dest?.kind !== "assigned" || dest.targets.length < 2) return;
        if (!isErrorType(ctx.sem.typeOf(dest.targets[dest.targets.length - 1]!))) return;
        const flow = flowOf(ctx.sem, fn);
        const creation = errCreationOf(ctx.sem, flow, call);
        if (creation === null) return;
        const t = creation.value.type;
        const u = under(t);
        if (u.kind !== "Pointer" && u.kind !== "Interface") return;
        // responses are http-response-before-err-check's
        if (u.kind === "Pointer" && isNamedType(u.elem, "net/http.Response")) return;
        const use = useBeforeErrCheck(ctx.sem, flow, creation);
        if (use === null || use.deferred === null) return;
        const method = use.deferred[use.deferred.length - 1]!;
        if (!CLEANUP.has(method)) return;
        const v = creation.value.name;
        const what = ctx.source.decode(call.fun.pos, call.fun.end);
        const line = ctx.source.lineOf(call.pos);
        const deferred = ctx.source.decode(use.node.pos, use.node.end).replace(/\s+/g, " ");
        const effect =
          use.deferred.length > 1 || u.kind === "Interface"
            ? "this panics at once"
            : "the deferred call runs on a nil value when the function returns (a panic for most types)";
        ctx.report(
          use.node,
          `${deferred} is registered before the error of ${what} (line ${line}) is checked: when the call fails ${v} is nil and ${effect}; check ${creation.err.name} first, then defer`,
        );
      },
    };
  },
});
