import { unparen } from "../../analysis/astutil.js";
import { type FuncNode, flowOf } from "../../analysis/flow.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { Block, CfgNode } from "../../semantic/cfg.js";
import type { Obj, Var } from "../../semantic/objects.js";
import { under } from "../../semantic/predicates.js";
import type { Type } from "../../semantic/types.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/**
 * A map that starts out nil: a local map variable (`var m map[K]V`, `= nil`, a named result), or
 * a map field of a local struct value whose declaration leaves the field unset.
 */
interface Place {
  v: Var;
  /** The field's name for `s.f`; null for the variable itself. */
  field: string | null;
  /** Where the place is set to nil: the var spec, the `:=`, or null for a named result (at entry). */
  decl: CfgNode | null;
  /** The line the reader is pointed to. */
  declPos: number;
  /** Disqualified: its address is taken, a closure writes it, a pointer method is called on it. */
  escapes: boolean;
}

function isMap(t: Type | null): boolean {
  return t !== null && under(t).kind === "Map";
}

function isNilIdent(sem: RuleContext["sem"], x: ast.Expr): boolean {
  const e = unparen(x);
  return e.kind === "Ident" && sem.objectOf(e)?.kind === "Nil";
}

/** The map fields of a struct type, by name, when the type is a struct. */
function mapFields(t: Type | null): string[] | null {
  if (t === null) return null;
  const u = under(t);
  if (u.kind !== "Struct") return null;
  return u.fields.filter((f) => !f.embedded && f.name !== "_" && isMap(f.type)).map((f) => f.name);
}

/** The field names a struct literal sets, or null when it sets them by position. */
function literalKeys(lit: ast.CompositeLit): Set<string> | null {
  const keys = new Set<string>();
  for (const e of lit.elts) {
    if (e.kind !== "KeyValueExpr" || e.key.kind !== "Ident") return null;
    keys.add(e.key.name);
  }
  return keys;
}

/** Collects the places of a function body that start out nil. */
function collectPlaces(ctx: RuleContext, fn: FuncNode): Place[] {
  const sem = ctx.sem;
  const places: Place[] = [];
  const addVar = (id: ast.Ident, decl: CfgNode | null): void => {
    if (id.name === "_") return;
    const obj = sem.objectOf(id);
    if (obj?.kind !== "Var" || !isMap(obj.type)) return;
    places.push({ v: obj, field: null, decl, declPos: id.pos, escapes: false });
  };
  const addStruct = (id: ast.Ident, decl: CfgNode, lit: ast.CompositeLit | null): void => {
    if (id.name === "_") return;
    const obj = sem.objectOf(id);
    if (obj?.kind !== "Var") return;
    const fields = mapFields(obj.type);
    if (fields === null || fields.length === 0) return;
    const set = lit === null ? new Set<string>() : literalKeys(lit);
    if (set === null) return;
    for (const f of fields) {
      if (!set.has(f)) places.push({ v: obj, field: f, decl, declPos: id.pos, escapes: false });
    }
  };
  // named results start as zero values
  for (const field of fn.type.results?.list ?? []) for (const name of field.names) addVar(name, null);
  if (fn.body === null) return places;
  inspect(fn.body, (n) => {
    if (n.kind === "FuncLit") return false;
    if (n.kind === "ValueSpec") {
      n.names.forEach((name, i) => {
        const value = n.values[i];
        if (value === undefined) {
          if (n.values.length > 0) return;
          addVar(name, n);
          addStruct(name, n, null);
        } else if (isNilIdent(sem, value)) {
          addVar(name, n);
        } else {
          const lit = unparen(value);
          if (lit.kind === "CompositeLit" && n.names.length === n.values.length) addStruct(name, n, lit);
        }
      });
      return false;
    }
    if (n.kind === "AssignStmt" && n.tok === ":=" && n.lhs.length === n.rhs.length) {
      n.lhs.forEach((l, i) => {
        const lit = unparen(n.rhs[i]!);
        // only a new variable: a redeclared one keeps its history
        if (l.kind === "Ident" && lit.kind === "CompositeLit" && sem.info.defs.get(l)) addStruct(l, n, lit);
      });
    }
    return true;
  });
  return places;
}

/** The place `x` denotes among `places`: `m` or `s.f`. */
function placeOf(ctx: RuleContext, places: readonly Place[], x: ast.Expr): Place | null {
  const e = unparen(x);
  if (e.kind === "Ident") {
    const obj = ctx.sem.objectOf(e);
    return places.find((p) => p.v === obj && p.field === null) ?? null;
  }
  if (e.kind === "SelectorExpr") {
    const base = unparen(e.x);
    if (base.kind !== "Ident") return null;
    const sel = ctx.sem.info.selections.get(e);
    if (sel === undefined || sel.kind !== "FieldVal" || sel.index.length !== 1) return null;
    const obj = ctx.sem.objectOf(base);
    return places.find((p) => p.v === obj && p.field === e.sel.name) ?? null;
  }
  return null;
}

/** The places whose variable `id` denotes. */
function placesOfVar(ctx: RuleContext, places: readonly Place[], id: ast.Ident): Place[] {
  const obj: Obj | null = ctx.sem.objectOf(id);
  return obj === null ? [] : places.filter((p) => p.v === obj);
}

