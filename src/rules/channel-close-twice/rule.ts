import { unparen, writesPlace } from "../../analysis/astutil.js";
import {
  type ChanRef,
  chanRef,
  closedChannel,
  mustForward,
  nodeTextHas,
  refPrefix,
  refText,
  sameRef,
} from "../../analysis/channels.js";
import { declOf, type FuncNode, flowOf } from "../../analysis/flow.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { Block, CfgNode } from "../../semantic/cfg.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** A channel the function closes, with the facts the analysis keeps about it. */
interface Tracked {
  ref: ChanRef;
  /** A field path or a package-level variable: a call into the package may reassign it. */
  volatile: boolean;
  /** The statements that close it (explicitly or deferred), for the message. */
  closes: ast.Stmt[];
}

type Event =
  | { kind: "close"; stmt: ast.ExprStmt; i: number }
  | { kind: "defer"; stmt: ast.DeferStmt; i: number }
  | { kind: "send"; stmt: ast.SendStmt; i: number }
  | { kind: "kill"; i: number };

/** The channel a deferred call closes: `defer close(ch)`, `defer func() { close(ch) }()`. */
function deferredClose(ctx: RuleContext, d: ast.DeferStmt): ast.Expr | null {
  const direct = closedChannel(ctx.sem, d.call);
  if (direct !== null) return direct;
  const fun = unparen(d.call.fun);
  if (fun.kind !== "FuncLit" || d.call.args.length > 0) return null;
  for (const s of fun.body.list) {
    if (s.kind !== "ExprStmt") continue;
    const ch = closedChannel(ctx.sem, s.x);
    if (ch !== null) return ch;
  }
  return null;
}

function isPackageLevel(ref: ChanRef): boolean {
  const v = ref.root;
  return v.pkg !== null && v.parent === v.pkg.scope;
}

/** Whether a call may reassign fields or package variables: a call of the package's code or of a function value. */
function mayReassign(ctx: RuleContext, call: ast.CallExpr): boolean {
  const fun = unparen(call.fun);
  if (fun.kind === "Ident" && ctx.sem.objectOf(fun)?.kind === "Builtin") return false;
  if (ctx.sem.typeAndValue(fun)?.mode === "typexpr") return false; // a conversion
  const f = ctx.sem.callee(call);
  if (f === null) return true;
  return f.pkg === ctx.sem.checked.pkg || declOf(ctx.sem, f) !== null;
}

/** The channels `fn` closes (outside function literals, but in deferred ones), by reference. */
function collect(ctx: RuleContext, fn: FuncNode): Tracked[] {
  const out: Tracked[] = [];
  const add = (x: ast.Expr, stmt: ast.Stmt): void => {
    const ref = chanRef(ctx.sem, x);
    if (ref === null) return;
    const known = out.find((t) => sameRef(t.ref, ref));
    if (known !== undefined) known.closes.push(stmt);
    else out.push({ ref, volatile: ref.fields.length > 0 || isPackageLevel(ref), closes: [stmt] });
  };
  if (fn.body === null) return out;
  inspect(fn.body, (n) => {
    if (n.kind === "FuncLit") return false;
    if (n.kind === "DeferStmt") {
      const ch = deferredClose(ctx, n);
      if (ch !== null) add(ch, n);
      return false;
    }
    if (n.kind === "ExprStmt") {
      const ch = closedChannel(ctx.sem, n.x);
      if (ch !== null) add(ch, n);
    }
    return true;
  });
  return out;
}

/** Local roots whose address is taken or that a function literal assigns: out of reach. */
function escapes(ctx: RuleContext, fn: FuncNode, t: Tracked): boolean {
  if (isPackageLevel(t.ref)) return false;
  const parents = flowOf(ctx.sem, fn).parents;
  for (const id of ctx.sem.uses(t.ref.root)) {
    if (id.pos < fn.pos || id.end > fn.end) continue;
    // climb the field path: `&s.done`, `s.done = ...` in a closure
    let cur: ast.Node = id;
    let p = parents.get(cur);
    while (
      p !== undefined &&
      (p.kind === "SelectorExpr" || p.kind === "ParenExpr") &&
      (p.kind !== "SelectorExpr" || p.x === cur)
    ) {
      cur = p;
      p = parents.get(cur);
    }
    if (p === undefined) continue;
    if (p.kind === "UnaryExpr" && p.op === "&") return true;
    if (!writesPlace(p, cur)) continue;
    for (let a = parents.get(id); a !== undefined && a !== fn; a = parents.get(a)) {
      if (a.kind === "FuncLit") return true;
    }
  }
  return false;
}

