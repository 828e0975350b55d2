import { enclosingFunc, unparen } from "../../analysis/astutil.js";
import { type Flow, type FuncNode, flowOf } from "../../analysis/flow.js";
import {
  type ChannelMade,
  channelsMade,
  type GoroutineStart,
  goroutineStart,
  onCycle,
} from "../../analysis/goroutines.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { Block, CfgNode } from "../../semantic/cfg.js";
import type { Var } from "../../semantic/objects.js";
import { isInteger, under } from "../../semantic/predicates.js";
import type { SemanticModel } from "../../semantic/semantic-model.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** Sends (or receives) counted per goroutine path; reaching it means "as many as a loop makes". */
const LIMIT = 8;

/** What the goroutine does with the channel. */
interface GoroutineOps {
  /** Graph nodes of the goroutine's body that send on the channel. */
  sends: Set<CfgNode>;
  /** Graph nodes that receive from it (outside a range). */
  recvs: Set<CfgNode>;
  /** Range loops over it. */
  ranges: ast.RangeStmt[];
}

/** What the spawning function does with the channel, outside the goroutine. */
interface SpawnerOps {
  recvs: Set<CfgNode>;
  ranges: Set<ast.RangeStmt>;
  sends: Set<CfgNode>;
  closes: Set<CfgNode>;
  /** The positions of all its operations, to find those made before the goroutine starts. */
  first: number;
}

/** The identifier's parent, through parentheses; and the child that is the parent's operand. */
function parentOf(flow: Flow, id: ast.Expr): { p: ast.Node | undefined; child: ast.Node } {
  let child: ast.Node = id;
  let p = flow.parents.get(id);
  while (p !== undefined && p.kind === "ParenExpr") {
    child = p;
    p = flow.parents.get(p);
  }
  return { p, child };
}

/** Whether a use lies in a function literal nested in `flow`'s function (below `stop`). */
function inNestedLit(flow: Flow, id: ast.Node, stop: ast.Node): boolean {
  for (let n = flow.parents.get(id); n !== undefined && n !== stop; n = flow.parents.get(n)) {
    if (n.kind === "FuncLit") return true;
  }
  return false;
}

function isBuiltinCall(sem: SemanticModel, p: ast.Node, names: readonly string[]): boolean {
  if (p.kind !== "CallExpr") return false;
  const fun = unparen(p.fun);
  if (fun.kind !== "Ident" || !names.includes(fun.name)) return false;
  const obj = sem.objectOf(fun);
  return obj !== null && obj.kind === "Builtin";
}

/** The select statement whose case communicates with `node`, when node is a case's comm. */
function selectOfComm(flow: Flow, node: ast.Node): ast.SelectStmt | null {
  const clause = flow.parents.get(node);
  if (clause?.kind !== "CommClause" || clause.comm !== node) return null;
  const block = flow.parents.get(clause);
  const sel = block === undefined ? undefined : flow.parents.get(block);
  return sel?.kind === "SelectStmt" ? sel : null;
}

type Kind = "send" | "recv" | "range" | "close" | "neutral";

/**
 * What a use of the channel variable does: send, receive, range, close, a neutral use (len,
 * cap, a nil comparison), or null when it hands the channel on (escape) or waits for it
 * alongside other cases of a select (not a blocking operation).
 */
function classify(
  sem: SemanticModel,
  flow: Flow,
  id: ast.Ident,
  inGoroutine: boolean,
): { kind: Kind; node: CfgNode } | null {
  const { p, child } = parentOf(flow, id);
  if (p === undefined) return null;
  let kind: Kind;
  if (p.kind === "SendStmt" && p.chan === child) kind = "send";
  else if (p.kind === "UnaryExpr" && p.op === "<-") kind = "recv";
  else if (p.kind === "RangeStmt" && p.x === child) return { kind: "range", node: p };
  else if (isBuiltinCall(sem, p, ["close"])) kind = "close";
  else if (isBuiltinCall(sem, p, ["len", "cap"])) kind = "neutral";
  else if (p.kind === "BinaryExpr" && (p.op === "==" || p.op === "!=")) {
    const other = unparen(p.x === child ? p.y : p.x);
    if (other.kind !== "Ident" || other.name !== "nil") return null;
    kind = "neutral";
  } else return null;
  const node = flow.holder(p);
  if (node === null) return null;
  if (inGoroutine && (kind === "send" || kind === "recv")) {
    const sel = selectOfComm(flow, node);
    // one case among others (a timeout, ctx.Done()): not a blocking operation
    if (sel !== null && sel.body.list.length !== 1) return null;
  }
  return { kind, node };
}

