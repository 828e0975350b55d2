// Which locks a function holds at each point of its control-flow graph — the analysis behind
// lock-not-released, lock-twice and unlock-mismatch.
//
// A lock is named by the mutex expression's root variable and field path: `s.mu` is (s, ["mu"]),
// `mu` is (mu, []), `s.Lock()` on a struct embedding a mutex is (s, ["Mutex"]), so that two
// expressions that denote the same field of the same variable name the same lock. Operations are
// the methods of sync.Mutex and sync.RWMutex: Lock, RLock, TryLock/TryRLock (held on the branch
// where the call returned true when it is an `if`/`for` condition), Unlock, RUnlock, and `defer`
// of an unlock (or of a closure or package function that unlocks), which releases at every exit.
//
// A forward dataflow over the blocks computes, before every operation and every call:
// - `must`: locks held on every path reaching the point, with their mode and the Lock that took
//   them (for lock-twice and for the mode of an unlock);
// - `may`: locks that may be held on some path, with the modes seen (an unknown mode when a call
//   may have taken or released it, or when the function was entered: the caller may hold it);
// - `locked`: locks this function took on some path before the point;
// - `touched`: locks this function operated on, or called something that may, on some path;
// - `deferred`: locks whose release was deferred on some path.
//
// Whatever may change a lock without being one of those operations makes it unknown (gone from
// `must`, unknown in `may`): a call of a function of the package that (transitively) locks or
// unlocks, when it can reach the mutex (its root is mentioned in the call, or is a package-level
// variable); a call of a function value or an interface method that may reach it; a call of
// another package's function handed a value that may carry it; an assignment to the root
// variable (a loop that locks each element of a slice in turn locks a different mutex each
// time); a lock operation on a mutex reached through a pointer or an expression we cannot name.

import type { Block, CfgNode } from "../semantic/cfg.js";
import type { Obj, Var } from "../semantic/objects.js";
import { under } from "../semantic/predicates.js";
import type { SemanticModel } from "../semantic/semantic-model.js";
import type { Type } from "../semantic/types.js";
import type * as ast from "../syntax/ast.js";
import { forEachChild, inspect } from "../syntax/walk.js";
import { namedTypeName, unparen } from "./astutil.js";
import { calledDecl, declOf, type Flow, type FuncNode, flowOf } from "./flow.js";

export type LockMode = "exclusive" | "shared";
export type LockMethod = "Lock" | "RLock" | "Unlock" | "RUnlock" | "TryLock" | "TryRLock";

const LOCK_METHODS = new Map<string, LockMethod>();
for (const m of ["Lock", "Unlock", "TryLock"] as const) {
  LOCK_METHODS.set(`(*sync.Mutex).${m}`, m);
  LOCK_METHODS.set(`(*sync.RWMutex).${m}`, m);
}
for (const m of ["RLock", "RUnlock", "TryRLock"] as const) LOCK_METHODS.set(`(*sync.RWMutex).${m}`, m);
const LOCK_NAMES = new Set(["Lock", "RLock", "Unlock", "RUnlock", "TryLock", "TryRLock"]);

/** The mode a locking method takes; null for the unlocking ones. */
function modeOf(m: LockMethod): LockMode | null {
  switch (m) {
    case "Lock":
    case "TryLock":
      return "exclusive";
    case "RLock":
    case "TryRLock":
      return "shared";
    default:
      return null;
  }
}

export function isRelease(m: LockMethod): boolean {
  return m === "Unlock" || m === "RUnlock";
}

/** A mutex named by its root variable and field path. */
export interface MutexRef {
  root: Var;
  path: readonly string[];
  key: string;
}

/** A call of a method of sync.Mutex or sync.RWMutex. */
export interface LockOp {
  call: ast.CallExpr;
  method: LockMethod;
  /** The mutex, or null when the receiver is an expression we cannot name (`m[k].mu`). */
  mutex: MutexRef | null;
  /** The receiver as written: `s.mu`, or `s` for an embedded mutex. */
  recv: ast.Expr;
  /** `defer mu.Unlock()`. */
  deferred: boolean;
  /** Inside a function literal of the function (not an operation of the function itself). */
  nested: boolean;
}

const objIds = new WeakMap<Obj, number>();
let nextObjId = 1;

function objId(o: Obj): number {
  let id = objIds.get(o);
  if (id === undefined) {
    id = nextObjId++;
    objIds.set(o, id);
  }
  return id;
}

