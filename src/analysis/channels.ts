// Channel questions that the channel rules share (for-select-no-exit, closed-channel-spin,
// nil-channel-op, channel-close-twice):
//
// - which channel a send, receive or close names: a local variable, or a field path from one
//   (`s.done`, `s.conns.out`), compared by object;
// - which variables and fields the package closes somewhere, and which channels never close
//   (`time.After`, a ticker's `C`, `time.Tick`);
// - which functions run as goroutines (`go f()`, `go func(){...}()`, `errgroup.Group.Go`), and
//   where they are started;
// - whether some path leaves a loop, from its head or from one case of a `select` in it;
// - a forward must-analysis (a fact holds at a point when it holds on every path from the
//   entry) over the control-flow graph.

import type { Block, CFG, CfgNode } from "../semantic/cfg.js";
import type { Obj, Var } from "../semantic/objects.js";
import { under } from "../semantic/predicates.js";
import type { SemanticModel } from "../semantic/semantic-model.js";
import type { Type } from "../semantic/types.js";
import type * as ast from "../syntax/ast.js";
import type { SourceFile } from "../syntax/source.js";
import { inspect } from "../syntax/walk.js";
import { isNamedType, unparen } from "./astutil.js";
import { declOf, type Flow, type FuncNode } from "./flow.js";
import { GO_METHODS } from "./goroutines.js";

/** Whether t is a channel type (through its underlying type). */
export function isChanType(t: Type | null): boolean {
  return t !== null && under(t).kind === "Chan";
}

/** Whether `call` calls the predeclared function `name` (close, make, panic, ...). */
export function isBuiltinCall(sem: SemanticModel, call: ast.CallExpr, name: string): boolean {
  const fun = unparen(call.fun);
  if (fun.kind !== "Ident" || fun.name !== name) return false;
  const obj = sem.objectOf(fun);
  return obj !== null && obj.kind === "Builtin";
}

/** The channel argument of `close(ch)`, when `x` is such a call. */
export function closedChannel(sem: SemanticModel, x: ast.Expr): ast.Expr | null {
  const e = unparen(x);
  if (e.kind !== "CallExpr" || e.args.length !== 1 || !isBuiltinCall(sem, e, "close")) return null;
  return e.args[0]!;
}

/** A channel named by a variable or by a chain of fields from a variable: `ch`, `s.done`. */
export interface ChanRef {
  root: Var;
  /** The fields from the root, outermost first (empty for the variable itself). */
  fields: Var[];
}

/** The variable or field chain `x` names, or null (an index, a call, a pointer dereference, ...). */
export function chanRef(sem: SemanticModel, x: ast.Expr): ChanRef | null {
  const fields: Var[] = [];
  let e = unparen(x);
  while (e.kind === "SelectorExpr") {
    const sel = sem.info.selections.get(e);
    if (sel === undefined || sel.kind !== "FieldVal" || sel.obj.kind !== "Var") return null;
    fields.unshift(sel.obj);
    e = unparen(e.x);
  }
  if (e.kind === "StarExpr") e = unparen(e.x);
  if (e.kind !== "Ident") return null;
  const obj = sem.objectOf(e);
  if (obj === null || obj.kind !== "Var") return null;
  return { root: obj, fields };
}

/** Whether two references name the same variable or field path. */
export function sameRef(a: ChanRef, b: ChanRef): boolean {
  return (
    a.root === b.root && a.fields.length === b.fields.length && a.fields.every((f, i) => f === b.fields[i])
  );
}

/** Whether `prefix` is `ref` or a variable/field path that contains it (`s` for `s.done`). */
export function refPrefix(prefix: ChanRef, ref: ChanRef): boolean {
  return (
    prefix.root === ref.root &&
    prefix.fields.length <= ref.fields.length &&
    prefix.fields.every((f, i) => f === ref.fields[i])
  );
}

/** The source text of a reference: `ch`, `s.done`. */
export function refText(ref: ChanRef): string {
  return [ref.root.name, ...ref.fields.map((f) => f.name)].join(".");
}

/** The generic field or variable behind an instantiated one. */
function originOf(v: Var): Var {
  return v.origin ?? v;
}