/** The goroutine's operations on the channel held by `vars` in its body, or null if it hands it on. */
function goroutineOps(sem: SemanticModel, body: FuncNode, vars: readonly Var[]): GoroutineOps | null {
  const flow = flowOf(sem, body);
  const ops: GoroutineOps = { sends: new Set(), recvs: new Set(), ranges: [] };
  for (const v of vars) {
    for (const id of sem.uses(v)) {
      if (id.pos < body.pos || id.end > body.end) continue;
      if (inNestedLit(flow, id, body)) return null;
      const c = classify(sem, flow, id, true);
      if (c === null) return null;
      if (c.kind === "send") ops.sends.add(c.node);
      else if (c.kind === "recv") ops.recvs.add(c.node);
      else if (c.kind === "range") ops.ranges.push(c.node as ast.RangeStmt);
    }
  }
  return ops;
}

/**
 * The spawning function's own operations on the channel, or null when the channel escapes
 * (passed on, stored, captured by another closure) or is used by the goroutine in a way we do
 * not follow. `goroutineVars` receives the variables that hold the channel inside the goroutine.
 */
function spawnerOps(
  sem: SemanticModel,
  flow: Flow,
  ch: ChannelMade,
  start: GoroutineStart,
  goroutineVars: Var[],
  closers?: ast.GoStmt[],
): SpawnerOps | null {
  const body = start.body!;
  const lit = body.kind === "FuncLit" ? body : null;
  const ops: SpawnerOps = {
    recvs: new Set(),
    ranges: new Set(),
    sends: new Set(),
    closes: new Set(),
    first: Number.POSITIVE_INFINITY,
  };
  for (const id of sem.uses(ch.v)) {
    if (id.pos < flow.fn.pos || id.end > flow.fn.end) continue;
    if (lit !== null && id.pos >= lit.pos && id.end <= lit.end) {
      if (!goroutineVars.includes(ch.v)) goroutineVars.push(ch.v);
      continue;
    }
    let bound = false;
    for (const [param, arg] of start.bindings) {
      if (unparen(arg) === id) {
        goroutineVars.push(param);
        bound = true;
      }
    }
    if (bound) continue;
    if (inNestedLit(flow, id, flow.fn)) {
      const closer = closers === undefined ? null : closerOf(sem, flow, id);
      if (closers === undefined || closer === null) return null;
      if (!closers.includes(closer)) closers.push(closer);
      continue;
    }
    const c = classify(sem, flow, id, false);
    if (c === null) return null;
    if (c.kind === "neutral") continue;
    ops.first = Math.min(ops.first, id.pos);
    if (c.kind === "recv") ops.recvs.add(c.node);
    else if (c.kind === "range") ops.ranges.add(c.node as ast.RangeStmt);
    else if (c.kind === "send") ops.sends.add(c.node);
    else ops.closes.add(c.node);
  }
  return ops;
}

/**
 * For the goroutine's body: the graph nodes of its `k`-th operation among `ops` on some path,
 * for k = 1..LIMIT (index k-1), found by a search over (block, count) states.
 */
function nthOps(sem: SemanticModel, body: FuncNode, ops: ReadonlySet<CfgNode>): CfgNode[][] {
  const flow = flowOf(sem, body);
  const out: CfgNode[][] = Array.from({ length: LIMIT }, () => []);
  const seen = new Set<string>();
  const work: { block: Block; count: number }[] = [{ block: flow.cfg.entry, count: 0 }];
  while (work.length > 0) {
    const s = work.pop()!;
    let count = s.count;
    for (const node of s.block.nodes) {
      if (!ops.has(node)) continue;
      count = Math.min(count + 1, LIMIT);
      const list = out[count - 1]!;
      if (!list.includes(node)) list.push(node);
    }
    for (const succ of s.block.succs) {
      const key = `${succ.index}:${count}`;
      if (seen.has(key)) continue;
      seen.add(key);
      work.push({ block: succ, count });
    }
  }
  return out;
}

function earliest(nodes: readonly CfgNode[]): CfgNode | null {
  let best: CfgNode | null = null;
  for (const n of nodes) if (best === null || n.pos < best.pos) best = n;
  return best;
}

/** A path of the spawning function that leaves with the goroutine still blocked. */
interface Abandon {
  /** The return statement, or the closing brace of the body. */
  at: number;
  how: "returns" | "ends";
  /** How many matching operations the path made (capped), and whether it left a range loop early. */
  count: number;
  inRange: boolean;
}