/** What a graph node does to the tracked channels, in order. */
function eventsOf(ctx: RuleContext, node: CfgNode, block: Block, tracked: readonly Tracked[]): Event[] {
  const events: Event[] = [];
  const indexOf = (x: ast.Expr): number => {
    const ref = chanRef(ctx.sem, x);
    return ref === null ? -1 : tracked.findIndex((t) => sameRef(t.ref, ref));
  };
  // calls into the package first: they may give a field a new channel
  let calls = false;
  inspect(node, (n) => {
    if (calls || n.kind === "FuncLit") return false;
    if (n.kind === "CallExpr" && mayReassign(ctx, n)) calls = true;
    return !calls;
  });
  if (calls) {
    tracked.forEach((t, i) => {
      if (t.volatile) events.push({ kind: "kill", i });
    });
  }
  if (node.kind === "ExprStmt") {
    const ch = closedChannel(ctx.sem, node.x);
    const i = ch === null ? -1 : indexOf(ch);
    if (i >= 0) events.push({ kind: "close", stmt: node, i });
  } else if (node.kind === "DeferStmt") {
    const ch = deferredClose(ctx, node);
    const i = ch === null ? -1 : indexOf(ch);
    if (i >= 0) events.push({ kind: "defer", stmt: node, i });
  } else if (node.kind === "SendStmt") {
    const i = indexOf(node.chan);
    if (i >= 0) events.push({ kind: "send", stmt: node, i });
  }
  const assigned = (x: ast.Expr): void => {
    const ref = chanRef(ctx.sem, x);
    if (ref === null) return;
    tracked.forEach((t, i) => {
      if (refPrefix(ref, t.ref)) events.push({ kind: "kill", i });
    });
  };
  if (node.kind === "AssignStmt") for (const l of node.lhs) assigned(l);
  else if (block.stmt?.kind === "RangeStmt" && (node === block.stmt.key || node === block.stmt.value))
    assigned(node as ast.Expr);
  return events;
}

