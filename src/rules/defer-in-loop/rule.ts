import { endsInJump, unparen } from "../../analysis/astutil.js";
import { defineRule } from "../../analysis/rule.js";
import type { SemanticModel } from "../../semantic/semantic-model.js";
import type * as ast from "../../syntax/ast.js";

/**
 * Whether the iteration that runs the `defer` surely leaves the loop: one of the statement
 * lists between the `defer` and the loop body (both included) ends in a jump out of the loop.
 */
function leavesAfter(sem: SemanticModel, ancestors: readonly ast.Node[], loopIndex: number): boolean {
  for (let i = ancestors.length - 1; i > loopIndex; i--) {
    const n = ancestors[i]!;
    let list: readonly ast.Stmt[] | null = null;
    if (n.kind === "BlockStmt") list = n.list;
    else if (n.kind === "CaseClause" || n.kind === "CommClause") list = n.body;
    if (list !== null && endsInJump(sem, list, breakLeavesLoop(ancestors, loopIndex, i))) return true;
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

export default defineRule({
  name: "defer-in-loop",
  category: "resources",
  severity: "warning",
  needs: ["syntax"],
  docs: {
    summary: "defer inside a loop body runs when the function returns, not at the end of each iteration",
    details:
      "A deferred call runs when the surrounding function returns. Written in a `for` body to close what the " +
      "iteration opened, it closes nothing until the whole loop is done: a function that walks ten thousand files " +
      "holds ten thousand descriptors open and fails with `too many open files`, a loop that locks a mutex per item " +
      "deadlocks on the second item, and a loop that never ends leaks forever. Move the body into a function (a " +
      "named helper or a func literal called per iteration) so that `defer` runs at the end of each call, or " +
      "release the resource explicitly at the end of the iteration. A `defer` after which the iteration surely " +
      "leaves the loop (`return`, `break`) runs once and is not reported.",
    bad: `package files

import "os"

func readFiles(paths <-chan string) error {
	for p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		_ = f
	}
	return nil
}
`,
    good: `package files

import "os"

func readFiles(paths <-chan string) error {
	for p := range paths {
		if err := readFile(p); err != nil {
			return err
		}
	}
	return nil
}

func readFile(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	_ = f
	return nil
}
`,
    source: 'seeds 000 "循环中使用defer"; gocritic deferInLoop; revive defer',
  },
  create(ctx) {
    return {
      DeferStmt(d) {
        const anc = ctx.ancestors;
        let loopIndex = -1;
        for (let i = anc.length - 1; i >= 0; i--) {
          const k = anc[i]!.kind;
          if (k === "FuncDecl" || k === "FuncLit") break;
          if (k === "ForStmt" || k === "RangeStmt") {
            loopIndex = i;
            break;
          }
        }
        if (loopIndex < 0 || leavesAfter(ctx.sem, anc, loopIndex)) return;
        const fun = unparen(d.call.fun);
        const what =
          fun.kind === "FuncLit" || fun.end - fun.pos > 40
            ? "deferred call"
            : `defer ${ctx.source.decode(fun.pos, fun.end)}()`;
        ctx.report(
          { pos: d.pos, end: fun.kind === "FuncLit" ? d.pos + "defer".length : d.end },
          `${what} in a loop runs only when the function returns, not at the end of each iteration: resources pile up until then; move the loop body into a function or release explicitly`,
        );
      },
    };
  },
});