interface PathState {
  block: Block;
  index: number;
  count: number;
  inRange: boolean;
  done: boolean;
  last: CfgNode | null;
}

/**
 * The exits of the spawning function reachable from the goroutine's start for which `leaks`
 * holds. `matching` are the nodes that serve the goroutine (receives for a sender, sends for a
 * receiver); `finishing` end its need at once (a close, a deferred close); `ranges` are range
 * loops over the channel, each iteration of which receives, and whose normal end means the
 * channel was closed and drained.
 */
function abandoningExits(
  flow: Flow,
  from: { block: Block; index: number },
  matching: ReadonlySet<CfgNode>,
  finishing: ReadonlySet<CfgNode>,
  ranges: ReadonlySet<ast.RangeStmt>,
  leaks: (count: number, inRange: boolean) => boolean,
): Abandon[] {
  const out: Abandon[] = [];
  const seen = new Set<string>();
  const work: PathState[] = [
    { block: from.block, index: from.index + 1, count: 0, inRange: false, done: false, last: null },
  ];
  const rangeOf = (b: Block): ast.RangeStmt | null =>
    b.stmt !== null && b.stmt.kind === "RangeStmt" && ranges.has(b.stmt) ? b.stmt : null;
  while (work.length > 0) {
    const s = work.pop()!;
    let { count, inRange, done, last } = s;
    const nodes = s.block.nodes;
    for (let i = s.index; i < nodes.length && !done; i++) {
      const node = nodes[i]!;
      if (finishing.has(node)) done = true;
      else if (matching.has(node)) count = Math.min(count + 1, LIMIT);
      last = node;
    }
    if (done || s.block.noReturn !== null) continue;
    if (s.block === flow.cfg.exit) {
      if (leaks(count, inRange)) {
        const body = flow.fn.body;
        if (last !== null && last.kind === "ReturnStmt")
          out.push({ at: last.pos, how: "returns", count, inRange });
        else out.push({ at: body === null ? flow.fn.end : body.end - 1, how: "ends", count, inRange });
      }
      continue;
    }
    for (const succ of s.block.succs) {
      let c = count;
      let r = inRange;
      let d: boolean = done;
      const rs = rangeOf(succ);
      if (rs !== null && succ.kind === "range.body") {
        c = Math.min(c + 1, LIMIT);
        r = true;
      } else if (rs !== null && succ.kind === "range.done" && s.block.kind === "range.loop") {
        // the loop ran to its end: the channel was closed, the goroutine is done with it
        d = true;
      }
      // paths into the exit are told apart by the return they leave by
      const via = succ === flow.cfg.exit && last !== null ? `:${last.pos}` : "";
      const key = `${succ.index}:${c}:${r}:${d}${via}`;
      if (seen.has(key)) continue;
      seen.add(key);
      work.push({ block: succ, index: 0, count: c, inRange: r, done: d, last });
    }
  }
  return out;
}

function firstExit(exits: readonly Abandon[]): Abandon | null {
  let best: Abandon | null = null;
  for (const e of exits) if (best === null || e.at < best.at) best = e;
  return best;
}

function capText(ch: ChannelMade): string {
  return ch.cap === 0 ? "unbuffered channel" : `channel (buffer ${ch.cap})`;
}

