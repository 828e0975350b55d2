import { enclosingLoop, endsInJump } from "../../analysis/astutil.js";
import { defineRule } from "../../analysis/rule.js";
import type * as ast from "../../syntax/ast.js";

/**
 * The select clause whose communication receives directly from the call being visited
 * (`case <-call:` or `case v := <-call:`), and the select itself, from the call's ancestors.
 */
function receivingClause(
  ancestors: readonly ast.Node[],
): { clause: ast.CommClause; select: ast.SelectStmt; index: number } | null {
  let i = ancestors.length - 1;
  while (i >= 0 && ancestors[i]!.kind === "ParenExpr") i--;
  const recv = ancestors[i];
  if (recv === undefined || recv.kind !== "UnaryExpr" || recv.op !== "<-") return null;
  const stmt = ancestors[i - 1];
  if (stmt === undefined || (stmt.kind !== "ExprStmt" && stmt.kind !== "AssignStmt")) return null;
  const clause = ancestors[i - 2];
  const select = ancestors[i - 4];
  if (clause === undefined || clause.kind !== "CommClause" || clause.comm !== stmt) return null;
  if (select === undefined || select.kind !== "SelectStmt") return null;
  return { clause, select, index: i - 4 };
}

export default defineRule({
  name: "time-after-in-loop",
  category: "concurrency",
  severity: "warning",
  needs: ["syntax", "resolution", "version"],
  imports: ["time"],
  docs: {
    summary:
      "time.After in a select inside a loop allocates a timer per iteration that lives until it fires (before Go 1.23)",
    details:
      "`time.After(d)` creates a new `time.Timer` each time it is evaluated and returns only its channel. In a " +
      "`for { select { ... } }` loop where another case keeps firing, every iteration starts a fresh timer that nobody " +
      "can stop; before Go 1.23 the runtime keeps each one until it fires, so a worker that handles thousands of " +
      "messages a second with a one-minute timeout holds tens of thousands of live timers and its memory grows " +
      "steadily. Create one `time.NewTimer` before the loop, `Reset` it where the timeout should restart, and `Stop` " +
      "it when the loop ends. The rule stays silent when every other case leaves the loop (the timer then fires or is " +
      "abandoned once), and from Go 1.23, where unreferenced timers are collected.",
    bad: `package worker

import "time"

func worker(jobs <-chan int, handle func(int)) {
	for {
		select {
		case j := <-jobs:
			handle(j)
		case <-time.After(time.Minute):
			return
		}
	}
}
`,
    good: `package worker

import "time"

func worker(jobs <-chan int, handle func(int)) {
	idle := time.NewTimer(time.Minute)
	defer idle.Stop()
	for {
		select {
		case j := <-jobs:
			handle(j)
			if !idle.Stop() {
				<-idle.C
			}
			idle.Reset(time.Minute)
		case <-idle.C:
			return
		}
	}
}
`,
    source: 'seeds 000 "意料之外的内存泄漏"; 001 #76; 003 §2.2',
  },
  create(ctx) {
    return {
      CallExpr(call) {
        if (ctx.atLeast("1.23") || !ctx.sem.isCallTo(call, "time.After")) return;
        const found = receivingClause(ctx.ancestors);
        if (found === null) return;
        if (enclosingLoop(ctx.ancestors.slice(0, found.index)) === null) return;
        // The leak needs iterations on which the timer did not fire: another clause that can
        // run and then let the loop go round again.
        const again = found.select.body.list.some(
          (c) => c !== found.clause && c.kind === "CommClause" && !endsInJump(ctx.sem, c.body, false),
        );
        if (!again) return;
        ctx.report(
          call,
          "time.After in a select inside a loop starts a new timer on every iteration, kept until it fires (before Go 1.23): create one time.NewTimer before the loop and Reset it",
        );
      },
    };
  },
});