function checkFunc(ctx: RuleContext, fn: FuncNode): void {
  if (!nodeTextHas(ctx.source, fn, "close")) return;
  const tracked = collect(ctx, fn).filter((t) => !escapes(ctx, fn, t));
  if (tracked.length === 0) return;
  const n = tracked.length;
  const flow = flowOf(ctx.sem, fn);
  // facts 0..n-1: closed on every path; n..2n-1: a deferred close registered on every path
  const transfer = (
    block: Block,
    state: boolean[],
    onEvent: ((e: Event, state: boolean[]) => void) | null,
  ) => {
    for (const node of block.nodes) {
      for (const e of eventsOf(ctx, node, block, tracked)) {
        onEvent?.(e, state);
        if (e.kind === "close") state[e.i] = true;
        else if (e.kind === "defer") state[n + e.i] = true;
        else if (e.kind === "kill") {
          state[e.i] = false;
          state[n + e.i] = false;
        }
      }
    }
  };
  const ins = mustForward(flow.cfg, new Array<boolean>(2 * n).fill(false), (b, s) => transfer(b, s, null));
  if (ins === null) return;
  const line = (s: ast.Node): number => ctx.source.lineOf(s.pos);
  /** The close the reader is pointed to: the last one before `at` in the source, else the first. */
  const earlier = (t: Tracked, at: ast.Node, deferred: boolean): ast.Stmt | undefined => {
    const list = t.closes.filter((c) => c !== at && (c.kind === "DeferStmt") === deferred);
    return list.filter((c) => c.pos < at.pos).pop() ?? list[0];
  };
  const reported = new Set<ast.Node>();
  for (const b of flow.cfg.blocks) {
    const start = ins.get(b);
    if (!b.live || start === undefined) continue;
    transfer(b, [...start], (e, state) => {
      if (e.kind === "kill" || reported.has(e.stmt)) return;
      const t = tracked[e.i]!;
      const name = refText(t.ref);
      const closed = state[e.i];
      const deferred = state[n + e.i];
      if (e.kind === "send") {
        if (!closed) return;
        const first = earlier(t, e.stmt, false);
        reported.add(e.stmt);
        ctx.report(
          e.stmt,
          `send on ${name} panics: it was closed${first === undefined ? "" : ` at line ${line(first)}`} on every path to here ("send on closed channel"); send before closing, and let the sender close the channel once it is done`,
        );
        return;
      }
      if (e.kind === "close" && closed) {
        const first = earlier(t, e.stmt, false);
        reported.add(e.stmt);
        ctx.report(
          e.stmt,
          `second close of ${name} panics: it was already closed${first === undefined ? "" : ` at line ${line(first)}`} on every path to here ("close of closed channel"); close a channel exactly once (guard it with sync.Once if several places may close it)`,
        );
        return;
      }
      if (e.kind === "close" && deferred) {
        const d = earlier(t, e.stmt, true);
        reported.add(e.stmt);
        ctx.report(
          e.stmt,
          `close of ${name} panics when the function returns: the deferred close${d === undefined ? "" : ` at line ${line(d)}`} closes it again ("close of closed channel"); keep only the deferred close`,
        );
        return;
      }
      if (e.kind === "defer" && closed) {
        const first = earlier(t, e.stmt, false);
        reported.add(e.stmt);
        ctx.report(
          e.stmt,
          `deferred close of ${name} panics when the function returns: it was already closed${first === undefined ? "" : ` at line ${line(first)}`} on every path to here ("close of closed channel"); close it once`,
        );
      }
    });
  }
}

export default defineRule({
  name: "channel-close-twice",
  category: "concurrency",
  severity: "error",
  needs: ["resolution", "flow"],
  // tests close twice and send after close on purpose, to check the runtime's panics
  skipTests: true,
  docs: {
    summary: "A channel closed twice, or sent on after it was closed, on every path: the program panics",
    details:
      "Closing a channel that is already closed panics with `close of closed channel`, and so does a send on a " +
      "closed channel (`send on closed channel`); neither can be recovered into anything sensible, and both usually " +
      "show up under load, when the rare path runs. The typical shapes are a `defer close(ch)` plus an explicit " +
      "`close(ch)` on an early-return path, a cleanup that closes what a previous step already closed, and a final " +
      "send (an error, a last result) after the channel was closed. The rule follows every path of the function and " +
      "reports a `close`, a deferred close or a send only when the same channel (the same variable, or the same " +
      "field path such as `s.done`) was closed by this function on all paths to it; reassigning the channel in " +
      "between, or a call into the package that may give the field a new channel, clears it, and closes inside " +
      "function literals (a `sync.Once`, a goroutine) are not followed. Close a channel exactly once, from the " +
      "sender side (`defer close(ch)` in the goroutine that sends), and guard a close that several places may reach " +
      "with `sync.Once`. Test files are not reported: there the panics are provoked on purpose.",
    bad: `package stream

func Produce(items []string, out chan<- string, valid func(string) bool) {
	defer close(out)
	for _, it := range items {
		if !valid(it) {
			close(out)
			return
		}
		out <- it
	}
}
`,
    good: `package stream

func Produce(items []string, out chan<- string, valid func(string) bool) {
	defer close(out)
	for _, it := range items {
		if !valid(it) {
			return
		}
		out <- it
	}
}
`,
    source: "003 §2.2 (close() 与发送并发引发 panic); 004 §4.4",
  },
  create(ctx) {
    const visit = (fn: FuncNode): void => checkFunc(ctx, fn);
    return { FuncDecl: visit, FuncLit: visit };
  },
});
