import {
  type ContextSource,
  contextInScope,
  enclosingFunc,
  isNamedType,
  unparen,
} from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** Functions that send a request without a context, and what to write instead. */
const sendsWithoutContext = new Set([
  "net/http.Get",
  "net/http.Head",
  "net/http.Post",
  "net/http.PostForm",
  "(*net/http.Client).Get",
  "(*net/http.Client).Head",
  "(*net/http.Client).Post",
  "(*net/http.Client).PostForm",
]);

/**
 * Whether the request built by `call` gets a context later: it is stored in a variable on
 * which the function calls WithContext or Clone (`req = req.WithContext(ctx)`).
 */
function contextAddedLater(ctx: RuleContext, call: ast.CallExpr): boolean {
  const holder = ctx.ancestors[ctx.ancestors.length - 1];
  let target: ast.Expr | undefined;
  if (holder?.kind === "AssignStmt" && holder.rhs.length === 1 && holder.rhs[0] === call)
    target = holder.lhs[0];
  else if (holder?.kind === "ValueSpec" && holder.values.length === 1 && holder.values[0] === call)
    target = holder.names[0];
  if (target === undefined || target.kind !== "Ident") return false;
  const req = ctx.sem.objectOf(target);
  const fn = enclosingFunc(ctx.ancestors);
  if (req === null || fn === null) return false;
  const isReq = (x: ast.Expr): boolean => {
    const e = unparen(x);
    return e.kind === "Ident" && ctx.sem.objectOf(e) === req;
  };
  let found = false;
  inspect(fn, (n) => {
    if (found) return false;
    // req.Cancel = ch: the request is cancelled through its Cancel channel, on purpose
    if (n.kind === "AssignStmt") {
      for (const l of n.lhs) {
        const e = unparen(l);
        if (e.kind === "SelectorExpr" && e.sel.name === "Cancel" && isReq(e.x)) found = true;
      }
      return true;
    }
    if (n.kind !== "CallExpr") return true;
    const fun = unparen(n.fun);
    if (fun.kind === "SelectorExpr" && (fun.sel.name === "WithContext" || fun.sel.name === "Clone")) {
      if (isReq(fun.x)) found = true;
    }
    // client.Do(ctx, req): the callee is handed the context with the request and attaches it
    if (n.args.some(isReq) && n.args.some((a) => isNamedType(ctx.sem.typeOf(a), "context.Context")))
      found = true;
    return true;
  });
  return found;
}

function message(name: string, call: ast.CallExpr, ctx: RuleContext, source: ContextSource): string {
  const fun = unparen(call.fun);
  const written = ctx.source.decode(fun.pos, fun.end);
  if (name === "net/http.NewRequest") {
    return (
      `${written} builds a request without the context ${source.expr} at hand, so it is not cancelled ` +
      `with it; use http.NewRequestWithContext(${source.expr}, ...)`
    );
  }
  return (
    `${written} sends a request without the context ${source.expr} at hand, so it goes on after the ` +
    `caller gives up; build it with http.NewRequestWithContext(${source.expr}, ...) and send it with Do`
  );
}

export default defineRule({
  name: "http-request-no-context",
  category: "http",
  severity: "info",
  needs: ["resolution", "types"],
  imports: ["net/http"],
  docs: {
    summary: "An HTTP request made without the context the function already has",
    details:
      "http.NewRequest, http.Get and the client's Get, Head, Post and PostForm build requests with " +
      "context.Background(). In a function that has a context (a context.Context parameter, or the " +
      "*http.Request of a handler), such a request ignores it: when the caller gives up, the client " +
      "disconnects or the deadline passes, the outgoing request keeps its connection and goroutine " +
      "until the remote server answers, and cancellation stops at this line. Build the request with " +
      "http.NewRequestWithContext(ctx, ...) and send it with client.Do. A request that is given a " +
      "context later (req = req.WithContext(ctx)), that is handed to a call together with the " +
      "context (client.Do(ctx, req), as Prometheus's API client does) or that is cancelled through " +
      "its Cancel channel is not reported, nor is code in a goroutine or " +
      "callback that may outlive the function. The rule is informational: code without a context at " +
      "hand is not reported, and context.Background() and the other context-free APIs are " +
      "context-not-propagated's.",
    bad: `package main

import (
	"context"
	"net/http"
)

func fetch(ctx context.Context, client *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return client.Do(req)
}

func main() {
	if resp, err := fetch(context.Background(), http.DefaultClient, "https://example.com/"); err == nil {
		resp.Body.Close()
	}
}
`,
    good: `package main

import (
	"context"
	"net/http"
)

func fetch(ctx context.Context, client *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return client.Do(req)
}

func main() {
	if resp, err := fetch(context.Background(), http.DefaultClient, "https://example.com/"); err == nil {
		resp.Body.Close()
	}
}
`,
    source: "seed 004 §2.2 (context cancellation not propagated); noctx (golangci-lint)",
  },
  create(ctx) {
    return {
      CallExpr(call) {
        const name = ctx.sem.calleeName(call);
        if (name === null || (name !== "net/http.NewRequest" && !sendsWithoutContext.has(name))) return;
        const source = contextInScope(ctx.sem, ctx.ancestors);
        if (source === null) return;
        if (name === "net/http.NewRequest" && contextAddedLater(ctx, call)) return;
        ctx.report(call, message(name, call, ctx, source));
      },
    };
  },
});