/** Where a function is launched as a goroutine: the statement or call that runs it. */
export interface GoroutineLaunch {
  /** The \`go\` statement, or the \`Go\` call of an errgroup or WaitGroup. */
  node: ast.Node;
  file: ast.File;
  /** The top-level function declaration that holds it; null in a package-level initializer. */
  decl: ast.FuncDecl | null;
}

interface PackageChannels {
  /** Variables and fields (their generic origins) that appear as the argument of `close` anywhere. */
  closed: Set<Var>;
  /** Functions and literals run as goroutines, with the statements or calls that start them. */
  goroutines: Map<FuncNode, GoroutineLaunch[]>;
  /** The calls of functions of the package found so far, by declaration (filled on demand). */
  calls: Map<ast.FuncDecl, ast.CallExpr[]>;
}

const byPackage = new WeakMap<SemanticModel, PackageChannels>();

/**
 * The top-level declarations of the package whose text contains one of `needles`, with their
 * file: a cheap filter before walking a declaration's tree.
 */
function* declsWith(
  sem: SemanticModel,
  needles: readonly string[],
): Generator<{ file: ast.File; decl: ast.Decl }> {
  for (const parsed of sem.checked.files) {
    const bytes = parsed.source.bytes;
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (const decl of parsed.file.decls) {
      const text = buf.subarray(decl.pos, decl.end);
      const hit = needles.some((needle) => text.indexOf(needle) >= 0);
      if (hit) yield { file: parsed.file, decl };
    }
  }
}

function packageChannels(sem: SemanticModel): PackageChannels {
  let p = byPackage.get(sem);
  if (p !== undefined) return p;
  const closed = new Set<Var>();
  const goroutines = new Map<FuncNode, GoroutineLaunch[]>();
  const addGoroutine = (fn: FuncNode, starter: GoroutineLaunch): void => {
    const list = goroutines.get(fn);
    if (list === undefined) goroutines.set(fn, [starter]);
    else list.push(starter);
  };
  /** The function a goroutine runs: a literal, or a function or method of the package. */
  const started = (fun: ast.Expr, call: ast.CallExpr | null, starter: GoroutineLaunch): void => {
    const f = unparen(fun);
    if (f.kind === "FuncLit") {
      addGoroutine(f, starter);
      // a literal that only wraps a call of the package's function runs that function
      for (const s of f.body.list) {
        if (s.kind !== "ExprStmt") continue;
        const x = unparen(s.x);
        if (x.kind !== "CallExpr") continue;
        const f2 = sem.callee(x);
        const decl = f2 === null ? null : declOf(sem, f2);
        if (decl !== null) addGoroutine(decl, starter);
      }
      return;
    }
    if (call === null) return;
    const callee = sem.callee(call);
    const decl = callee === null ? null : declOf(sem, callee);
    if (decl !== null) addGoroutine(decl, starter);
  };
  for (const { file, decl: top } of declsWith(sem, ["close(", "go ", "go\t", "Go("])) {
    const decl = top.kind === "FuncDecl" ? top : null;
    inspect(top, (n) => {
      if (n.kind === "GoStmt") {
        started(n.call.fun, n.call, { node: n, file, decl });
        return true;
      }
      if (n.kind !== "CallExpr") return true;
      const ch = closedChannel(sem, n);
      if (ch !== null) {
        const ref = chanRef(sem, ch);
        if (ref !== null)
          closed.add(originOf(ref.fields.length > 0 ? ref.fields[ref.fields.length - 1]! : ref.root));
        return true;
      }
      const fun = unparen(n.fun);
      const name =
        fun.kind === "SelectorExpr" && (fun.sel.name === "Go" || fun.sel.name === "TryGo")
          ? sem.calleeName(n)
          : null;
      if (name !== null && GO_METHODS.has(name) && n.args.length === 1)
        started(n.args[0]!, null, { node: n, file, decl });
      return true;
    });
  }
  p = { closed, goroutines, calls: new Map() };
  byPackage.set(sem, p);
  return p;
}