/** The mutex at `path` below `root`. */
function refOf(root: Var, path: readonly string[]): MutexRef {
  return { root, path, key: `${objId(root)}:${path.join(".")}` };
}

/** The names of the fields along a selection's index path from `t`, or null. */
function fieldNames(t: Type, index: readonly number[]): string[] | null {
  const names: string[] = [];
  let cur = t;
  for (const i of index) {
    let u = under(cur);
    if (u.kind === "Pointer") u = under(u.elem);
    if (u.kind !== "Struct") return null;
    const f = u.fields[i];
    if (f === undefined) return null;
    names.push(f.name);
    cur = f.type;
  }
  return names;
}

/** The variable and field path an expression denotes (`s.a.mu`, `*p`, `&s.mu`, `pkg.Mu`), or null. */
export function placeOf(sem: SemanticModel, x: ast.Expr): MutexRef | null {
  const e = unparen(x);
  switch (e.kind) {
    case "Ident": {
      const o = sem.objectOf(e);
      if (o === null || o.kind !== "Var" || o.isField) return null;
      return refOf(o, []);
    }
    case "SelectorExpr": {
      const sel = sem.info.selections.get(e);
      if (sel === undefined) {
        const pkg = unparen(e.x);
        const o = sem.objectOf(e.sel);
        if (pkg.kind !== "Ident" || sem.objectOf(pkg)?.kind !== "PkgName") return null;
        if (o === null || o.kind !== "Var" || o.isField) return null;
        return refOf(o, []);
      }
      if (sel.kind !== "FieldVal") return null;
      const base = placeOf(sem, e.x);
      if (base === null) return null;
      const names = fieldNames(sel.recv, sel.index);
      if (names === null) return null;
      return refOf(base.root, [...base.path, ...names]);
    }
    case "StarExpr":
      return placeOf(sem, e.x);
    case "UnaryExpr":
      return e.op === "&" ? placeOf(sem, e.x) : null;
    default:
      return null;
  }
}

/** The lock operation a call is, or null. */
function lockOpOf(sem: SemanticModel, call: ast.CallExpr): Omit<LockOp, "deferred" | "nested"> | null {
  const fun = unparen(call.fun);
  if (fun.kind !== "SelectorExpr" || !LOCK_NAMES.has(fun.sel.name)) return null;
  const name = sem.calleeName(call);
  const method = name === null ? undefined : LOCK_METHODS.get(name);
  if (method === undefined) return null;
  const sel = sem.info.selections.get(fun);
  if (sel === undefined || sel.kind !== "MethodVal") return null;
  let mutex: MutexRef | null = null;
  const base = placeOf(sem, fun.x);
  if (base !== null) {
    // an embedded mutex: s.Lock() is s.Mutex.Lock()
    const embedded = fieldNames(sel.recv, sel.index.slice(0, -1));
    if (embedded !== null) mutex = refOf(base.root, [...base.path, ...embedded]);
  }
  return { call, method, mutex, recv: fun.x };
}

export function isPackageLevel(v: Var): boolean {
  return v.parent !== null && v.pkg !== null && v.parent === v.pkg.scope;
}

/** A mutex reached through a pointer variable (`m := &s.mu`): it may be another lock under another name. */
export function isAlias(m: MutexRef): boolean {
  return m.path.length === 0 && !isPackageLevel(m.root) && under(m.root.type).kind === "Pointer";
}

/** May-bits: which modes a lock may be held in. */
export const MAY_EXCLUSIVE = 1;
export const MAY_SHARED = 2;
export const MAY_UNKNOWN = 4;
/** Read-locked, possibly more than once. */
export const MAY_MULTI = 8;

export interface Held {
  mode: LockMode;
  /** The Lock (or TryLock) that took it; the first RLock of several. */
  site: ast.CallExpr;
  /** How many read locks are held (1 for a write lock). */
  count: number;
}

export interface LockState {
  must: ReadonlyMap<string, Held>;
  may: ReadonlyMap<string, number>;
  locked: ReadonlySet<string>;
  touched: ReadonlySet<string>;
  deferred: ReadonlySet<string>;
}

interface MutState {
  must: Map<string, Held>;
  may: Map<string, number>;
  locked: Set<string>;
  touched: Set<string>;
  deferred: Set<string>;
}

/** What a graph node does to locks, in evaluation order. */
export type LockEvent =
  | { kind: "op"; op: LockOp }
  /** A deferred call: `op` when it is a lock method; `releases`: the locks it may release at exit. */
  | { kind: "defer"; stmt: ast.DeferStmt; op: LockOp | null; releases: string[] }
  /** A call that may lock or unlock the listed locks (an empty list is kept for package calls). */
  | { kind: "call"; call: ast.CallExpr; touches: string[] }
  /** The root variables of the listed locks are assigned. */
  | { kind: "assign"; keys: string[] };

