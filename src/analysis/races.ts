// Unsynchronized sharing between goroutines, for concurrent-map-access and unsynchronized-write.
//
// For the goroutines a function starts (goroutines.ts), the variables their bodies share with
// others: package-level variables, and for a literal, the spawning function's locals it captures.
// A write races when something else may run at the same time and touch the same variable:
// - the same goroutine started again (the `go` statement is on a cycle of the spawning function,
//   and the variable is declared outside that cycle);
// - another goroutine started by the same function that reads or writes it;
// - the spawning function itself, reading or writing it after the `go` statement on a path with
//   no operation between them that could order the two (a channel operation, a select, a call
//   that is not known to be free of synchronization: `wg.Wait()`, `<-done`, `mu.Lock()`).
// A goroutine body that takes any lock or uses sync/atomic is left alone, and so is a variable
// whose address is taken: the analysis cannot follow either, and stays silent.

import type { Var } from "../semantic/objects.js";
import { under } from "../semantic/predicates.js";
import type { SemanticModel } from "../semantic/semantic-model.js";
import type { Type } from "../semantic/types.js";
import type * as ast from "../syntax/ast.js";
import { inspect } from "../syntax/walk.js";
import { unparen } from "./astutil.js";
import { type FuncNode, flowOf } from "./flow.js";
import { type GoroutineStart, goroutineStarts } from "./goroutines.js";
import { searchForward } from "./reach.js";

function isMap(t: Type): boolean {
  return under(t).kind === "Map";
}

export interface Access {
  id: ast.Ident;
  write: boolean;
}

export interface Race {
  v: Var;
  /** The write inside a goroutine. */
  write: Access;
  start: GoroutineStart;
  /** What it races with: the same goroutine again, another goroutine's access, or the spawner's. */
  other:
    | { how: "itself" }
    | { how: "goroutine"; start: GoroutineStart; access: Access }
    | { how: "spawner"; access: Access };
}

/** Which variables an analysis is about, and what counts as writing one. */
export interface RaceTarget {
  /** Whether the variable is one this analysis follows (a map, a non-map variable). */
  follows(v: Var): boolean;
  /** Whether the use of `id` writes the variable (an element store for maps, an assignment otherwise). */
  writes(id: ast.Ident, parents: Map<ast.Node, ast.Node>): boolean;
}

/** Map element stores: `m[k] = v`, `m[k] += v`, `m[k]++`, `delete(m, k)`. */
export const MAP_WRITES: RaceTarget = {
  follows: (v) => isMap(v.type),
  writes(id, parents) {
    const p = parents.get(id);
    if (p === undefined) return false;
    if (p.kind === "CallExpr" && p.args[0] === id) {
      const fun = unparen(p.fun);
      return fun.kind === "Ident" && fun.name === "delete";
    }
    if (p.kind !== "IndexExpr" || p.x !== id) return false;
    return isStoreTarget(p, parents);
  },
};

/** Assignments to the variable itself: `x = v`, `x += v`, `x++`. */
export const VAR_WRITES: RaceTarget = {
  follows: (v) => !isMap(v.type),
  writes: (id, parents) => isStoreTarget(id, parents),
};

function isStoreTarget(x: ast.Expr, parents: Map<ast.Node, ast.Node>): boolean {
  const p = parents.get(x);
  if (p === undefined) return false;
  if (p.kind === "AssignStmt") return p.lhs.includes(x) && p.tok !== ":=";
  return p.kind === "IncDecStmt" && p.x === x;
}