/** Whether the source text of a node contains `needle`: a cheap filter before walking it. */
export function nodeTextHas(source: SourceFile, n: ast.Node, needle: string): boolean {
  const b = source.bytes;
  return Buffer.from(b.buffer, b.byteOffset + n.pos, Math.max(0, n.end - n.pos)).indexOf(needle) >= 0;
}

/** Whether the package closes this variable or field somewhere (`close(ch)`, `close(x.done)`). */
export function isClosedInPackage(sem: SemanticModel, v: Var): boolean {
  return packageChannels(sem).closed.has(originOf(v));
}

/**
 * The goroutine starts of a function: the `go` statements (or errgroup/WaitGroup `Go` calls)
 * that run it, directly or through a literal that calls it; empty when it is not run as a
 * goroutine.
 */
export function launchesOf(sem: SemanticModel, fn: FuncNode): readonly GoroutineLaunch[] {
  return packageChannels(sem).goroutines.get(fn) ?? [];
}

/** The calls of a function of the package found in the package. */
export function callsOf(sem: SemanticModel, decl: ast.FuncDecl): readonly ast.CallExpr[] {
  const p = packageChannels(sem);
  let list = p.calls.get(decl);
  if (list !== undefined) return list;
  const found: ast.CallExpr[] = [];
  for (const { decl: top } of declsWith(sem, [decl.name.name])) {
    inspect(top, (n) => {
      if (n.kind !== "CallExpr") return true;
      const callee = sem.callee(n);
      if (callee !== null && declOf(sem, callee) === decl) found.push(n);
      return true;
    });
  }
  list = found;
  p.calls.set(decl, list);
  return list;
}

/**
 * Channels that are never closed: `time.After(d)`, `time.Tick(d)`, a `time.Ticker`'s or
 * `time.Timer`'s `C`.
 */
export function isNeverClosedChannel(sem: SemanticModel, x: ast.Expr): boolean {
  const e = unparen(x);
  if (e.kind === "CallExpr") return sem.isCallTo(e, "time.After", "time.Tick");
  if (e.kind === "SelectorExpr" && e.sel.name === "C") {
    const t = sem.typeOf(e.x);
    return isNamedType(t, "time.Ticker", true) || isNamedType(t, "time.Timer", true);
  }
  return false;
}

/** Whether `x` is `ctx.Done()` on a context.Context. */
export function isContextDone(sem: SemanticModel, x: ast.Expr): boolean {
  const e = unparen(x);
  return e.kind === "CallExpr" && sem.isCallTo(e, "(context.Context).Done");
}

/** The channel a select clause communicates on, and how. */
export interface CommInfo {
  clause: ast.CommClause;
  op: "recv" | "send";
  chan: ast.Expr;
  /** For a receive: `v, ok := <-ch` (the second value tells whether the channel is closed). */
  commaOk: boolean;
}

/** The communication of a select clause; null for `default` or a malformed clause. */
export function commOf(clause: ast.CommClause): CommInfo | null {
  const comm = clause.comm;
  if (comm === null) return null;
  if (comm.kind === "SendStmt") return { clause, op: "send", chan: comm.chan, commaOk: false };
  let rhs: ast.Expr | null = null;
  let commaOk = false;
  if (comm.kind === "ExprStmt") rhs = comm.x;
  else if (comm.kind === "AssignStmt" && comm.rhs.length === 1) {
    rhs = comm.rhs[0]!;
    commaOk = comm.lhs.length === 2;
  }
  if (rhs === null) return null;
  const r = unparen(rhs);
  if (r.kind !== "UnaryExpr" || r.op !== "<-") return null;
  return { clause, op: "recv", chan: r.x, commaOk };
}

/** The clauses of a select statement. */
export function clausesOf(s: ast.SelectStmt): ast.CommClause[] {
  return s.body.list.filter((c): c is ast.CommClause => c.kind === "CommClause");
}

function within(n: ast.Node, outer: ast.Node): boolean {
  return n.pos >= outer.pos && n.end <= outer.end;
}