function check(
  ctx: RuleContext,
  fn: FuncNode,
  start: GoroutineStart,
  ch: ChannelMade,
  startLine: number,
): void {
  const sem = ctx.sem;
  const flow = flowOf(sem, fn);
  const body = start.body!;
  const vars: Var[] = [];
  const spawner = spawnerOps(sem, flow, ch, start, vars);
  if (spawner === null || vars.length === 0) return;
  // operations before the goroutine starts (a prefilled buffer, a value sent ahead): not followed
  if (spawner.first < start.stmt.pos) return;
  const g = goroutineOps(sem, body, vars);
  if (g === null) return;
  const from = flow.pointOf(start.stmt);
  if (from === undefined) return;
  const name = ch.v.name;
  // the name the goroutine's body gives the channel (a parameter of a worker function)
  const inner = vars.find((v) => v !== ch.v)?.name ?? name;
  const line = (pos: number): number => ctx.source.lineOf(pos);
  const where = (e: Abandon): string =>
    e.how === "returns" ? `returns at line ${line(e.at)}` : `ends at line ${line(e.at)}`;
  const related = (e: Abandon) => [
    { pos: e.at, end: e.at + 1, message: "the spawning function leaves here" },
    { pos: start.at.pos, end: start.at.pos + 2, message: "the goroutine starts here" },
  ];

  if (g.sends.size > 0 && g.recvs.size === 0 && g.ranges.length === 0) {
    // the goroutine sends; the spawning function must receive
    if (ch.cap === null || ch.cap + 1 >= LIMIT) return;
    const cap = ch.cap;
    if (spawner.sends.size > 0 || spawner.closes.size > 0) return;
    const nth = nthOps(sem, body, g.sends);
    const unbounded = nth[LIMIT - 1]!.length > 0;
    let n = 0;
    nth.forEach((list, i) => {
      if (list.length > 0) n = i + 1;
    });
    if (n <= cap) return;
    const loops =
      spawner.ranges.size > 0 ||
      [...spawner.recvs].some((r) => onCycle(flow.pointOf(r)?.block ?? flow.cfg.exit));
    let leaks: (count: number, inRange: boolean) => boolean;
    if (spawner.recvs.size === 0 && spawner.ranges.size === 0) {
      if (unbounded && cap > 0) return;
      leaks = () => true;
    } else if (!loops) {
      if (unbounded) return;
      leaks = (count) => count + cap < n;
    } else {
      if (!unbounded || cap > 0 || spawner.ranges.size === 0) return;
      leaks = (_count, inRange) => inRange;
    }
    const exit = firstExit(abandoningExits(flow, from, spawner.recvs, new Set(), spawner.ranges, leaks));
    if (exit === null) return;
    const k = exit.inRange ? LIMIT : Math.min(exit.count + cap + 1, LIMIT);
    const blocking = earliest(nth[k - 1] ?? []) ?? earliest(nth[LIMIT - 1]!);
    if (blocking === null) return;
    const why = exit.inRange
      ? `leaves its range loop over ${name} early and ${where(exit)}`
      : exit.count === 0
        ? `${where(exit)} without receiving from ${name}`
        : `${where(exit)} after only ${exit.count} receive${exit.count === 1 ? "" : "s"} from ${name}`;
    const fix =
      cap === 0 && !unbounded
        ? `make ${name} buffered (make(chan T, ${n})) or have the goroutine select on ctx.Done() or a done channel`
        : `have the goroutine select on ctx.Done() or a done channel when it sends`;
    ctx.report(
      blocking,
      `this send on ${inner} blocks forever: the goroutine started at line ${startLine} sends on ${capText(ch)} ${name}, and the spawning function ${why}, so the goroutine leaks; ${fix}`,
      related(exit),
    );
    return;
  }

  if (g.sends.size === 0 && (g.recvs.size > 0 || g.ranges.length > 0)) {
    // the goroutine receives; the spawning function must send or close
    if (spawner.recvs.size > 0 || spawner.ranges.size > 0) return;
    // a close inside a loop: whether it has run depends on the loop's logic, not followed
    if ([...spawner.closes].some((c) => onCycle(flow.pointOf(c)?.block ?? flow.cfg.exit))) return;
    const gflow = flowOf(sem, body);
    const needsClose = g.ranges.length > 0;
    let m = 0;
    let nth: CfgNode[][] = [];
    if (!needsClose) {
      if ([...g.recvs].some((r) => onCycle(gflow.pointOf(r)?.block ?? gflow.cfg.exit))) return;
      nth = nthOps(sem, body, g.recvs);
      nth.forEach((list, i) => {
        if (list.length > 0) m = i + 1;
      });
      if (m === 0 || m >= LIMIT) return;
      if ([...spawner.sends].some((s) => onCycle(flow.pointOf(s)?.block ?? flow.cfg.exit))) return;
    }
    const leaks = (count: number): boolean => needsClose || count < m;
    const exit = firstExit(abandoningExits(flow, from, spawner.sends, spawner.closes, new Set(), leaks));
    if (exit === null) return;
    let blocking: ast.Node | null;
    let what: string;
    if (needsClose) {
      const rs = g.ranges.reduce((a, b) => (a.pos <= b.pos ? a : b));
      blocking = { pos: rs.pos, end: rs.x.end } as ast.Node;
      what = `this range over ${inner} never ends`;
    } else {
      blocking = earliest(nth[Math.min(exit.count, LIMIT - 1)] ?? []);
      what = `this receive from ${inner} blocks forever`;
    }
    if (blocking === null) return;
    const why = needsClose
      ? `${where(exit)} without closing ${name}`
      : `${where(exit)} without sending on or closing ${name}`;
    ctx.report(
      blocking,
      `${what}: the goroutine started at line ${startLine} waits on ${name}, and the spawning function ${why}, so the goroutine leaks; close ${name} on every path (defer close(${name}))`,
      related(exit),
    );
  }
}