/** The races on variables `target` follows among the goroutines `fn` starts. */
export function racesIn(sem: SemanticModel, fn: FuncNode, target: RaceTarget): Race[] {
  const starts = goroutineStarts(sem, fn).filter(
    (s) => s.how === "go" && s.body !== null && s.body.body !== null,
  );
  if (starts.length === 0) return [];
  const flow = flowOf(sem, fn);
  const pkgScope = sem.checked.pkg.scope;
  const shared = (v: Var, body: FuncNode): boolean => {
    if (v.parent === pkgScope) return true;
    // a capture: declared in the spawning function, outside the goroutine's literal
    return (
      body.kind === "FuncLit" && v.pos >= fn.pos && v.pos < fn.end && (v.pos < body.pos || v.pos >= body.end)
    );
  };
  const perStart = starts.map((start) => ({
    start,
    accesses: goroutineAccesses(sem, start, target, shared),
  }));
  const races: Race[] = [];
  for (const { start, accesses } of perStart) {
    if (accesses === null) continue;
    const repeats = reachedUnordered(sem, fn, start.stmt, (n) => n === start.stmt) !== null;
    for (const [v, list] of accesses) {
      const write = list.find((a) => a.write);
      if (write === undefined) continue;
      if (repeats && declaredOutsideCycle(v, start, flow.parents)) {
        races.push({ v, write, start, other: { how: "itself" } });
        continue;
      }
      const peer = perStart.find(
        (o) => o.start !== start && o.accesses?.has(v) && concurrentStarts(sem, fn, start, o.start),
      );
      const peerAccess = peer?.accesses?.get(v)?.[0];
      if (peer !== undefined && peerAccess !== undefined) {
        races.push({ v, write, start, other: { how: "goroutine", start: peer.start, access: peerAccess } });
        continue;
      }
      const after = spawnerAccessAfter(sem, fn, start, v, starts);
      if (after !== null) races.push({ v, write, start, other: { how: "spawner", access: after } });
    }
  }
  return races;
}

/** Shared variables a goroutine's body touches, or null when the body synchronizes in ways not followed. */
function goroutineAccesses(
  sem: SemanticModel,
  start: GoroutineStart,
  target: RaceTarget,
  shared: (v: Var, body: FuncNode) => boolean,
): Map<Var, Access[]> | null {
  const body = start.body!;
  const parents = flowOf(sem, body).parents;
  const out = new Map<Var, Access[]>();
  const unclear = new Set<Var>();
  let synchronizes = false;
  inspect(body.body!, (n) => {
    if (synchronizes) return false;
    if (n.kind === "FuncLit") return false;
    if (n.kind === "CallExpr" && takesLockOrAtomic(sem, n)) {
      synchronizes = true;
      return false;
    }
    if (n.kind !== "Ident") return true;
    const obj = sem.info.uses.get(n);
    if (obj === undefined || obj.kind !== "Var" || obj.isField || !target.follows(obj) || !shared(obj, body))
      return true;
    const p = parents.get(n);
    if (p?.kind === "UnaryExpr" && p.op === "&") unclear.add(obj);
    const list = out.get(obj);
    const access = { id: n, write: target.writes(n, parents) };
    if (list === undefined) out.set(obj, [access]);
    else list.push(access);
    return true;
  });
  if (synchronizes) return null;
  for (const v of unclear) out.delete(v);
  return out;
}

/** A call of a Lock/RLock method, of sync.Once.Do, or of anything in sync/atomic. */
function takesLockOrAtomic(sem: SemanticModel, call: ast.CallExpr): boolean {
  const f = sem.callee(call);
  if (f === null) {
    const fun = unparen(call.fun);
    return fun.kind === "SelectorExpr" && (fun.sel.name === "Lock" || fun.sel.name === "RLock");
  }
  if (f.pkg?.path === "sync/atomic") return true;
  return f.name === "Lock" || f.name === "RLock" || f.name === "TryLock" || f.name === "Do";
}

/** Whether `v` is declared outside every loop between the goroutine's start and the spawning function. */
function declaredOutsideCycle(v: Var, start: GoroutineStart, parents: Map<ast.Node, ast.Node>): boolean {
  for (let n = parents.get(start.stmt); n !== undefined; n = parents.get(n)) {
    if ((n.kind === "ForStmt" || n.kind === "RangeStmt") && v.pos >= n.pos && v.pos < n.end) return false;
  }
  return true;
}

/** Functions known not to synchronize with other goroutines. */
const PURE_CALLS =
  /^(fmt\.(Sprint|Sprintf|Sprintln|Errorf|Print|Printf|Println)$|strconv\.|strings\.|errors\.New$|\(\*sync\.WaitGroup\)\.(Add|Done)$)/;

