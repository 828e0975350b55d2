import type { FuncNode } from "../../analysis/flow.js";
import {
  handsOff,
  isAlias,
  isRelease,
  type LockFacts,
  type LockOp,
  lockFacts,
} from "../../analysis/locks.js";
import { defineRule } from "../../analysis/rule.js";
import type { Block, CfgNode } from "../../semantic/cfg.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** Functions whose job is to acquire a lock for their caller. */
const HELPER_WORDS = new Set(["lock", "locks", "locked", "rlock", "acquire", "acquires", "grab"]);

/** Whether a function's name says it takes a lock: lock, rlockShared, acquireSenderLock, LockOSThread (not Block). */
function isLockHelper(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase()
    .split(" ");
  return words.some((w) => HELPER_WORDS.has(w));
}

interface Leak {
  /** The return statement or the closing brace reached with the lock held. */
  at: number;
  how: "return" | "end";
}

type Effect = "release" | "unknown" | "abort" | null;

/** Whether a deferred closure calls an unlock of the key itself. */
function closureUnlocks(facts: LockFacts, stmt: ast.DeferStmt, key: string): boolean {
  let found = false;
  inspect(stmt.call.fun, (n) => {
    if (found) return false;
    if (n.kind === "CallExpr") {
      const op = facts.opsInLiterals.get(n);
      if (op !== undefined && op.mutex?.key === key && isRelease(op.method)) found = true;
    }
    return !found;
  });
  return found;
}

/** What a graph node does to the lock `key` held since `op`. */
function effect(facts: LockFacts, node: CfgNode, op: LockOp, key: string): Effect {
  const evs = facts.events.get(node);
  if (evs === undefined) return null;
  for (const ev of evs) {
    switch (ev.kind) {
      case "op": {
        const m = ev.op.mutex;
        if (m === null) return "unknown";
        if (m.key !== key) {
          if ((isAlias(m) || isAlias(op.mutex!)) && isRelease(ev.op.method)) return "unknown";
          continue;
        }
        if (isRelease(ev.op.method)) return "release";
        if (ev.op.method === "Lock" || ev.op.method === "RLock") return "unknown"; // lock-twice's business
        continue;
      }
      case "defer":
        if (ev.op !== null && ev.op.mutex?.key === key && isRelease(ev.op.method)) return "release";
        if (ev.releases.includes(key)) return closureUnlocks(facts, ev.stmt, key) ? "release" : "unknown";
        continue;
      case "call":
        if (ev.touches.includes(key)) return "unknown";
        continue;
      case "assign":
        if (ev.keys.includes(key)) return "abort";
        continue;
    }
  }
  return null;
}

type Text = (n: ast.Node) => string;

/**
 * A branch condition that reads variables only, normalized: `!ok` is `ok` negated, `b != 10` is
 * `b == 10` negated. Two tests of the same condition on one path take the same branch.
 */
function condOf(x: ast.Expr, text: Text): { key: string; whenTrue: boolean } | null {
  let e = x;
  let whenTrue = true;
  for (;;) {
    while (e.kind === "ParenExpr") e = e.x;
    if (e.kind === "UnaryExpr" && e.op === "!") {
      whenTrue = !whenTrue;
      e = e.x;
    } else break;
  }
  let pure = true;
  inspect(e, (n) => {
    if (n.kind === "CallExpr" || n.kind === "FuncLit" || (n.kind === "UnaryExpr" && n.op === "<-"))
      pure = false;
    return pure;
  });
  if (!pure) return null;
  if (e.kind === "BinaryExpr" && (e.op === "==" || e.op === "!=")) {
    return { key: `${text(e.x)} == ${text(e.y)}`, whenTrue: e.op === "==" ? whenTrue : !whenTrue };
  }
  if (e.kind === "Ident" || e.kind === "SelectorExpr" || e.kind === "BinaryExpr")
    return { key: text(e), whenTrue };
  return null;
}

/** Updates the known conditions for an assignment: `locked = true` decides `locked`. */
function assignDecisions(node: CfgNode, text: Text, d: Map<string, boolean>): void {
  if (node.kind !== "AssignStmt" && node.kind !== "IncDecStmt") return;
  const lhs = node.kind === "AssignStmt" ? node.lhs : [node.x];
  lhs.forEach((l, i) => {
    const name = text(l);
    const word = new RegExp(`(^|[^\\w.])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\w])`);
    for (const k of [...d.keys()]) if (word.test(k)) d.delete(k);
    if (node.kind !== "AssignStmt" || node.lhs.length !== node.rhs.length) return;
    const r = node.rhs[i]!;
    if (r.kind === "Ident" && (r.name === "true" || r.name === "false")) d.set(name, r.name === "true");
  });
}

const MAX_STATES = 4000;

