import { enclosingFunc, isNamedType, unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { Obj } from "../../semantic/objects.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

// Methods of *http.Request that read its body, which the server closes after the handler.
const bodyReaders = new Set([
  "FormFile",
  "FormValue",
  "MultipartReader",
  "ParseForm",
  "ParseMultipartForm",
  "PostFormValue",
]);

interface Handler {
  fn: ast.FuncDecl | ast.FuncLit;
  w: Obj | null;
  r: Obj | null;
}

/** The function's ResponseWriter and *Request parameters, if it has both types. */
function asHandler(ctx: RuleContext, fn: ast.FuncDecl | ast.FuncLit): Handler | null {
  let w: Obj | null = null;
  let r: Obj | null = null;
  let hasW = false;
  let hasR = false;
  for (const field of fn.type.params?.list ?? []) {
    const t = ctx.sem.typeOf(field.type);
    const isW = isNamedType(t, "net/http.ResponseWriter");
    const isR = t !== null && t.kind === "Pointer" && isNamedType(t.elem, "net/http.Request");
    hasW ||= isW;
    hasR ||= isR;
    for (const name of field.names) {
      const obj = ctx.sem.objectOf(name);
      if (isW && w === null) w = obj;
      if (isR && r === null) r = obj;
    }
  }
  return hasW && hasR ? { fn, w, r } : null;
}

function isIdentOf(ctx: RuleContext, x: ast.Expr, obj: Obj | null): boolean {
  x = unparen(x);
  return obj !== null && x.kind === "Ident" && ctx.sem.objectOf(x) === obj;
}

/** Whether `x` is `r.Context()` for the handler's request `r`. */
function isRequestContext(ctx: RuleContext, x: ast.Expr, r: Obj | null): boolean {
  x = unparen(x);
  if (x.kind !== "CallExpr" || x.args.length !== 0) return false;
  const fun = unparen(x.fun);
  return fun.kind === "SelectorExpr" && fun.sel.name === "Context" && isIdentOf(ctx, fun.x, r);
}

/** Local variables set once, to r.Context(), in the handler body. */
function requestContextVars(ctx: RuleContext, h: Handler): Set<Obj> {
  const defined = new Set<Obj>();
  const assigned = new Map<Obj, number>();
  const body = h.fn.body;
  if (body === null || h.r === null) return defined;
  inspect(body, (n) => {
    if (n.kind === "AssignStmt") {
      n.lhs.forEach((lhs, i) => {
        if (lhs.kind !== "Ident") return;
        const obj = ctx.sem.objectOf(lhs);
        if (obj === null) return;
        assigned.set(obj, (assigned.get(obj) ?? 0) + 1);
        const rhs = n.rhs.length === n.lhs.length ? n.rhs[i]! : null;
        if (n.tok === ":=" && rhs !== null && isRequestContext(ctx, rhs, h.r)) defined.add(obj);
      });
    } else if (n.kind === "ValueSpec") {
      n.names.forEach((name, i) => {
        const obj = ctx.sem.objectOf(name);
        const value = n.values.length === n.names.length ? n.values[i]! : null;
        if (obj !== null && value !== null && isRequestContext(ctx, value, h.r)) {
          defined.add(obj);
          assigned.set(obj, (assigned.get(obj) ?? 0) + 1);
        }
      });
    } else if (n.kind === "UnaryExpr" && n.op === "&" && unparen(n.x).kind === "Ident") {
      // its address taken, the variable may change anywhere
      const obj = ctx.sem.objectOf(unparen(n.x) as ast.Ident);
      if (obj !== null) assigned.set(obj, 2);
    }
    return true;
  });
  for (const obj of [...defined]) if (assigned.get(obj) !== 1) defined.delete(obj);
  return defined;
}

function isWaitCall(x: ast.Expr): boolean {
  x = unparen(x);
  if (x.kind !== "CallExpr") return false;
  const fun = unparen(x.fun);
  return fun.kind === "SelectorExpr" && fun.sel.name === "Wait";
}

/**
 * Whether the handler may wait for the goroutine before it returns: after the `go` it calls a
 * `Wait` method, receives from a channel or selects; or it defers a `Wait`.
 */
function mayWait(h: Handler, g: ast.GoStmt): boolean {
  let waits = false;
  if (h.fn.body === null) return false;
  inspect(h.fn.body, (n) => {
    if (waits || n.kind === "FuncLit" || n === g) return false;
    if (n.kind === "DeferStmt" && isWaitCall(n.call)) waits = true;
    if (n.pos < g.end) return true;
    if (n.kind === "CallExpr" && isWaitCall(n)) waits = true;
    if (n.kind === "UnaryExpr" && n.op === "<-") waits = true;
    if (n.kind === "SelectStmt" || n.kind === "RangeStmt") waits = true;
    return !waits;
  });
  return waits;
}

export default defineRule({
  name: "request-in-goroutine",
  category: "concurrency",
  severity: "error",
  needs: ["resolution", "types"],
  imports: ["net/http"],
  docs: {
    summary:
      "A goroutine started by an HTTP handler uses the ResponseWriter, the request body or the request context after the handler may have returned",
    details:
      "Once a handler returns, net/http finishes the response, closes the request body and cancels the request's " +
      "context. A goroutine started in the handler and not waited for keeps running past that point: writes to the " +
      '`http.ResponseWriter` are lost or race with the server ("http: wrote more than the declared ' +
      'Content-Length", a panic in the worst case), reads from `r.Body` fail, and work bound to `r.Context()` is ' +
      "cancelled as soon as the client has its answer, so the asynchronous job silently stops half way. Finish with " +
      "`w` and `r.Body` before returning; give background work a context of its own " +
      "(`context.WithoutCancel(r.Context())` from Go 1.21, or one derived from the server's lifetime) and copy the " +
      "values it needs out of the request. The rule is silent when the handler waits after the `go` statement (a " +
      "`Wait` call, a channel receive or a select).",
    bad: `package api

import (
	"context"
	"net/http"
)

func audit(ctx context.Context, path string) {}

func handle(w http.ResponseWriter, r *http.Request) {
	go func() {
		audit(r.Context(), r.URL.Path)
	}()
	w.WriteHeader(http.StatusAccepted)
}
`,
    good: `package api

import (
	"context"
	"net/http"
)

func audit(ctx context.Context, path string) {}

func handle(w http.ResponseWriter, r *http.Request) {
	ctx := context.WithoutCancel(r.Context())
	path := r.URL.Path
	go func() {
		audit(ctx, path)
	}()
	w.WriteHeader(http.StatusAccepted)
}
`,
    source: "seeds 004 §2.5 (goroutines started by HTTP handlers); net/http ResponseWriter and Request docs",
  },
  create(ctx) {
    return {
      GoStmt(g) {
        const fn = enclosingFunc(ctx.ancestors);
        if (fn === null) return;
        const h = asHandler(ctx, fn);
        if (h === null || (h.w === null && h.r === null) || mayWait(h, g)) return;
        const ctxVars = requestContextVars(ctx, h);
        const reported = new Set<string>();
        const report = (at: ast.Node, key: string, message: string): void => {
          if (reported.has(key)) return;
          reported.add(key);
          ctx.report(at, message);
        };
        inspect(g.call, (n) => {
          if (n.kind === "Ident") {
            const obj = ctx.sem.objectOf(n);
            if (obj !== null && obj === h.w)
              report(
                n,
                "w",
                `http.ResponseWriter ${n.name} used in a goroutine that may outlive the handler: it is invalid once the handler returns; write the response before returning`,
              );
            else if (obj !== null && ctxVars.has(obj))
              report(
                n,
                `ctx:${n.name}`,
                `request context ${n.name} used in a goroutine that may outlive the handler: it is cancelled when the handler returns; give the goroutine its own context (context.WithoutCancel)`,
              );
            return true;
          }
          if (n.kind === "CallExpr" && isRequestContext(ctx, n, h.r)) {
            report(
              n,
              "ctx",
              "request context r.Context() used in a goroutine that may outlive the handler: it is cancelled when the handler returns; give the goroutine its own context (context.WithoutCancel)",
            );
            return false;
          }
          if (n.kind === "SelectorExpr" && isIdentOf(ctx, n.x, h.r)) {
            const name = n.sel.name;
            if (name === "Body" || bodyReaders.has(name))
              report(
                n,
                "body",
                `request body read (${ctx.source.decode(n.pos, n.end)}) in a goroutine that may outlive the handler: the server closes it when the handler returns; read it before starting the goroutine`,
              );
            return false;
          }
          return true;
        });
      },
    };
  },
});