export interface LockFacts {
  sem: SemanticModel;
  flow: Flow;
  /** The operations of the function itself (not of its function literals), in source order. */
  ops: LockOp[];
  /** Every mutex the function operates on, by key. */
  mutexes: Map<string, MutexRef>;
  /** What each graph node does to locks. */
  events: Map<CfgNode, LockEvent[]>;
  /** The state just before each operation, deferred operation and call event. */
  before: Map<ast.CallExpr | ast.DeferStmt, LockState>;
  /**
   * Locks whose release is handed to someone else: an unlock in a closure that is not deferred
   * (a goroutine, a callback), an unlock method value (`return s.mu.Unlock`).
   */
  handedOff: Set<string>;
  /** Variables whose method values that may unlock are handed on (`return tx.unlockRelease`). */
  handedOffRoots: Set<Var>;
  /** Lock operations inside the function's literals, by call. */
  opsInLiterals: Map<ast.CallExpr, LockOp>;
  /** What the function's return statements return, when it is a variable or a field path. */
  returned: MutexRef[];
  /** The operation a TryLock condition performs, with the branch (0 true, 1 false) that holds the lock. */
  tryConds: Map<CfgNode, { op: LockOp; heldOn: 0 | 1 }>;
}

const factsCache = new WeakMap<FuncNode, LockFacts | null>();

/** The lock facts of a function, or null when it has no lock operation of its own. */
export function lockFacts(sem: SemanticModel, fn: FuncNode): LockFacts | null {
  if (factsCache.has(fn)) return factsCache.get(fn) ?? null;
  factsCache.set(fn, null); // a recursive request (through call summaries) sees none
  const facts = computeFacts(sem, fn);
  factsCache.set(fn, facts);
  return facts;
}

/** Calls in a subtree, inner calls first (evaluation order), not entering function literals. */
function callsIn(root: ast.Node, out: ast.CallExpr[]): void {
  const visit = (n: ast.Node): void => {
    if (n.kind === "FuncLit") return;
    forEachChild(n, visit);
    if (n.kind === "CallExpr") out.push(n);
  };
  visit(root);
}

function computeFacts(sem: SemanticModel, fn: FuncNode): LockFacts | null {
  if (fn.body === null) return null;
  // Quick test: a lock method by name in the body itself.
  let any = false;
  inspect(fn.body, (n) => {
    if (any || n.kind === "FuncLit") return false;
    if (n.kind === "SelectorExpr" && LOCK_NAMES.has(n.sel.name)) any = true;
    return !any;
  });
  if (!any) return null;
  const ops: LockOp[] = [];
  const mutexes = new Map<string, MutexRef>();
  const handedOff = new Set<string>();
  const returned: MutexRef[] = [];
  const opsInLiterals = new Map<ast.CallExpr, LockOp>();
  const handedOffRoots = new Set<Var>();
  const flow = flowOf(sem, fn);
  const parents = flow.parents;
  const deferredLits = new Set<ast.FuncLit>();
  inspect(fn.body, (n) => {
    if (n.kind === "DeferStmt") {
      const f = unparen(n.call.fun);
      if (f.kind === "FuncLit") deferredLits.add(f);
    }
    return true;
  });
  // Operations, by walking the body; note which are nested in literals.
  const walk = (n: ast.Node, lit: ast.FuncLit | null): void => {
    if (n.kind === "FuncLit") {
      forEachChild(n, (c) => walk(c, n));
      return;
    }
    forEachChild(n, (c) => walk(c, lit));
    if (n.kind === "CallExpr") {
      const op = lockOpOf(sem, n);
      if (op === null) return;
      const p = parents.get(n);
      const deferred = p?.kind === "DeferStmt" && p.call === n;
      const full: LockOp = { ...op, deferred, nested: lit !== null };
      if (op.mutex !== null) {
        if (lit === null) mutexes.set(op.mutex.key, op.mutex);
        // an unlock in a closure that is not this function's deferred closure: handed off
        if (
          lit !== null &&
          isRelease(op.method) &&
          !(deferredLits.has(lit) && enclosingLit(parents, lit) === null)
        ) {
          handedOff.add(op.mutex.key);
        }
      }
      if (lit === null) ops.push(full);
      else opsInLiterals.set(n, full);
    } else if (n.kind === "SelectorExpr") {
      // a method value: s.mu.Unlock, or a method of the package that unlocks, handed on
      const p = parents.get(n);
      if (p?.kind === "CallExpr" && p.fun === n) return;
      const sel = sem.info.selections.get(n);
      if (sel === undefined || sel.kind !== "MethodVal") return;
      const m = placeOf(sem, n.x);
      if (m === null) return;
      if (n.sel.name === "Unlock" || n.sel.name === "RUnlock") {
        handedOff.add(m.key);
      } else if (sel.obj.kind === "Func") {
        const d = declOf(sem, sel.obj);
        if (d !== null && touchesLocks(sem, d)) handedOffRoots.add(m.root);
      }
    } else if (n.kind === "ReturnStmt" && lit === null) {
      for (const r of n.results) {
        const m = placeOf(sem, r);
        if (m !== null) returned.push(m);
      }
    }
  };
  walk(fn.body, null);
  if (ops.length === 0) return null;
  const events = new Map<CfgNode, LockEvent[]>();
  const tryConds = new Map<CfgNode, { op: LockOp; heldOn: 0 | 1 }>();
  const opByCall = new Map<ast.CallExpr, LockOp>();
  for (const op of ops) opByCall.set(op.call, op);
  const keys = [...mutexes.values()];
  const captured = capturedVars(sem, fn.body);
  for (const block of flow.cfg.blocks) {
    if (!block.live) continue;
    block.nodes.forEach((node, i) => {
      const evs = nodeEvents(sem, node, opByCall, keys, captured, parents);
      if (i === block.nodes.length - 1 && block.succs.length === 2) {
        const t = tryCond(node, opByCall);
        if (t !== null) tryConds.set(node, t);
      }
      if (evs.length > 0) events.set(node, evs);
    });
  }
  const facts: LockFacts = {
    sem,
    flow,
    ops,
    mutexes,
    events,
    before: new Map(),
    handedOff,
    handedOffRoots,
    opsInLiterals,
    returned,
    tryConds,
  };
  solve(facts);
  return facts;
}

