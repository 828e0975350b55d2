import { isNamedType, unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import { BasicKind } from "../../semantic/types.js";
import type * as ast from "../../syntax/ast.js";

/** Whether x is written with untyped constants only (`2`, `maxRetries`, `60 * 60`). */
function isUntypedConstant(ctx: RuleContext, x: ast.Expr): boolean {
  x = unparen(x);
  switch (x.kind) {
    case "BasicLit":
      return true;
    case "Ident":
    case "SelectorExpr": {
      const obj = ctx.sem.objectOf(x.kind === "Ident" ? x : x.sel);
      return (
        obj !== null &&
        obj.kind === "Const" &&
        obj.type.kind === "Basic" &&
        obj.type.basicKind >= BasicKind.UntypedBool &&
        obj.type.basicKind <= BasicKind.UntypedNil
      );
    }
    case "UnaryExpr":
      return isUntypedConstant(ctx, x.x);
    case "BinaryExpr":
      return isUntypedConstant(ctx, x.x) && isUntypedConstant(ctx, x.y);
    default:
      return false;
  }
}

/** Whether `id` is the counter a `for` loop declares in its init (`for i := time.Duration(0); ...`). */
function isLoopCounter(ctx: RuleContext, id: ast.Ident): boolean {
  const obj = ctx.sem.objectOf(id);
  if (obj === null || obj.kind !== "Var") return false;
  for (const n of ctx.ancestors) {
    if (n.kind !== "ForStmt" || n.init === null || n.init.kind !== "AssignStmt" || n.init.tok !== ":=")
      continue;
    for (const lhs of n.init.lhs) if (lhs.kind === "Ident" && ctx.sem.objectOf(lhs) === obj) return true;
  }
  return rangesOverCounts(ctx, obj);
}

/**
 * Whether the variable is the value of a `range` over a composite literal whose elements are
 * all bare integers: `for _, n := range []time.Duration{10, 100, 1000} { n * time.Microsecond }`
 * (runtime's proc_test.go) ranges over counts dressed as durations.
 */
function rangesOverCounts(ctx: RuleContext, obj: object): boolean {
  for (const n of ctx.ancestors) {
    if (n.kind !== "RangeStmt" || n.value === null || n.value.kind !== "Ident") continue;
    if (ctx.sem.objectOf(n.value) !== obj) continue;
    const x = unparen(n.x);
    return (
      x.kind === "CompositeLit" &&
      x.elts.length > 0 &&
      x.elts.every((e) => e.kind !== "KeyValueExpr" && unparen(e).kind === "BasicLit")
    );
  }
  return false;
}

/**
 * Whether x, of type time.Duration, holds a length of time rather than a plain count that was
 * given the Duration type to be multiplied: untyped constants (`2`), conversions of numbers
 * (`time.Duration(n)`), typed constants below a microsecond (`time.Duration(3)`), quotients of
 * two durations (`d / time.Millisecond`), shifts of counts (`1 << i`), sums of counts, loop
 * counters and values ranged from a literal list of bare integers are counts.
 */
function isLengthOfTime(ctx: RuleContext, x: ast.Expr): boolean {
  const tv = ctx.sem.typeAndValue(x);
  if (tv === null || !isNamedType(tv.type, "time.Duration")) return false;
  x = unparen(x);
  if (tv.mode === "constant") {
    if (isUntypedConstant(ctx, x)) return false;
    const v = tv.value;
    if (v === null || v.kind !== "Int") return false;
    return v.value >= 1000n || v.value <= -1000n;
  }
  switch (x.kind) {
    case "CallExpr": {
      const fun = ctx.sem.typeAndValue(x.fun);
      if (fun !== null && fun.mode === "typexpr") {
        const arg = x.args[0];
        return arg !== undefined && isLengthOfTime(ctx, arg);
      }
      return true;
    }
    case "UnaryExpr":
      return isLengthOfTime(ctx, x.x);
    case "BinaryExpr":
      if (x.op === "*") return isLengthOfTime(ctx, x.x) || isLengthOfTime(ctx, x.y);
      if (x.op === "/") return isLengthOfTime(ctx, x.x) && !isLengthOfTime(ctx, x.y);
      // `1 << i` and `n % 3` are counts when their left side is one
      if (x.op === "<<" || x.op === ">>" || x.op === "%") return isLengthOfTime(ctx, x.x);
      return isLengthOfTime(ctx, x.x) || isLengthOfTime(ctx, x.y);
    case "Ident":
      return !isLoopCounter(ctx, x);
    default:
      return true;
  }
}

/** Source text of a node, shortened for a message. */
function text(ctx: RuleContext, x: ast.Expr): string {
  const s = ctx.source.decode(x.pos, x.end).replace(/\s+/g, " ");
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

export default defineRule({
  name: "duration-times-duration",
  category: "time",
  severity: "error",
  needs: ["resolution", "types"],
  imports: ["time"],
  docs: {
    summary: "Two time.Duration values multiplied: nanoseconds times nanoseconds",
    details:
      "A time.Duration is a count of nanoseconds. Multiplying a number by a unit " +
      "(time.Duration(n) * time.Second) gives a duration, but multiplying two durations multiplies " +
      "nanoseconds by nanoseconds: with timeout already a Duration of 5s, timeout * time.Second is " +
      "5,000,000,000 seconds (158 years), and a timeout that was meant to bound a call never fires. " +
      "The mistake usually comes from a value that used to be a plain number of seconds and became a " +
      "Duration in a refactoring, while its uses still multiply it by the unit. The rule reports a " +
      "product (or *=) of two Duration operands that both hold lengths of time; a side written as an " +
      "untyped constant, converted from a number (time.Duration(n)), a typed constant below a " +
      "microsecond, a quotient of two durations (d / time.Millisecond), a loop counter or the value " +
      "of a range over a literal list of bare integers (range []time.Duration{10, 100}) is taken as a " +
      "count. Use the duration as it is, or keep the count a plain number and convert it at the product.",
    bad: `package main

import (
	"fmt"
	"time"
)

func retryAfter(wait time.Duration) time.Duration {
	return wait * time.Second // wait is already a Duration
}

func main() {
	fmt.Println(retryAfter(5 * time.Second))
}
`,
    good: `package main

import (
	"fmt"
	"time"
)

func retryAfter(seconds int) time.Duration {
	return time.Duration(seconds) * time.Second
}

func main() {
	fmt.Println(retryAfter(5))
}
`,
    source: "seed 001 #75 (10.1, providing a wrong time duration); durationcheck (golangci-lint)",
  },
  create(ctx) {
    return {
      BinaryExpr(x) {
        if (x.op !== "*" || !isLengthOfTime(ctx, x.x) || !isLengthOfTime(ctx, x.y)) return;
        ctx.report(
          x,
          `${text(ctx, x)} multiplies two time.Duration values, nanoseconds by nanoseconds, so the ` +
            `result is far too long; use the duration as it is, or multiply a plain count: time.Duration(n) * time.Second`,
        );
      },
      AssignStmt(stmt) {
        if (stmt.tok !== "*=" || stmt.lhs.length !== 1 || stmt.rhs.length !== 1) return;
        const lhs = stmt.lhs[0]!;
        const rhs = stmt.rhs[0]!;
        if (!isLengthOfTime(ctx, lhs) || !isLengthOfTime(ctx, rhs)) return;
        ctx.report(
          stmt,
          `${text(ctx, lhs)} *= ${text(ctx, rhs)} multiplies two time.Duration values, nanoseconds by ` +
            `nanoseconds, so the result is far too long; keep the count a plain number and convert it: time.Duration(n) * time.Second`,
        );
      },
    };
  },
});
