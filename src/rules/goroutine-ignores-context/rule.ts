import { contextInScope, isNamedType, namedTypeName, unparen } from "../../analysis/astutil.js";
import { type FuncNode, flowOf } from "../../analysis/flow.js";
import { goroutineStart } from "../../analysis/goroutines.js";
import { defineRule } from "../../analysis/rule.js";
import type { Block } from "../../semantic/cfg.js";
import { under } from "../../semantic/predicates.js";
import type { SemanticModel } from "../../semantic/semantic-model.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** Whether x is a channel of time.Time: a ticker's or timer's C, time.After, time.Tick. */
function isTimeChannel(sem: SemanticModel, x: ast.Expr): boolean {
  const t = sem.typeOf(unparen(x));
  if (t === null) return false;
  const u = under(t);
  return u.kind === "Chan" && isNamedType(u.elem, "time.Time");
}

/**
 * The loop of the goroutine's body that never ends: a `for` without condition or a range over
 * a time channel, reachable, whose exit is unreachable, in a body that never returns.
 */
function endlessLoop(sem: SemanticModel, body: FuncNode): ast.ForStmt | ast.RangeStmt | null {
  const flow = flowOf(sem, body);
  // a range over a ticker's channel never ends: the channel is never closed
  const endless = (b: Block): boolean =>
    b.kind === "range.loop" && b.stmt?.kind === "RangeStmt" && isTimeChannel(sem, b.stmt.x);
  const live = new Set<Block>([flow.cfg.entry]);
  const work: Block[] = [flow.cfg.entry];
  while (work.length > 0) {
    const b = work.pop()!;
    for (const s of b.succs) {
      if (live.has(s) || (endless(b) && s.kind === "range.done")) continue;
      live.add(s);
      work.push(s);
    }
  }
  if (live.has(flow.cfg.exit)) return null;
  for (const b of flow.cfg.blocks) {
    if (b.kind !== "for.done" && b.kind !== "range.done") continue;
    const loop = b.stmt;
    if (loop === null || live.has(b)) continue;
    let bodyKind: "for.body" | "range.body";
    if (loop.kind === "ForStmt" && loop.cond === null) bodyKind = "for.body";
    else if (loop.kind === "RangeStmt" && isTimeChannel(sem, loop.x)) bodyKind = "range.body";
    else continue;
    if (flow.cfg.blocks.some((x) => live.has(x) && x.kind === bodyKind && x.stmt === loop)) return loop;
  }
  return null;
}

/**
 * Whether the body watches something that can tell it to stop: a context's Done or Err, a
 * receive from (or range over) any channel that is not a timer's, a Wait on a condition.
 */
function watchesStop(sem: SemanticModel, body: FuncNode): boolean {
  let found = false;
  inspect(body, (n) => {
    if (found) return false;
    if (n.kind === "UnaryExpr" && n.op === "<-" && !isTimeChannel(sem, n.x)) found = true;
    else if (n.kind === "RangeStmt") {
      const t = sem.typeOf(n.x);
      if (t === null || (under(t).kind === "Chan" && !isTimeChannel(sem, n.x))) found = true;
    } else if (n.kind === "CallExpr") {
      const fun = unparen(n.fun);
      if (fun.kind === "SelectorExpr" && (fun.sel.name === "Done" || fun.sel.name === "Err")) {
        const recv = sem.typeOf(fun.x);
        if (recv === null || namedTypeName(recv) === "context.Context" || fun.sel.name === "Done")
          found = true;
      }
      const name = sem.calleeName(n);
      if (name === "(*sync.Cond).Wait") found = true;
    }
    return !found;
  });
  return found;
}

export default defineRule({
  name: "goroutine-ignores-context",
  category: "concurrency",
  severity: "warning",
  needs: ["resolution", "types", "flow"],
  docs: {
    summary:
      "A goroutine started where a context is available runs an endless loop that never watches ctx.Done() or any other stop signal",
    details:
      "A context carries the caller's decision to stop: a request that ended, a deadline, a shutdown. A goroutine " +
      "started in a function that has a `context.Context` (a parameter, or `r.Context()` of a handler's request) " +
      "and that loops forever (`for { ... }`, `for { select { ... } }`, `for range ticker.C`) without a case on " +
      "`ctx.Done()` breaks the chain of cancellation: when the context is cancelled, the function returns but the " +
      "goroutine keeps ticking, holding its ticker, its connections and everything it captured. One is started per " +
      "call, so a handler or a job runner leaks one goroutine per request until the process runs out of memory; " +
      "pprof shows them piling up in the loop. Select on `ctx.Done()` in the loop and return when it fires " +
      "(`case <-ctx.Done(): return`), or let the goroutine receive from a stop channel that the owner closes. The " +
      "rule reports the `go` statement (and errgroup's or WaitGroup's `Go`) when the goroutine's body, a literal or a " +
      "function of the package, has a loop whose end is unreachable and never returns, and watches nothing that " +
      "could stop it: no context's `Done` or `Err`, no receive from a channel other than a timer's or ticker's, no " +
      "`sync.Cond` wait.",
    bad: `package poll

import (
	"context"
	"log"
	"time"
)

func refresh(ctx context.Context) error { return nil }

func Start(ctx context.Context, every time.Duration) {
	go func() {
		ticker := time.NewTicker(every)
		defer ticker.Stop()
		for range ticker.C {
			if err := refresh(ctx); err != nil {
				log.Print(err)
			}
		}
	}()
}
`,
    good: `package poll

import (
	"context"
	"log"
	"time"
)

func refresh(ctx context.Context) error { return nil }

func Start(ctx context.Context, every time.Duration) {
	go func() {
		ticker := time.NewTicker(every)
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
				if err := refresh(ctx); err != nil {
					log.Print(err)
				}
			}
		}
	}()
}
`,
    source:
      "seeds 004 §2.2 (cancellation not propagated to child goroutines), 003 §2.1 (goroutine leaks located with pprof)",
  },
  create(ctx) {
    const visit = (stmt: ast.GoStmt | ast.ExprStmt): void => {
      const start = goroutineStart(ctx.sem, stmt);
      if (start === null || start.body === null || start.body.body === null) return;
      const source = contextInScope(ctx.sem, ctx.ancestors);
      if (source === null) return;
      const loop = endlessLoop(ctx.sem, start.body);
      if (loop === null || watchesStop(ctx.sem, start.body)) return;
      const body = start.body;
      const where =
        body.kind === "FuncDecl"
          ? `the loop of ${body.name.name}`
          : `its loop at line ${ctx.source.lineOf(loop.pos)}`;
      const done = `${source.expr}.Done()`;
      ctx.report(
        start.at,
        `this goroutine never stops: ${where} runs forever and never watches ${done} or any other stop signal, so it outlives the cancellation of ${source.expr} and leaks; select on ${done} in the loop and return`,
      );
    };
    return { GoStmt: visit, ExprStmt: visit };
  },
});
