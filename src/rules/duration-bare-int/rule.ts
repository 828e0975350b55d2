import { isNamedType, unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext, type Visitor } from "../../analysis/rule.js";
import { BasicKind, type Type } from "../../semantic/types.js";
import type * as ast from "../../syntax/ast.js";

/** Whether t is the type of an untyped integer (or rune) constant. */
function isUntypedInteger(t: Type): boolean {
  return (
    t.kind === "Basic" && (t.basicKind === BasicKind.UntypedInt || t.basicKind === BasicKind.UntypedRune)
  );
}

const arithmetic = new Set<ast.BinaryOp>(["+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^", "&^"]);

/**
 * Whether x is written with untyped integers only: literals, untyped constants and arithmetic
 * on them. `5 * time.Second` or a typed Duration constant carry a unit and are not bare; a
 * float literal such as `1e9` is a deliberate count of nanoseconds.
 */
function isBareInteger(ctx: RuleContext, x: ast.Expr): boolean {
  x = unparen(x);
  switch (x.kind) {
    case "BasicLit":
      return x.litKind === "INT";
    case "Ident":
    case "SelectorExpr": {
      const obj = ctx.sem.objectOf(x.kind === "Ident" ? x : x.sel);
      return obj !== null && obj.kind === "Const" && isUntypedInteger(obj.type);
    }
    case "UnaryExpr":
      return x.op === "+" && isBareInteger(ctx, x.x);
    case "BinaryExpr":
      return arithmetic.has(x.op) && isBareInteger(ctx, x.x) && isBareInteger(ctx, x.y);
    default:
      return false;
  }
}

/** n nanoseconds the way time.Duration.String prints it (1µs, 30ns, 1.5s). */
function formatNanoseconds(n: bigint): string {
  const units: [bigint, string][] = [
    [3_600_000_000_000n, "h"],
    [60_000_000_000n, "m"],
    [1_000_000_000n, "s"],
    [1_000_000n, "ms"],
    [1_000n, "µs"],
  ];
  for (const [size, unit] of units) {
    if (n >= size) {
      const whole = n / size;
      const frac = ((n % size) * 1000n) / size;
      const fracText = frac === 0n ? "" : `.${frac.toString().padStart(3, "0").replace(/0+$/, "")}`;
      return `${whole}${fracText}${unit}`;
    }
  }
  return `${n}ns`;
}

export default defineRule({
  name: "duration-bare-int",
  category: "time",
  severity: "error",
  needs: ["resolution", "types"],
  imports: ["time"],
  docs: {
    summary: "A bare integer used as a time.Duration counts nanoseconds, not seconds or milliseconds",
    details:
      "time.Duration is an int64 counting nanoseconds, so Go accepts an untyped integer wherever a " +
      "Duration is expected and gives it that unit without a word. Programmers coming from Java or " +
      "JavaScript write time.NewTicker(1000) meaning one second and get a ticker that fires every " +
      "microsecond; context.WithTimeout(ctx, 5) expires after five nanoseconds, before any work " +
      "starts; a Timeout field set to 30 times out every request. The rule reports a positive " +
      "untyped integer constant below a million (a literal, an untyped named constant, or arithmetic " +
      "on them; larger counts such as 1<<63 - 1 are deliberate nanoseconds) passed " +
      "as a Duration argument, set as a Duration field or element, assigned, returned or sent as a " +
      "Duration. Zero and negative values are left alone: they are the documented 'none' and " +
      "'disabled' values of many APIs (net.Dialer's KeepAlive: -1). In test files only the " +
      "waits of time.Sleep and context.WithTimeout are checked, and not a wait of 1: durations in " +
      "test tables are data, and tests pass tiny durations to timers, tickers and time arithmetic " +
      "on purpose (a timer that fires at once, an instant one nanosecond later). Write the unit: " +
      "time.Sleep(100 * time.Millisecond), time.NewTicker(time.Second).",
    bad: `package main

import "time"

func main() {
	ticker := time.NewTicker(1000) // meant one second: ticks every microsecond
	defer ticker.Stop()
	<-ticker.C
}
`,
    good: `package main

import "time"

func main() {
	ticker := time.NewTicker(1000 * time.Millisecond)
	defer ticker.Stop()
	<-ticker.C
}
`,
    source: "seed 001 #75 (10.1, providing a wrong time duration); staticcheck SA1004",
  },
  create(ctx) {
    const check = (x: ast.Expr): void => {
      const tv = ctx.sem.typeAndValue(x);
      if (tv === null || tv.mode !== "constant" || tv.value === null || tv.value.kind !== "Int") return;
      if (!isNamedType(tv.type, "time.Duration")) return;
      const n = tv.value.value;
      // a count of a million nanoseconds or more is written that way on purpose (1<<63 - 1, 1000000)
      if (n <= 0n || n >= 1_000_000n || !isBareInteger(ctx, x)) return;
      const text = ctx.source.decode(x.pos, x.end);
      const unit = n >= 100n ? "time.Millisecond" : "time.Second";
      const kind = unparen(x).kind;
      const what =
        kind === "BasicLit"
          ? `bare integer ${text}`
          : kind === "Ident" || kind === "SelectorExpr"
            ? `untyped constant ${text} (${n})`
            : `constant ${text} (${n})`;
      const operand = kind === "BinaryExpr" ? `(${text})` : text;
      ctx.report(
        x,
        `${what} used as a time.Duration is ${formatNanoseconds(n)}: durations count nanoseconds; ` +
          `write the unit, such as ${operand} * ${unit}`,
      );
    };
    const calls: Visitor = {
      CallExpr(call) {
        // time.Duration(30) is a conversion the author wrote on purpose, not a Duration slot
        const fun = ctx.sem.typeAndValue(call.fun);
        if (fun === null || fun.mode === "typexpr") return;
        for (const arg of call.args) check(arg);
      },
    };
    // In tests, durations in tables, fields and results are data that round-trips (want: 123),
    // and tiny durations passed to timers, tickers and time arithmetic are deliberate (a timer
    // that fires at once, an instant one nanosecond later, as in package time's own tests). Only
    // a wait longer than one nanosecond (time.Sleep(10), context.WithTimeout(ctx, 5)) is meant
    // to take time.
    if (ctx.source.name.endsWith("_test.go"))
      return {
        CallExpr(call) {
          if (!ctx.sem.isCallTo(call, "time.Sleep") && !ctx.sem.isCallTo(call, "context.WithTimeout")) return;
          const arg = call.args[call.args.length - 1];
          const tv = arg === undefined ? null : ctx.sem.typeAndValue(arg);
          if (arg === undefined || (tv?.value?.kind === "Int" && tv.value.value === 1n)) return;
          check(arg);
        },
      };
    return {
      ...calls,
      CompositeLit(lit) {
        for (const elt of lit.elts) check(elt.kind === "KeyValueExpr" ? elt.value : elt);
      },
      AssignStmt(stmt) {
        if (stmt.tok === "=") for (const x of stmt.rhs) check(x);
      },
      ValueSpec(spec) {
        if (spec.type !== null) for (const x of spec.values) check(x);
      },
      ReturnStmt(stmt) {
        for (const x of stmt.results) check(x);
      },
      SendStmt(stmt) {
        check(stmt.value);
      },
    };
  },
});
