import { isNamedType, namedTypeName, unparen } from "../../analysis/astutil.js";
import { destinationOf, type Flow, type FuncNode, flowOf } from "../../analysis/flow.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { Block, CfgNode } from "../../semantic/cfg.js";
import type { Obj, Var } from "../../semantic/objects.js";
import { under } from "../../semantic/predicates.js";
import type { SemanticModel } from "../../semantic/semantic-model.js";
import type { Type } from "../../semantic/types.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** What the pool holds: a buffer with Reset, a slice, or a pointer to a slice. */
type Shape = "buffer" | "slice" | "slicePtr";

const BUFFERS = ["bytes.Buffer", "strings.Builder"];
/** Methods of a buffer that neither read nor write its content. */
const NEUTRAL_METHODS = new Set(["Grow", "Len", "Cap", "Available", "AvailableBuffer"]);

function shapeOf(t: Type | null): Shape | null {
  if (t === null) return null;
  if (t.kind === "Pointer" && BUFFERS.some((b) => isNamedType(t.elem, b))) return "buffer";
  if (t.kind === "Pointer" && under(t.elem).kind === "Slice") return "slicePtr";
  if (t.kind !== "Named" && under(t).kind === "Slice") return "slice";
  return null;
}

/** The object that names a pool: a variable or a field (`bufPool`, `s.pool`, `&pool`). */
function poolObject(sem: SemanticModel, x: ast.Expr): Obj | null {
  let e = unparen(x);
  if (e.kind === "UnaryExpr" && e.op === "&") e = unparen(e.x);
  const id = e.kind === "Ident" ? e : e.kind === "SelectorExpr" ? e.sel : null;
  if (id === null) return null;
  const obj = sem.objectOf(id);
  return obj !== null && obj.kind === "Var" ? obj : null;
}

/** The pool of a `p.Get()` / `p.Put(x)` call on a *sync.Pool, or null. */
function poolOfCall(sem: SemanticModel, call: ast.CallExpr, method: "Get" | "Put"): Obj | null {
  if (!sem.isCallTo(call, `(*sync.Pool).${method}`)) return null;
  const fun = unparen(call.fun);
  return fun.kind === "SelectorExpr" ? poolObject(sem, fun.x) : null;
}

/** `x[:0]`: a slice expression that keeps no element. */
function isEmptied(x: ast.Expr): boolean {
  const e = unparen(x);
  if (e.kind !== "SliceExpr" || e.high === null) return false;
  const low = e.low === null ? null : unparen(e.low);
  const high = unparen(e.high);
  return (
    (low === null || (low.kind === "BasicLit" && low.value === "0")) &&
    high.kind === "BasicLit" &&
    high.value === "0"
  );
}

type UseClass = "reset" | "dirty" | "neutral" | "put" | "def" | "stop" | "ignore";

interface Classified {
  cls: UseClass;
  at: ast.Node;
  what: string;
}

/** Whether the node is inside a deferred call's arguments or deferred function literal. */
function deferred(flow: Flow, id: ast.Node): "defer" | "lit" | null {
  for (let n = flow.parents.get(id); n !== undefined && n !== flow.fn; n = flow.parents.get(n)) {
    if (n.kind === "DeferStmt") return "defer";
    if (n.kind === "FuncLit") {
      const call = flow.parents.get(n);
      const stmt = call === undefined ? undefined : flow.parents.get(call);
      return call?.kind === "CallExpr" && call.fun === n && stmt?.kind === "DeferStmt" ? "defer" : "lit";
    }
  }
  return null;
}

/** Whether a parameter of the called function is io.Writer (a buffer passed there is written to). */
function writerParam(sem: SemanticModel, call: ast.CallExpr, arg: ast.Node): boolean {
  const t = sem.typeOf(call.fun);
  if (t === null) return false;
  const sig = under(t);
  if (sig.kind !== "Signature") return false;
  const i = call.args.indexOf(arg as ast.Expr);
  const params = sig.params.vars;
  if (i < 0 || params.length === 0) return false;
  const p = i < params.length ? params[i]! : sig.variadic ? params[params.length - 1]! : null;
  return p !== null && namedTypeName(p.type) === "io.Writer";
}

