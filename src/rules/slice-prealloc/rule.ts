import { unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { Var } from "../../semantic/objects.js";
import { isInteger, isString, under } from "../../semantic/predicates.js";
import type { Type } from "../../semantic/types.js";
import { typeString } from "../../semantic/typestring.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

function isZero(ctx: RuleContext, x: ast.Expr): boolean {
  const v = ctx.sem.typeAndValue(x)?.value;
  return v?.kind === "Int" && v.value === 0n;
}

/** A slice declared empty, without capacity: `var s []T`, `s := []T{}`, `s := []T(nil)`, `s := make([]T, 0)`. */
interface Candidate {
  v: Var;
  decl: ast.Stmt;
  name: ast.Ident;
}

function isSlice(t: Type | null): boolean {
  return t !== null && under(t).kind === "Slice";
}

/** Whether an expression makes an empty slice without capacity. */
function emptySlice(ctx: RuleContext, x: ast.Expr): boolean {
  const e = unparen(x);
  if (!isSlice(ctx.sem.typeOf(e))) return false;
  if (e.kind === "CompositeLit") return e.elts.length === 0;
  if (e.kind !== "CallExpr") return false;
  const fun = unparen(e.fun);
  if (fun.kind === "Ident" && fun.name === "make" && ctx.sem.objectOf(fun)?.kind === "Builtin") {
    if (e.args.length !== 2) return false;
    return isZero(ctx, e.args[1]!);
  }
  // a conversion of nil: []T(nil)
  if (e.args.length === 1 && ctx.sem.typeAndValue(e.fun)?.mode === "typexpr") {
    const a = unparen(e.args[0]!);
    return a.kind === "Ident" && ctx.sem.objectOf(a)?.kind === "Nil";
  }
  return false;
}

/** The slices a statement declares empty. */
function candidates(ctx: RuleContext, s: ast.Stmt): Candidate[] {
  const out: Candidate[] = [];
  const add = (id: ast.Ident): void => {
    if (id.name === "_") return;
    const obj = ctx.sem.info.defs.get(id);
    if (obj?.kind === "Var" && isSlice(obj.type)) out.push({ v: obj, decl: s, name: id });
  };
  if (s.kind === "DeclStmt" && s.decl.tok === "var") {
    for (const spec of s.decl.specs) {
      if (spec.kind !== "ValueSpec") continue;
      if (spec.values.length === 0) for (const n of spec.names) add(n);
      else if (spec.values.length === spec.names.length) {
        spec.names.forEach((n, i) => {
          if (emptySlice(ctx, spec.values[i]!)) add(n);
        });
      }
    }
  } else if (s.kind === "AssignStmt" && s.tok === ":=" && s.lhs.length === s.rhs.length) {
    s.lhs.forEach((l, i) => {
      if (l.kind === "Ident" && emptySlice(ctx, s.rhs[i]!)) add(l);
    });
  }
  return out;
}

function mentions(ctx: RuleContext, n: ast.Node, v: Var): boolean {
  let found = false;
  inspect(n, (m) => {
    if (found) return false;
    if (m.kind === "Ident" && ctx.sem.objectOf(m) === v) found = true;
    return true;
  });
  return found;
}

/** The text of a simple expression (an identifier, a selector chain), or null. */
function simpleText(ctx: RuleContext, x: ast.Expr): string | null {
  const e = unparen(x);
  if (e.kind === "Ident") return e.name;
  if (e.kind === "SelectorExpr") {
    const base = simpleText(ctx, e.x);
    return base === null ? null : `${base}.${e.sel.name}`;
  }
  return null;
}

/** Whether the loop body assigns a variable mentioned in `x`, or takes its address. */
function bodyChanges(ctx: RuleContext, body: ast.BlockStmt, x: ast.Expr): boolean {
  const vars = new Set<unknown>();
  inspect(x, (n) => {
    if (n.kind === "Ident") {
      const o = ctx.sem.objectOf(n);
      if (o?.kind === "Var") vars.add(o);
    }
    return true;
  });
  let found = false;
  const hits = (e: ast.Expr): boolean => {
    let base = unparen(e);
    while (base.kind === "SelectorExpr" || base.kind === "IndexExpr") base = unparen(base.x);
    return base.kind === "Ident" && vars.has(ctx.sem.objectOf(base));
  };
  inspect(body, (n) => {
    if (found) return false;
    if (n.kind === "AssignStmt" && n.lhs.some(hits)) found = true;
    else if (n.kind === "IncDecStmt" && hits(n.x)) found = true;
    else if (n.kind === "UnaryExpr" && n.op === "&" && hits(n.x)) found = true;
    return true;
  });
  return found;
}

/**
 * The trip count of a loop known before it starts, as text for the suggested capacity: `len(x)`
 * for a range over a slice, array, map or string, `n` for a range over an integer or
 * `for i := 0; i < n; i++`; null for other loops (channels, functions, conditions).
 */
function tripCount(ctx: RuleContext, loop: ast.ForStmt | ast.RangeStmt): string | null {
  if (loop.kind === "RangeStmt") {
    const t = ctx.sem.typeOf(loop.x);
    if (t === null) return null;
    let u = under(t);
    if (u.kind === "Pointer") u = under(u.elem);
    const text = simpleText(ctx, loop.x);
    if (u.kind === "Basic" && isInteger(u)) return text ?? ctx.source.decode(loop.x.pos, loop.x.end);
    if (text === null) {
      // a computed value (a call): its length is known once it is computed
      const known = u.kind === "Slice" || u.kind === "Map" || (u.kind === "Basic" && isString(u));
      return known ? "n" : null;
    }
    if (u.kind === "Array") return typeof u.len === "number" ? String(u.len) : null;
    if (u.kind !== "Slice" && u.kind !== "Map" && !(u.kind === "Basic" && isString(u))) return null;
    return text === null ? null : `len(${text})`;
  }
  // for i := 0; i < n; i++
  const { init, cond, post } = loop;
  if (init?.kind !== "AssignStmt" || init.tok !== ":=" || init.lhs.length !== 1 || init.rhs.length !== 1)
    return null;
  const i = init.lhs[0]!;
  if (i.kind !== "Ident") return null;
  const iv = ctx.sem.objectOf(i);
  if (iv === null || !isZero(ctx, init.rhs[0]!)) return null;
  if (post?.kind !== "IncDecStmt" || post.tok !== "++") return null;
  const pi = unparen(post.x);
  if (pi.kind !== "Ident" || ctx.sem.objectOf(pi) !== iv) return null;
  const c = cond === null ? null : unparen(cond);
  if (c?.kind !== "BinaryExpr" || c.op !== "<") return null;
  const ci = unparen(c.x);
  if (ci.kind !== "Ident" || ctx.sem.objectOf(ci) !== iv) return null;
  // the bound: a name, a field, len(name), a constant; not changed by the body
  const bound = unparen(c.y);
  let text: string | null = null;
  const bv = ctx.sem.typeAndValue(bound);
  if (bv?.value !== null && bv?.value !== undefined) text = ctx.source.decode(bound.pos, bound.end);
  else if (bound.kind === "CallExpr") {
    const f = unparen(bound.fun);
    if (
      f.kind === "Ident" &&
      f.name === "len" &&
      ctx.sem.objectOf(f)?.kind === "Builtin" &&
      bound.args.length === 1
    ) {
      const arg = simpleText(ctx, bound.args[0]!);
      text = arg === null ? null : `len(${arg})`;
    }
  } else text = simpleText(ctx, bound);
  if (text === null) return null;
  if (bodyChanges(ctx, loop.body, bound) || bodyChanges(ctx, loop.body, ci)) return null;
  return text;
}

/**
 * Whether the loop runs every iteration to the end: no `return`, `goto` or labeled branch, and no
 * `break` or `continue` of its own (those of a nested loop, switch or select stay inside).
 */
function simpleLoop(loop: ast.ForStmt | ast.RangeStmt): boolean {
  let ok = true;
  const walk = (n: ast.Node, inLoop: boolean, inBreakable: boolean): void => {
    inspect(n, (m) => {
      if (!ok || m.kind === "FuncLit") return false;
      if (m === n) return true;
      switch (m.kind) {
        case "ReturnStmt":
          ok = false;
          return false;
        case "BranchStmt":
          if (m.tok === "goto" || m.label !== null) ok = false;
          else if (m.tok === "break" && !inBreakable) ok = false;
          else if (m.tok === "continue" && !inLoop) ok = false;
          return false;
        case "ForStmt":
        case "RangeStmt":
          walk(m, true, true);
          return false;
        case "SwitchStmt":
        case "TypeSwitchStmt":
        case "SelectStmt":
          walk(m, inLoop, true);
          return false;
      }
      return true;
    });
  };
  walk(loop.body, false, false);
  return ok;
}

/** The number of elements `s = append(s, e1, ..., ek)` adds, or 0 when the statement is not such an append. */
function appendCount(ctx: RuleContext, s: ast.Stmt, v: Var): number {
  if (s.kind !== "AssignStmt" || s.tok !== "=" || s.lhs.length !== 1 || s.rhs.length !== 1) return 0;
  const l = unparen(s.lhs[0]!);
  if (l.kind !== "Ident" || ctx.sem.objectOf(l) !== v) return 0;
  const call = unparen(s.rhs[0]!);
  if (call.kind !== "CallExpr" || call.ellipsis >= 0 || call.args.length < 2) return 0;
  const fun = unparen(call.fun);
  if (fun.kind !== "Ident" || fun.name !== "append" || ctx.sem.objectOf(fun)?.kind !== "Builtin") return 0;
  const first = unparen(call.args[0]!);
  if (first.kind !== "Ident" || ctx.sem.objectOf(first) !== v) return 0;
  if (call.args.slice(1).some((a) => mentions(ctx, a, v))) return 0;
  return call.args.length - 1;
}

/**
 * The elements the loop appends to `v` on every iteration: the body's own statements append to
 * it, not under a condition, and mention it nowhere else. Zero when it does not.
 */
function unconditionalAppends(ctx: RuleContext, loop: ast.ForStmt | ast.RangeStmt, v: Var): number {
  let count = 0;
  for (const s of loop.body.list) {
    const k = appendCount(ctx, s, v);
    if (k > 0) count += k;
    else if (mentions(ctx, s, v)) return 0;
  }
  return count;
}

function shortText(ctx: RuleContext, x: ast.Expr): string {
  const t = ctx.source.decode(x.pos, x.end).replace(/\s+/g, " ");
  return t.length > 40 ? "the ranged value" : t;
}

function checkList(ctx: RuleContext, list: readonly ast.Stmt[]): void {
  list.forEach((s, i) => {
    for (const c of candidates(ctx, s)) {
      // the first statement after the declaration that mentions the slice must be the loop
      for (let j = i + 1; j < list.length; j++) {
        let next = list[j]!;
        while (next.kind === "LabeledStmt") next = next.stmt;
        if (!mentions(ctx, next, c.v)) continue;
        if (next.kind !== "RangeStmt" && next.kind !== "ForStmt") break;
        const count = tripCount(ctx, next);
        if (count === null || !simpleLoop(next)) break;
        const k = unconditionalAppends(ctx, next, c.v);
        if (k === 0) break;
        const cap = k === 1 ? count : `${k}*${/^[\w.()]+$/.test(count) ? count : `(${count})`}`;
        const elem = under(c.v.type);
        const typ =
          elem.kind === "Slice" ? typeString(c.v.type, (p) => (p === ctx.sem.checked.pkg ? "" : p.name)) : "";
        const where =
          count === "n" && next.kind === "RangeStmt"
            ? `, where n is the length of ${shortText(ctx, next.x)} computed before the loop`
            : "";
        ctx.report(
          c.decl,
          `${c.name.name} grows by append on every iteration of a loop whose length is known, reallocating and copying as it grows: preallocate it with make(${typ}, 0, ${cap})${where}`,
        );
        break;
      }
    }
  });
}

export default defineRule({
  name: "slice-prealloc",
  category: "performance",
  severity: "info",
  needs: ["syntax", "resolution", "flow"],
  // tests run once over small tables, and benchmarks may measure the growth on purpose
  skipTests: true,
  docs: {
    summary: "a slice filled by append in a loop of known length is declared without capacity",
    details:
      "A slice declared empty (`var s []T`, `s := []T{}`, `s := make([]T, 0)`) and filled with `append` " +
      "grows by reallocating its backing array and copying every element each time its capacity runs out: " +
      "about log2(n) allocations and 2n copied elements for n appends, and garbage for the collector. When the " +
      "loop's length is known before it starts (a `range` over a slice, array, map, string or integer, or " +
      "`for i := 0; i < n; i++`), allocate once: `s := make([]T, 0, len(items))`. The seed's billing module " +
      "saw GC pauses at P99 climb to 87 ms from slices that kept growing under bursts. As the prealloc linter " +
      "does (with its defaults: simple loops), the rule reports only when the first use of the slice after " +
      "its declaration is the loop, the loop appends to it in its own body on every iteration (not under a " +
      "condition, not with `...`), mentions it nowhere else, and has no `return`, `break`, `continue` or " +
      "`goto` of its own that could end an iteration early; channels, iterator functions and `for` loops " +
      "with other conditions are left alone, and so are test files, whose loops run over small tables and " +
      "whose benchmarks may measure the growth on purpose. Note that a preallocated slice is never nil, even when the loop " +
      "runs zero times.",
    bad: `package users

type User struct{ Name string }

func Names(users []User) []string {
	var names []string
	for _, u := range users {
		names = append(names, u.Name)
	}
	return names
}
`,
    good: `package users

type User struct{ Name string }

func Names(users []User) []string {
	names := make([]string, 0, len(users))
	for _, u := range users {
		names = append(names, u.Name)
	}
	return names
}
`,
    source: "seeds 003 §3.2 (slice growth in a billing module); the prealloc linter (golangci-lint)",
  },
  create(ctx) {
    return {
      BlockStmt(b) {
        checkList(ctx, b.list);
      },
      CaseClause(c) {
        checkList(ctx, c.body);
      },
      CommClause(c) {
        checkList(ctx, c.body);
      },
    };
  },
});
