import { enclosingFunc, isErrorType, unparen } from "../../analysis/astutil.js";
import { type Flow, type FuncNode, flowOf } from "../../analysis/flow.js";
import { searchForward } from "../../analysis/reach.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { CfgNode } from "../../semantic/cfg.js";
import type { Var } from "../../semantic/objects.js";
import { isBoolean, isNumeric, isString, under } from "../../semantic/predicates.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** Deferred functions that release what a variable names: reusing the variable for the next resource is deliberate. */
const releaseName =
  /^(Close|Remove|RemoveAll|Unlock|RUnlock|Release|Free|Unmap|Munmap|Stop|Cancel|Done|Restore)$/;

/** A time measurement in an argument, which runs at the defer: `time.Since(t)`, `time.Until(t)`, `time.Now().Sub(t)`. */
function timeMeasurement(ctx: RuleContext, arg: ast.Expr): ast.CallExpr | null {
  let found: ast.CallExpr | null = null;
  inspect(arg, (n) => {
    if (found !== null || n.kind === "FuncLit") return false;
    if (n.kind !== "CallExpr") return true;
    if (ctx.sem.isCallTo(n, "time.Since", "time.Until")) found = n;
    else if (ctx.sem.isCallTo(n, "(time.Time).Sub")) {
      const fun = unparen(n.fun);
      const recv = fun.kind === "SelectorExpr" ? unparen(fun.x) : null;
      if (recv?.kind === "CallExpr" && ctx.sem.isCallTo(recv, "time.Now")) found = n;
    }
    return true;
  });
  return found;
}

/** Whether values of the variable are plain values that a later assignment replaces: numbers, booleans, strings, errors. */
function isPlainValue(v: Var): boolean {
  const t = v.type;
  if (isErrorType(t)) return true;
  const u = under(t);
  return u.kind === "Basic" && (isNumeric(u) || isBoolean(u) || isString(u));
}

/** The local variables an argument reads by value (not through `&v`, not inside a function literal). */
function readVars(ctx: RuleContext, fn: FuncNode, arg: ast.Expr): Map<Var, ast.Ident> {
  const out = new Map<Var, ast.Ident>();
  inspect(arg, (n) => {
    if (n.kind === "FuncLit") return false;
    if (n.kind === "UnaryExpr" && n.op === "&") return false;
    if (n.kind !== "Ident") return true;
    const obj = ctx.sem.objectOf(n);
    if (obj?.kind !== "Var" || obj.isField) return true;
    if (obj.pos < fn.pos || obj.pos >= fn.end || obj.file !== ctx.source.name) return true;
    if (!out.has(obj)) out.set(obj, n);
    return true;
  });
  return out;
}

/** The assignments to `v` written after `after` in the function body itself (not in function literals). */
function laterAssignments(ctx: RuleContext, flow: Flow, v: Var, after: number): ast.Node[] {
  const out: ast.Node[] = [];
  for (const id of ctx.sem.uses(v)) {
    if (id.pos < after || id.pos >= flow.fn.end) continue;
    const parent = flow.parents.get(id);
    if (parent === undefined) continue;
    let writes = false;
    if (parent.kind === "AssignStmt") writes = parent.lhs.includes(id);
    else if (parent.kind === "IncDecStmt") writes = true;
    else if (parent.kind === "RangeStmt") writes = parent.key === id || parent.value === id;
    if (!writes) continue;
    if (insideFuncLit(flow, id)) continue;
    out.push(parent);
  }
  return out;
}

function insideFuncLit(flow: Flow, n: ast.Node): boolean {
  for (let p = flow.parents.get(n); p !== undefined && p !== flow.fn; p = flow.parents.get(p)) {
    if (p.kind === "FuncLit") return true;
  }
  return false;
}

/** Whether a later `defer` takes the same variable: it is reused for the next thing to release. */
function deferredAgain(flow: Flow, d: ast.DeferStmt, v: Var, ctx: RuleContext): boolean {
  let found = false;
  for (const site of flow.cfg.defers) {
    if (site.stmt === d || site.stmt.pos < d.pos) continue;
    inspect(site.stmt.call, (n) => {
      if (found) return false;
      if (n.kind === "Ident" && ctx.sem.objectOf(n) === v) found = true;
      return true;
    });
  }
  return found;
}

function calleeText(ctx: RuleContext, call: ast.CallExpr): string {
  const fun = unparen(call.fun);
  const text = ctx.source.decode(fun.pos, fun.end);
  return text.length > 40 || fun.kind === "FuncLit" ? "the deferred call" : text;
}