/** What one use of the variable holding a pooled object does to its content. */
function classify(sem: SemanticModel, flow: Flow, id: ast.Ident, shape: Shape, pool: Obj): Classified {
  const d = deferred(flow, id);
  if (d === "defer") return { cls: "ignore", at: id, what: "" };
  if (d === "lit") return { cls: "stop", at: id, what: "" };
  let child: ast.Node = id;
  let p = flow.parents.get(id);
  while (p !== undefined && p.kind === "ParenExpr") {
    child = p;
    p = flow.parents.get(p);
  }
  if (p === undefined) return { cls: "stop", at: id, what: "" };
  if (p.kind === "AssignStmt" && p.lhs.includes(child as ast.Expr)) {
    const rhs = p.lhs.length === p.rhs.length ? p.rhs[p.lhs.indexOf(child as ast.Expr)] : undefined;
    if (shape === "slice" && rhs !== undefined) return assignedSlice(sem, p, rhs, id);
    return { cls: "def", at: p, what: "" };
  }
  if (shape === "buffer") {
    if (p.kind === "SelectorExpr" && p.x === child) {
      const call = flow.parents.get(p);
      if (call?.kind === "CallExpr" && call.fun === p) {
        const m = p.sel.name;
        if (m === "Reset") return { cls: "reset", at: call, what: "" };
        if (m === "Truncate" && call.args.length === 1 && isZero(call.args[0]!))
          return { cls: "reset", at: call, what: "" };
        if (NEUTRAL_METHODS.has(m)) return { cls: "neutral", at: call, what: "" };
        return { cls: "dirty", at: call, what: m };
      }
      return { cls: "stop", at: p, what: "" };
    }
    if (p.kind === "CallExpr" && p.fun !== child) {
      if (poolOfCall(sem, p, "Put") === pool) return { cls: "put", at: p, what: "" };
      if (writerParam(sem, p, child)) {
        const fun = unparen(p.fun);
        const name =
          fun.kind === "SelectorExpr" ? fun.sel.name : fun.kind === "Ident" ? fun.name : "a writer";
        return { cls: "dirty", at: p, what: name };
      }
      return { cls: "stop", at: p, what: "" };
    }
    if (p.kind === "BinaryExpr") return { cls: "neutral", at: p, what: "" };
    return { cls: "stop", at: p, what: "" };
  }
  // a slice, or a pointer to one: look at the slice value
  let slice: ast.Node = child;
  let sp: ast.Node | undefined = p;
  if (shape === "slicePtr") {
    if (p.kind === "CallExpr" && p.fun !== child && poolOfCall(sem, p, "Put") === pool)
      return { cls: "put", at: p, what: "" };
    if (p.kind !== "StarExpr") return { cls: "stop", at: p, what: "" };
    slice = p;
    sp = flow.parents.get(p);
    while (sp !== undefined && sp.kind === "ParenExpr") {
      slice = sp;
      sp = flow.parents.get(sp);
    }
    if (sp === undefined) return { cls: "stop", at: p, what: "" };
    if (sp.kind === "AssignStmt" && sp.lhs.includes(slice as ast.Expr)) {
      const rhs = sp.lhs.length === sp.rhs.length ? sp.rhs[sp.lhs.indexOf(slice as ast.Expr)] : undefined;
      if (rhs === undefined) return { cls: "stop", at: sp, what: "" };
      return assignedSlice(sem, sp, rhs, id);
    }
  } else if (p.kind === "CallExpr" && p.fun !== child && poolOfCall(sem, p, "Put") === pool) {
    return { cls: "put", at: p, what: "" };
  }
  if (sp === undefined) return { cls: "stop", at: p, what: "" };
  if (sp.kind === "SliceExpr" && sp.x === slice && isEmptied(sp)) return { cls: "reset", at: sp, what: "" };
  if (sp.kind === "CallExpr" && sp.args[0] === slice && isBuiltin(sem, sp.fun, "append"))
    return { cls: "dirty", at: sp, what: "append" };
  if (sp.kind === "CallExpr" && (isBuiltin(sem, sp.fun, "len") || isBuiltin(sem, sp.fun, "cap")))
    return { cls: "neutral", at: sp, what: "" };
  return { cls: "stop", at: sp, what: "" };
}

