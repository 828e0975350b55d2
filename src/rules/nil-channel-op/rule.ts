import { unparen, writesPlace } from "../../analysis/astutil.js";
import { isChanType, mustForward, nodeTextHas } from "../../analysis/channels.js";
import { type FuncNode, flowOf } from "../../analysis/flow.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { Block, CfgNode } from "../../semantic/cfg.js";
import type { Var } from "../../semantic/objects.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** A local channel variable that starts out nil. */
interface Place {
  v: Var;
  /** The var specs and `v = nil` assignments that make it nil. */
  nils: Set<CfgNode>;
  declPos: number;
  /** Assigned something other than nil somewhere in the function. */
  assigned: boolean;
  /** Its address taken or written by a function literal: out of this analysis's hands. */
  escapes: boolean;
}

type OpKind = "send" | "receive" | "range" | "case";

interface Op {
  kind: OpKind;
  at: ast.Node;
  chan: ast.Expr;
  /** A bare receive statement `<-ch` (a deliberate way to block forever, sometimes). */
  bare: boolean;
}

function isNil(ctx: RuleContext, x: ast.Expr): boolean {
  const e = unparen(x);
  return e.kind === "Ident" && ctx.sem.objectOf(e)?.kind === "Nil";
}

function localChanVar(ctx: RuleContext, id: ast.Ident): Var | null {
  if (id.name === "_") return null;
  const obj = ctx.sem.objectOf(id);
  if (obj === null || obj.kind !== "Var" || obj.isField || obj.isParam) return null;
  return isChanType(obj.type) ? obj : null;
}

/** The channel variables of a function body declared nil, with what assigns them. */
function collectPlaces(ctx: RuleContext, fn: FuncNode): Map<Var, Place> {
  const places = new Map<Var, Place>();
  if (fn.body === null) return places;
  inspect(fn.body, (n) => {
    if (n.kind === "FuncLit") return false;
    if (n.kind !== "ValueSpec") return true;
    n.names.forEach((name, i) => {
      const value = n.values[i];
      if (value === undefined ? n.values.length > 0 : !isNil(ctx, value)) return;
      const v = localChanVar(ctx, name);
      if (v !== null)
        places.set(v, { v, nils: new Set([n]), declPos: name.pos, assigned: false, escapes: false });
    });
    return false;
  });
  if (places.size === 0) return places;
  const flow = flowOf(ctx.sem, fn);
  const parents = flow.parents;
  for (const place of places.values()) {
    for (const id of ctx.sem.uses(place.v)) {
      if (id.pos < fn.pos || id.end > fn.end) continue;
      const p = parents.get(id);
      if (p === undefined) continue;
      if (p.kind === "UnaryExpr" && p.op === "&") {
        place.escapes = true;
        continue;
      }
      if (!writesPlace(p, id)) continue;
      let inLit = false;
      for (let a = parents.get(id); a !== undefined && a !== fn; a = parents.get(a)) {
        if (a.kind === "FuncLit") inLit = true;
      }
      if (inLit) {
        place.escapes = true;
        continue;
      }
      if (
        p.kind === "AssignStmt" &&
        p.tok === "=" &&
        p.lhs.length === 1 &&
        p.rhs.length === 1 &&
        isNil(ctx, p.rhs[0]!)
      ) {
        const holder = flow.holder(p);
        if (holder !== null) place.nils.add(holder);
        continue;
      }
      place.assigned = true;
    }
  }
  return places;
}

/** The variables a graph node assigns (other than to nil, which `nils` handles). */
function assignedVars(ctx: RuleContext, node: CfgNode, block: Block): Var[] {
  const out: Var[] = [];
  const add = (x: ast.Expr | null): void => {
    if (x === null) return;
    const e = unparen(x);
    if (e.kind !== "Ident") return;
    const obj = ctx.sem.objectOf(e);
    if (obj !== null && obj.kind === "Var") out.push(obj);
  };
  if (node.kind === "AssignStmt") for (const l of node.lhs) add(l);
  else if (block.stmt?.kind === "RangeStmt" && (node === block.stmt.key || node === block.stmt.value))
    add(node as ast.Expr);
  return out;
}

/** The channel operations a graph node performs, outside function literals. */
function opsOf(node: CfgNode, block: Block, parents: Map<ast.Node, ast.Node>): Op[] {
  const ops: Op[] = [];
  const clause = block.stmt?.kind === "CommClause" && block.stmt.comm === node ? block.stmt : null;
  const parent = parents.get(node);
  if (parent?.kind === "RangeStmt" && parent.x === node) {
    ops.push({ kind: "range", at: node, chan: node as ast.Expr, bare: false });
  }
  inspect(node, (n) => {
    if (n.kind === "FuncLit") return false;
    if (n.kind === "SendStmt") {
      ops.push({ kind: clause !== null && n === node ? "case" : "send", at: n, chan: n.chan, bare: false });
    } else if (n.kind === "UnaryExpr" && n.op === "<-") {
      const isComm =
        clause !== null &&
        (node.kind === "ExprStmt" ? node.x : node.kind === "AssignStmt" ? node.rhs[0] : null) === n;
      const bare = node.kind === "ExprStmt" && unparen(node.x) === n;
      ops.push({
        kind: isComm ? "case" : "receive",
        at: isComm && clause !== null ? clause : n,
        chan: n.x,
        bare,
      });
    }
    return true;
  });
  return ops;
}

