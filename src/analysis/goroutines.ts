// Goroutines and the channels between them: where a function starts goroutines (`go f(...)`,
// `go func(){...}()`, errgroup's and WaitGroup's `Go`) and which body each one runs, and the
// channels a function makes (`make(chan T)`, `make(chan T, n)`) with their buffer size. The
// goroutine rules (goroutine-blocked-send, goroutine-ignores-context) stand on these.

import type { Block } from "../semantic/cfg.js";
import type { Var } from "../semantic/objects.js";
import type { SemanticModel } from "../semantic/semantic-model.js";
import type * as ast from "../syntax/ast.js";
import { forEachChild, inspect, reverseFrom } from "../syntax/walk.js";
import { unparen } from "./astutil.js";
import { calledDecl, declOf, type FuncNode } from "./flow.js";

export type GoroutineHow = "go" | "errgroup" | "waitgroup";

/** Methods that run their function argument in a new goroutine. */
export const GO_METHODS: ReadonlyMap<string, GoroutineHow> = new Map([
  ["(*golang.org/x/sync/errgroup.Group).Go", "errgroup"],
  ["(*golang.org/x/sync/errgroup.Group).TryGo", "errgroup"],
  ["(*sync.WaitGroup).Go", "waitgroup"],
]);

export interface GoroutineStart {
  how: GoroutineHow;
  /** The `go` statement, or the expression statement of a `g.Go(...)` call. */
  stmt: ast.GoStmt | ast.ExprStmt;
  /** Where a finding about the start points: the `go` statement or the `g.Go(...)` call. */
  at: ast.GoStmt | ast.CallExpr;
  /** The function the goroutine runs: a literal, or a function or method of the package; null when unknown. */
  body: FuncNode | null;
  /** The body's parameters bound to the arguments of the call (`go worker(jobs)`: worker's param ← jobs). */
  bindings: ReadonlyMap<Var, ast.Expr>;
}

/** The goroutine a statement starts, or null. */
export function goroutineStart(sem: SemanticModel, stmt: ast.Stmt): GoroutineStart | null {
  if (stmt.kind === "GoStmt") {
    const call = stmt.call;
    const fun = unparen(call.fun);
    const body: FuncNode | null = fun.kind === "FuncLit" ? fun : calledDecl(sem, call);
    return { how: "go", stmt, at: stmt, body, bindings: bind(sem, body, call) };
  }
  if (stmt.kind !== "ExprStmt") return null;
  const call = unparen(stmt.x);
  if (call.kind !== "CallExpr" || call.args.length !== 1) return null;
  const name = sem.calleeName(call);
  const how = name === null ? undefined : GO_METHODS.get(name);
  if (how === undefined) return null;
  return { how, stmt, at: call, body: funcValueBody(sem, call.args[0]!), bindings: new Map() };
}

/** The body of a function value: a literal, or a function or method of the package named by it. */
function funcValueBody(sem: SemanticModel, x: ast.Expr): FuncNode | null {
  const e = unparen(x);
  if (e.kind === "FuncLit") return e;
  const id = e.kind === "Ident" ? e : e.kind === "SelectorExpr" ? e.sel : null;
  if (id === null) return null;
  const obj = sem.objectOf(id);
  return obj !== null && obj.kind === "Func" ? declOf(sem, obj) : null;
}

function bind(sem: SemanticModel, body: FuncNode | null, call: ast.CallExpr): Map<Var, ast.Expr> {
  const out = new Map<Var, ast.Expr>();
  if (body === null || call.ellipsis >= 0) return out;
  const params: (ast.Ident | null)[] = [];
  for (const field of body.type.params.list) {
    if (field.type.kind === "Ellipsis") return out;
    if (field.names.length === 0) params.push(null);
    else params.push(...field.names);
  }
  if (params.length !== call.args.length) return out;
  params.forEach((p, i) => {
    if (p === null) return;
    const obj = sem.objectOf(p);
    if (obj !== null && obj.kind === "Var") out.set(obj, call.args[i]!);
  });
  return out;
}

/** The goroutine starts of a package's functions, by the function whose body holds them. */
const startsByPackage = new WeakMap<SemanticModel, Map<FuncNode, GoroutineStart[]>>();

/**
 * The goroutines a function body starts, outside nested function literals, in source order.
 * Every function of the package is asked about (by the race rules), and few start any: one
 * walk of the package finds them all.
 */
export function goroutineStarts(sem: SemanticModel, fn: FuncNode): readonly GoroutineStart[] {
  let starts = startsByPackage.get(sem);
  if (starts === undefined) {
    starts = packageStarts(sem);
    startsByPackage.set(sem, starts);
  }
  return starts.get(fn) ?? [];
}

function packageStarts(sem: SemanticModel): Map<FuncNode, GoroutineStart[]> {
  const out = new Map<FuncNode, GoroutineStart[]>();
  // iterative preorder, each node with its innermost enclosing function
  const nodes: ast.Node[] = [];
  const owners: (FuncNode | null)[] = [];
  let owner: FuncNode | null = null;
  const push = (c: ast.Node): void => {
    nodes.push(c);
    owners.push(owner);
  };
  for (const parsed of sem.checked.files) {
    if (!mayStartGoroutines(parsed.source.bytes)) continue;
    nodes.push(parsed.file);
    owners.push(null);
    while (nodes.length > 0) {
      const n = nodes.pop()!;
      owner = owners.pop()!;
      if (n.kind === "FuncDecl" || n.kind === "FuncLit") owner = n;
      else if (owner !== null && (n.kind === "GoStmt" || n.kind === "ExprStmt")) {
        const s = goroutineStart(sem, n);
        if (s !== null) {
          const list = out.get(owner);
          if (list === undefined) out.set(owner, [s]);
          else list.push(s);
        }
      }
      const base = nodes.length;
      forEachChild(n, push);
      reverseFrom(nodes, base);
      reverseFrom(owners, base);
    }
  }
  return out;
}

