import { endsInJump, unparen } from "../../analysis/astutil.js";
import { defineRule } from "../../analysis/rule.js";
import type { SemanticModel } from "../../semantic/semantic-model.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** Methods that release what the iteration acquired: a descriptor, a connection, a lock, a transaction. */
const releaseMethods = new Set(["Close", "Unlock", "RUnlock", "Rollback", "Release"]);
const unlockMethods = new Set(["Unlock", "RUnlock"]);

/** Whether `e` mentions a variable declared between `from` and `to` in the file being checked. */
function mentionsVarIn(sem: SemanticModel, e: ast.Node, from: number, to: number): boolean {
  let found = false;
  inspect(e, (n) => {
    if (found) return false;
    if (n.kind === "Ident") {
      const obj = sem.objectOf(n);
      if (obj?.kind === "Var" && from <= obj.pos && obj.pos < to) found = true;
    }
    return true;
  });
  return found;
}

/**
 * Whether a call releases, and piles up, something the iteration acquired: `x.Close()`,
 * `x.Rollback()`, `x.Release()` of a value declared in the loop body (a file, a response body, a
 * transaction opened by this iteration), or `mu.Unlock()` of the same mutex on every iteration
 * (locked again by the next one: a deadlock).
 */
function releasesIterationResource(
  sem: SemanticModel,
  call: ast.CallExpr,
  loop: ast.ForStmt | ast.RangeStmt,
): boolean {
  const fun = unparen(call.fun);
  if (fun.kind !== "SelectorExpr" || !releaseMethods.has(fun.sel.name)) return false;
  const m = sem.objectOf(fun.sel);
  if (m?.kind !== "Func" || !m.isMethod()) return false;
  if (unlockMethods.has(fun.sel.name)) return !mentionsVarIn(sem, fun.x, loop.pos, loop.end);
  return mentionsVarIn(sem, fun.x, loop.body.pos, loop.body.end);
}

/** Whether the deferred call, or a call made directly by a deferred func literal, releases what the iteration acquired. */
function defersRelease(sem: SemanticModel, d: ast.DeferStmt, loop: ast.ForStmt | ast.RangeStmt): boolean {
  const fun = unparen(d.call.fun);
  if (fun.kind !== "FuncLit") return releasesIterationResource(sem, d.call, loop);
  let found = false;
  inspect(fun.body, (n) => {
    if (found || n.kind === "FuncLit") return false;
    if (n.kind === "CallExpr" && releasesIterationResource(sem, n, loop)) found = true;
    return true;
  });
  return found;
}

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
  // test loops run over small tables, and their defers clean up when the test ends on purpose
  skipTests: true,
  docs: {
    summary: "defer inside a loop body runs when the function returns, not at the end of each iteration",
    details:
      "A deferred call runs when the surrounding function returns. Written in a `for` body to close what the " +
      "iteration opened, it closes nothing until the whole loop is done: a function that walks ten thousand files " +
      "holds ten thousand descriptors open and fails with `too many open files`, a loop that locks a mutex per item " +
      "deadlocks on the second item, and a loop that never ends leaks forever. Move the body into a function (a " +
      "named helper or a func literal called per iteration) so that `defer` runs at the end of each call, or " +
      "release the resource explicitly at the end of the iteration. A `defer` after which the iteration surely " +
      "leaves the loop (`return`, `break`) runs once and is not reported. The rule reports the releases that pile " +
      "up: `Close`, `Rollback` or `Release` of a value declared in the loop body (what this iteration opened), and " +
      "`Unlock`/`RUnlock` of a mutex that is the same on every iteration (a different mutex per iteration, as when " +
      "locking a chain of parents, is held on purpose). Other deferred calls (restoring a scope or a file mode, a " +
      "cleanup callback, a context's `cancel`, a timer's `Stop`) are usually meant to run at the function's exit, " +
      "or free only memory the return frees; they are left alone, and so are test files, whose loops run over " +
      "small tables and whose defers clean up when the test ends.",
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
        const loop = anc[loopIndex]!;
        if ((loop.kind !== "ForStmt" && loop.kind !== "RangeStmt") || !defersRelease(ctx.sem, d, loop))
          return;
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
