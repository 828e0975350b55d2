import { unparen } from "../../analysis/astutil.js";
import { defineRule } from "../../analysis/rule.js";
import type { Obj } from "../../semantic/objects.js";
import type { SemanticModel } from "../../semantic/semantic-model.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** The value a variable is declared with (`v := x`, `var v = x`), or null. */
function declaredValue(sem: SemanticModel, obj: Obj): ast.Expr | null {
  const parsed = sem.checked.files.find((f) => f.source.name === obj.file);
  if (parsed === undefined) return null;
  let value: ast.Expr | null = null;
  // descend only into the nodes that contain the declaring identifier
  inspect(parsed.file, (n) => {
    if (value !== null || n.pos > obj.pos || n.end <= obj.pos) return false;
    if (n.kind === "AssignStmt" && n.tok === ":=" && n.lhs.length === n.rhs.length) {
      const i = n.lhs.findIndex((l) => l.pos === obj.pos);
      if (i >= 0) value = n.rhs[i]!;
    } else if (n.kind === "ValueSpec" && n.names.length === n.values.length) {
      const i = n.names.findIndex((id) => id.pos === obj.pos);
      if (i >= 0) value = n.values[i]!;
    }
    return true;
  });
  return value;
}

/** Whether x is `make(chan T)` or `make(chan T, 0)`. */
function isUnbufferedMake(sem: SemanticModel, x: ast.Expr): boolean {
  const e = unparen(x);
  if (e.kind !== "CallExpr") return false;
  const fun = unparen(e.fun);
  if (fun.kind !== "Ident" || sem.objectOf(fun)?.kind !== "Builtin" || fun.name !== "make") return false;
  if (e.args.length === 1) return true;
  if (e.args.length !== 2) return false;
  const size = sem.typeAndValue(e.args[1]!);
  const v = size?.value ?? null;
  return v !== null && ((v.kind === "Int" && v.value === 0n) || (v.kind === "Float" && v.num === 0n));
}

export default defineRule({
  name: "signal-unbuffered",
  category: "concurrency",
  severity: "warning",
  needs: ["resolution", "types"],
  imports: ["os/signal"],
  docs: {
    summary: "signal.Notify is given an unbuffered channel, so signals can be dropped",
    details:
      "The signal package never blocks when it delivers a signal: if the channel passed to " +
      "`signal.Notify` has no room, the signal is dropped. With an unbuffered channel, a signal that " +
      "arrives while the program is not blocked in the receive (still starting up, or busy handling " +
      "the previous signal) is lost, and a SIGTERM meant to start a graceful shutdown is silently " +
      "ignored. Give the channel a buffer: `make(chan os.Signal, 1)` is enough for one kind of " +
      "signal. The rule reports a channel variable declared with `make(chan os.Signal)`, as go " +
      "vet's sigchanyzer does.",
    bad: `package main

import (
	"os"
	"os/signal"
)

func main() {
	sigs := make(chan os.Signal)
	signal.Notify(sigs, os.Interrupt)
	<-sigs
}
`,
    good: `package main

import (
	"os"
	"os/signal"
)

func main() {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	<-sigs
}
`,
    source: "seed 004 (chapter 55, graceful shutdown on signals); go vet sigchanyzer",
  },
  create(ctx) {
    return {
      CallExpr(call) {
        if (call.args.length === 0 || !ctx.sem.isCallTo(call, "os/signal.Notify")) return;
        const arg = unparen(call.args[0]!);
        // a channel made in the call itself is never received from: nothing is lost that anyone waits for
        if (arg.kind !== "Ident") return;
        const obj = ctx.sem.objectOf(arg);
        if (obj === null || obj.kind !== "Var") return;
        const value = declaredValue(ctx.sem, obj);
        if (value === null || !isUnbufferedMake(ctx.sem, value)) return;
        ctx.report(
          call,
          `signal.Notify with unbuffered channel ${arg.name}: signals are not waited for, so one that arrives ` +
            "while nobody is receiving is dropped; give the channel a buffer: make(chan os.Signal, 1)",
          [{ pos: value.pos, end: value.end, message: `${arg.name} is made without a buffer here` }],
        );
      },
    };
  },
});
