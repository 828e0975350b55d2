import type { FuncNode } from "../../analysis/flow.js";
import { isRelease, type LockFacts, type LockOp, lockFacts } from "../../analysis/locks.js";
import { defineRule } from "../../analysis/rule.js";
import type * as ast from "../../syntax/ast.js";

/** Whether a function literal of the function locks the mutex (another goroutine may hold it). */
function lockedInLiteral(facts: LockFacts, key: string): boolean {
  for (const op of facts.opsInLiterals.values()) {
    if (op.mutex?.key === key && !isRelease(op.method)) return true;
  }
  return false;
}

export default defineRule({
  name: "unlock-mismatch",
  category: "concurrency",
  severity: "error",
  needs: ["resolution", "types", "flow"],
  imports: ["sync"],
  // sync's own tests, and tests like them, cross locks on purpose to check the fatal errors
  skipTests: true,
  docs: {
    summary:
      "A mutex is released with the wrong method, locked in a defer, or unlocked when it is not locked",
    details:
      "The unlock must match the lock: a read lock (`RLock`) is released with `RUnlock`, a write lock (`Lock`) with " +
      "`Unlock`. Crossing them is not a quiet mistake: `Unlock` of a read-locked `RWMutex` and `RUnlock` of a " +
      "write-locked one are fatal errors (`sync: Unlock of unlocked RWMutex`, `sync: RUnlock of unlocked RWMutex`) " +
      "that end the whole process, and `recover` cannot stop them. The same goes for unlocking a mutex that is not " +
      "locked (`sync: unlock of unlocked mutex`), typically a second `Unlock` on a path that already released it. " +
      "And `defer mu.Lock()` right after `mu.Lock()` (a typo for `defer mu.Unlock()`) locks again when the function " +
      "returns: the goroutine deadlocks and the mutex stays locked. The rule reports an unlock whose mode differs " +
      "from the lock held on every path reaching it (deferred unlocks included), a deferred `Lock`/`RLock` of a " +
      "mutex the function holds, and an unlock of a mutex that this function locked before and that is unlocked " +
      "on every path reaching it. An unlock of a lock taken by the caller is not reported (a function may release " +
      "its caller's lock), nor one that a call in between (a helper of the package, a callback) or another " +
      "goroutine of the function may have locked again. " +
      "Test files are left alone: tests of locking code cross locks on purpose to check these fatal errors.",
    bad: `package store

import "sync"

type Store struct {
	mu   sync.RWMutex
	data map[string]string
}

func (s *Store) Get(k string) string {
	s.mu.RLock()
	defer s.mu.Unlock()
	return s.data[k]
}
`,
    good: `package store

import "sync"

type Store struct {
	mu   sync.RWMutex
	data map[string]string
}

func (s *Store) Get(k string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.data[k]
}
`,
    source:
      '002 "读写锁 vs 互斥锁 vs 死锁" (在 Lock() 之前使用 Unlock() 会导致 panic; 在没有读锁的情况下调用 RUnlock() 会导致 panic); 004 §4.2 "读写锁误用"; staticcheck SA2003',
  },
  create(ctx) {
    const line = (n: ast.Node): number => ctx.source.lineOf(n.pos);
    const text = (op: LockOp): string => ctx.source.decode(op.recv.pos, op.recv.end);
    const check = (fn: FuncNode): void => {
      const facts = lockFacts(ctx.sem, fn);
      if (facts === null) return;
      for (const op of facts.ops) {
        const m = op.mutex;
        if (m === null) continue;
        const st = facts.before.get(op.call);
        if (st === undefined) continue;
        const held = st.must.get(m.key);
        const at: ast.Node = op.deferred ? (facts.flow.parents.get(op.call) ?? op.call) : op.call;
        const x = text(op);
        if (op.deferred && (op.method === "Lock" || op.method === "RLock")) {
          if (held === undefined) continue;
          const unlock = op.method === "RLock" ? "RUnlock" : "Unlock";
          ctx.report(
            at,
            `defer ${x}.${op.method}() while ${x} is locked (line ${line(held.site)}) locks it again when the function returns: the goroutine deadlocks and ${x} is never released; write defer ${x}.${unlock}()`,
            [{ pos: held.site.pos, end: held.site.end, message: "locked here" }],
          );
          continue;
        }
        if (!isRelease(op.method)) continue;
        if (held !== undefined) {
          if (op.method === "Unlock" && held.mode === "shared") {
            ctx.report(
              at,
              `${x}.Unlock() releases the read lock taken by ${x}.RLock() at line ${line(held.site)}: Unlock of a read-locked RWMutex is a fatal error ("sync: Unlock of unlocked RWMutex") that ends the program; use ${x}.RUnlock()`,
              [{ pos: held.site.pos, end: held.site.end, message: "read-locked here" }],
            );
          } else if (op.method === "RUnlock" && held.mode === "exclusive") {
            ctx.report(
              at,
              `${x}.RUnlock() releases the write lock taken by ${x}.Lock() at line ${line(held.site)}: RUnlock without a read lock is a fatal error ("sync: RUnlock of unlocked RWMutex") that ends the program; use ${x}.Unlock()`,
              [{ pos: held.site.pos, end: held.site.end, message: "write-locked here" }],
            );
          }
          continue;
        }
        if (op.deferred) continue;
        // unlocked on every path here, after this function locked it on some path
        if (st.may.has(m.key) || !st.locked.has(m.key)) continue;
        if (facts.handedOff.has(m.key) || lockedInLiteral(facts, m.key)) continue;
        const rw = ctx.sem.calleeName(op.call)?.includes("RWMutex") === true;
        const fatal = rw ? `sync: ${op.method} of unlocked RWMutex` : "sync: unlock of unlocked mutex";
        ctx.report(
          at,
          `${x}.${op.method}() runs when ${x} is already unlocked on every path here (this function locked and released it before): unlocking an unlocked mutex is a fatal error ("${fatal}") that ends the program; remove this unlock or the earlier one`,
        );
      }
    };
    return { FuncDecl: check, FuncLit: check };
  },
});
