import { enclosingFunc, isNamedType, unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

function within(inner: ast.Node, outer: ast.Node | null): boolean {
  return outer !== null && inner.pos >= outer.pos && inner.end <= outer.end;
}

/**
 * The innermost loop, within the innermost function, that evaluates `call` once per iteration:
 * in its body, or in a three-clause loop's condition or post statement (a range expression or
 * an init statement runs once).
 */
function perIterationLoop(
  call: ast.CallExpr,
  ancestors: readonly ast.Node[],
): ast.ForStmt | ast.RangeStmt | null {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const n = ancestors[i]!;
    if (n.kind === "FuncDecl" || n.kind === "FuncLit") return null;
    if (n.kind === "RangeStmt" && within(call, n.body)) return n;
    if (n.kind === "ForStmt" && (within(call, n.body) || within(call, n.cond) || within(call, n.post)))
      return n;
  }
  return null;
}

/** Whether `body` holds, outside nested func literals, a statement matching `pred`. */
function contains(body: ast.Node, pred: (n: ast.Node, inner: readonly ast.Node[]) => boolean): boolean {
  let found = false;
  // the breakable statements between `body` and the node, to tell which one a `break` leaves
  const stack: ast.Node[] = [];
  const walk = (n: ast.Node): void => {
    if (found) return;
    inspect(n, (m) => {
      if (found) return false;
      if (m.kind === "FuncLit") return false;
      if (pred(m, stack)) {
        found = true;
        return false;
      }
      if (m !== n && isBreakable(m)) {
        stack.push(m);
        walk(m);
        stack.pop();
        return false;
      }
      return true;
    });
  };
  walk(body);
  return found;
}

function isBreakable(n: ast.Node): boolean {
  return (
    n.kind === "ForStmt" ||
    n.kind === "RangeStmt" ||
    n.kind === "SwitchStmt" ||
    n.kind === "TypeSwitchStmt" ||
    n.kind === "SelectStmt"
  );
}

/** Whether something in `loop`'s body can leave it: a break of it, a goto, a return. */
function loopCanExit(ctx: RuleContext, loop: ast.ForStmt | ast.RangeStmt, label: ast.Ident | null): boolean {
  const labelObj = label === null ? null : ctx.sem.objectOf(label);
  return contains(loop.body, (n, inner) => {
    if (n.kind === "ReturnStmt") return true;
    if (n.kind !== "BranchStmt") return false;
    if (n.tok === "goto") return true;
    if (n.tok !== "break") return false;
    if (n.label === null) return inner.length === 0;
    return labelObj === null || ctx.sem.objectOf(n.label) === labelObj;
  });
}

/** Whether a range expression is a channel that is never closed: a ticker channel. */
function isTickerChannel(ctx: RuleContext, x: ast.Expr): boolean {
  x = unparen(x);
  if (x.kind === "CallExpr") return ctx.sem.isCallTo(x, "time.Tick");
  if (x.kind === "SelectorExpr" && x.sel.name === "C") {
    return isNamedType(ctx.sem.typeOf(x.x), "time.Ticker", true);
  }
  return false;
}

/**
 * Whether a function never returns: it has no `return`, and it ends in a loop nothing leaves
 * (`for { ... }`, a range over a ticker channel) or in `select {}`.
 */
function neverReturns(ctx: RuleContext, fn: ast.FuncDecl | ast.FuncLit): boolean {
  const body = fn.body;
  if (body === null || body.list.length === 0) return false;
  if (contains(body, (n) => n.kind === "ReturnStmt")) return false;
  let last = body.list[body.list.length - 1]!;
  let label: ast.Ident | null = null;
  while (last.kind === "LabeledStmt") {
    label = last.label;
    last = last.stmt;
  }
  if (last.kind === "SelectStmt") return last.body.list.length === 0;
  if (last.kind === "ForStmt" && last.cond === null) return !loopCanExit(ctx, last, label);
  if (last.kind === "RangeStmt" && isTickerChannel(ctx, last.x)) return !loopCanExit(ctx, last, label);
  return false;
}

export default defineRule({
  name: "time-tick-leak",
  category: "concurrency",
  severity: "warning",
  needs: ["syntax", "resolution", "version"],
  imports: ["time"],
  docs: {
    summary:
      "time.Tick in a function that returns, or in a loop, leaks a ticker that can never be stopped (before Go 1.23)",
    details:
      "`time.Tick(d)` starts a `time.Ticker` and returns only its channel, so nobody can ever call `Stop`. Before " +
      "Go 1.23 a ticker that is not stopped is never collected: it keeps firing into a channel nobody reads for the " +
      "rest of the process. That is fine in `main`, in a test or in a goroutine that runs forever, and a leak " +
      "anywhere else: each call of a function that returns leaves a ticker behind, and `time.Tick` evaluated in a " +
      "`for`/`select` loop starts a new one on every iteration (a payment gateway went out of memory on all its " +
      "instances that way at peak traffic). Use `t := time.NewTicker(d)` with `defer t.Stop()` and read `t.C`. The " +
      "rule is silent in package main, in tests, in functions that never return, and from Go 1.23, where " +
      "unreferenced tickers are collected.",
    bad: `package poller

import (
	"context"
	"time"
)

func Poll(ctx context.Context, check func()) {
	tick := time.Tick(time.Second)
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
			check()
		}
	}
}
`,
    good: `package poller

import (
	"context"
	"time"
)

func Poll(ctx context.Context, check func()) {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			check()
		}
	}
}
`,
    source: '004 §2.4; 003 §2.2 (for-select with time.Tick, "12台实例全部OOM"); staticcheck SA1015',
  },
  create(ctx) {
    const mainLike = ctx.file.name.name === "main" || ctx.source.name.endsWith("_test.go");
    return {
      CallExpr(call) {
        if (ctx.atLeast("1.23") || !ctx.sem.isCallTo(call, "time.Tick")) return;
        if (perIterationLoop(call, ctx.ancestors) !== null) {
          ctx.report(
            call,
            "time.Tick in a loop starts a new ticker on every iteration that is never stopped or collected (before Go 1.23): create one time.NewTicker before the loop and Stop it",
          );
          return;
        }
        if (mainLike) return;
        const fn = enclosingFunc(ctx.ancestors);
        // a package-level ticker lives as long as the program, as intended
        if (fn === null || neverReturns(ctx, fn)) return;
        ctx.report(
          call,
          "time.Tick leaks its ticker once this function returns: it can never be stopped or collected (before Go 1.23); use time.NewTicker and defer its Stop",
        );
      },
    };
  },
});
