import { defineRule } from "../../analysis/rule.js";
import type * as ast from "../../syntax/ast.js";

function isLast(list: readonly ast.Node[], n: ast.Node): boolean {
  return list.length > 0 && list[list.length - 1] === n;
}

/**
 * The index among the ancestors of the select/switch whose clause the visited `break` ends
 * (its last statement, or the last one of an if/else that is last in the clause), else -1.
 */
function endedStatement(brk: ast.BranchStmt, ancestors: readonly ast.Node[]): number {
  let node: ast.Node = brk;
  for (let i = ancestors.length - 1; i >= 2; i--) {
    const parent = ancestors[i]!;
    switch (parent.kind) {
      case "CaseClause":
      case "CommClause": {
        if (!isLast(parent.body, node)) return -1;
        const stmt = ancestors[i - 2]!;
        const kind = stmt.kind;
        return kind === "SelectStmt" || kind === "SwitchStmt" || kind === "TypeSwitchStmt" ? i - 2 : -1;
      }
      case "BlockStmt":
        if (!isLast(parent.list, node)) return -1;
        break;
      case "IfStmt":
        // the break sits in the body or the else branch; the if must itself end the clause
        if (node !== parent.body && node !== parent.else) return -1;
        break;
      case "LabeledStmt":
        break;
      default:
        return -1;
    }
    node = parent;
  }
  return -1;
}

/** Whether the statement at `index` runs in the body of a loop, through blocks and ifs only. */
function inLoopBody(ancestors: readonly ast.Node[], index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const n = ancestors[i]!;
    if (n.kind === "ForStmt" || n.kind === "RangeStmt") return true;
    if (n.kind !== "BlockStmt" && n.kind !== "IfStmt" && n.kind !== "LabeledStmt") return false;
  }
  return false;
}

/** How many cases of a switch end with an unlabeled break. */
function breakEndedCases(sw: ast.SwitchStmt | ast.TypeSwitchStmt): number {
  let n = 0;
  for (const c of sw.body.list) {
    if (c.kind !== "CaseClause") continue;
    const last = c.body[c.body.length - 1];
    if (last !== undefined && last.kind === "BranchStmt" && last.tok === "break" && last.label === null) n++;
  }
  return n;
}

export default defineRule({
  name: "break-in-select",
  category: "concurrency",
  severity: "error",
  needs: ["syntax", "flow"],
  docs: {
    summary:
      "An unlabeled break at the end of a select or switch case inside a loop ends the select, not the loop",
    details:
      "In Go, `break` leaves the innermost `for`, `switch` or `select`. Inside `for { select { case <-stop: ...; " +
      "break } }` it leaves the `select`, which was ending anyway, and the loop goes round again: the worker that " +
      "was told to stop keeps running, and its goroutine never exits. The same holds for a `switch` in a loop. To " +
      "leave the loop, label it and write `break loop`, or `return`; if the `break` was only meant to end the case, " +
      "delete it. Like staticcheck's SA4011, the rule reports a `break` that is the last statement of a case (or " +
      "of an `if`/`else` that ends the case) of a `select` or `switch` in a loop body. In a `switch`, a case made of " +
      '`break` alone ("nothing to do") and breaks that end several cases (a C habit) are left alone.',
    bad: `package worker

func worker(stop <-chan struct{}, jobs <-chan int, handle func(int)) {
	for {
		select {
		case <-stop:
			println("stop signal received")
			break
		case j := <-jobs:
			handle(j)
		}
	}
}
`,
    good: `package worker

func worker(stop <-chan struct{}, jobs <-chan int, handle func(int)) {
loop:
	for {
		select {
		case <-stop:
			println("stop signal received")
			break loop
		case j := <-jobs:
			handle(j)
		}
	}
}
`,
    source: 'seeds 000 "跳不出的循环"; staticcheck SA4011',
  },
  create(ctx) {
    return {
      BranchStmt(brk) {
        if (brk.tok !== "break" || brk.label !== null) return;
        const index = endedStatement(brk, ctx.ancestors);
        if (index < 0 || !inLoopBody(ctx.ancestors, index)) return;
        const what = ctx.ancestors[index]!.kind === "SelectStmt" ? "select" : "switch";
        // `case x: break` alone in a switch is the C idiom for "nothing to do", and breaks that end
        // several cases are C habit: neither is a lost exit from the loop
        const parent = ctx.ancestors[ctx.ancestors.length - 1]!;
        if (what === "switch" && parent.kind === "CaseClause" && parent.body.length === 1) return;
        if (
          what === "switch" &&
          breakEndedCases(ctx.ancestors[index] as ast.SwitchStmt | ast.TypeSwitchStmt) > 1
        )
          return;
        ctx.report(
          brk,
          `break ends the ${what} statement, not the enclosing for loop: to leave the loop use a labeled break or return, else delete it`,
        );
      },
    };
  },
});