/** A path from the Lock to the function's exit that does not release it, when another path does. */
function findLeak(facts: LockFacts, op: LockOp, text: Text): Leak | null {
  const flow = facts.flow;
  const key = op.mutex!.key;
  const startNode = flow.holder(op.call);
  if (startNode === null) return null;
  const start = flow.pointOf(startNode);
  if (start === undefined) return null;
  let released = false;
  let leak: Leak | null = null;
  const seen = new Set<string>();
  // the conditions of the `if` statements around the Lock hold on every path from it
  const initial = new Map<string, boolean>();
  let child: ast.Node = startNode;
  for (let p = flow.parents.get(child); p !== undefined && p !== flow.fn; p = flow.parents.get(p)) {
    if (p.kind === "FuncLit") break;
    if (p.kind === "IfStmt" && (p.body === child || p.else === child)) {
      const c = condOf(p.cond, text);
      if (c !== null && !initial.has(c.key)) initial.set(c.key, p.body === child ? c.whenTrue : !c.whenTrue);
    }
    child = p;
  }
  const work: { block: Block; index: number; last: CfgNode | null; known: Map<string, boolean> }[] = [
    { block: start.block, index: start.index + 1, last: startNode, known: initial },
  ];
  while (work.length > 0) {
    const w = work.pop()!;
    let last = w.last;
    let ended = false;
    const known = w.known;
    const nodes = w.block.nodes;
    for (let i = w.index; i < nodes.length && !ended; i++) {
      const node = nodes[i]!;
      if (node === startNode) {
        ended = true; // round a loop back to the Lock
        break;
      }
      const e = effect(facts, node, op, key);
      if (e === "abort") return null;
      if (e === "release") released = true;
      if (e !== null) ended = true;
      else {
        last = node;
        assignDecisions(node, text, known);
      }
    }
    if (ended || w.block.noReturn !== null) continue;
    if (w.block === flow.cfg.exit) {
      if (leak === null) {
        const body = flow.fn.body!;
        leak =
          last !== null && last.kind === "ReturnStmt"
            ? { at: last.pos, how: "return" }
            : { at: body.end - 1, how: "end" };
      }
      continue;
    }
    const succs = w.block.succs;
    const tail = nodes[nodes.length - 1];
    const cond =
      succs.length === 2 && tail !== undefined && !tail.kind.endsWith("Stmt") && tail.kind !== "ValueSpec"
        ? condOf(tail as ast.Expr, text)
        : null;
    succs.forEach((succ, i) => {
      let next = known;
      if (cond !== null) {
        const value = i === 0 ? cond.whenTrue : !cond.whenTrue;
        const prior = known.get(cond.key);
        if (prior !== undefined && prior !== value) return;
        if (prior === undefined) {
          next = new Map(known);
          next.set(cond.key, value);
        }
      }
      const id = `${succ.index}|${[...next]
        .map(([k, v]) => `${k}=${v}`)
        .sort()
        .join(";")}`;
      if (seen.has(id)) return;
      seen.add(id);
      work.push({ block: succ, index: 0, last, known: next === known ? new Map(known) : next });
    });
    if (seen.size > MAX_STATES) return null;
  }
  return released ? leak : null;
}

export default defineRule({
  name: "lock-not-released",
  category: "concurrency",
  severity: "error",
  needs: ["resolution", "types", "flow"],
  imports: ["sync"],
  docs: {
    summary: "A mutex locked by a function is left locked on one of its paths to return",
    details:
      "A `sync.Mutex` is not tied to a goroutine and is never released for you: a function that returns with it " +
      "locked leaves it locked for good, and the next `Lock` anywhere in the program blocks forever. The usual slip " +
      "is an early `return` (an error check, a cache hit, a validation failure) between `Lock` and the `Unlock` at " +
      "the end of the function; it shows up as a request that hangs, then as every goroutine piling up behind the " +
      "mutex. The fix is `defer mu.Unlock()` right after `mu.Lock()`, or an unlock on every path. The rule follows " +
      "every path of the function from the `Lock` and reports the first `return` reached with the mutex locked, " +
      "when some other path does unlock it (a function that returns with the lock held on every path is taking it " +
      "for its caller, by design). Paths that end in `panic`, `os.Exit` or `log.Fatal` do not count. It is silent " +
      "for lock helpers (functions named `lock…`/`Lock…`), for a mutex passed in as a parameter or returned, when " +
      "the unlock is deferred (also inside a deferred closure or a helper of the package), and when the unlock is " +
      "handed to someone else (a goroutine, a returned function, `return mu.Unlock`).",
    bad: `package cache

import "sync"

type Cache struct {
	mu    sync.Mutex
	items map[string]string
}

func (c *Cache) Get(key string) (string, bool) {
	c.mu.Lock()
	v, ok := c.items[key]
	if !ok {
		return "", false
	}
	c.mu.Unlock()
	return v, true
}
`,
    good: `package cache

import "sync"

type Cache struct {
	mu    sync.Mutex
	items map[string]string
}

func (c *Cache) Get(key string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[key]
	if !ok {
		return "", false
	}
	return v, true
}
`,
    source: '004 §4.2 "Unlock未配对"; 003 §2.3; 002 "读写锁 vs 互斥锁 vs 死锁"',
  },
  create(ctx) {
    const check = (fn: FuncNode): void => {
      if (fn.kind === "FuncDecl" && isLockHelper(fn.name.name)) return;
      const facts = lockFacts(ctx.sem, fn);
      if (facts === null) return;
      for (const op of facts.ops) {
        if (op.deferred || op.mutex === null || (op.method !== "Lock" && op.method !== "RLock")) continue;
        const m = op.mutex;
        if (m.path.length === 0 && m.root.isParam) continue;
        if (handsOff(facts, m)) continue;
        const st = facts.before.get(op.call);
        if (st === undefined || st.deferred.has(m.key)) continue;
        const leak = findLeak(facts, op, (n) => ctx.source.decode(n.pos, n.end));
        if (leak === null) continue;
        const text = ctx.source.decode(op.recv.pos, op.recv.end);
        const unlock = op.method === "RLock" ? "RUnlock" : "Unlock";
        const line = ctx.source.lineOf(leak.at);
        const where =
          leak.how === "return"
            ? `when the function returns at line ${line}`
            : `when the function ends at line ${line}`;
        ctx.report(
          op.call,
          `${text}.${op.method}() is not released ${where}: ${text} stays locked and the next Lock of it blocks forever; unlock on that path too, or defer ${text}.${unlock}() right after locking`,
          [{ pos: leak.at, end: leak.at + 1, message: "the function leaves here with the mutex locked" }],
        );
      }
    };
    return { FuncDecl: check, FuncLit: check };
  },
});
