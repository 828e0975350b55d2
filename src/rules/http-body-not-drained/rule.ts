import { enclosingFunc, unparen } from "../../analysis/astutil.js";
import { type Flow, flowOf } from "../../analysis/flow.js";
import { BODY_RESPONSE_MAKERS } from "../../analysis/httpapi.js";
import { creationOf } from "../../analysis/lifecycle.js";
import { constInt } from "../../analysis/responsewrite.js";
import { defineRule } from "../../analysis/rule.js";
import { stringVal } from "../../semantic/constant.js";
import type { Var } from "../../semantic/objects.js";
import type { SemanticModel } from "../../semantic/semantic-model.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** Calls whose first argument is a request whose method decides whether a body comes back. */
const TAKES_REQUEST = new Set([
  "(*net/http.Client).Do",
  "(*net/http.Transport).RoundTrip",
  "(net/http.RoundTripper).RoundTrip",
]);

/** Fields of a response that are plain data: reading them does not touch the body. */
const DATA_FIELDS = new Set([
  "Status",
  "StatusCode",
  "Proto",
  "ProtoMajor",
  "ProtoMinor",
  "Header",
  "ContentLength",
  "TransferEncoding",
  "Close",
  "Uncompressed",
  "Request",
  "TLS",
]);

/** Methods of a response that do not read its body. */
const DATA_METHODS = new Set(["Cookies", "Location", "ProtoAtLeast"]);

/** Statuses whose responses carry no body. */
const NO_BODY_STATUSES = new Set([204, 304]);

interface BodyUse {
  /** The `Body.Close()` calls (deferred or not). */
  closes: ast.CallExpr[];
  /** The body is read, handed on, or the response escapes: nothing to report. */
  out: boolean;
  /** The status is compared with one that means "no body" (204, 304). */
  noBodyStatus: boolean;
}

/** How the function uses the response held in `holder`. */
function bodyUse(sem: SemanticModel, flow: Flow, holder: Var): BodyUse {
  const use: BodyUse = { closes: [], out: false, noBodyStatus: false };
  for (const id of sem.uses(holder)) {
    if (id.pos < flow.fn.pos || id.end > flow.fn.end) continue;
    if (!usedInPlace(sem, flow, id, use)) {
      use.out = true;
      return use;
    }
  }
  return use;
}

/** Classifies one use; false when it reads the body or lets the response go. */
function usedInPlace(sem: SemanticModel, flow: Flow, id: ast.Ident, use: BodyUse): boolean {
  // inside a function literal, only a deferred one runs at a known time
  for (let n = flow.parents.get(id); n !== undefined && n !== flow.fn; n = flow.parents.get(n)) {
    if (n.kind !== "FuncLit") continue;
    const call = flow.parents.get(n);
    const stmt = call === undefined ? undefined : flow.parents.get(call);
    if (!(call?.kind === "CallExpr" && call.fun === n && stmt?.kind === "DeferStmt")) return false;
  }
  const parent = flow.parents.get(id);
  if (parent === undefined) return false;
  // a new response in the same variable
  if (parent.kind === "AssignStmt" && parent.lhs.includes(id)) return true;
  if (parent.kind === "BinaryExpr" && (parent.op === "==" || parent.op === "!=")) {
    const other = unparen(parent.x === id ? parent.y : parent.x);
    return other.kind === "Ident" && sem.objectOf(other)?.kind === "Nil";
  }
  if (parent.kind !== "SelectorExpr" || parent.x !== id) return false;
  const field = parent.sel.name;
  const grand = flow.parents.get(parent);
  if (field === "Body") {
    // resp.Body.Close(): the only use of the body that does not read it
    if (grand?.kind !== "SelectorExpr" || grand.sel.name !== "Close") return false;
    const call = flow.parents.get(grand);
    if (call?.kind !== "CallExpr" || call.fun !== grand) return false;
    use.closes.push(call);
    return true;
  }
  if (DATA_METHODS.has(field)) return grand?.kind === "CallExpr" && grand.fun === parent;
  if (!DATA_FIELDS.has(field)) return false;
  if (field === "StatusCode" && grand !== undefined) checkNoBodyStatus(sem, parent, grand, use);
  return true;
}

/** `resp.StatusCode == http.StatusNoContent`, `switch resp.StatusCode { case 304: ... }`. */
function checkNoBodyStatus(sem: SemanticModel, sel: ast.SelectorExpr, parent: ast.Node, use: BodyUse): void {
  const noBody = (x: ast.Expr): boolean => {
    const v = constInt(sem, x);
    return v !== null && NO_BODY_STATUSES.has(v);
  };
  if (parent.kind === "BinaryExpr" && ["==", "!=", "<", "<=", ">", ">="].includes(parent.op)) {
    if (noBody(parent.x === sel ? parent.y : parent.x)) use.noBodyStatus = true;
    return;
  }
  if (parent.kind === "SwitchStmt" && parent.tag === sel) {
    for (const clause of parent.body.list) {
      if (clause.kind === "CaseClause" && (clause.list ?? []).some(noBody)) use.noBodyStatus = true;
    }
  }
}