/**
 * Whether a file's text may hold a goroutine start: the word `go` where a statement can begin
 * (first on its line, or after `{`, `;`, `:` or a comment's end) followed by a space, tab or
 * parenthesis, or `Go(` (errgroup, WaitGroup). Most files have neither, and their trees need
 * not be walked for one.
 */
function mayStartGoroutines(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (text.includes("Go(")) return true;
  for (let i = text.indexOf("go"); i >= 0; i = text.indexOf("go", i + 2)) {
    const next = text[i + 2];
    if (next !== 32 && next !== 9 && next !== 40) continue;
    let j = i - 1;
    while (j >= 0 && (text[j] === 32 || text[j] === 9)) j--;
    if (j < 0) return true;
    const prev = text[j];
    if (prev === 10 || prev === 13 || prev === 123 || prev === 59 || prev === 58 || prev === 47) return true;
  }
  return false;
}

/** A channel made in a function and held in one of its local variables. */
export interface ChannelMade {
  v: Var;
  make: ast.CallExpr;
  /** The buffer size: 0 for `make(chan T)`, the constant for `make(chan T, n)`, null when not constant. */
  cap: number | null;
}

/**
 * The channels a function makes into local variables that nothing else is assigned to (the
 * variable holds that channel wherever it is used), by variable. Makes inside nested function
 * literals belong to those.
 */
export function channelsMade(sem: SemanticModel, fn: FuncNode): Map<Var, ChannelMade> {
  const made = new Map<Var, ChannelMade>();
  const assigned = new Map<Var, number>();
  const count = (v: Var, k = 1): void => {
    assigned.set(v, (assigned.get(v) ?? 0) + k);
  };
  if (fn.body === null) return made;
  const consider = (target: ast.Expr, value: ast.Expr | undefined, nested: boolean): void => {
    if (target.kind !== "Ident") return;
    const obj = sem.objectOf(target);
    if (obj === null || obj.kind !== "Var" || obj.isField || obj.isParam) return;
    count(obj);
    if (nested || value === undefined) return;
    const m = makeChan(sem, value);
    if (m !== null && obj.pos >= fn.pos && obj.pos < fn.end) made.set(obj, { v: obj, ...m });
  };
  const walk = (root: ast.Node, nested: boolean): void => {
    inspect(root, (n) => {
      if (n === root) return true;
      if (n.kind === "FuncLit") {
        walk(n, true);
        return false;
      }
      if (n.kind === "AssignStmt") {
        const pair = n.lhs.length === n.rhs.length;
        n.lhs.forEach((l, i) => {
          consider(unparen(l), pair ? n.rhs[i] : undefined, nested);
        });
      } else if (n.kind === "ValueSpec") {
        const pair = n.names.length === n.values.length;
        for (const [i, name] of n.names.entries()) {
          if (n.values.length > 0) consider(name, pair ? n.values[i] : undefined, nested);
        }
      } else if (n.kind === "UnaryExpr" && n.op === "&") {
        const x = unparen(n.x);
        const obj = x.kind === "Ident" ? sem.objectOf(x) : null;
        if (obj !== null && obj.kind === "Var") count(obj, 2);
      } else if (n.kind === "RangeStmt") {
        for (const k of [n.key, n.value]) {
          const x = k === null ? null : unparen(k);
          const obj = x !== null && x.kind === "Ident" ? sem.objectOf(x) : null;
          if (obj !== null && obj.kind === "Var") count(obj, 2);
        }
      }
      return true;
    });
  };
  walk(fn.body, false);
  for (const v of [...made.keys()]) if (assigned.get(v) !== 1) made.delete(v);
  return made;
}

/** `make(chan T)` or `make(chan T, n)`: its call and buffer size. */
function makeChan(sem: SemanticModel, x: ast.Expr): { make: ast.CallExpr; cap: number | null } | null {
  const call = unparen(x);
  if (call.kind !== "CallExpr" || call.args.length < 1 || call.args.length > 2) return null;
  const fun = unparen(call.fun);
  if (fun.kind !== "Ident" || fun.name !== "make") return null;
  const obj = sem.objectOf(fun);
  if (obj === null || obj.kind !== "Builtin") return null;
  const t = sem.typeOf(call.args[0]!);
  if (t === null || t.kind !== "Chan") return null;
  if (call.args.length === 1) return { make: call, cap: 0 };
  const tv = sem.typeAndValue(call.args[1]!);
  const value = tv?.value ?? null;
  if (value === null || value.kind !== "Int") return { make: call, cap: null };
  const n = Number(value.value);
  return { make: call, cap: Number.isSafeInteger(n) ? n : null };
}

/** Whether a block of a graph lies on a cycle (it can be reached again from itself). */
export function onCycle(block: Block): boolean {
  const seen = new Set<Block>();
  const work: Block[] = [...block.succs];
  while (work.length > 0) {
    const b = work.pop()!;
    if (b === block) return true;
    if (seen.has(b)) continue;
    seen.add(b);
    work.push(...b.succs);
  }
  return false;
}