/** Whether a block of the function's graph lies outside the loop (or is the loop's own exit). */
function outsideLoop(flow: Flow, block: Block, loop: ast.ForStmt | ast.RangeStmt): boolean {
  if (block === flow.cfg.exit) return true;
  const s = block.stmt;
  if (s === null) return true;
  if (s === loop) return block.kind === "for.done" || block.kind === "range.done";
  return !within(s, loop);
}

export interface LeaveOptions {
  /** The range over the loop's channel never ends (a ticker): its end edge does not count. */
  rangeNeverEnds?: boolean;
  /** Blocks the search must not enter (the other cases of a select, say). */
  avoid?: (block: Block) => boolean;
  /** A graph node that counts as leaving (an assignment of the channel, say). */
  stopsAt?: (node: CfgNode) => boolean;
}

/**
 * Whether some path from `start` leaves the loop: a return, a break or goto out of it, a call
 * that never returns (panic, os.Exit, log.Fatal, a function of the package that never returns),
 * the end of a range over a channel that may close, or a node `stopsAt` accepts.
 */
export function canLeaveLoop(
  flow: Flow,
  loop: ast.ForStmt | ast.RangeStmt,
  start: Block,
  opts: LeaveOptions = {},
): boolean {
  const seen = new Set<Block>([start]);
  const work: Block[] = [start];
  while (work.length > 0) {
    const b = work.pop()!;
    if (outsideLoop(flow, b, loop)) return true;
    if (b.noReturn !== null) return true;
    if (opts.stopsAt !== undefined && b.nodes.some(opts.stopsAt)) return true;
    b.succs.forEach((s, i) => {
      if (seen.has(s)) return;
      if (opts.rangeNeverEnds && b.kind === "range.loop" && b.stmt === loop && i === 1) return;
      if (opts.avoid?.(s)) return;
      seen.add(s);
      work.push(s);
    });
  }
  return false;
}

/** The block where each iteration of a loop begins. */
export function loopHead(flow: Flow, loop: ast.ForStmt | ast.RangeStmt): Block | null {
  const kind = loop.kind === "RangeStmt" ? "range.loop" : loop.cond !== null ? "for.loop" : "for.body";
  return flow.cfg.blocks.find((b) => b.stmt === loop && b.kind === kind) ?? null;
}

/**
 * A forward must-analysis over the graph: `n` facts, all false at the entry except those
 * `entry` sets; a fact holds at a block's start when it holds at the end of every live
 * predecessor. `transfer` updates a state across a block. Returns the state at the start of
 * every live block, or null when no fixpoint is reached (the caller then stays silent).
 */
export function mustForward(
  cfg: CFG,
  entry: readonly boolean[],
  transfer: (block: Block, state: boolean[]) => void,
): Map<Block, boolean[]> | null {
  const n = entry.length;
  const outs = new Map<Block, boolean[]>();
  const ins = new Map<Block, boolean[]>();
  const inOf = (b: Block): boolean[] => {
    if (b === cfg.entry) return [...entry];
    const s = new Array<boolean>(n).fill(true);
    for (const pred of b.preds) {
      if (!pred.live) continue;
      const o = outs.get(pred);
      if (o === undefined) continue; // not computed yet: top
      for (let i = 0; i < n; i++) s[i] = s[i]! && o[i]!;
    }
    return s;
  };
  for (let round = 0; round < 100; round++) {
    let changed = false;
    for (const b of cfg.blocks) {
      if (!b.live) continue;
      const state = inOf(b);
      ins.set(b, [...state]);
      transfer(b, state);
      const old = outs.get(b);
      if (old === undefined || old.some((v, i) => v !== state[i])) {
        outs.set(b, state);
        changed = true;
      }
    }
    if (!changed) return ins;
  }
  return null;
}

/** Whether any identifier below `root` (outside function literals when `skipLits`) denotes `obj`. */
export function mentions(sem: SemanticModel, root: ast.Node | null, obj: Obj, skipLits = false): boolean {
  if (root === null) return false;
  let found = false;
  inspect(root, (n) => {
    if (found) return false;
    if (skipLits && n.kind === "FuncLit") return false;
    if (n.kind === "Ident" && sem.objectOf(n) === obj) found = true;
    return !found;
  });
  return found;
}
