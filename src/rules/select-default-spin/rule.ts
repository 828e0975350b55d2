import { unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

// Builtins that neither block nor leave.
const quickBuiltins = new Set([
  "append",
  "cap",
  "clear",
  "complex",
  "copy",
  "delete",
  "imag",
  "len",
  "max",
  "min",
  "real",
]);

/** Whether a call can neither block nor take time: a conversion or a quick builtin. */
function isQuickCall(ctx: RuleContext, call: ast.CallExpr): boolean {
  const fun = unparen(call.fun);
  if (ctx.sem.typeAndValue(fun)?.mode === "typexpr") return true;
  if (fun.kind !== "Ident") return false;
  const obj = ctx.sem.objectOf(fun);
  return obj !== null && obj.kind === "Builtin" && quickBuiltins.has(obj.name);
}

/**
 * Whether statements surely run in no time and stay in the loop: no call (but conversions and
 * quick builtins), no channel operation, no nested loop or select, no jump out. An unlabeled
 * `break` stays in the loop only where it ends the select (`breakEndsSelect`).
 */
function isBusy(ctx: RuleContext, stmts: readonly ast.Stmt[], breakEndsSelect: boolean): boolean {
  let busy = true;
  for (const s of stmts) {
    inspect(s, (n) => {
      if (!busy) return false;
      switch (n.kind) {
        case "FuncLit":
          return false;
        case "CallExpr":
          if (!isQuickCall(ctx, n)) busy = false;
          return busy;
        case "UnaryExpr":
          if (n.op === "<-") busy = false;
          return busy;
        case "SendStmt":
        case "SelectStmt":
        case "ForStmt":
        case "RangeStmt":
        case "ReturnStmt":
        case "GoStmt":
        case "DeferStmt":
          busy = false;
          return false;
        case "SwitchStmt":
        case "TypeSwitchStmt":
          // a break inside would end the switch, which tells nothing: stay on the safe side
          busy = false;
          return false;
        case "BranchStmt":
          if (n.label !== null || n.tok === "goto" || (n.tok === "break" && !breakEndsSelect)) busy = false;
          return false;
        default:
          return true;
      }
    });
    if (!busy) return false;
  }
  return busy;
}

export default defineRule({
  name: "select-default-spin",
  category: "concurrency",
  severity: "warning",
  needs: ["syntax", "flow"],
  // tests spin on purpose: CPU hogs for scheduler tests, a for {} closing a function that panics
  skipTests: true,
  docs: {
    summary:
      "A for loop around a select whose default does nothing spins at 100% CPU; so does an empty for {}",
    details:
      "A `select` with a `default` case never blocks: when no channel is ready, `default` runs at once. Put in a bare " +
      "`for { }` with a `default` that neither waits nor leaves, it becomes a busy loop that burns a whole core " +
      "polling channels, starves other goroutines and still reacts no faster than a blocking `select`. Drop the " +
      "`default` so the `select` waits for a channel, or wait in it (a `time.Ticker`, a condition variable); an empty " +
      "`for {}` used to block forever spins the same way, where `select {}` sleeps. The rule only reports loops whose " +
      "every statement is known to be instant, so a loop that does real work between polls is left alone. Test " +
      "files are not reported: there a spinning goroutine is a deliberate CPU hog (the runtime's scheduler tests), " +
      "and a `for {}` after a call that panics only makes the function end in a terminating statement.",
    bad: `package worker

func drain(jobs <-chan int, quit <-chan struct{}, handle func(int)) {
	for {
		select {
		case j := <-jobs:
			handle(j)
		case <-quit:
			return
		default:
		}
	}
}
`,
    good: `package worker

func drain(jobs <-chan int, quit <-chan struct{}, handle func(int)) {
	for {
		select {
		case j := <-jobs:
			handle(j)
		case <-quit:
			return
		}
	}
}
`,
    source: 'seeds 004 §4.4 (select default branch); 000 "意料之外的死循环"',
  },
  create(ctx) {
    return {
      ForStmt(loop) {
        if (loop.init !== null || loop.cond !== null || loop.post !== null) return;
        const body = loop.body.list;
        if (body.length === 0) {
          ctx.report(
            { pos: loop.pos, end: loop.body.pos },
            "empty for loop spins at 100% CPU forever: to block forever use select {}, else wait on a channel",
          );
          return;
        }
        const selects = body.filter((s): s is ast.SelectStmt => s.kind === "SelectStmt");
        if (selects.length !== 1) return;
        const select = selects[0]!;
        const others = body.filter((s) => s !== select);
        const def = select.body.list.find(
          (c): c is ast.CommClause => c.kind === "CommClause" && c.comm === null,
        );
        if (def === undefined || !isBusy(ctx, def.body, true) || !isBusy(ctx, others, false)) return;
        ctx.report(
          { pos: def.pos, end: def.colon + 1 },
          "default case makes this for-select a busy loop: when no channel is ready it spins at 100% CPU; remove the default to block, or wait in it",
        );
      },
    };
  },
});
