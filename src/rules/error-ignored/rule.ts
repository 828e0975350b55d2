import { deref, isErrorType, namedTypeName, unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import { lookupFieldOrMethod } from "../../semantic/lookup.js";
import type { Type } from "../../semantic/types.js";
import type * as ast from "../../syntax/ast.js";

// Functions and methods documented never to return a non-nil error (errcheck's default
// exclusions), plus writes whose error is sticky and returned again by Flush.
const neverFail = new Set([
  "fmt.Print",
  "fmt.Printf",
  "fmt.Println",
  "(*bytes.Buffer).Write",
  "(*bytes.Buffer).WriteByte",
  "(*bytes.Buffer).WriteRune",
  "(*bytes.Buffer).WriteString",
  "(*strings.Builder).Write",
  "(*strings.Builder).WriteByte",
  "(*strings.Builder).WriteRune",
  "(*strings.Builder).WriteString",
  "(*hash/maphash.Hash).Write",
  "(*hash/maphash.Hash).WriteByte",
  "(*hash/maphash.Hash).WriteString",
  "crypto/rand.Read",
  "math/rand.Read",
  "(*math/rand.Rand).Read",
  "(*io.PipeReader).CloseWithError",
  "(*io.PipeWriter).CloseWithError",
  // Best-effort cleanup and environment changes, as golangci-lint's default exclusions
  // (EXC0001) leave them out of errcheck's findings.
  "os.Remove",
  "os.RemoveAll",
  "os.Setenv",
  "os.Unsetenv",
  // bufio.Writer keeps the first error and returns it from every later call and from Flush:
  // checking Flush is enough.
  "(*bufio.Writer).Write",
  "(*bufio.Writer).WriteByte",
  "(*bufio.Writer).WriteRune",
  "(*bufio.Writer).WriteString",
]);

const fprint = new Set(["fmt.Fprint", "fmt.Fprintf", "fmt.Fprintln", "io.WriteString"]);

const neverFailingWriters = new Set(["bytes.Buffer", "strings.Builder", "hash/maphash.Hash", "bufio.Writer"]);

/** A hash.Hash (or hash.Hash32/64, or a concrete hash): its Write never returns an error. */
function isHash(t: Type): boolean {
  const name = namedTypeName(deref(t));
  if (name === "hash.Hash" || name === "hash.Hash32" || name === "hash.Hash64") return true;
  for (const m of ["Sum", "BlockSize", "Reset", "Size", "Write"]) {
    const r = lookupFieldOrMethod(t, true, null, m);
    if (r.obj === null || r.obj.kind !== "Func") return false;
  }
  return true;
}

/**
 * A writer whose writes never fail, or whose failure the caller cannot act on: buffers,
 * hashes, the process's standard output and error, and an HTTP response (the client is gone).
 */
function isHarmlessWriter(ctx: RuleContext, w: ast.Expr): boolean {
  const x = unparen(w);
  if (x.kind === "SelectorExpr") {
    const obj = ctx.sem.objectOf(x.sel);
    if (
      obj !== null &&
      obj.kind === "Var" &&
      obj.pkg?.path === "os" &&
      (obj.name === "Stdout" || obj.name === "Stderr")
    )
      return true;
  }
  const t = ctx.sem.typeOf(x);
  if (t === null) return false;
  const name = namedTypeName(deref(t));
  if (name !== null && (neverFailingWriters.has(name) || name === "net/http.ResponseWriter")) return true;
  return isHash(t);
}

function isExcluded(ctx: RuleContext, call: ast.CallExpr): boolean {
  const name = ctx.sem.calleeName(call);
  if (name !== null) {
    if (neverFail.has(name)) return true;
    if (fprint.has(name)) return call.args.length > 0 && isHarmlessWriter(ctx, call.args[0]!);
  }
  const fun = unparen(call.fun);
  // Close errors are the rule close-error-ignored's: they lose data only on files opened for
  // writing, and reporting every Close of a reader or connection would bury the findings.
  if (fun.kind === "SelectorExpr" && fun.sel.name === "Close" && call.args.length === 0) return true;
  if (fun.kind === "SelectorExpr" && (fun.sel.name === "Write" || fun.sel.name === "WriteString")) {
    const recv = ctx.sem.typeOf(fun.x);
    if (recv !== null && ctx.sem.callee(call)?.isMethod() === true) {
      const recvName = namedTypeName(deref(recv));
      if (recvName === "net/http.ResponseWriter") return true;
      if (fun.sel.name === "Write" && isHash(recv)) return true;
    }
  }
  return false;
}

/** The indices of a call's results that are of type error, or null when its type is unknown. */
function errorResults(ctx: RuleContext, call: ast.CallExpr): number[] | null {
  const funTv = ctx.sem.typeAndValue(call.fun);
  // conversions and builtins return no error
  if (funTv === null || funTv.mode === "typexpr" || funTv.mode === "builtin") return null;
  const t = ctx.sem.typeOf(call);
  if (t === null) return null;
  if (t.kind === "Tuple") {
    const out: number[] = [];
    t.vars.forEach((v, i) => {
      if (isErrorType(v.type)) out.push(i);
    });
    return out;
  }
  return isErrorType(t) ? [0] : [];
}

/** How the call reads in a message: `f.Close`, `os.Remove`, else the callee's full name. */
function callName(ctx: RuleContext, call: ast.CallExpr): string {
  const fun = unparen(call.fun);
  const text = ctx.source.decode(fun.pos, fun.end);
  if (text.length <= 40 && /^[\w.]+$/.test(text)) return text;
  return ctx.sem.calleeName(call) ?? "the call";
}

/**
 * Whether the statement is best-effort cleanup in `if err != nil { ...; return ... }`: another
 * error is already on its way to the caller, and the cleanup's own failure (an alert to the
 * peer, a rollback) could not be reported in its place (crypto/tls sends an alert this way).
 */
function cleanupOnErrorPath(ctx: RuleContext, ancestors: readonly ast.Node[]): boolean {
  const block = ancestors[ancestors.length - 1];
  const ifStmt = ancestors[ancestors.length - 2];
  if (block?.kind !== "BlockStmt" || ifStmt?.kind !== "IfStmt" || ifStmt.body !== block) return false;
  const last = block.list[block.list.length - 1];
  if (last?.kind !== "ReturnStmt") return false;
  const cond = unparen(ifStmt.cond);
  if (cond.kind !== "BinaryExpr" || cond.op !== "!=") return false;
  const isNil = (e: ast.Expr): boolean => {
    const u = unparen(e);
    return u.kind === "Ident" && ctx.sem.objectOf(u)?.kind === "Nil";
  };
  const errSide = isNil(cond.y) ? cond.x : isNil(cond.x) ? cond.y : null;
  return errSide !== null && isErrorType(ctx.sem.typeOf(errSide));
}

function isBlank(x: ast.Expr | undefined): boolean {
  return x !== undefined && x.kind === "Ident" && x.name === "_";
}

export default defineRule({
  name: "error-ignored",
  category: "errors",
  severity: "warning",
  // Measured on the standard library (docs/quality.md): most dropped errors there are dropped
  // knowingly (a call that cannot fail in that state, an alert sent before returning another
  // error, debug output), which the rule cannot tell from a forgotten check.
  offByDefault: true,
  needs: ["resolution", "types"],
  // Tests drop errors of setup and probing calls on purpose: a failure shows up as a failed
  // assertion further on.
  skipTests: true,
  docs: {
    summary: "A call's error result is dropped: the failure goes unnoticed",
    details: `A Go function reports failure through its error result. A call used as a statement, or whose error is assigned to the blank identifier \`_\`, throws that report away: a failed write, remove, rename or commit looks like a success, and the program goes on with wrong state that surfaces far from the cause. The enterprise guide's golden rule of error handling is never to drop an error silently, but to return it wrapped with context (\`fmt.Errorf("...: %w", err)\`) or handle it.

Like errcheck, the rule leaves out calls documented never to fail or whose failure the caller cannot act on: \`fmt.Print*\`, writes to \`bytes.Buffer\`, \`strings.Builder\`, hashes and \`hash/maphash\`, \`fmt.Fprint*\` to those or to \`os.Stdout\`/\`os.Stderr\`, \`crypto/rand.Read\`, \`math/rand.Read\`, \`CloseWithError\` of pipes, writes to a \`bufio.Writer\` (its error is sticky: \`Flush\` returns it, so check \`Flush\`) and writes of a response body to \`http.ResponseWriter\` (the client has gone away; nothing can be done). As golangci-lint does by default, it also leaves out \`os.Remove\`, \`os.RemoveAll\` (best-effort cleanup), \`os.Setenv\` and \`os.Unsetenv\`. \`Close\` calls, and calls in \`defer\` and \`go\` statements, are left out too: a close error loses data on a file opened for writing, and that is the rule \`close-error-ignored\`, which knows when the close error matters; reporting every close of a reader or a connection would bury the findings that count. Also left out: best-effort cleanup inside \`if err != nil { ...; return ... }\` (another error is already on its way to the caller, and the cleanup's own failure could not be reported in its place, as when crypto/tls sends an alert before returning), and \`_test.go\` files, where dropped errors of setup and probing calls surface as failed assertions further on.

The rule is off by default: enable it (\`--enable error-ignored\`) for an errcheck-style audit. Measured on the Go standard library, most dropped errors are dropped knowingly: \`UnreadByte\` right after a successful \`ReadByte\`, \`Peek(n)\` of what is already buffered, an alert sent to the peer just before another error is returned, debug output to a terminal. The rule cannot tell these from a forgotten check, and on by default they would bury the findings that matter.`,
    bad: `package store

import "os"

func Save(path string, data []byte) {
	os.WriteFile(path+".tmp", data, 0o644)
	_ = os.Rename(path+".tmp", path)
}
`,
    good: `package store

import (
	"fmt"
	"os"
)

func Save(path string, data []byte) error {
	if err := os.WriteFile(path+".tmp", data, 0o644); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := os.Rename(path+".tmp", path); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	return nil
}
`,
    source:
      'seed 004 "错误处理黄金法则" (`_ = doSomething()`); errcheck (kisielk/errcheck) and its default exclusions',
  },
  create(ctx) {
    const check = (call: ast.CallExpr, dropped: (i: number) => boolean, blank: boolean): void => {
      const results = errorResults(ctx, call);
      if (results === null || !results.some(dropped)) return;
      if (isExcluded(ctx, call)) return;
      const name = callName(ctx, call);
      ctx.report(
        call,
        blank
          ? `error returned by ${name} is assigned to _; a failure goes unnoticed: handle it or return it`
          : `error returned by ${name} is not checked; a failure goes unnoticed: handle it or return it`,
      );
    };
    return {
      ExprStmt(stmt) {
        const x = unparen(stmt.x);
        if (x.kind === "CallExpr" && !cleanupOnErrorPath(ctx, ctx.ancestors)) check(x, () => true, false);
      },
      AssignStmt(stmt) {
        if (stmt.tok !== "=" && stmt.tok !== ":=") return;
        if (stmt.rhs.length === 1 && stmt.lhs.length > 1) {
          const x = unparen(stmt.rhs[0]!);
          if (x.kind === "CallExpr") check(x, (i) => isBlank(stmt.lhs[i]), true);
          return;
        }
        if (stmt.lhs.length !== stmt.rhs.length) return;
        stmt.rhs.forEach((rhs, i) => {
          const x = unparen(rhs);
          if (x.kind === "CallExpr" && isBlank(stmt.lhs[i])) check(x, (j) => j === 0, true);
        });
      },
    };
  },
});