function enclosingLit(parents: Map<ast.Node, ast.Node>, n: ast.Node): ast.FuncLit | null {
  for (let p = parents.get(n); p !== undefined; p = parents.get(p)) if (p.kind === "FuncLit") return p;
  return null;
}

/** `mu.TryLock()` or `!mu.TryLock()` as a branch condition. */
function tryCond(node: CfgNode, ops: Map<ast.CallExpr, LockOp>): { op: LockOp; heldOn: 0 | 1 } | null {
  let x = node as ast.Expr;
  let heldOn: 0 | 1 = 0;
  for (;;) {
    x = unparen(x);
    if (x.kind === "UnaryExpr" && x.op === "!") {
      heldOn = heldOn === 0 ? 1 : 0;
      x = x.x;
    } else break;
  }
  if (x.kind !== "CallExpr") return null;
  const op = ops.get(x);
  if (op === undefined || op.mutex === null || (op.method !== "TryLock" && op.method !== "TryRLock"))
    return null;
  return { op, heldOn };
}

/** Variables mentioned inside function literals of the body. */
function capturedVars(sem: SemanticModel, body: ast.BlockStmt): Set<Obj> {
  const out = new Set<Obj>();
  let depth = 0;
  const visit = (n: ast.Node): void => {
    if (n.kind === "FuncLit") depth++;
    if (depth > 0 && n.kind === "Ident") {
      const o = sem.objectOf(n);
      if (o !== null) out.add(o);
    }
    forEachChild(n, visit);
    if (n.kind === "FuncLit") depth--;
  };
  visit(body);
  return out;
}

function mentions(sem: SemanticModel, n: ast.Node, v: Var): boolean {
  let found = false;
  inspect(n, (c) => {
    if (found) return false;
    if (c.kind === "Ident" && sem.objectOf(c) === v) found = true;
    return !found;
  });
  return found;
}

/** Whether a value of type t may carry a mutex or a way to reach one. */
function mayCarry(t: Type | null, depth = 0): boolean {
  if (t === null || depth > 5) return true;
  switch (t.kind) {
    case "Basic":
      return false;
    case "Pointer":
    case "Slice":
    case "Array":
    case "Chan":
      return mayCarry(t.elem, depth + 1);
    case "Map":
      return mayCarry(t.key, depth + 1) || mayCarry(t.elem, depth + 1);
    case "Struct":
      return t.fields.some((f) => mayCarry(f.type, depth + 1));
    case "Named": {
      const name = namedTypeName(t);
      if (name === "sync.Mutex" || name === "sync.RWMutex") return true;
      if (name === "time.Time" || name === "time.Duration" || name === "error") return false;
      return mayCarry(under(t), depth + 1);
    }
    case "Tuple":
      return t.vars.some((v) => mayCarry(v.type, depth + 1));
    default:
      return true;
  }
}