/**
 * The pooled slice (or the slice a pooled pointer points to) assigned a new value: emptied is a
 * reset, `append` to itself writes after the old elements, anything else replaces it.
 */
function assignedSlice(sem: SemanticModel, at: ast.Node, rhs: ast.Expr, id: ast.Ident): Classified {
  if (isEmptied(rhs)) return { cls: "reset", at, what: "" };
  const r = unparen(rhs);
  if (r.kind === "CallExpr" && isBuiltin(sem, r.fun, "append") && r.args.length > 0) {
    let first = unparen(r.args[0]!);
    if (first.kind === "StarExpr") first = unparen(first.x);
    if (first.kind === "Ident" && sem.objectOf(first) === sem.objectOf(id))
      return { cls: "dirty", at, what: "append" };
  }
  return { cls: "def", at, what: "" };
}

function isZero(x: ast.Expr): boolean {
  const e = unparen(x);
  return e.kind === "BasicLit" && e.value === "0";
}

function isBuiltin(sem: SemanticModel, fun: ast.Expr, name: string): boolean {
  const f = unparen(fun);
  if (f.kind !== "Ident" || f.name !== name) return false;
  const obj = sem.objectOf(f);
  return obj !== null && obj.kind === "Builtin";
}

/** The uses of `v` in `flow`'s function, grouped by the graph node that holds them, in source order. */
function usesByNode(
  sem: SemanticModel,
  flow: Flow,
  v: Var,
  shape: Shape,
  pool: Obj,
): Map<CfgNode, Classified[]> {
  const out = new Map<CfgNode, Classified[]>();
  for (const id of sem.uses(v)) {
    if (id.pos < flow.fn.pos || id.end > flow.fn.end) continue;
    const node = flow.holder(id);
    if (node === null) continue;
    const c = classify(sem, flow, id, shape, pool);
    if (c.cls === "ignore") continue;
    const list = out.get(node);
    if (list === undefined) out.set(node, [c]);
    else list.push(c);
  }
  for (const list of out.values()) list.sort((a, b) => a.at.pos - b.at.pos);
  return out;
}

/**
 * The first use on some path after `from` that reads or writes the pooled object's content
 * before any reset; null when every path resets it first, puts it back untouched, or hands it
 * to something this rule does not follow.
 */
function dirtyUse(flow: Flow, from: CfgNode, uses: Map<CfgNode, Classified[]>): Classified | null {
  const start = flow.pointOf(from);
  if (start === undefined) return null;
  const seen = new Set<Block>();
  const work: { block: Block; index: number }[] = [{ block: start.block, index: start.index + 1 }];
  let found: Classified | null = null;
  while (work.length > 0) {
    const s = work.pop()!;
    let ended = false;
    for (let i = s.index; i < s.block.nodes.length && !ended; i++) {
      for (const c of uses.get(s.block.nodes[i]!) ?? []) {
        if (c.cls === "neutral") continue;
        if (c.cls === "dirty" && (found === null || c.at.pos < found.at.pos)) found = c;
        ended = true;
        break;
      }
    }
    if (ended) continue;
    for (const succ of s.block.succs) {
      if (seen.has(succ)) continue;
      seen.add(succ);
      work.push({ block: succ, index: 0 });
    }
  }
  return found;
}

/**
 * Whether the object put back at `put` (a graph node holding the Put call) has been reset on
 * every path since it was last written to: walking back, a reset (or the variable's
 * definition, or a use not followed) comes before any write; a parameter reached at the
 * function's entry was written by the caller.
 */