/**
 * The first use of `v` by the spawning function after `start`, reached on a path with no channel
 * operation, select or call that might synchronize in between; null when there is none.
 */
function spawnerAccessAfter(
  sem: SemanticModel,
  fn: FuncNode,
  start: GoroutineStart,
  v: Var,
  starts: readonly GoroutineStart[],
): Access | null {
  const flow = flowOf(sem, fn);
  const uses = new Map<ast.Node, ast.Ident>();
  for (const id of sem.uses(v)) {
    if (id.pos < fn.pos || id.end > fn.end) continue;
    if (
      starts.some(
        (s) => s.body !== null && s.body.kind === "FuncLit" && id.pos >= s.body.pos && id.end <= s.body.end,
      )
    )
      continue;
    const holder = flow.holder(id);
    if (holder !== null && !uses.has(holder)) uses.set(holder, id);
  }
  const node = reachedUnordered(sem, fn, start.stmt, (n) => uses.has(n));
  const id = node === null ? undefined : uses.get(node);
  return id === undefined ? null : { id, write: false };
}

/** Whether two goroutine starts of a function may run at the same time (one reached from the other unordered). */
function concurrentStarts(sem: SemanticModel, fn: FuncNode, a: GoroutineStart, b: GoroutineStart): boolean {
  return (
    reachedUnordered(sem, fn, a.stmt, (n) => n === b.stmt) !== null ||
    reachedUnordered(sem, fn, b.stmt, (n) => n === a.stmt) !== null
  );
}

/**
 * The first graph node matching `target` reached from `from` (exclusive) on a path that meets no
 * operation that might synchronize; `from` itself counts when reached again around a loop.
 */
function reachedUnordered(
  sem: SemanticModel,
  fn: FuncNode,
  from: ast.Stmt,
  target: (n: ast.Node) => boolean,
): ast.Node | null {
  const start = flowOf(sem, fn).pointOf(from);
  if (start === undefined) return null;
  let hit: ast.Node | null = null;
  searchForward(start, (node) => {
    // a statement that may synchronize orders what it assigns after the synchronization
    if (node !== from && mightSynchronize(sem, node)) return "stop";
    if (target(node)) {
      hit = node;
      return "found";
    }
    return node === from ? "stop" : "continue";
  });
  return hit;
}

const synchronizing = new WeakMap<ast.Node, boolean>();

/** Whether evaluating a graph node may synchronize with another goroutine (cached per node). */
function mightSynchronize(sem: SemanticModel, node: ast.Node): boolean {
  let known = synchronizing.get(node);
  if (known === undefined) {
    known = computeMightSynchronize(sem, node);
    synchronizing.set(node, known);
  }
  return known;
}

function computeMightSynchronize(sem: SemanticModel, node: ast.Node): boolean {
  if (node.kind === "SendStmt") return true;
  // go and defer run their call later: only the arguments are evaluated here
  if (node.kind === "GoStmt" || node.kind === "DeferStmt")
    return node.call.args.some((a) => mightSynchronize(sem, a));
  // a range operand of channel type: the loop receives
  if (node.kind !== "ValueSpec" && !node.kind.endsWith("Stmt")) {
    const t = sem.typeOf(node as ast.Expr);
    if (t !== null && under(t).kind === "Chan") return true;
  }
  let found = false;
  inspect(node, (n) => {
    if (found) return false;
    if (n.kind === "FuncLit") return false;
    if (n.kind === "UnaryExpr" && n.op === "<-") found = true;
    else if (n.kind === "CallExpr") {
      const fun = unparen(n.fun);
      const obj = fun.kind === "Ident" ? sem.objectOf(fun) : null;
      // builtins do not block, except close, which hands a signal to receivers
      const builtin = obj !== null && obj.kind === "Builtin" && obj.name !== "close";
      const name = sem.calleeName(n);
      const conversion = sem.typeAndValue(n.fun)?.mode === "typexpr";
      if (!builtin && !conversion && (name === null || !PURE_CALLS.test(name))) found = true;
    }
    return !found;
  });
  return found;
}
