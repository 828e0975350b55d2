import { unparen } from "../../analysis/astutil.js";
import { calledDecl, type FuncNode } from "../../analysis/flow.js";
import { callAcquires, type Held, type LockMethod, lockFacts } from "../../analysis/locks.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { SemanticModel } from "../../semantic/semantic-model.js";
import type * as ast from "../../syntax/ast.js";
import type { ParseResult } from "../../syntax/parser.js";

/** The parsed file that declares a function of the package. */
function declSource(sem: SemanticModel, decl: ast.FuncDecl): ParseResult | null {
  for (const parsed of sem.checked.files) if (parsed.file.decls.includes(decl)) return parsed;
  return null;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** Whether taking `method` while `held` is held by the same goroutine deadlocks. */
function conflicts(held: Held, method: LockMethod): boolean {
  if (method !== "Lock" && method !== "RLock") return false;
  return held.mode === "exclusive" || method === "Lock";
}

function recvText(ctx: RuleContext, call: ast.CallExpr): string {
  const fun = unparen(call.fun);
  return fun.kind === "SelectorExpr" ? ctx.source.decode(fun.x.pos, fun.x.end) : "the mutex";
}

function why(text: string, held: Held, method: LockMethod): string {
  if (held.mode === "exclusive" && method === "Lock")
    return "sync.Mutex is not reentrant, so the goroutine blocks on itself forever";
  if (held.mode === "exclusive")
    return `the read lock waits for the writer, which is this goroutine: deadlock; read under the ${text}.Lock() already held`;
  return `Lock waits for every reader to leave, this goroutine included: deadlock; RUnlock first, then Lock and re-check what was read`;
}

export default defineRule({
  name: "lock-twice",
  category: "concurrency",
  severity: "error",
  needs: ["resolution", "types", "flow"],
  imports: ["sync"],
  docs: {
    summary: "A mutex is locked again by the goroutine that already holds it",
    details:
      "Go's mutexes are not reentrant. A goroutine that calls `Lock` on a `sync.Mutex` it already holds blocks " +
      "forever, and so does every other goroutine that needs the mutex afterwards. A `sync.RWMutex` is no better: " +
      "`RLock` while holding `Lock` waits for the writer (itself), and `Lock` while holding `RLock` waits for all " +
      "readers to leave, itself included (upgrading a read lock is not possible). The usual shape is a method that " +
      "locks and then calls another method of the same type that locks the same mutex (`Add` calling `Len`), or a " +
      "second `Lock` after an edit moved code around. The rule reports a `Lock`/`RLock` of a mutex (the same variable " +
      "and field path) that this function holds on every path reaching it, and a call, while holding it, of a " +
      "function or method of the package that locks the same mutex (of the same receiver, or the same package-level " +
      "variable) on every path before doing anything else with it. Split such methods into an exported one that " +
      "locks and an unexported `…Locked` one that expects the lock held. A lock the function may have released " +
      "through a call (a helper of the package, a callback) is not counted as held. Read locks taken twice are not " +
      "reported.",
    bad: `package counter

import "sync"

type Counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *Counter) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.n)
}

func (c *Counter) Add(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[k]++
	return c.Len()
}
`,
    good: `package counter

import "sync"

type Counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *Counter) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lenLocked()
}

func (c *Counter) lenLocked() int { return len(c.n) }

func (c *Counter) Add(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[k]++
	return c.lenLocked()
}
`,
    source:
      '002 "读写锁 vs 互斥锁 vs 死锁" (在同一个 goroutine 中的 Mutex 解锁之前再次进行加锁,会导致死锁); 004 §4.2',
  },
  create(ctx) {
    const check = (fn: FuncNode): void => {
      const facts = lockFacts(ctx.sem, fn);
      if (facts === null) return;
      const line = (n: ast.Node): number => ctx.source.lineOf(n.pos);
      for (const op of facts.ops) {
        if (op.deferred || op.mutex === null || (op.method !== "Lock" && op.method !== "RLock")) continue;
        // a mutex that another goroutine or a callback unlocks is a signal, not a critical section
        if (facts.handedOff.has(op.mutex.key)) continue;
        const held = facts.before.get(op.call)?.must.get(op.mutex.key);
        if (held === undefined || held.site === op.call || !conflicts(held, op.method)) continue;
        const text = ctx.source.decode(op.recv.pos, op.recv.end);
        const first = held.mode === "exclusive" ? "Lock" : "RLock";
        ctx.report(
          op.call,
          `${text}.${op.method}() while this function already holds ${text}.${first}() from line ${line(held.site)} on every path here: ${why(text, held, op.method)}`,
          [{ pos: held.site.pos, end: held.site.end, message: "first locked here" }],
        );
      }
      // One level deep: a function of the package that locks the same mutex.
      for (const evs of facts.events.values()) {
        for (const ev of evs) {
          if (ev.kind !== "call") continue;
          const st = facts.before.get(ev.call);
          if (st === undefined || st.must.size === 0) continue;
          const decl = calledDecl(ctx.sem, ev.call);
          if (decl === null || decl === fn) continue;
          for (const { key, acq } of callAcquires(ctx.sem, ev.call)) {
            const held = st.must.get(key);
            if (held === undefined || facts.handedOff.has(key) || !conflicts(held, acq.method)) continue;
            const where = declSource(ctx.sem, decl);
            if (where === null) continue;
            const sameFile = where.file === ctx.file;
            const at = sameFile
              ? `line ${line(acq.call)}`
              : `${baseName(where.source.name)}:${where.source.lineOf(acq.call.pos)}`;
            const text = recvText(ctx, held.site);
            const callText = ctx.source.decode(ev.call.fun.pos, ev.call.fun.end);
            const first = held.mode === "exclusive" ? "Lock" : "RLock";
            ctx.report(
              ev.call,
              `${callText}() calls ${acq.method}() on ${text} (${at}) while this function holds ${text}.${first}() from line ${line(held.site)}: ${why(text, held, acq.method)}; call a variant that expects the lock held`,
              sameFile
                ? [
                    { pos: held.site.pos, end: held.site.end, message: "first locked here" },
                    { pos: acq.call.pos, end: acq.call.end, message: "locked again here" },
                  ]
                : [{ pos: held.site.pos, end: held.site.end, message: "first locked here" }],
            );
            break;
          }
        }
      }
    };
    return { FuncDecl: check, FuncLit: check };
  },
});
