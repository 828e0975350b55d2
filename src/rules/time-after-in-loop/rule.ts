import { endsInJump, underlying } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
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

/** The index among the ancestors of the loop around the select at `selectIndex`, else -1. */
function enclosingLoopIndex(ancestors: readonly ast.Node[], selectIndex: number): number {
  for (let i = selectIndex - 1; i >= 0; i--) {
    const k = ancestors[i]!.kind;
    if (k === "ForStmt" || k === "RangeStmt") return i;
    if (k === "FuncDecl" || k === "FuncLit") return -1;
  }
  return -1;
}

/**
 * Whether a loop may go round for as long as the program runs: `for { }`, `for cond { }`, or
 * a range over a channel. A loop over a slice, a map or a counter starts a bounded number of
 * timers, which the rule leaves alone.
 */
function mayRunLong(ctx: RuleContext, loop: ast.ForStmt | ast.RangeStmt): boolean {
  if (loop.kind === "ForStmt") return loop.cond === null || (loop.init === null && loop.post === null);
  const t = underlying(ctx.sem.typeOf(loop.x));
  return t !== null && t.kind === "Chan";
}

/**
 * Whether control that leaves the select normally then surely leaves the loop: some statement
 * list between the select and the loop body ends in a jump after it.
 */
function leavesAfterSelect(
  ctx: RuleContext,
  ancestors: readonly ast.Node[],
  selectIndex: number,
  loopIndex: number,
): boolean {
  for (let i = selectIndex - 1; i > loopIndex; i--) {
    const n = ancestors[i]!;
    let list: readonly ast.Stmt[] | null = null;
    if (n.kind === "BlockStmt") list = n.list;
    else if (n.kind === "CaseClause" || n.kind === "CommClause") list = n.body;
    if (list === null) continue;
    const child = ancestors[i + 1] as ast.Stmt;
    const rest = list.slice(list.indexOf(child) + 1);
    if (endsInJump(ctx.sem, rest, breakLeavesLoop(ancestors, loopIndex, i))) return true;
  }
  return false;
}

/** Whether an unlabeled break at ancestors[at] leaves the loop: no switch or select in between. */
function breakLeavesLoop(ancestors: readonly ast.Node[], loopIndex: number, at: number): boolean {
  for (let i = loopIndex + 1; i <= at; i++) {
    const k = ancestors[i]!.kind;
    if (k === "SwitchStmt" || k === "TypeSwitchStmt" || k === "SelectStmt") return false;
  }
  return true;
}

function endsInContinue(stmts: readonly ast.Stmt[]): boolean {
  const last = stmts[stmts.length - 1];
  return last !== undefined && last.kind === "BranchStmt" && last.tok === "continue";
}

export default defineRule({
  name: "time-after-in-loop",
  category: "concurrency",
  severity: "warning",
  needs: ["syntax", "resolution", "version"],
  imports: ["time"],
  // a test's loops end with the test, and its timers with the test binary
  skipTests: true,
  docs: {
    summary:
      "time.After in a select inside a loop allocates a timer per iteration that lives until it fires (before Go 1.23)",
    details:
      "`time.After(d)` creates a new `time.Timer` each time it is evaluated and returns only its channel. In a " +
      "`for { select { ... } }` loop where another case keeps firing, every iteration starts a fresh timer that nobody " +
      "can stop; before Go 1.23 the runtime keeps each one until it fires, so a worker that handles thousands of " +
      "messages a second with a one-minute timeout holds tens of thousands of live timers and its memory grows " +
      "steadily. Create one `time.NewTimer` before the loop, `Reset` it where the timeout should restart, and `Stop` " +
      "it when the loop ends. The rule looks at loops that can run for the life of the program (`for {}`, `for cond {}`, " +
      "a range over a channel), and stays silent when every other case leaves the loop (the timer then fires or is " +
      "abandoned once), from Go 1.23, where unreferenced timers are collected, and in test files: a test's loop " +
      "ends with the test (its timeouts are per-iteration watchdogs over a handful of events), and its timers " +
      "with the test binary.",
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
        const loopIndex = enclosingLoopIndex(ctx.ancestors, found.index);
        if (loopIndex < 0 || !mayRunLong(ctx, ctx.ancestors[loopIndex] as ast.ForStmt | ast.RangeStmt))
          return;
        // The leak needs iterations on which the timer did not fire: another clause that can
        // run and then let the loop go round again.
        const fallsOut = leavesAfterSelect(ctx, ctx.ancestors, found.index, loopIndex);
        const again = found.select.body.list.some(
          (c) =>
            c !== found.clause &&
            c.kind === "CommClause" &&
            !endsInJump(ctx.sem, c.body, false) &&
            (!fallsOut || endsInContinue(c.body)),
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