export default defineRule({
  name: "defer-eager-args",
  category: "correctness",
  severity: "warning",
  needs: ["resolution", "flow"],
  docs: {
    summary:
      "the arguments of a deferred call are evaluated at the defer statement, not when the function returns",
    details:
      "`defer f(x)` evaluates `f` and `x` right away and runs `f` with those values when the function " +
      'returns. A deferred `fmt.Printf("sum = %d", sum)` written before the loop that computes `sum` always ' +
      'prints 0, and `defer log.Printf("took %v", time.Since(start))` measures the time from `start` to the ' +
      "`defer` statement (about nothing), not to the return. Deferred calls run last-in first-out, but each " +
      "one's arguments are fixed in source order, when its `defer` runs. To see the values at the return, " +
      'defer a closure, which reads its variables when it runs: `defer func() { log.Printf("took %v", ' +
      "time.Since(start)) }()`. The rule reports `time.Since`, `time.Until` and `time.Now().Sub` in the " +
      "arguments of a deferred call (as go vet's defers check does for `time.Since`), and an argument that " +
      "reads a local number, boolean, string or error which the function assigns again after the `defer`, on " +
      "a path from it. It is silent for pointers (`defer cleanup(&x)` sees the updates), for the receiver " +
      "(`defer f.Close()` closes the file `f` held at the defer, which is what reusing `f` for the next file " +
      "needs), for arguments passed to a deferred func literal (an explicit snapshot), for release calls " +
      "(`Close`, `Remove`, `Unlock`, ...) and for a variable that a later `defer` takes again: those want the " +
      "value at the defer. A variable assigned only before the `defer` (a loop variable, or one set on the " +
      "next iteration before the next `defer`) is not reported either: each deferred call keeps its own value, " +
      "as intended.",
    bad: `package stats

import (
	"fmt"
	"log"
	"time"
)

func Accumulate(nums []int) int {
	start := time.Now()
	defer log.Printf("accumulate took %v", time.Since(start))
	var sum int
	defer fmt.Printf("sum = %d\\n", sum)
	for _, n := range nums {
		sum += n
	}
	return sum
}
`,
    good: `package stats

import (
	"fmt"
	"log"
	"time"
)

func Accumulate(nums []int) int {
	start := time.Now()
	defer func() { log.Printf("accumulate took %v", time.Since(start)) }()
	var sum int
	defer func() { fmt.Printf("sum = %d\\n", sum) }()
	for _, n := range nums {
		sum += n
	}
	return sum
}
`,
    source: 'seeds 000 "defer传参", 002 (defer order: arguments evaluated at the defer); go vet defers',
  },
  create(ctx) {
    return {
      DeferStmt(d) {
        const call = d.call;
        for (const arg of call.args) {
          const m = timeMeasurement(ctx, arg);
          if (m === null) continue;
          const what = ctx.source.decode(m.pos, m.end);
          ctx.report(
            d,
            `${what.length > 40 ? "the time measurement" : what} in the arguments of a deferred call is evaluated at the defer statement, not when the function returns, so it measures almost nothing; defer a closure instead: defer func() { ... }()`,
          );
          return;
        }
        const fun = unparen(call.fun);
        if (fun.kind === "FuncLit") return;
        const name = fun.kind === "SelectorExpr" ? fun.sel.name : fun.kind === "Ident" ? fun.name : "";
        if (releaseName.test(name)) return;
        const fn = enclosingFunc(ctx.ancestors);
        if (fn === null || fn.body === null) return;
        const flow = flowOf(ctx.sem, fn);
        const at = flow.pointOf(d);
        if (at === undefined || !at.block.live) return;
        for (const arg of call.args) {
          for (const [v, id] of readVars(ctx, fn, arg)) {
            if (!isPlainValue(v)) continue;
            const later = laterAssignments(ctx, flow, v, d.end);
            if (later.length === 0 || deferredAgain(flow, d, v, ctx)) continue;
            const targets = new Set<CfgNode>();
            for (const a of later) {
              const h = flow.holder(a);
              if (h !== null) targets.add(h);
            }
            let hit: CfgNode | null = null;
            searchForward(at, (node) => {
              if (targets.has(node)) {
                hit = node;
                return "found";
              }
              return "continue";
            });
            if (hit === null) continue;
            const line = ctx.source.lineOf((hit as CfgNode).pos);
            ctx.report(
              d,
              `${calleeText(ctx, call)} is deferred with the value ${id.name} has now, but ${id.name} is assigned again later (line ${line}): the call will not see the final value; defer a closure that reads ${id.name} when it runs`,
            );
            return;
          }
        }
      },
    };
  },
});