function resetBeforePut(flow: Flow, put: CfgNode, v: Var, uses: Map<CfgNode, Classified[]>): boolean {
  const start = flow.pointOf(put);
  if (start === undefined) return true;
  const isParam = v.isParam;
  const seen = new Set<Block>();
  const work: { block: Block; index: number }[] = [{ block: start.block, index: start.index - 1 }];
  while (work.length > 0) {
    const s = work.pop()!;
    let ended = false;
    for (let i = s.index; i >= 0 && !ended; i--) {
      const list = uses.get(s.block.nodes[i]!) ?? [];
      for (let k = list.length - 1; k >= 0; k--) {
        const c = list[k]!;
        if (c.cls === "neutral" || c.cls === "put") continue;
        if (c.cls === "dirty") return false;
        ended = true;
        break;
      }
    }
    if (ended) continue;
    if (s.block === flow.cfg.entry) {
      if (isParam) return false;
      continue;
    }
    for (const pred of s.block.preds) {
      if (seen.has(pred) || !pred.live) continue;
      seen.add(pred);
      work.push({ block: pred, index: pred.nodes.length - 1 });
    }
  }
  return true;
}

interface PoolFacts {
  /** Put sites that put back an object that may not be reset; empty when every Put resets. */
  dirtyPuts: { call: ast.CallExpr; file: ast.File }[];
  puts: number;
}

const poolFacts = new WeakMap<SemanticModel, Map<Obj, PoolFacts>>();

/** The Put sites of a pool across the package, and those that put an object back unreset. */
function factsOf(sem: SemanticModel, pool: Obj, shape: Shape): PoolFacts {
  let byPool = poolFacts.get(sem);
  if (byPool === undefined) {
    byPool = new Map();
    poolFacts.set(sem, byPool);
  }
  const known = byPool.get(pool);
  if (known !== undefined) return known;
  const facts: PoolFacts = { dirtyPuts: [], puts: 0 };
  for (const parsed of sem.checked.files) {
    const fns: FuncNode[] = [];
    inspect(parsed.file, (n) => {
      if (n.kind === "FuncDecl" || n.kind === "FuncLit") fns.push(n);
      return true;
    });
    for (const fn of fns) {
      if (fn.body === null) continue;
      inspect(fn.body, (n) => {
        if (n.kind === "FuncLit") return false;
        if (n.kind !== "CallExpr" || poolOfCall(sem, n, "Put") !== pool || n.args.length !== 1) return true;
        facts.puts++;
        if (!putResets(sem, fn, n, shape, pool)) facts.dirtyPuts.push({ call: n, file: parsed.file });
        return true;
      });
    }
  }
  byPool.set(pool, facts);
  return facts;
}

function putResets(sem: SemanticModel, fn: FuncNode, call: ast.CallExpr, shape: Shape, pool: Obj): boolean {
  let arg = unparen(call.args[0]!);
  if (isEmptied(arg)) return true;
  if (arg.kind === "UnaryExpr" && arg.op === "&") arg = unparen(arg.x);
  if (arg.kind !== "Ident") return true; // not followed: assume it resets
  const v = sem.objectOf(arg);
  if (v === null || v.kind !== "Var") return true;
  const flow = flowOf(sem, fn);
  const node = flow.holder(call);
  if (node === null) return true;
  // a deferred Put runs at the function's end, after whatever the function wrote
  if (node.kind === "DeferStmt") return false;
  const argShape = shape === "slicePtr" && call.args[0]!.kind === "UnaryExpr" ? "slice" : shape;
  return resetBeforePut(flow, node, v, usesByNode(sem, flow, v, argShape, pool));
}

/** The local variable a value is assigned to (`v := x`, `var v = x`, `v, ok := x`), or null. */
function holderOf(sem: SemanticModel, flow: Flow, x: ast.Expr): { v: Var; site: CfgNode } | null {
  const dest = destinationOf(flow, x);
  if (dest === null || dest.kind !== "assigned") return null;
  const p = dest.stmt;
  const target = dest.targets[0];
  if (target === undefined || target.kind !== "Ident") return null;
  const v = sem.objectOf(target);
  if (v === null || v.kind !== "Var" || v.isField || v.isParam) return null;
  if (v.pos < flow.fn.pos || v.pos >= flow.fn.end) return null;
  const site = flow.holder(p);
  return site === null ? null : { v, site };
}