/**
 * Marks the places that can change behind the analysis' back: the address of the variable (or of
 * the field) taken, a pointer method called on it, or a write from a function literal.
 */
function markEscapes(ctx: RuleContext, fn: FuncNode, places: readonly Place[]): void {
  const parents = flowOf(ctx.sem, fn).parents;
  inspect(fn, (n) => {
    if (n.kind !== "Ident") return true;
    const hit = placesOfVar(ctx, places, n);
    if (hit.length === 0) return true;
    // climb selectors and parentheses: `s.f`, `(m)`
    let cur: ast.Node = n;
    let parent = parents.get(cur);
    while (parent !== undefined && (parent.kind === "ParenExpr" || parent.kind === "SelectorExpr")) {
      if (parent.kind === "SelectorExpr") {
        if (parent.x !== cur) break;
        const sel = ctx.sem.info.selections.get(parent);
        if (sel !== undefined && sel.kind !== "FieldVal") {
          // a method: through a pointer receiver it may assign the variable
          const sig = sel.obj.type;
          if (sig.kind === "Signature" && sig.recv !== null && sig.recv.type.kind === "Pointer")
            for (const p of hit) p.escapes = true;
          break;
        }
      }
      cur = parent;
      parent = parents.get(cur);
    }
    if (parent?.kind === "UnaryExpr" && parent.op === "&") for (const p of hit) p.escapes = true;
    // written from inside a function literal: it may run before the write we look at
    if (insideFuncLit(parents, n, fn) && parent !== undefined && writes(parent, cur))
      for (const p of hit) p.escapes = true;
    return true;
  });
}

function insideFuncLit(parents: Map<ast.Node, ast.Node>, n: ast.Node, fn: FuncNode): boolean {
  for (let p = parents.get(n); p !== undefined && p !== fn; p = parents.get(p)) {
    if (p.kind === "FuncLit") return true;
  }
  return false;
}

function writes(parent: ast.Node, x: ast.Node): boolean {
  if (parent.kind === "AssignStmt") return parent.lhs.includes(x as ast.Expr);
  if (parent.kind === "RangeStmt") return parent.key === x || parent.value === x;
  if (parent.kind === "IncDecStmt") return parent.x === x;
  return false;
}

/** The places a graph node assigns: `m = ...`, `m, err := ...`, `s = ...`, `s.f = ...`, a range key or value. */
function killed(ctx: RuleContext, places: readonly Place[], node: CfgNode, block: Block): Set<Place> {
  const out = new Set<Place>();
  const assignTo = (lhs: ast.Expr): void => {
    const e = unparen(lhs);
    if (e.kind === "Ident") for (const p of placesOfVar(ctx, places, e)) out.add(p);
    else {
      const p = placeOf(ctx, places, e);
      if (p !== null) out.add(p);
    }
  };
  if (node.kind === "AssignStmt") for (const l of node.lhs) assignTo(l);
  else if (node.kind === "ValueSpec") {
    // a redeclaration in a loop is a new variable: handled as a declaration
  } else if (block.stmt?.kind === "RangeStmt" && (node === block.stmt.key || node === block.stmt.value)) {
    assignTo(node as ast.Expr);
  }
  return out;
}

/** The map element writes of a graph node: `m[k] = v`, `m[k] += v`, `m[k]++`. */
function mapWrites(node: CfgNode): ast.IndexExpr[] {
  const out: ast.IndexExpr[] = [];
  const lhs = node.kind === "AssignStmt" ? node.lhs : node.kind === "IncDecStmt" ? [node.x] : [];
  for (const l of lhs) {
    const e = unparen(l);
    if (e.kind === "IndexExpr") out.push(e);
  }
  return out;
}

/** Whether the write sits under a condition, loop or switch that looks at the map. */
function guarded(
  ctx: RuleContext,
  parents: Map<ast.Node, ast.Node>,
  stmt: ast.Node,
  place: Place,
  fn: FuncNode,
): boolean {
  const mentions = (x: ast.Node | null): boolean => {
    if (x === null) return false;
    let found = false;
    inspect(x, (n) => {
      if (found) return false;
      if (n.kind === "Ident" && ctx.sem.objectOf(n) === place.v) found = true;
      return true;
    });
    return found;
  };
  for (let p = parents.get(stmt); p !== undefined && p !== fn; p = parents.get(p)) {
    switch (p.kind) {
      case "IfStmt":
        if (mentions(p.cond) || mentions(p.init)) return true;
        break;
      case "ForStmt":
        if (mentions(p.cond)) return true;
        break;
      case "RangeStmt":
        if (mentions(p.x)) return true;
        break;
      case "SwitchStmt":
        if (mentions(p.tag) || mentions(p.init)) return true;
        break;
      case "CaseClause":
        for (const x of p.list ?? []) if (mentions(x)) return true;
        break;
    }
  }
  return false;
}

function describe(place: Place): string {
  return place.field === null ? place.v.name : `${place.v.name}.${place.field}`;
}