/** The waits after which a closer goroutine closes the channel. */
const WAIT_METHODS: ReadonlySet<string> = new Set([
  "(*sync.WaitGroup).Wait",
  "(*golang.org/x/sync/errgroup.Group).Wait",
]);

function isWaitStmt(sem: SemanticModel, s: ast.Stmt | undefined): boolean {
  if (s?.kind !== "ExprStmt") return false;
  const call = unparen(s.x);
  if (call.kind !== "CallExpr") return false;
  const name = sem.calleeName(call);
  return name !== null && WAIT_METHODS.has(name);
}

/**
 * The `go` statement of a closer goroutine when `id` is the channel in its `close`: a literal
 * the spawning function starts that only waits for a WaitGroup (or errgroup) and closes the
 * channel (`go func() { wg.Wait(); close(ch) }()`, or `defer close(ch); wg.Wait()`). Its close
 * comes only after every sender has finished.
 */
function closerOf(sem: SemanticModel, flow: Flow, id: ast.Ident): ast.GoStmt | null {
  const { p: call } = parentOf(flow, id);
  if (call === undefined || call.kind !== "CallExpr" || !isBuiltinCall(sem, call, ["close"])) return null;
  const stmt = flow.parents.get(call);
  if (stmt === undefined || (stmt.kind !== "ExprStmt" && stmt.kind !== "DeferStmt")) return null;
  const block = flow.parents.get(stmt);
  const lit = block === undefined ? undefined : flow.parents.get(block);
  if (block?.kind !== "BlockStmt" || lit?.kind !== "FuncLit" || lit.body !== block) return null;
  const list = block.list;
  if (list.length !== 2) return null;
  const closesAfterWait =
    (stmt.kind === "ExprStmt" && list[1] === stmt && isWaitStmt(sem, list[0])) ||
    (stmt.kind === "DeferStmt" && list[0] === stmt && isWaitStmt(sem, list[1]));
  if (!closesAfterWait) return null;
  let child: ast.Node = lit;
  let p = flow.parents.get(lit);
  while (p?.kind === "ParenExpr") {
    child = p;
    p = flow.parents.get(p);
  }
  if (p?.kind !== "CallExpr" || p.fun !== child || p.args.length !== 0) return null;
  const go = flow.parents.get(p);
  if (go?.kind !== "GoStmt" || inNestedLit(flow, go, flow.fn)) return null;
  return go;
}

type Loop = ast.ForStmt | ast.RangeStmt;

/** The loops around a node of the spawning function, innermost first. */
function loopsAbove(flow: Flow, n: ast.Node): Loop[] {
  const out: Loop[] = [];
  for (let p = flow.parents.get(n); p !== undefined && p !== flow.fn; p = flow.parents.get(p)) {
    if (p.kind === "ForStmt" || p.kind === "RangeStmt") out.push(p);
  }
  return out;
}

function sameLoops(a: readonly Loop[], b: readonly Loop[]): boolean {
  return a.length === b.length && a.every((l, i) => l === b[i]);
}

