import { enclosingFunc, unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { Var } from "../../semantic/objects.js";
import { under } from "../../semantic/predicates.js";
import { BasicKind, type Type } from "../../semantic/types.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** At most this many elements: a window small next to the array it keeps alive. */
const maxWindow = 64;

/** Functions whose result is a buffer as large as what they read. */
const bigReads = ["io.ReadAll", "io/ioutil.ReadAll", "os.ReadFile", "io/ioutil.ReadFile"];

/** Whether values of t hold pointers the collector follows (strings, slices, maps, pointers, ...). */
function holdsPointers(t: Type, depth = 0): boolean | null {
  if (depth > 16 || t.kind === "TypeParam") return null;
  const u = under(t);
  switch (u.kind) {
    case "Basic":
      if (u.basicKind === BasicKind.Invalid) return null;
      return u.basicKind === BasicKind.String || u.basicKind === BasicKind.UnsafePointer;
    case "Pointer":
    case "Slice":
    case "Map":
    case "Chan":
    case "Signature":
    case "Interface":
      return true;
    case "Array":
      return u.len === 0 ? false : holdsPointers(u.elem, depth + 1);
    case "Struct": {
      let any = false;
      for (const f of u.fields) {
        const h = holdsPointers(f.type, depth + 1);
        if (h === null) return null;
        if (h) any = true;
      }
      return any;
    }
    default:
      return null; // type parameters: not known
  }
}

function isByte(t: Type): boolean {
  const u = under(t);
  return u.kind === "Basic" && u.basicKind === BasicKind.Uint8;
}

function constInt(ctx: RuleContext, x: ast.Expr | null): bigint | null {
  if (x === null) return 0n;
  const v = ctx.sem.typeAndValue(x)?.value;
  return v?.kind === "Int" ? v.value : null;
}

/** What the sliced variable is: a parameter, or a local holding the whole of what io.ReadAll/os.ReadFile read. */
type Origin = { kind: "param" | "read"; v: Var; elem: Type };

function originOf(ctx: RuleContext, fn: ast.FuncDecl | ast.FuncLit, x: ast.Expr): Origin | null {
  const e = unparen(x);
  if (e.kind !== "Ident") return null;
  const v = ctx.sem.objectOf(e);
  if (v?.kind !== "Var" || v.isField) return null;
  const t = under(v.type);
  if (t.kind !== "Slice") return null;
  const params = fn.type.params;
  if (v.isParam && v.pos >= params.pos && v.pos < params.end) return { kind: "param", v, elem: t.elem };
  if (v.isParam || v.pos < fn.pos || v.pos >= fn.end || !isByte(t.elem)) return null;
  // a local: declared from a whole-input read and never assigned again
  let fromRead = false;
  let reassigned = false;
  inspect(fn, (n) => {
    if (reassigned) return false;
    if (n.kind === "AssignStmt") {
      n.lhs.forEach((l, i) => {
        const id = unparen(l);
        if (id.kind !== "Ident" || ctx.sem.objectOf(id) !== v) return;
        const r = n.rhs.length === 1 ? unparen(n.rhs[0]!) : unparen(n.rhs[i] ?? n.rhs[0]!);
        const isDecl = ctx.sem.info.defs.get(id) === v;
        if (isDecl && i === 0 && r.kind === "CallExpr" && ctx.sem.isCallTo(r, ...bigReads)) fromRead = true;
        else reassigned = true;
      });
    } else if (n.kind === "UnaryExpr" && n.op === "&") {
      const id = unparen(n.x);
      if (id.kind === "Ident" && ctx.sem.objectOf(id) === v) reassigned = true;
    }
    return true;
  });
  return fromRead && !reassigned ? { kind: "read", v, elem: t.elem } : null;
}

/** A small window with constant bounds onto a big array: `s[:2]`, `data[4:8]`. Its length, or null. */
function smallWindow(ctx: RuleContext, s: ast.SliceExpr): bigint | null {
  // s[i:j:k] limits the capacity: its author has the shared array in mind
  if (s.high === null || s.slice3) return null;
  const lo = constInt(ctx, s.low);
  const hi = constInt(ctx, s.high);
  if (lo === null || hi === null) return null;
  const n = hi - lo;
  return n > 0n && n <= BigInt(maxWindow) ? n : null;
}

/** Where a stored value lives on: a field or a package-level variable. */
function isLongLived(ctx: RuleContext, lhs: ast.Expr): boolean {
  const e = unparen(lhs);
  if (e.kind === "SelectorExpr") {
    const sel = ctx.sem.info.selections.get(e);
    if (sel !== undefined) return sel.kind === "FieldVal";
    const obj = ctx.sem.objectOf(e.sel);
    return obj?.kind === "Var" && obj.parent === obj.pkg?.scope;
  }
  if (e.kind === "Ident") {
    const obj = ctx.sem.objectOf(e);
    return obj?.kind === "Var" && obj.pkg !== null && obj.parent === obj.pkg.scope;
  }
  return false;
}

export default defineRule({
  name: "slice-pins-array",
  category: "correctness",
  severity: "info",
  needs: ["types", "flow"],
  // tests hold their data only while they run
  skipTests: true,
  docs: {
    summary: "a small re-slice that is returned or stored keeps the whole backing array alive",
    details:
      "A slice is a window onto an array: `s[:2]` shares `s`'s backing array, and as long as the small " +
      "slice is reachable the garbage collector keeps the whole array, and everything its elements point " +
      "to, alive. The seed keeps the first two of 1,000 structs that each hold a 1 MB buffer: `return " +
      "foos[:2]` keeps the whole gigabyte; 004 §3.1 slices the first 10 bytes of a 10 MB buffer and keeps " +
      "10 MB. Copy what you keep: `append([]T(nil), s[:n]...)`, `slices.Clone(s[:n])`, `bytes.Clone`, or " +
      "`make` plus `copy`. The rule is conservative: it reports a re-slice with constant bounds (at most 64 " +
      "elements) that a function returns or stores in a field or package variable, taken from a parameter " +
      "whose elements hold pointers (returned or stored), from a `[]byte` parameter (stored only: returning " +
      "a window onto the caller's buffer is the usual zero-copy idiom), or from a buffer the function read " +
      "whole with `io.ReadAll` or `os.ReadFile`. Windows whose length is computed, empty re-slices " +
      "(`s[:0]`, kept for reuse), full slice expressions (`s[:1:1]`, written with the shared array in mind), copies, windows returned by function literals (callbacks, such as " +
      "`reflect.MakeFunc`'s, whose caller consumes the result) and test files are left alone.",
    bad: `package foo

type Foo struct {
	v []byte
}

func KeepFirstTwoElementsOnly(foos []Foo) []Foo {
	return foos[:2]
}
`,
    good: `package foo

type Foo struct {
	v []byte
}

func KeepFirstTwoElementsOnly(foos []Foo) []Foo {
	res := make([]Foo, 2)
	copy(res, foos)
	return res
}
`,
    source:
      'seeds 000 "Slice" (keepFirstTwoElementsOnly); 004 §3.1 (slice backing array held, GC cannot reclaim)',
  },
  create(ctx) {
    const check = (x: ast.Expr, stored: boolean): void => {
      const s = unparen(x);
      if (s.kind !== "SliceExpr") return;
      const n = smallWindow(ctx, s);
      if (n === null) return;
      const fn = enclosingFunc(ctx.ancestors);
      // a function literal returning a window of its arguments is a callback: its caller takes the result
      if (fn === null || (fn.kind === "FuncLit" && !stored)) return;
      const origin = originOf(ctx, fn, s.x);
      if (origin === null) return;
      if (origin.kind === "param") {
        const pointers = holdsPointers(origin.elem);
        if (pointers === null) return;
        if (!pointers && !(stored && isByte(origin.elem))) return;
      }
      const text = ctx.source.decode(s.pos, s.end);
      const what =
        origin.kind === "read"
          ? `the whole buffer read into ${origin.v.name}`
          : `the whole backing array of the parameter ${origin.v.name}${holdsPointers(origin.elem) ? " and everything its elements point to" : ""}`;
      ctx.report(
        s,
        `${stored ? "storing" : "returning"} ${text} keeps ${what} alive for as long as this ${n}-element window lives; copy the elements instead (append([]T(nil), ${text}...) or slices.Clone)`,
      );
    };
    return {
      ReturnStmt(r) {
        for (const x of r.results) check(x, false);
      },
      AssignStmt(a) {
        if (a.tok !== "=" || a.lhs.length !== a.rhs.length) return;
        a.rhs.forEach((r, i) => {
          if (isLongLived(ctx, a.lhs[i]!)) check(r, true);
        });
      },
    };
  },
});