function enclosing(ctx: RuleContext): FuncNode | null {
  for (let i = ctx.ancestors.length - 1; i >= 0; i--) {
    const n = ctx.ancestors[i]!;
    if (n.kind === "FuncDecl" || n.kind === "FuncLit") return n;
  }
  return null;
}

export default defineRule({
  name: "pool-get-no-reset",
  category: "concurrency",
  severity: "warning",
  needs: ["resolution", "types", "flow"],
  imports: ["sync"],
  docs: {
    summary:
      "A buffer or slice taken from a sync.Pool is used without being reset, while the pool gets objects back unreset",
    details:
      "`sync.Pool` hands back whatever was put into it, as it was put. A `*bytes.Buffer` or `*strings.Builder` " +
      "put back after use still holds its content; a slice keeps its elements. When neither the code that puts " +
      "objects back nor the code that takes them out resets them, the next user appends to the previous user's " +
      "data: responses carry fragments of other requests (a data leak between users), encoders emit garbage, " +
      "and buffers grow without bound. Reset the object right after `Get` (`buf.Reset()`, `b = b[:0]`, " +
      "`*bp = (*bp)[:0]`), or before every `Put`. The rule reports a `Get` whose result, on some path, is written " +
      "to or read (a method other than `Reset`, `Grow`, `Len`; passed as an `io.Writer`; `append` to the slice) " +
      "before any reset, when the pool is a variable or field of the package and at least one of its `Put` " +
      "calls puts an object back without resetting it (a deferred `Put`, or one reached after a write with no " +
      "reset in between). When every `Put` resets, objects come out clean and the rule is silent; it is silent " +
      "too when the object is handed to a function it does not follow first, and for a slice used whole as " +
      "scratch space (`r.Read(buf)`), which is not affected.",
    bad: `package render

import (
	"bytes"
	"sync"
)

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func Render(name string) string {
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	buf.WriteString("hello, ")
	buf.WriteString(name)
	return buf.String()
}
`,
    good: `package render

import (
	"bytes"
	"sync"
)

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func Render(name string) string {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	buf.WriteString("hello, ")
	buf.WriteString(name)
	return buf.String()
}
`,
    source: "seeds 004 §3.2 (sync.Pool misuse: objects not reset after Get); staticcheck SA6002's neighbour",
  },
  create(ctx) {
    return {
      TypeAssertExpr(x) {
        if (x.type === null) return;
        const call = unparen(x.x);
        if (call.kind !== "CallExpr") return;
        const pool = poolOfCall(ctx.sem, call, "Get");
        if (pool === null) return;
        const shape = shapeOf(ctx.sem.typeOf(x.type));
        if (shape === null) return;
        const fn = enclosing(ctx);
        if (fn === null) return;
        const flow = flowOf(ctx.sem, fn);
        const holder = holderOf(ctx.sem, flow, x);
        if (holder === null) return;
        const facts = factsOf(ctx.sem, pool, shape);
        if (facts.dirtyPuts.length === 0) return;
        const uses = usesByNode(ctx.sem, flow, holder.v, shape, pool);
        const dirty = dirtyUse(flow, holder.site, uses);
        if (dirty === null) return;
        const name = holder.v.name;
        const poolText = ctx.source.decode(call.fun.pos, call.fun.end);
        const here = facts.dirtyPuts.find((p) => p.file === ctx.file)?.call ?? null;
        const putWhere =
          here !== null ? `the Put at line ${ctx.source.lineOf(here.pos)}` : "a Put in another file";
        const reset =
          shape === "buffer"
            ? `${name}.Reset()`
            : shape === "slice"
              ? `${name} = ${name}[:0]`
              : `*${name} = (*${name})[:0]`;
        const use = dirty.what === "" ? "" : ` (${dirty.what})`;
        ctx.report(
          x,
          `${name} from ${poolText}() is used at line ${ctx.source.lineOf(dirty.at.pos)}${use} without a reset, and ${putWhere} puts objects back unreset: ${name} may still hold a previous user's data; call ${reset} right after Get`,
          here === null
            ? []
            : [{ pos: here.pos, end: here.end, message: "objects go back into the pool unreset here" }],
        );
      },
    };
  },
});