const touchCache = new WeakMap<ast.Node, boolean | "pending">();

/**
 * Whether calling a function of the package (or a literal) may lock or unlock a mutex: its body
 * calls a lock method, or a function of the package that does.
 */
function touchesLocks(sem: SemanticModel, fn: ast.FuncDecl | ast.FuncLit): boolean {
  const known = touchCache.get(fn);
  if (known === "pending") return true;
  if (known !== undefined) return known;
  if (fn.body === null) return false;
  touchCache.set(fn, "pending");
  let result = false;
  inspect(fn.body, (n) => {
    if (result) return false;
    if (n.kind !== "CallExpr") return true;
    const fun = unparen(n.fun);
    if (fun.kind === "SelectorExpr" && LOCK_NAMES.has(fun.sel.name) && lockOpOf(sem, n) !== null) {
      result = true;
      return false;
    }
    if (fun.kind === "FuncLit") return true;
    const d = calledDecl(sem, n);
    if (d !== null && d !== fn && touchesLocks(sem, d)) result = true;
    return !result;
  });
  touchCache.set(fn, result);
  return result;
}

function isInterfaceMethod(sem: SemanticModel, call: ast.CallExpr): boolean {
  const f = sem.callee(call);
  if (f === null || f.type.kind !== "Signature") return false;
  const recv = f.type.recv;
  return recv !== null && under(recv.type).kind === "Interface";
}

/** The locks (among `keys`) that a call which is not a lock operation may lock or unlock. */
function callTouches(
  sem: SemanticModel,
  call: ast.CallExpr,
  keys: readonly MutexRef[],
  captured: Set<Obj>,
): string[] | null {
  const fun = unparen(call.fun);
  const tv = sem.typeAndValue(fun);
  if (tv !== null && (tv.mode === "typexpr" || tv.mode === "builtin")) return null;
  const name = sem.calleeName(call);
  if (name !== null && (name.startsWith("(*sync.") || name.startsWith("sync."))) return null;
  const out: string[] = [];
  const argCarries = (m: MutexRef): boolean =>
    call.args.some((a) => mentions(sem, a, m.root) && mayCarry(sem.typeOf(a)));
  if (fun.kind === "FuncLit") {
    if (!touchesLocks(sem, fun)) return null;
    for (const m of keys) if (isPackageLevel(m.root) || mentions(sem, call, m.root)) out.push(m.key);
    return out;
  }
  const decl = calledDecl(sem, call);
  if (decl !== null) {
    if (!touchesLocks(sem, decl)) return out;
    for (const m of keys) if (isPackageLevel(m.root) || mentions(sem, call, m.root)) out.push(m.key);
    return out;
  }
  const f = sem.callee(call);
  if (f !== null && !isInterfaceMethod(sem, call)) {
    // another package's function: only through what it is handed
    for (const m of keys) if (argCarries(m)) out.push(m.key);
    return out.length > 0 ? out : null;
  }
  if (f !== null) {
    // an interface method: through its arguments, or a package-level mutex
    // (an implementation reached through a field, `s.w.Write`, does not unlock its owner's mutex)
    for (const m of keys) if (isPackageLevel(m.root) || argCarries(m)) out.push(m.key);
    return out.length > 0 ? out : null;
  }
  // a function value: a closure may reach anything it captured, a callback anything the caller has
  for (const m of keys) {
    if (isPackageLevel(m.root) || m.root.isParam || captured.has(m.root) || mentions(sem, call, m.root))
      out.push(m.key);
  }
  return out.length > 0 ? out : null;
}

