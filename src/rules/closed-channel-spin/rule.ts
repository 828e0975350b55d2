import { enclosingFunc, enclosingLoop, unparen, writesPlace } from "../../analysis/astutil.js";
import {
  type ChanRef,
  callsOf,
  canLeaveLoop,
  chanRef,
  clausesOf,
  closedChannel,
  commOf,
  isClosedInPackage,
  isContextDone,
  isNeverClosedChannel,
  refPrefix,
  refText,
} from "../../analysis/channels.js";
import { type FuncNode, flowOf } from "../../analysis/flow.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { CfgNode } from "../../semantic/cfg.js";
import type { Var } from "../../semantic/objects.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** Why a channel can be closed while the loop runs. */
interface Closer {
  kind: "context" | "closed" | "caller";
  /** The variable or field path received from; null for a direct `ctx.Done()`. */
  ref: ChanRef | null;
}

/** The index of a parameter among its function's parameters, and the function, or null. */
function paramIndex(fn: FuncNode, v: Var): number {
  let i = 0;
  for (const field of fn.type.params.list) {
    if (field.names.length === 0) {
      i++;
      continue;
    }
    for (const name of field.names) {
      if (name.pos === v.pos) return field.type.kind === "Ellipsis" ? -1 : i;
      i++;
    }
  }
  return -1;
}

/** The function (declaration or literal) whose parameter `v` is, among the ancestors. */
function declaringFunc(ancestors: readonly ast.Node[], v: Var): FuncNode | null {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const n = ancestors[i]!;
    if (n.kind !== "FuncDecl" && n.kind !== "FuncLit") continue;
    if (v.pos >= n.type.pos && v.pos < n.type.end) return n;
    if (n.kind === "FuncDecl" && n.recv !== null && v.pos >= n.recv.pos && v.pos < n.recv.end) return n;
  }
  return null;
}

/** The calls that pass arguments to a function: its calls in the package, or the call of a literal. */
function callsPassing(ctx: RuleContext, fn: FuncNode, ancestors: readonly ast.Node[]): ast.CallExpr[] {
  if (fn.kind === "FuncDecl") return [...callsOf(ctx.sem, fn)];
  const i = ancestors.indexOf(fn);
  const parent = i > 0 ? ancestors[i - 1] : undefined;
  return parent?.kind === "CallExpr" && unparen(parent.fun) === fn ? [parent] : [];
}

/** Whether a local variable is set to `ctx.Done()`: `done := ctx.Done()`. */
function holdsContextDone(ctx: RuleContext, v: Var, fn: FuncNode): boolean {
  let found = false;
  inspect(fn, (n) => {
    if (found) return false;
    if (n.kind === "AssignStmt" && n.lhs.length === n.rhs.length) {
      n.lhs.forEach((l, i) => {
        if (l.kind === "Ident" && ctx.sem.objectOf(l) === v && isContextDone(ctx.sem, n.rhs[i]!))
          found = true;
      });
    } else if (n.kind === "ValueSpec" && n.names.length === n.values.length) {
      n.names.forEach((name, i) => {
        if (ctx.sem.objectOf(name) === v && isContextDone(ctx.sem, n.values[i]!)) found = true;
      });
    }
    return true;
  });
  return found;
}

/** Whether the channel a case receives from can be closed, and why; null when it cannot or we cannot tell. */
function closerOf(ctx: RuleContext, x: ast.Expr, fn: FuncNode, loop: ast.ForStmt): Closer | null {
  if (isContextDone(ctx.sem, x)) {
    // `ctx = other` in the case gives the next iteration another Done channel
    const call = unparen(x) as ast.CallExpr;
    const fun = unparen(call.fun);
    const recv = fun.kind === "SelectorExpr" ? chanRef(ctx.sem, fun.x) : null;
    return { kind: "context", ref: recv };
  }
  if (isNeverClosedChannel(ctx.sem, x)) return null;
  const ref = chanRef(ctx.sem, x);
  if (ref === null) return null;
  const last = ref.fields.length > 0 ? ref.fields[ref.fields.length - 1]! : ref.root;
  // a variable that only this loop closes (on its way out, say) is the loop's own business
  if (isClosedInPackage(ctx.sem, last) && (ref.fields.length > 0 || !closedOnlyIn(ctx, fn, ref.root, loop)))
    return { kind: "closed", ref };
  if (ref.fields.length > 0) return null;
  if (!ref.root.isParam) return holdsContextDone(ctx, ref.root, fn) ? { kind: "context", ref } : null;
  // a parameter: closeable when a caller passes a channel the package closes
  const decl = declaringFunc(ctx.ancestors, ref.root);
  if (decl === null) return null;
  const index = paramIndex(decl, ref.root);
  if (index < 0) return null;
  for (const call of callsPassing(ctx, decl, ctx.ancestors)) {
    const arg = call.args[index];
    if (arg === undefined || call.ellipsis >= 0) continue;
    const argRef = chanRef(ctx.sem, arg);
    if (argRef === null) continue;
    const argLast = argRef.fields.length > 0 ? argRef.fields[argRef.fields.length - 1]! : argRef.root;
    if (isClosedInPackage(ctx.sem, argLast)) return { kind: "caller", ref };
  }
  return null;
}

/**
 * Whether a variable may change behind the loop's back: assigned inside a function literal (a
 * `stop` closure that sets `done = nil`), or its address taken.
 */
function changedElsewhere(ctx: RuleContext, fn: FuncNode, v: Var): boolean {
  const parents = flowOf(ctx.sem, fn).parents;
  for (const id of ctx.sem.uses(v)) {
    if (id.pos < fn.pos || id.end > fn.end) continue;
    const p = parents.get(id);
    if (p === undefined) continue;
    if (p.kind === "UnaryExpr" && p.op === "&") return true;
    if (!writesPlace(p, id)) continue;
    for (let a = parents.get(id); a !== undefined && a !== fn; a = parents.get(a)) {
      if (a.kind === "FuncLit") return true;
    }
  }
  return false;
}

