import { unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** For a call `x.Add(n)` / `x.Done()` of a sync.WaitGroup, the source text naming x; else null. */
function waitGroupOf(ctx: RuleContext, x: ast.Expr, method: "Add" | "Done"): string | null {
  x = unparen(x);
  if (x.kind !== "CallExpr" || !ctx.sem.isCallTo(x, `(*sync.WaitGroup).${method}`)) return null;
  const fun = unparen(x.fun);
  if (fun.kind !== "SelectorExpr") return null;
  let recv = unparen(fun.x);
  if (recv.kind === "UnaryExpr" && recv.op === "&") recv = unparen(recv.x);
  return ctx.source.decode(recv.pos, recv.end);
}

export default defineRule({
  name: "waitgroup-add-in-goroutine",
  category: "concurrency",
  severity: "error",
  needs: ["resolution", "types"],
  imports: ["sync"],
  docs: {
    summary: "sync.WaitGroup.Add called inside the goroutine it counts, so Wait can return before it runs",
    details:
      "`wg.Wait()` returns as soon as the counter is zero. When `wg.Add(1)` runs at the start of the goroutine it is " +
      "meant to count, nothing orders it before the `Wait`: the spawning function may reach `Wait` while the " +
      "goroutine has not been scheduled yet, find the counter at zero and go on, reading results that are not " +
      "written yet or shutting down under running work. The race detector reports it only when the schedule " +
      "happens to expose it. Call `wg.Add` in the spawning goroutine, before the `go` statement, and keep " +
      "`defer wg.Done()` inside. Like staticcheck's SA2000, the rule reports an `Add` that opens the goroutine's " +
      "function literal, or one at its top level when the same literal calls `Done` on the same group and starts " +
      "no goroutines of its own.",
    bad: `package fanout

import "sync"

func process(items []string, handle func(string)) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func(it string) {
			wg.Add(1)
			defer wg.Done()
			handle(it)
		}(it)
	}
	wg.Wait()
}
`,
    good: `package fanout

import "sync"

func process(items []string, handle func(string)) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func(it string) {
			defer wg.Done()
			handle(it)
		}(it)
	}
	wg.Wait()
}
`,
    source: "seeds 004 §2.3 (WaitGroup misuse); staticcheck SA2000",
  },
  create(ctx) {
    return {
      GoStmt(g) {
        const lit = unparen(g.call.fun);
        if (lit.kind !== "FuncLit") return;
        const stmts = lit.body.list;
        const done = new Set<string>();
        let spawns = false;
        inspect(lit.body, (n) => {
          if (n.kind === "FuncLit") return false;
          if (n.kind === "GoStmt") spawns = true;
          if (n.kind === "CallExpr") {
            const wg = waitGroupOf(ctx, n, "Done");
            if (wg !== null) done.add(wg);
          }
          return true;
        });
        stmts.forEach((s, i) => {
          if (s.kind !== "ExprStmt") return;
          const wg = waitGroupOf(ctx, s.x, "Add");
          if (wg === null || (i > 0 && (spawns || !done.has(wg)))) return;
          ctx.report(
            s.x,
            `${wg}.Add called inside the goroutine it counts: ${wg}.Wait may run first and return before the goroutine starts; call ${wg}.Add before the go statement`,
          );
        });
      },
    };
  },
});