/** The constant method of the request `x` handed to Do/RoundTrip, "" when it cannot be known. */
function requestMethod(sem: SemanticModel, flow: Flow, x: ast.Expr | undefined): string {
  if (x === undefined) return "";
  const e = unparen(x);
  if (e.kind !== "Ident") return "";
  const v = sem.objectOf(e);
  if (v === null || v.kind !== "Var" || v.isParam || v.pos < flow.fn.pos || v.pos >= flow.fn.end) return "";
  let method: string | null = null;
  let known = true;
  const fromCall = (value: ast.Expr): void => {
    const call = unparen(value);
    if (call.kind !== "CallExpr") {
      known = false;
      return;
    }
    const name = sem.calleeName(call);
    const arg =
      name === "net/http.NewRequest"
        ? call.args[0]
        : name === "net/http.NewRequestWithContext"
          ? call.args[1]
          : null;
    const m = arg === null || arg === undefined ? null : constString(sem, arg);
    if (m === null) known = false;
    else method = m;
  };
  inspect(flow.fn, (n) => {
    if (n.kind === "AssignStmt") {
      n.lhs.forEach((l, i) => {
        const t = unparen(l);
        if (t.kind === "Ident" && sem.objectOf(t) === v) {
          const value =
            n.rhs.length === n.lhs.length ? n.rhs[i] : n.rhs.length === 1 && i === 0 ? n.rhs[0] : undefined;
          if (value === undefined) known = false;
          else fromCall(value);
        } else if (t.kind === "SelectorExpr" && t.sel.name === "Method") {
          const base = unparen(t.x);
          if (base.kind === "Ident" && sem.objectOf(base) === v) {
            const value = n.rhs.length === n.lhs.length ? n.rhs[i] : undefined;
            const m = value === undefined ? null : constString(sem, value);
            if (m === null) known = false;
            else method = m;
          }
        }
      });
    } else if (n.kind === "ValueSpec") {
      n.names.forEach((name, i) => {
        if (sem.objectOf(name) !== v) return;
        const value = n.values[i];
        if (value === undefined || n.values.length !== n.names.length) known = false;
        else fromCall(value);
      });
    }
    return true;
  });
  return known && method !== null ? method : "";
}

function constString(sem: SemanticModel, x: ast.Expr): string | null {
  const tv = sem.typeAndValue(x);
  if (tv === null || tv.value === null || tv.value.kind !== "String") return null;
  return stringVal(tv.value);
}

export default defineRule({
  name: "http-body-not-drained",
  category: "resources",
  severity: "info",
  needs: ["resolution", "types", "flow"],
  imports: ["net/http"],
  // Tests are left alone: their clients are short-lived, and transport tests close bodies
  // unread on purpose.
  skipTests: true,
  docs: {
    summary: "A response body is closed without being read: the HTTP/1.x connection is not reused",
    details:
      "The `http.Client`'s transport puts an HTTP/1.x connection back into its keep-alive pool only when the " +
      "response body was read to the end and closed. A body closed unread (the caller only wanted the status code " +
      "or a header) makes the transport close the connection instead, so the next request to the same host pays " +
      "for a new TCP (and TLS) handshake; under load this shows up as latency, many sockets in TIME_WAIT and, at " +
      "worst, exhausted ephemeral ports. The `Body` field's documentation says so: the default transport may not " +
      "reuse HTTP/1.x keep-alive connections if the body is not read to completion and closed. When the content " +
      "does not matter, read it into nothing before closing: `io.Copy(io.Discard, resp.Body)` (better than " +
      "`io.ReadAll`, which keeps a copy; bound it with `io.LimitReader` if the body can be large). The rule " +
      "reports a response whose body the function closes but never reads; it is silent when the body is read or " +
      "handed anywhere (an `io.Copy`, a decoder, a helper), when the response leaves the function (returned, " +
      "stored, passed on, captured), for HEAD requests (`http.Head`, `Client.Head`, a request built with the " +
      "method HEAD), and when the status is compared with one that carries no body (204, 304). Test files " +
      "are left alone. It is an info-level hint: HTTP/2 connections are multiplexed and unaffected.",
    bad: `package client

import (
	"fmt"
	"net/http"
)

func Ping(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("ping %s: %s", url, resp.Status)
	}
	return nil
}
`,
    good: `package client

import (
	"fmt"
	"io"
	"net/http"
)

func Ping(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("ping %s: %s", url, resp.Status)
	}
	return nil
}
`,
    source:
      '000 "确保HTTP client真正用了keep-alive"; 001 #79 (HTTP body: reading it keeps the connection alive); net/http Response.Body docs',
  },
  create(ctx) {
    const sem = ctx.sem;
    return {
      CallExpr(call) {
        const name = sem.calleeName(call);
        if (name === null || !BODY_RESPONSE_MAKERS.has(name)) return;
        const fn = enclosingFunc(ctx.ancestors);
        if (fn === null) return;
        const flow = flowOf(sem, fn);
        const creation = creationOf(sem, flow, call);
        if (creation === null || creation.holder === null) return;
        if (TAKES_REQUEST.has(name) && requestMethod(sem, flow, call.args[0]).toUpperCase() === "HEAD")
          return;
        const use = bodyUse(sem, flow, creation.holder);
        if (use.out || use.noBodyStatus || use.closes.length === 0) return;
        const what = ctx.source.decode(call.fun.pos, call.fun.end);
        const body = `${creation.holder.name}.Body`;
        const close = use.closes[0]!;
        ctx.report(
          call,
          `the response body of ${what} is closed at line ${ctx.source.lineOf(close.pos)} without being read: the transport then drops the HTTP/1.x connection instead of reusing it; read it to the end first with io.Copy(io.Discard, ${body})`,
          [{ pos: close.pos, end: close.end, message: "closed here, unread" }],
        );
      },
    };
  },
});