function nodeEvents(
  sem: SemanticModel,
  node: CfgNode,
  ops: Map<ast.CallExpr, LockOp>,
  keys: readonly MutexRef[],
  captured: Set<Obj>,
  parents: Map<ast.Node, ast.Node>,
): LockEvent[] {
  const out: LockEvent[] = [];
  const allKeys = keys.map((m) => m.key);
  if (node.kind === "DeferStmt") {
    // arguments are evaluated now; the call runs at exit
    const calls: ast.CallExpr[] = [];
    for (const a of node.call.args) callsIn(a, calls);
    pushCalls(sem, calls, ops, keys, captured, out);
    const op = ops.get(node.call) ?? null;
    let releases: string[] = [];
    if (op !== null) {
      if (isRelease(op.method)) releases = op.mutex === null ? allKeys : [op.mutex.key];
    } else {
      releases = callTouches(sem, node.call, keys, captured) ?? [];
    }
    out.push({ kind: "defer", stmt: node, op, releases });
    return out;
  }
  if (node.kind === "GoStmt") {
    const calls: ast.CallExpr[] = [];
    for (const a of node.call.args) callsIn(a, calls);
    callsIn(node.call.fun, calls);
    pushCalls(sem, calls, ops, keys, captured, out);
    return out;
  }
  const calls: ast.CallExpr[] = [];
  callsIn(node, calls);
  pushCalls(sem, calls, ops, keys, captured, out);
  // assignments to roots
  const assigned: ast.Expr[] = [];
  if (node.kind === "AssignStmt") assigned.push(...node.lhs);
  else if (node.kind === "ValueSpec") assigned.push(...node.names);
  else if (node.kind === "Ident") {
    const p = parents.get(node);
    if (p?.kind === "RangeStmt" && (p.key === node || p.value === node)) assigned.push(node);
  }
  if (assigned.length > 0) {
    const hit = new Set<string>();
    for (const l of assigned) {
      const x = unparen(l);
      if (x.kind !== "Ident") continue;
      const o = sem.objectOf(x);
      for (const m of keys) if (m.root === o) hit.add(m.key);
    }
    if (hit.size > 0) out.push({ kind: "assign", keys: [...hit] });
  }
  return out;
}

function pushCalls(
  sem: SemanticModel,
  calls: readonly ast.CallExpr[],
  ops: Map<ast.CallExpr, LockOp>,
  keys: readonly MutexRef[],
  captured: Set<Obj>,
  out: LockEvent[],
): void {
  for (const c of calls) {
    const op = ops.get(c);
    if (op !== undefined) {
      out.push({ kind: "op", op });
      continue;
    }
    const t = callTouches(sem, c, keys, captured);
    if (t !== null) out.push({ kind: "call", call: c, touches: t });
    else if (calledDecl(sem, c) !== null) out.push({ kind: "call", call: c, touches: [] });
  }
}

function emptyState(keys: Iterable<string>): MutState {
  const may = new Map<string, number>();
  // the caller may hold any lock when the function is entered
  for (const k of keys) may.set(k, MAY_UNKNOWN);
  return { must: new Map(), may, locked: new Set(), touched: new Set(), deferred: new Set() };
}

function copyState(s: LockState): MutState {
  return {
    must: new Map(s.must),
    may: new Map(s.may),
    locked: new Set(s.locked),
    touched: new Set(s.touched),
    deferred: new Set(s.deferred),
  };
}

/** Joins `b` into `a`; returns whether `a` changed. */
function joinInto(a: MutState, b: LockState): boolean {
  let changed = false;
  for (const [k, h] of a.must) {
    const o = b.must.get(k);
    if (o === undefined || o.mode !== h.mode || o.count !== h.count) {
      a.must.delete(k);
      changed = true;
    }
  }
  for (const [k, bits] of b.may) {
    const old = a.may.get(k) ?? 0;
    if ((old | bits) !== old) {
      a.may.set(k, old | bits);
      changed = true;
    }
  }
  for (const [from, to] of [
    [b.locked, a.locked],
    [b.touched, a.touched],
    [b.deferred, a.deferred],
  ] as const) {
    for (const k of from) {
      if (!to.has(k)) {
        (to as Set<string>).add(k);
        changed = true;
      }
    }
  }
  return changed;
}

function havoc(s: MutState, keys: readonly string[], keep: ReadonlySet<string> | null = null): void {
  for (const k of keys) {
    if (keep === null || !keep.has(k)) s.must.delete(k);
    s.may.set(k, (s.may.get(k) ?? 0) | MAY_UNKNOWN);
    s.touched.add(k);
  }
}

function applyOp(s: MutState, op: LockOp, allKeys: readonly string[]): void {
  if (op.mutex === null) {
    havoc(s, allKeys);
    return;
  }
  const k = op.mutex.key;
  // a mutex reached through a local pointer may be any other one too
  if (isAlias(op.mutex)) {
    havoc(
      s,
      allKeys.filter((o) => o !== k),
    );
  }
  s.touched.add(k);
  const mode = modeOf(op.method);
  if (op.method === "TryLock" || op.method === "TryRLock") {
    s.may.set(k, (s.may.get(k) ?? 0) | (mode === "shared" ? MAY_SHARED : MAY_EXCLUSIVE));
    s.locked.add(k);
    return;
  }
  if (mode !== null) acquire(s, k, mode, op.call);
  else release(s, k, op.method);
}

