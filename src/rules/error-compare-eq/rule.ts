import {
  enclosingFunc,
  implementsError,
  isNamedType,
  isUnexportedFuncParam,
  unparen,
} from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { Var } from "../../semantic/objects.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** The package-level error variable (a sentinel such as io.EOF) an expression names, or null. */
function sentinel(ctx: RuleContext, x: ast.Expr): Var | null {
  const e = unparen(x);
  const id = e.kind === "Ident" ? e : e.kind === "SelectorExpr" ? e.sel : null;
  if (id === null) return null;
  const obj = ctx.sem.objectOf(id);
  if (obj === null || obj.kind !== "Var" || obj.isField || obj.pkg === null) return null;
  if (obj.parent !== obj.pkg.scope) return null;
  return implementsError(obj.type) ? obj : null;
}

/**
 * The calls that assign the variable x names in its function before x, or null when x is not a local
 * variable or some assignment is not a single call (a parameter, a tuple from elsewhere).
 */
function assigningCalls(ctx: RuleContext, x: ast.Expr): ast.CallExpr[] | null {
  // only the assignments written before the comparison can have set the value it reads
  const before = x.pos;
  const e = unparen(x);
  if (e.kind !== "Ident") return null;
  const obj = ctx.sem.objectOf(e);
  const fn = enclosingFunc(ctx.ancestors);
  if (obj === null || obj.kind !== "Var" || fn === null || fn.body === null) return null;
  const calls: ast.CallExpr[] = [];
  let other = false;
  const take = (lhs: readonly ast.Expr[], rhs: readonly ast.Expr[]): void => {
    lhs.forEach((l, i) => {
      if (l.kind !== "Ident" || ctx.sem.objectOf(l) !== obj) return;
      const r = unparen((rhs.length === lhs.length ? rhs[i] : rhs[0]) ?? l);
      if (r.kind === "CallExpr") calls.push(r);
      else other = true;
    });
  };
  inspect(fn.body, (n) => {
    if (n.pos >= before) return false;
    if (n.kind === "AssignStmt") take(n.lhs, n.rhs);
    else if (n.kind === "ValueSpec" && n.values.length > 0) take(n.names, n.values);
    else if (n.kind === "ValueSpec" && n.names.some((id) => ctx.sem.objectOf(id) === obj)) other = true;
    return true;
  });
  return other || calls.length === 0 ? null : calls;
}

/**
 * Sentinels that are returned as they are, never wrapped, by contract: io.EOF from Read
 * (callers must compare it with ==), and context.Canceled/DeadlineExceeded from ctx.Err().
 */
function isUnwrappedByContract(ctx: RuleContext, s: Var, other: ast.Expr): boolean {
  const path = s.pkg?.path;
  // io.ReadFull and io.ReadAtLeast return io.ErrUnexpectedEOF unwrapped too
  if (path === "io" && (s.name === "EOF" || s.name === "ErrUnexpectedEOF")) return true;
  // Reader.ReadSlice returns ErrBufferFull itself; dnsmessage's Parser returns ErrSectionDone
  // itself; Server.Serve and ListenAndServe return ErrServerClosed itself.
  if (path === "bufio" && s.name === "ErrBufferFull") return true;
  if (path?.endsWith("golang.org/x/net/dns/dnsmessage") === true && s.name === "ErrSectionDone") return true;
  if (path === "net/http" && s.name === "ErrServerClosed") return true;
  if (path === "context" && (s.name === "Canceled" || s.name === "DeadlineExceeded")) {
    // ctx.Err(), or a variable set only from ctx.Err() (`switch err := ctx.Err(); err`)
    const o = unparen(other);
    const calls = o.kind === "CallExpr" ? [o] : assigningCalls(ctx, o);
    return calls?.every((c) => ctx.sem.isCallTo(c, "(context.Context).Err")) === true;
  }
  // strconv stores ErrSyntax and ErrRange as they are in NumError.Err
  if (path === "strconv") {
    const o = unparen(other);
    return (
      o.kind === "SelectorExpr" &&
      o.sel.name === "Err" &&
      isNamedType(ctx.sem.typeOf(o.x), "strconv.NumError", true)
    );
  }
  return false;
}