function checkFunc(ctx: RuleContext, fn: FuncNode): void {
  // every channel this rule follows is declared with var
  if (!nodeTextHas(ctx.source, fn, "var")) return;
  const all = collectPlaces(ctx, fn);
  const live = [...all.values()].filter((p) => !p.escapes);
  if (live.length === 0) return;
  const index = new Map<Var, number>(live.map((p, i) => [p.v, i]));
  const flow = flowOf(ctx.sem, fn);
  const transfer = (block: Block, state: boolean[], onOp: ((op: Op, i: number) => void) | null): void => {
    for (const node of block.nodes) {
      if (onOp !== null) {
        for (const op of opsOf(node, block, flow.parents)) {
          const c = unparen(op.chan);
          if (c.kind !== "Ident") continue;
          const obj = ctx.sem.objectOf(c);
          const i = obj === null || obj.kind !== "Var" ? undefined : index.get(obj);
          if (i !== undefined && state[i]) onOp(op, i);
        }
      }
      for (const v of assignedVars(ctx, node, block)) {
        const i = index.get(v);
        if (i !== undefined) state[i] = false;
      }
      live.forEach((p, i) => {
        if (p.nils.has(node)) state[i] = true;
      });
    }
  };
  const ins = mustForward(
    flow.cfg,
    live.map(() => false),
    (b, s) => transfer(b, s, null),
  );
  if (ins === null) return;
  const mainLike =
    ctx.source.name.endsWith("_test.go") ||
    (fn.kind === "FuncDecl" && fn.name.name === "main" && ctx.file.name.name === "main");
  const reported = new Set<ast.Node>();
  for (const b of flow.cfg.blocks) {
    const start = ins.get(b);
    if (!b.live || start === undefined) continue;
    transfer(b, [...start], (op, i) => {
      if (reported.has(op.at)) return;
      const place = live[i]!;
      const name = place.v.name;
      const line = ctx.source.lineOf(place.declPos);
      if (op.kind === "case") {
        // the nil-channel idiom: a case switched off until the loop assigns the channel
        if (place.assigned || place.nils.size > 1) return;
        reported.add(op.at);
        ctx.report(
          op.at,
          `this select case on ${name} can never proceed: ${name} is declared nil (line ${line}) and nothing in the function makes it, and a nil channel is never ready (the select blocks forever if no other case is); make it with make(chan ...) or drop the case`,
        );
        return;
      }
      // `var forever chan struct{}; <-forever`: blocking for good on purpose
      if (op.bare && (mainLike || /forever|block|never|hang/i.test(name))) return;
      reported.add(op.at);
      const what = op.kind === "send" ? "send on" : op.kind === "receive" ? "receive from" : "range over";
      ctx.report(
        op.at,
        `${what} nil channel ${name} blocks forever: ${name} is declared nil (line ${line}) and no path to here assigns it, so this goroutine hangs and leaks; make it with make(chan ...) first`,
      );
    });
  }
}

export default defineRule({
  name: "nil-channel-op",
  category: "concurrency",
  severity: "error",
  needs: ["resolution", "types", "flow"],
  // tests block goroutines on nil channels on purpose (to have them parked for a stack dump)
  skipTests: true,
  docs: {
    summary: "A send, receive or range on a channel variable that is still nil blocks forever",
    details:
      "The zero value of a channel is nil, and a nil channel is never ready: a send or a receive on it blocks " +
      "forever, a `range` over it never ends and never runs its body, and a `select` case on it is never chosen " +
      "(with no other case ready, the `select` blocks for good). No panic and no error tell you: the goroutine just " +
      "hangs, and if it is a request's or a worker's, it leaks. It happens when a channel is declared with `var ch " +
      "chan T` (or `= nil`) and used before anything made it, often because the `make` sits in a branch or was " +
      "forgotten. The rule follows every path from the declaration to the operation and reports only when the " +
      "channel is nil on all of them; a variable whose address is taken or that a function literal assigns is left " +
      "alone. In a `select`, a nil channel is also a deliberate way to switch a case off (`ch = nil` once it is " +
      "drained, a send case enabled only when there is something to send): a case is reported only when the " +
      "variable is never made anywhere in the function, so the case is dead. A bare `<-ch` in `main` or on a " +
      "variable named like `forever` is taken as a deliberate way to block, and test files, where goroutines are parked on nil channels on purpose, are not reported. Make the channel with `make(chan T)` " +
      "(buffered if the sender must not wait) before the first use.",
    bad: `package fanin

func Collect(inputs []int, work func(int) int) []int {
	var results chan int
	for _, in := range inputs {
		go func(in int) {
			results <- work(in)
		}(in)
	}
	out := make([]int, 0, len(inputs))
	for range inputs {
		out = append(out, <-results)
	}
	return out
}
`,
    good: `package fanin

func Collect(inputs []int, work func(int) int) []int {
	results := make(chan int, len(inputs))
	for _, in := range inputs {
		go func(in int) {
			results <- work(in)
		}(in)
	}
	out := make([]int, 0, len(inputs))
	for range inputs {
		out = append(out, <-results)
	}
	return out
}
`,
    source: "004 §4.4 (nil channel 的陷阱行为)",
  },
  create(ctx) {
    const visit = (fn: FuncNode): void => checkFunc(ctx, fn);
    return { FuncDecl: visit, FuncLit: visit };
  },
});