function acquire(s: MutState, k: string, mode: LockMode, site: ast.CallExpr): void {
  const prev = s.must.get(k);
  const bits = s.may.get(k) ?? 0;
  if (mode === "shared") {
    if (prev !== undefined && prev.mode === "shared")
      s.must.set(k, { mode, site: prev.site, count: prev.count + 1 });
    else s.must.set(k, { mode, site, count: 1 });
    s.may.set(k, MAY_SHARED | (bits & (MAY_SHARED | MAY_UNKNOWN | MAY_MULTI) ? MAY_MULTI : 0));
  } else {
    s.must.set(k, { mode, site, count: 1 });
    s.may.set(k, MAY_EXCLUSIVE);
  }
  s.locked.add(k);
}

function release(s: MutState, k: string, method: LockMethod): void {
  const prev = s.must.get(k);
  if (method === "RUnlock" && prev !== undefined && prev.mode === "shared" && prev.count > 1) {
    s.must.set(k, { ...prev, count: prev.count - 1 });
  } else {
    s.must.delete(k);
  }
  const bits = s.may.get(k) ?? 0;
  if (method === "RUnlock" && (bits & MAY_MULTI) !== 0) s.may.set(k, MAY_SHARED | MAY_MULTI);
  else s.may.delete(k);
}

function snapshot(s: MutState): LockState {
  return copyState(s);
}

/** Runs the node's events on the state; records snapshots when `record` is given. */
function transfer(
  facts: LockFacts,
  s: MutState,
  node: CfgNode,
  allKeys: readonly string[],
  record: Map<ast.CallExpr | ast.DeferStmt, LockState> | null,
): void {
  const evs = facts.events.get(node);
  if (evs === undefined) return;
  const cond = facts.tryConds.get(node);
  for (const ev of evs) {
    switch (ev.kind) {
      case "op":
        if (record !== null) record.set(ev.op.call, snapshot(s));
        if (cond !== undefined && cond.op === ev.op) break; // applied on the edges
        applyOp(s, ev.op, allKeys);
        break;
      case "defer":
        if (record !== null) {
          record.set(ev.stmt, snapshot(s));
          if (ev.op !== null) record.set(ev.op.call, snapshot(s));
        }
        for (const k of ev.releases) s.deferred.add(k);
        break;
      case "call":
        if (record !== null) record.set(ev.call, snapshot(s));
        // a callee that takes the lock first thing cannot release one held here: it deadlocks
        if (ev.touches.length > 0) havoc(s, ev.touches, keepsOf(facts, ev.call));
        break;
      case "assign":
        havoc(s, ev.keys);
        break;
    }
  }
}

const keepsCache = new WeakMap<ast.CallExpr, Set<string>>();

function keepsOf(facts: LockFacts, call: ast.CallExpr): Set<string> {
  let k = keepsCache.get(call);
  if (k === undefined) {
    k = new Set(callAcquires(facts.sem, call).map((a) => a.key));
    keepsCache.set(call, k);
  }
  return k;
}

function solve(facts: LockFacts): void {
  const { cfg } = facts.flow;
  const allKeys = [...facts.mutexes.keys()];
  const inStates = new Map<Block, MutState>();
  inStates.set(cfg.entry, emptyState(allKeys));
  const work: Block[] = [cfg.entry];
  const queued = new Set<Block>([cfg.entry]);
  const edgeStates = (b: Block, s: MutState): LockState[] => {
    const last = b.nodes[b.nodes.length - 1];
    const cond = last === undefined ? undefined : facts.tryConds.get(last);
    if (cond === undefined || b.succs.length !== 2) return b.succs.map(() => s);
    const held = copyState(s);
    const m = cond.op.mutex!;
    held.touched.add(m.key);
    acquire(held, m.key, modeOf(cond.op.method)!, cond.op.call);
    const notHeld = copyState(s);
    notHeld.touched.add(m.key);
    return cond.heldOn === 0 ? [held, notHeld] : [notHeld, held];
  };
  let guard = 0;
  while (work.length > 0 && guard++ < 100000) {
    const b = work.shift()!;
    queued.delete(b);
    const s = copyState(inStates.get(b)!);
    for (const node of b.nodes) transfer(facts, s, node, allKeys, null);
    if (b.noReturn !== null) continue;
    const outs = edgeStates(b, s);
    b.succs.forEach((succ, i) => {
      const out = outs[i]!;
      const cur = inStates.get(succ);
      let changed: boolean;
      if (cur === undefined) {
        inStates.set(succ, copyState(out));
        changed = true;
      } else {
        changed = joinInto(cur, out);
      }
      if (changed && !queued.has(succ)) {
        queued.add(succ);
        work.push(succ);
      }
    });
  }
  for (const [b, st] of inStates) {
    const s = copyState(st);
    for (const node of b.nodes) transfer(facts, s, node, allKeys, facts.before);
  }
}