function checkFunc(ctx: RuleContext, fn: FuncNode): void {
  if (fn.body === null) return;
  const places = collectPlaces(ctx, fn);
  if (places.length === 0) return;
  markEscapes(ctx, fn, places);
  const live = places.filter((p) => !p.escapes);
  if (live.length === 0) return;
  const flow = flowOf(ctx.sem, fn);
  const { cfg } = flow;
  const n = live.length;
  const declares = new Map<CfgNode, number[]>();
  live.forEach((p, i) => {
    if (p.decl === null) return;
    const list = declares.get(p.decl);
    if (list === undefined) declares.set(p.decl, [i]);
    else list.push(i);
  });
  // must-be-nil: a place is nil at a point when it is nil on every path from the entry
  const transfer = (
    block: Block,
    state: boolean[],
    onWrite: ((node: CfgNode, x: ast.IndexExpr, p: number) => void) | null,
  ) => {
    for (const node of block.nodes) {
      if (onWrite !== null) {
        for (const w of mapWrites(node)) {
          const p = placeOf(ctx, live, w.x);
          if (p !== null) onWrite(node, w, live.indexOf(p));
        }
      }
      for (const p of killed(ctx, live, node, block)) state[live.indexOf(p)] = false;
      for (const i of declares.get(node) ?? []) state[i] = true;
    }
  };
  const entryState = live.map((p) => p.decl === null);
  const outs = new Map<Block, boolean[]>();
  const ins = new Map<Block, boolean[]>();
  const inOf = (b: Block): boolean[] => {
    if (b === cfg.entry) return [...entryState];
    const s = new Array<boolean>(n).fill(true);
    let any = false;
    for (const pred of b.preds) {
      if (!pred.live) continue;
      const o = outs.get(pred);
      if (o === undefined) continue; // not computed yet: top
      any = true;
      for (let i = 0; i < n; i++) s[i] = s[i]! && o[i]!;
    }
    return any ? s : new Array<boolean>(n).fill(true);
  };
  let changed = true;
  let rounds = 0;
  while (changed && rounds++ < 100) {
    changed = false;
    for (const b of cfg.blocks) {
      if (!b.live) continue;
      const state = inOf(b);
      ins.set(b, [...state]);
      transfer(b, state, null);
      const old = outs.get(b);
      if (old === undefined || old.some((v, i) => v !== state[i])) {
        outs.set(b, state);
        changed = true;
      }
    }
  }
  if (changed) return; // no fixpoint: say nothing
  const reported = new Set<ast.IndexExpr>();
  for (const b of cfg.blocks) {
    if (!b.live) continue;
    const state = [...(ins.get(b) ?? inOf(b))];
    transfer(b, state, (stmt, w, i) => {
      if (!state[i] || reported.has(w)) return;
      const place = live[i]!;
      if (guarded(ctx, flow.parents, stmt, place, fn)) return;
      reported.add(w);
      const name = describe(place);
      const how =
        place.decl === null
          ? "is a named result that starts out nil"
          : place.field === null
            ? `is declared nil (line ${ctx.source.lineOf(place.declPos)})`
            : `is left nil by the declaration of ${place.v.name} (line ${ctx.source.lineOf(place.declPos)})`;
      ctx.report(
        stmt,
        `assignment to an entry of nil map ${name} panics at run time: ${name} ${how} and no path to here assigns it; initialize it first with make or a map literal`,
      );
    });
  }
}

export default defineRule({
  name: "nil-map-write",
  category: "correctness",
  severity: "error",
  needs: ["resolution", "types", "flow"],
  docs: {
    summary: "writing to an entry of a map that is still nil panics",
    details:
      "The zero value of a map is nil. Reading a nil map is allowed (it behaves as an empty map), but " +
      "assigning to one of its entries panics with `assignment to entry in nil map`. It happens when a map " +
      "is declared with `var m map[K]V` (or `= nil`, or is a named result) and filled before anything made " +
      "it, and with a map field of a struct value declared with `var s T` or built with a literal that " +
      "does not set the field. The rule follows every path from the declaration to the write (`m[k] = v`, " +
      "`m[k] += v`, `m[k]++`) and reports only when the map is nil on all of them: assigned by `make`, a " +
      "literal or a function's result on any path, its address taken, a pointer method called on it, or " +
      "written from a function literal, and it stays silent. A write under a condition or loop that looks " +
      "at the map (`if m != nil`, `for k := range m`) is not reported either. Initialize the map with " +
      "`make(map[K]V)` or a literal before the first write, or lazily with `if m == nil { m = make(...) }`.",
    bad: `package counts

func Count(words []string) map[string]int {
	var counts map[string]int
	for _, w := range words {
		counts[w]++
	}
	return counts
}
`,
    good: `package counts

func Count(words []string) map[string]int {
	counts := make(map[string]int)
	for _, w := range words {
		counts[w]++
	}
	return counts
}
`,
    source: 'seeds 000 "危险的map: 未初始化"; staticcheck SA5000',
  },
  create(ctx) {
    const visit = (fn: FuncNode): void => checkFunc(ctx, fn);
    return { FuncDecl: visit, FuncLit: visit };
  },
});