function constInt(sem: SemanticModel, x: ast.Expr): number | null {
  const v = sem.typeAndValue(x)?.value ?? null;
  if (v === null || v.kind !== "Int") return null;
  const n = Number(v.value);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * How many times a loop runs: a number when known (an array, a literal, a constant bound), null
 * when it depends on run-time values (a slice, a map, `i < n`), undefined when it cannot be
 * counted at all (a loop without a condition, a range over a channel or an iterator function).
 */
function loopCount(sem: SemanticModel, loop: Loop): number | null | undefined {
  if (loop.kind === "ForStmt") {
    const cond = loop.cond === null ? null : unparen(loop.cond);
    if (cond === null) return undefined;
    const init = loop.init;
    const post = loop.post;
    if (
      cond.kind === "BinaryExpr" &&
      cond.op === "<" &&
      init?.kind === "AssignStmt" &&
      init.tok === ":=" &&
      init.lhs.length === 1 &&
      init.rhs.length === 1 &&
      constInt(sem, init.rhs[0]!) === 0 &&
      post?.kind === "IncDecStmt" &&
      post.tok === "++"
    ) {
      const i = unparen(init.lhs[0]!);
      const x = unparen(cond.x);
      const p = unparen(post.x);
      const same = (e: ast.Expr): boolean =>
        e.kind === "Ident" && i.kind === "Ident" && sem.objectOf(e) === sem.objectOf(i);
      if (same(x) && same(p)) return constInt(sem, cond.y);
    }
    return null;
  }
  const t = sem.typeOf(loop.x);
  if (t === null) return undefined;
  let u = under(t);
  if (u.kind === "Pointer") u = under(u.elem);
  if (u.kind === "Array") return Number.isSafeInteger(Number(u.len)) ? Number(u.len) : null;
  const x = unparen(loop.x);
  if (u.kind === "Slice") {
    if (x.kind === "CompositeLit" && x.elts.every((e) => e.kind !== "KeyValueExpr")) return x.elts.length;
    return null;
  }
  if (u.kind === "Map") return null;
  if (u.kind === "Basic") return isInteger(u) ? constInt(sem, loop.x) : null;
  return undefined;
}

/** Whether the loop may stop before its count: a break out of it, a goto, a labeled jump. */
function leavesEarly(loop: Loop): boolean {
  let found = false;
  const breakable = new Set(["ForStmt", "RangeStmt", "SwitchStmt", "TypeSwitchStmt", "SelectStmt"]);
  inspect(loop.body, (n) => {
    if (found || n.kind === "FuncLit") return false;
    if (n.kind === "BranchStmt" && (n.tok === "goto" || (n.label !== null && n.tok !== "fallthrough")))
      found = true;
    return true;
  });
  inspect(loop.body, (n) => {
    if (found || n.kind === "FuncLit" || breakable.has(n.kind)) return false;
    if (n.kind === "BranchStmt" && n.tok === "break") found = true;
    return true;
  });
  return found;
}

/** Whether every path through the goroutine's body sends (paths that end the program aside). */
function alwaysSends(sem: SemanticModel, body: FuncNode, sends: ReadonlySet<CfgNode>): boolean {
  const cfg = flowOf(sem, body).cfg;
  const seen = new Set<Block>([cfg.entry]);
  const work: Block[] = [cfg.entry];
  while (work.length > 0) {
    const b = work.pop()!;
    if (b.nodes.some((n) => sends.has(n)) || b.noReturn !== null) continue;
    if (b === cfg.exit) return false;
    for (const succ of b.succs) {
      if (seen.has(succ)) continue;
      seen.add(succ);
      work.push(succ);
    }
  }
  return true;
}

/**
 * The fan-out: goroutines started in a loop, each sending its result on one channel, and a
 * spawning function that returns before it has received them all (the first error, the first
 * success, a timeout): the goroutines still sending block forever. Reported only when the
 * number of goroutines is the loop's count (no break out of it), every goroutine sends, the
 * buffer is a constant smaller than what is left, and the early return lies inside the loop
 * that receives (a counted loop, or a range over the channel closed by a `wg.Wait(); close`
 * goroutine) or the spawning function receives a fixed number of times.
 */
function checkFanOut(
  ctx: RuleContext,
  fn: FuncNode,
  start: GoroutineStart,
  ch: ChannelMade,
  startLine: number,
): void {
  const sem = ctx.sem;
  // a buffer sized at run time (make(chan T, len(urls))) is taken to be big enough
  if (ch.cap === null || ch.cap + 1 >= LIMIT) return;
  const cap = ch.cap;
  const flow = flowOf(sem, fn);
  const body = start.body!;
  const loops = loopsAbove(flow, start.stmt);
  const spawnLoop = loops[0];
  if (spawnLoop === undefined) return;
  const outer = loopsAbove(flow, ch.make);
  if (!sameLoops(loops.slice(1), outer) || ch.make.pos > spawnLoop.pos) return;
  const n = loopCount(sem, spawnLoop);
  if (n === undefined || (n !== null && n <= cap) || leavesEarly(spawnLoop)) return;
  const vars: Var[] = [];
  const closers: ast.GoStmt[] = [];
  const spawner = spawnerOps(sem, flow, ch, start, vars, closers);
  if (spawner === null || vars.length === 0) return;
  // every operation of the spawning function on the channel comes after the loop
  if (spawner.first < spawnLoop.end || spawner.sends.size > 0 || spawner.closes.size > 0) return;
  const g = goroutineOps(sem, body, vars);
  if (g === null || g.sends.size === 0 || g.recvs.size > 0 || g.ranges.length > 0) return;
  if (!alwaysSends(sem, body, g.sends)) return;
  const from = flow.pointOf(start.stmt);
  if (from === undefined) return;
  // the body of the loop that receives, whose returns are early; null when no receive is in a loop
  let inside: ast.BlockStmt | null = null;
  if (spawner.ranges.size > 0) {
    // a range over the channel ends when the closer goroutine closes it, after the last send
    const rs = [...spawner.ranges][0]!;
    if (spawner.ranges.size !== 1 || spawner.recvs.size > 0 || closers.length === 0) return;
    if (!sameLoops(loopsAbove(flow, rs), outer)) return;
    inside = rs.body;
  } else {
    if (closers.length > 0) return;
    const recvLoops = [...spawner.recvs].map((r) => ({ r, loops: loopsAbove(flow, r) }));
    if (!recvLoops.every((x) => sameLoops(x.loops, outer))) {
      const recvLoop = recvLoops[0]?.loops[0];
      if (recvLoop === undefined || loopCount(sem, recvLoop) === undefined) return;
      const inBody = (x: { r: CfgNode; loops: Loop[] }): boolean =>
        x.loops[0] === recvLoop &&
        sameLoops(x.loops.slice(1), outer) &&
        x.r.pos >= recvLoop.body.pos &&
        x.r.end <= recvLoop.body.end;
      if (!recvLoops.every(inBody)) return;
      inside = recvLoop.body;
    }
  }
  const least = new Map<number, Abandon>();
  for (const e of abandoningExits(flow, from, spawner.recvs, new Set(), spawner.ranges, () => true)) {
    const early =
      inside === null
        ? e.at >= spawnLoop.end
        : e.how === "returns" && e.at >= inside.pos && e.at < inside.end;
    if (!early) continue;
    const prev = least.get(e.at);
    if (prev === undefined || e.count < prev.count) least.set(e.at, e);
  }
  let exit: Abandon | null = null;
  for (const e of least.values()) {
    // the goroutines not yet received from cannot all fit in the buffer
    if (e.count + cap + 1 >= LIMIT || (n !== null && n - e.count <= cap)) continue;
    if (exit === null || e.at < exit.at) exit = e;
  }
  if (exit === null) return;
  const blocking = earliest(nthOps(sem, body, g.sends)[0]!);
  if (blocking === null) return;
  const name = ch.v.name;
  const inner = vars.find((v) => v !== ch.v)?.name ?? name;
  const line = (pos: number): number => ctx.source.lineOf(pos);
  const k = exit.count;
  const received =
    k === 0 ? `without receiving from ${name}` : `after only ${k} receive${k === 1 ? "" : "s"} from ${name}`;
  const where = `${exit.how === "returns" ? "returns" : "ends"} at line ${line(exit.at)}`;
  const why = inside === null ? `${where} ${received}` : `${where} inside its receiving loop ${received}`;
  const text = (x: ast.Expr): string | null => {
    const t = ctx.source.decode(x.pos, x.end);
    return t.length <= 40 && !t.includes("\n") ? t : null;
  };
  let size: string | null = n === null ? null : String(n);
  if (spawnLoop.kind === "RangeStmt" && size === null) {
    const t = sem.typeOf(spawnLoop.x);
    const x = text(spawnLoop.x);
    if (x !== null) size = t !== null && isInteger(t) ? x : `len(${x})`;
  } else if (spawnLoop.kind === "ForStmt" && size === null && spawnLoop.cond !== null) {
    const cond = unparen(spawnLoop.cond);
    if (cond.kind === "BinaryExpr" && cond.op === "<") size = text(cond.y);
  }
  const room =
    size === null ? "a slot for every goroutine" : `a slot for every goroutine (make(chan T, ${size}))`;
  ctx.report(
    blocking,
    `this send on ${inner} blocks forever: the goroutines started at line ${startLine} in a loop send on ${capText(ch)} ${name}, and the spawning function ${why}, so the goroutines still sending leak; give ${name} ${room} or have the send select on a context the spawning function cancels when it returns (defer cancel())`,
    [
      { pos: exit.at, end: exit.at + 1, message: "the spawning function leaves here" },
      { pos: start.at.pos, end: start.at.pos + 2, message: "the goroutines start here, in a loop" },
    ],
  );
}

const madeCache = new WeakMap<FuncNode, Map<Var, ChannelMade>>();

export default defineRule({
  name: "goroutine-blocked-send",
  category: "concurrency",
  severity: "error",
  needs: ["resolution", "types", "flow"],
  // Tests are left alone: a test that times out abandons its goroutine on purpose, and the
  // process ends with the test binary.
  skipTests: true,
  docs: {
    summary:
      "A goroutine sends on (or receives from) a channel that the spawning function may stop serving: it blocks forever",
    details:
      "A goroutine that sends on an unbuffered channel waits until someone receives. When the function that " +
      "started it gives up on the result (a `select` with a `time.After` or `ctx.Done()` case that returns, an " +
      "early `return err` before the `<-ch`), nobody ever will: the goroutine is parked in `chan send` for the " +
      "life of the process, with everything it references. Under load these goroutines pile up by the thousand " +
      "(a pprof goroutine profile shows them all in `chan send`), memory grows until the process is killed. The " +
      "same happens to a producer whose consumer returns on the first error while it still has values to send, " +
      "and to a goroutine that ranges over (or receives from) a channel the spawning function never closes. " +
      "Give the channel room for every value the goroutine sends (`make(chan T, 1)` for a single result), or " +
      "make the goroutine's send a `select` that also watches `ctx.Done()` or a done channel, and close the " +
      "channels a goroutine ranges over on every path (`defer close(ch)`). The rule follows every path of the " +
      "spawning function from the `go` statement (and errgroup's or WaitGroup's `Go`) for a channel made there " +
      "and used only by it and one goroutine; it is silent when the channel is handed elsewhere, when the " +
      "buffer is not a constant, and when counting cannot be sure (a loop of sends that the spawner receives in " +
      "a loop is reported only when the spawner leaves its range over the channel early). Goroutines started in " +
      "a loop (the fan-out: one goroutine per URL, each sending its result) are reported when every one of them " +
      "sends, the loop starts them all (no break out of it) and the spawning function returns inside the loop " +
      "that receives their results (on the first error, the first success, `ctx.Done()`), or receives a fixed " +
      "number of times (the fastest reply wins), while more goroutines are still sending than the buffer holds; " +
      "a buffer sized at run time (`make(chan T, len(urls))`) counts as big enough, and a range over the " +
      "channel counts as receiving them all only when a `wg.Wait(); close(ch)` goroutine closes it. Test files " +
      "are not checked: a test that times out abandons its goroutine on purpose, and the test binary exits. It " +
      "points at the operation that blocks.",
    bad: `package fetch

import (
	"errors"
	"time"
)

func slowLookup(key string) string { return key }

func Lookup(key string, d time.Duration) (string, error) {
	ch := make(chan string)
	go func() {
		ch <- slowLookup(key)
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(d):
		return "", errors.New("lookup timed out")
	}
}
`,
    good: `package fetch

import (
	"errors"
	"time"
)

func slowLookup(key string) string { return key }

func Lookup(key string, d time.Duration) (string, error) {
	ch := make(chan string, 1) // room for the one result: the goroutine never blocks
	go func() {
		ch <- slowLookup(key)
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(d):
		return "", errors.New("lookup timed out")
	}
}
`,
    source:
      "seeds 004 §2.1 (goroutines blocked forever on a channel), 003 §2.2 (timeouts over channels); uber-go/goleak finds the same leaks at run time",
  },
  create(ctx) {
    const visit = (stmt: ast.GoStmt | ast.ExprStmt): void => {
      const start = goroutineStart(ctx.sem, stmt);
      if (start === null || start.body === null || start.body.body === null) return;
      // the goroutine's body must be in this file, where the finding points
      if (start.body.kind === "FuncDecl" && !ctx.file.decls.includes(start.body)) return;
      const fn = enclosingFunc(ctx.ancestors);
      if (fn === null || fn === start.body) return;
      let made = madeCache.get(fn);
      if (made === undefined) {
        made = channelsMade(ctx.sem, fn);
        madeCache.set(fn, made);
      }
      if (made.size === 0) return;
      const flow = flowOf(ctx.sem, fn);
      const point = flow.pointOf(stmt);
      if (point === undefined || !point.block.live) return;
      const startLine = ctx.source.lineOf(start.at.pos);
      // a goroutine started in a loop: several goroutines share the channel (a fan-out)
      const fanOut = onCycle(point.block);
      for (const ch of made.values()) {
        if (fanOut) checkFanOut(ctx, fn, start, ch, startLine);
        else check(ctx, fn, start, ch, startLine);
      }
    };
    return { GoStmt: visit, ExprStmt: visit };
  },
});