/**
 * A sentinel of the package being checked, or of the package an external test package tests:
 * the package creates and returns it itself and knows whether it wraps it (tar compares
 * ErrWriteTooLong, io/fs compares SkipDir); only errors crossing a package boundary get
 * wrapped by others.
 */
function isOwn(ctx: RuleContext, s: Var): boolean {
  const here = ctx.sem.checked.pkg.path;
  if (s.pkg === null) return false;
  // a sub-package's sentinels are the protocol the package defines for its plug-ins, returned as
  // they are by contract (database/sql compares driver.ErrSkip)
  if (s.pkg.path === here || `${s.pkg.path}_test` === here || s.pkg.path.startsWith(`${here}/`)) return true;
  // an internal package of the standard library returns its sentinels to the library's own code
  // as they are (os compares internal/poll's ErrFileClosing); an application's internal packages
  // are where its wrapped sentinels live, so they get no such pass
  const standard = !(s.pkg.path.split("/")[0] ?? "").includes(".");
  return standard && (s.pkg.path.startsWith("internal/") || s.pkg.path.includes("/internal/"));
}

/**
 * Whether the error is a variable set only from calls to the package's own functions: the
 * package knows what they return, wrapped or not (net's pipe compares p.read's error with
 * io.ErrClosedPipe).
 */
function fromOwnCalls(ctx: RuleContext, other: ast.Expr): boolean {
  const o = unparen(other);
  const calls = o.kind === "CallExpr" ? [o] : assigningCalls(ctx, o);
  const here = ctx.sem.checked.pkg.path;
  return calls?.every((c) => ctx.sem.callee(c)?.pkg?.path === here) === true;
}

/** Inside an `Is(target error) bool` method, == against a sentinel is how errors.Is is served. */
function inIsMethod(ctx: RuleContext): boolean {
  const fn = enclosingFunc(ctx.ancestors);
  return fn !== null && fn.kind === "FuncDecl" && fn.recv !== null && fn.name.name === "Is";
}

function text(ctx: RuleContext, x: ast.Expr): string {
  const s = ctx.source.decode(x.pos, x.end);
  return s.length <= 40 && !s.includes("\n") ? s : "the error";
}