/** Whether every `close` of a variable in the function sits inside the loop. */
function closedOnlyIn(ctx: RuleContext, fn: FuncNode, v: Var, loop: ast.ForStmt): boolean {
  let inside = false;
  let outside = false;
  inspect(fn, (n) => {
    if (n.kind !== "CallExpr") return true;
    const ch = closedChannel(ctx.sem, n);
    if (ch === null) return true;
    const x = unparen(ch);
    if (x.kind !== "Ident" || ctx.sem.objectOf(x) !== v) return true;
    if (n.pos >= loop.pos && n.end <= loop.end) inside = true;
    else outside = true;
    return true;
  });
  return inside && !outside;
}

/** Whether a graph node assigns the channel's variable or a path holding it (`ch = nil`, `s = t`). */
function assignsRef(ctx: RuleContext, node: CfgNode, ref: ChanRef): boolean {
  if (node.kind !== "AssignStmt") return false;
  return node.lhs.some((l) => {
    const r = chanRef(ctx.sem, l);
    return r !== null && refPrefix(r, ref);
  });
}

function checkSelect(ctx: RuleContext, sel: ast.SelectStmt): void {
  const loop = enclosingLoop(ctx.ancestors);
  if (loop === null || loop.kind !== "ForStmt" || loop.cond !== null) return;
  const fn = enclosingFunc(ctx.ancestors);
  if (fn === null) return;
  const clauses = clausesOf(sel);
  const own = new Set<ast.Node>(clauses);
  let flow: ReturnType<typeof flowOf> | null = null;
  for (const clause of clauses) {
    const comm = commOf(clause);
    if (comm === null || comm.op !== "recv" || comm.commaOk || clause.comm === null) continue;
    const closer = closerOf(ctx, comm.chan, fn, loop);
    if (closer === null) continue;
    const root = closer.ref !== null && closer.ref.fields.length === 0 ? closer.ref.root : null;
    if (root !== null && changedElsewhere(ctx, fn, root)) continue;
    flow ??= flowOf(ctx.sem, fn);
    const point = flow.pointOf(clause.comm);
    if (point === undefined || !point.block.live) continue;
    const start = point.block;
    const leaves = canLeaveLoop(flow, loop, start, {
      avoid: (b) => b.stmt !== null && own.has(b.stmt),
      stopsAt: (n) => closer.ref !== null && assignsRef(ctx, n, closer.ref),
    });
    if (leaves) continue;
    const at = { pos: clause.pos, end: clause.colon + 1 };
    if (closer.kind === "context") {
      ctx.report(
        at,
        "this ctx.Done() case does not leave the loop: once the context is cancelled the channel is closed, the case is ready on every iteration and the loop spins at 100% CPU; return or break out of the loop in this case",
      );
      continue;
    }
    if (closer.ref === null) continue;
    const name = refText(closer.ref);
    const how = closer.kind === "caller" ? "a caller closes the channel it passes" : "the package closes it";
    ctx.report(
      at,
      `receiving from ${name} without ", ok" in a case that does not leave the loop: once ${name} is closed (${how}) the receive succeeds at once with the zero value on every iteration and the loop spins at 100% CPU; use v, ok := <-${name} and return, break out, or set ${name} = nil when !ok`,
    );
  }
}

export default defineRule({
  name: "closed-channel-spin",
  category: "concurrency",
  severity: "error",
  needs: ["syntax", "resolution", "flow"],
  docs: {
    summary:
      "A receive case in a for-select loop, without `, ok`, that does not leave the loop: once the channel is closed the loop spins at 100% CPU",
    details:
      "A receive from a closed channel never blocks: it returns the zero value at once. In `for { select { case v " +
      ":= <-ch: ... } }` that case is then ready on every iteration, so once `ch` is closed the loop turns into a busy " +
      "loop that burns a whole core, handles an endless stream of zero values, and never waits on the other cases " +
      "again; the goroutine does not exit either. Receive with `v, ok := <-ch` and, when `ok` is false, return, " +
      "`break` out of the loop with a label, or set `ch = nil` so that the `select` ignores the case from then on. " +
      "The same holds for `case <-ctx.Done():` when the case does not return: a cancelled context's `Done` channel " +
      "is closed for good. The rule reports only channels that can be closed: `ctx.Done()`, a variable or field " +
      "that the package closes somewhere (`close(ch)`, `close(s.done)`), and a parameter whose caller in the package " +
      "passes such a channel; `time.After`, tickers and timers are never closed. A case that returns, breaks out of " +
      "the loop, panics, or assigns the channel (on any path through the case and the rest of the loop body) is " +
      "left alone.",
    bad: `package consumer

func consume(c chan int, out func(int)) {
	for {
		select {
		case n := <-c:
			out(n)
		}
	}
}

func Run(nums []int, out func(int)) {
	c := make(chan int)
	go consume(c, out)
	for _, n := range nums {
		c <- n
	}
	close(c)
}
`,
    good: `package consumer

func consume(c chan int, out func(int)) {
	for {
		select {
		case n, ok := <-c:
			if !ok {
				return
			}
			out(n)
		}
	}
}

func Run(nums []int, out func(int)) {
	c := make(chan int)
	go consume(c, out)
	for _, n := range nums {
		c <- n
	}
	close(c)
}
`,
    source: '000 "意料之外的死循环"; 004 §4.4',
  },
  create(ctx) {
    return {
      SelectStmt(sel) {
        checkSelect(ctx, sel);
      },
    };
  },
});