/** A lock a function of the package takes on every path, before touching it otherwise. */
export interface Acquisition {
  /** The receiver variable (a pointer receiver) or a package-level variable. */
  root: Var;
  receiver: boolean;
  path: readonly string[];
  method: LockMethod;
  call: ast.CallExpr;
}

const acquisitionCache = new WeakMap<ast.FuncDecl, Acquisition[]>();

/** Whether every path from the entry to the exit goes through `block`. */
function unavoidable(facts: LockFacts, block: Block): boolean {
  const { entry, exit } = facts.flow.cfg;
  if (block === entry) return true;
  const seen = new Set<Block>([entry]);
  const work = [entry];
  while (work.length > 0) {
    const b = work.pop()!;
    if (b === exit) return false;
    if (b.noReturn !== null) continue;
    for (const s of b.succs) {
      if (s === block || seen.has(s)) continue;
      seen.add(s);
      work.push(s);
    }
  }
  return true;
}

function acquisitions(sem: SemanticModel, decl: ast.FuncDecl): Acquisition[] {
  const known = acquisitionCache.get(decl);
  if (known !== undefined) return known;
  const out: Acquisition[] = [];
  acquisitionCache.set(decl, out);
  const facts = lockFacts(sem, decl);
  if (facts === null) return out;
  let recv: Var | null = null;
  const field = decl.recv?.list[0];
  const name = field?.names[0];
  if (name !== undefined) {
    const o = sem.objectOf(name);
    if (o !== null && o.kind === "Var" && under(o.type).kind === "Pointer") recv = o;
  }
  for (const op of facts.ops) {
    if (op.deferred || op.mutex === null || (op.method !== "Lock" && op.method !== "RLock")) continue;
    const m = op.mutex;
    const receiver = recv !== null && m.root === recv;
    if (!receiver && !isPackageLevel(m.root)) continue;
    const st = facts.before.get(op.call);
    if (st === undefined || st.touched.has(m.key)) continue;
    const holder = facts.flow.holder(op.call);
    const point = holder === null ? undefined : facts.flow.pointOf(holder);
    if (point === undefined || !unavoidable(facts, point.block)) continue;
    out.push({ root: m.root, receiver, path: m.path, method: op.method, call: op.call });
  }
  return out;
}

/**
 * The locks a call of a function of the package takes first thing on every path, named in the
 * caller: `s.get()` where get locks `recv.mu` takes (s, [mu]).
 */
export function callAcquires(sem: SemanticModel, call: ast.CallExpr): { key: string; acq: Acquisition }[] {
  const decl = calledDecl(sem, call);
  if (decl === null) return [];
  const out: { key: string; acq: Acquisition }[] = [];
  for (const acq of acquisitions(sem, decl)) {
    if (acq.receiver) {
      const fun = unparen(call.fun);
      if (fun.kind !== "SelectorExpr") continue;
      const sel = sem.info.selections.get(fun);
      if (sel === undefined || sel.kind !== "MethodVal") continue;
      const base = placeOf(sem, fun.x);
      const embedded = fieldNames(sel.recv, sel.index.slice(0, -1));
      if (base === null || embedded === null) continue;
      out.push({ key: refOf(base.root, [...base.path, ...embedded, ...acq.path]).key, acq });
    } else {
      out.push({ key: refOf(acq.root, acq.path).key, acq });
    }
  }
  return out;
}

/** Whether the function hands the mutex (or a value that holds it) to its caller or to a closure. */
export function handsOff(facts: LockFacts, m: MutexRef): boolean {
  if (facts.handedOff.has(m.key) || facts.handedOffRoots.has(m.root)) return true;
  return facts.returned.some((r) => r.root === m.root && r.path.every((p, i) => m.path[i] === p));
}