export default defineRule({
  name: "error-compare-eq",
  category: "errors",
  severity: "warning",
  offByDefault: true,
  needs: ["resolution", "types"],
  // A test comparing with == pins the exact error value the code returns, on purpose.
  skipTests: true,
  docs: {
    summary: "An error compared with a sentinel by == or a switch: wrapped errors never match",
    details: `Since Go 1.13 errors are wrapped to add context: \`fmt.Errorf("load %s: %w", name, err)\`. A wrapped error is a new value, so \`err == ErrNotFound\` is false as soon as any layer between the source and the check adds context, and the branch meant for that error silently stops running: a retry, a fallback or a circuit breaker never fires. The enterprise field notes describe exactly such a breaker that never opened. \`errors.Is(err, ErrNotFound)\` walks the chain of wrapped errors (and honours \`Is\` methods), so it keeps working when wrapping is added later.

The rule reports \`==\`/\`!=\` between an error and a package-level error variable, and \`case\` clauses of a \`switch err\` naming one. It stays silent for \`nil\`; for sentinels returned unwrapped by contract: \`io.EOF\` and \`io.ErrUnexpectedEOF\` (readers and \`io.ReadFull\` return them as they are and callers are expected to compare them directly), \`bufio.ErrBufferFull\` (from \`ReadSlice\`), dnsmessage's \`ErrSectionDone\`, \`http.ErrServerClosed\` (from \`Serve\` and \`ListenAndServe\`), \`strconv.ErrSyntax\`/\`ErrRange\` against a \`NumError\`'s \`Err\` field, and \`ctx.Err() == context.Canceled\` (also through a variable set only from \`ctx.Err()\`); for sentinels of the package itself, of its sub-packages (the protocol it defines for plug-ins, as \`database/sql\` compares \`driver.ErrSkip\`) and of the standard library's \`internal\` packages (only the library's own code returns them); for errors set only from calls to the package's own functions (it knows what they return) (it creates and returns them, and decides whether they are wrapped); for a parameter of an unexported function (only the package's own callers decide what it holds, as net's \`mapErr\` receiving \`ctx.Err()\`); inside \`Is\` methods, where comparing the target with \`==\` is how \`errors.Is\` is served; and in \`_test.go\` files, where \`==\` pins the exact error the code under test returns.

It is off by default: on the standard library, the only large corpus read so far, most of what remains is code comparing errors it produced itself, which the rule cannot tell from a wrapped error (sampled precision 1 in 4 after narrowing, see docs/quality.md); turn it on for application code, where errors cross package boundaries.`,
    bad: `package config

import (
	"io/fs"
	"os"
)

// Load returns the file's contents, or nil when there is no such file.
func Load(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err == fs.ErrNotExist { // never true: os wraps it in a *fs.PathError
		return nil, nil
	}
	return data, err
}
`,
    good: `package config

import (
	"errors"
	"io/fs"
	"os"
)

// Load returns the file's contents, or nil when there is no such file.
func Load(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return data, err
}
`,
    source:
      'seed 003 §4.1 (sentinel errors and errors.Is); seed 004 "错误处理黄金法则"; errorlint (comparison), go-critic',
  },
  create(ctx) {
    return {
      BinaryExpr(node) {
        if (node.op !== "==" && node.op !== "!=") return;
        let s = sentinel(ctx, node.y);
        let other = node.x;
        if (s === null) {
          s = sentinel(ctx, node.x);
          other = node.y;
        }
        if (s === null || sentinel(ctx, other) !== null || isOwn(ctx, s)) return;
        if (!implementsError(ctx.sem.typeOf(other))) return;
        if (isUnwrappedByContract(ctx, s, other) || inIsMethod(ctx) || fromOwnCalls(ctx, other)) return;
        if (isUnexportedFuncParam(ctx.sem, ctx.ancestors, other)) return;
        const sentinelExpr = other === node.x ? node.y : node.x;
        const e = text(ctx, other);
        const target = text(ctx, sentinelExpr);
        const fix = node.op === "==" ? `errors.Is(${e}, ${target})` : `!errors.Is(${e}, ${target})`;
        ctx.report(
          node,
          `comparing ${e} with ${target} by ${node.op} fails once the error is wrapped (fmt.Errorf with %w); use ${fix}`,
        );
      },
      SwitchStmt(node) {
        if (node.tag === null || !implementsError(ctx.sem.typeOf(node.tag))) return;
        if (sentinel(ctx, node.tag) !== null || inIsMethod(ctx)) return;
        if (isUnexportedFuncParam(ctx.sem, ctx.ancestors, node.tag)) return;
        const e = text(ctx, node.tag);
        for (const clause of node.body.list) {
          if (clause.kind !== "CaseClause" || clause.list === null) continue;
          for (const value of clause.list) {
            const s = sentinel(ctx, value);
            if (s === null || isOwn(ctx, s) || isUnwrappedByContract(ctx, s, node.tag)) continue;
            if (fromOwnCalls(ctx, node.tag)) continue;
            const target = text(ctx, value);
            ctx.report(
              value,
              `switch on ${e} compares it with ${target} by ==, which fails once the error is wrapped; use a tagless switch with case errors.Is(${e}, ${target})`,
            );
          }
        }
      },
    };
  },
});
