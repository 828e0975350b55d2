// "Is this resource released on every path?" — the analysis behind the resource rules
// (http-body-not-closed, rows-not-closed, file-not-closed, ticker-not-stopped,
// context-cancel-not-called, ...).
//
// A resource is the result of a call held in a local variable. Every use of the variable is
// classified: a release (`resp.Body.Close()`, also deferred, also inside a deferred closure, also
// by a function of the package whose summary says it releases its parameter), a neutral use (a
// method call, a field read, a nil comparison, a standard function known to read without
// closing), a reassignment, or an escape (returned, stored, sent, captured by a closure that may
// outlive the statement, passed to a function we cannot see into). A resource that escapes
// anywhere is the caller's or someone else's business: the analysis stays silent. Otherwise the
// graph is searched for a path from the creation to the function's exit that meets no release;
// paths on which the creating call failed (`if err != nil` right after, `if resp == nil`) do not
// count, and neither do paths that end in a call that never returns.

import type { Block, CfgNode } from "../semantic/cfg.js";
import type { Var } from "../semantic/objects.js";
import type { SemanticModel } from "../semantic/semantic-model.js";
import type * as ast from "../syntax/ast.js";
import { enclosingFunc, isErrorType, unparen } from "./astutil.js";
import { calledDecl, destinationOf, type Flow, type FlowPoint, type FuncNode, flowOf } from "./flow.js";
import type { RelatedLocation, RuleContext } from "./rule.js";

/** How a kind of resource is released and reached. */
export interface ResourceKind {
  /** A name for caches of package summaries. */
  name: string;
  /** Method paths from the holder that release it: [["Body", "Close"]], [["Close"]]. */
  releases: readonly (readonly string[])[];
  /** Any use of the holder releases it (a cancel function is "used" by being called or handed on). */
  anyUseReleases?: boolean;
  /**
   * Fields of the holder that carry the resource itself (`Body` of a response): a field not
   * listed is plain data (`resp.StatusCode`), and reading it is neutral.
   */
  resourceFields: readonly string[];
  /** `for holder.Next()`: the false edge releases the resource (sql.Rows closes itself at the end). */
  releasedWhenFalse?: string;
  /** A channel field of the holder that is never closed (`ticker.C`): a range over it never ends. */
  endlessChannel?: string;
}

/** Standard functions that read from or write to a value without closing or keeping it. */
const BORROWERS = new Set([
  "io.ReadAll",
  "io/ioutil.ReadAll",
  "io.Copy",
  "io.CopyN",
  "io.CopyBuffer",
  "io.ReadFull",
  "io.ReadAtLeast",
  "encoding/json.NewDecoder",
  "encoding/json.NewEncoder",
  "encoding/xml.NewDecoder",
  "encoding/xml.NewEncoder",
  "encoding/csv.NewReader",
  "encoding/csv.NewWriter",
  "bufio.NewReader",
  "bufio.NewReaderSize",
  "bufio.NewScanner",
  "bufio.NewWriter",
  "bufio.NewWriterSize",
  "fmt.Fprint",
  "fmt.Fprintf",
  "fmt.Fprintln",
  "fmt.Fscan",
  "fmt.Fscanf",
  "fmt.Fscanln",
  "io.WriteString",
  "net/http/httputil.DumpResponse",
]);

/** What became of a resource's creating call. */
export interface Creation {
  call: ast.CallExpr;
  /** The graph node that makes the call (an assignment, a var spec, an expression statement). */
  site: CfgNode;
  /** The local variable that holds the resource, or null. */
  holder: Var | null;
  /** The error result assigned beside it, whose non-nil value means there is no resource. */
  errVar: Var | null;
  /** The result is dropped: an expression statement, or assigned to `_`. */
  discarded: boolean;
}

export type Verdict =
  | { kind: "released" }
  | { kind: "escapes" }
  /** `at`: the return statement or the body's closing brace reached with the resource open. */
  | { kind: "leaks"; at: number; how: "return" | "end" | "next-iteration" | "discarded" };

/**
 * Where the result `index` of a call goes, when it goes to a local variable or nowhere; null when
 * it is returned, stored, passed on or otherwise out of this analysis's hands.
 */
export function creationOf(sem: SemanticModel, flow: Flow, call: ast.CallExpr, index = 0): Creation | null {
  const results = destinationOf(flow, call);
  if (results === null) return null;
  const site = flow.holder(call);
  if (site === null) return null;
  if (results.kind === "dropped") return { call, site, holder: null, errVar: null, discarded: true };
  const targets = results.targets;
  const target = targets[index];
  if (target === undefined || target.kind !== "Ident") return null;
  if (target.name === "_") return { call, site, holder: null, errVar: null, discarded: true };
  const holder = localVar(sem, flow.fn, target);
  if (holder === null) return null;
  let errVar: Var | null = null;
  const last = targets[targets.length - 1];
  if (targets.length > 1 && last !== undefined && last.kind === "Ident" && last !== target) {
    const v = sem.objectOf(last);
    if (v !== null && v.kind === "Var" && !v.isField && isErrorType(v.type)) errVar = v;
  }
  return { call, site, holder, errVar, discarded: false };
}

/** The variable an identifier denotes, when it is declared inside `fn` and is not a result. */
function localVar(sem: SemanticModel, fn: FuncNode, id: ast.Ident): Var | null {
  const obj = sem.objectOf(id);
  if (obj === null || obj.kind !== "Var" || obj.isField) return null;
  if (obj.pos < fn.pos || obj.pos >= fn.end) return null;
  if (obj.isParam) return null; // a named result (or parameter) is the caller's
  return obj;
}

interface Uses {
  releases: Set<CfgNode>;
  reassigns: Set<CfgNode>;
  escapes: boolean;
  released: boolean;
}

/** Classifies every use of `holder` in the flow's function. */
function classifyUses(
  sem: SemanticModel,
  flow: Flow,
  holder: Var,
  kind: ResourceKind,
  skip: ast.Node | null,
): Uses {
  const out: Uses = { releases: new Set(), reassigns: new Set(), escapes: false, released: false };
  for (const id of sem.uses(holder)) {
    if (id.pos < flow.fn.pos || id.end > flow.fn.end) continue;
    const use = classifyUse(sem, flow, id, kind);
    if (use.kind === "escape") {
      out.escapes = true;
      return out;
    }
    if (use.kind === "release") {
      out.releases.add(use.node);
      out.released = true;
    } else if (use.kind === "reassign" && use.node !== skip) {
      out.reassigns.add(use.node);
    }
  }
  return out;
}

type Use =
  | { kind: "release"; node: CfgNode }
  | { kind: "reassign"; node: CfgNode }
  | { kind: "neutral" }
  | { kind: "escape" };

const ESCAPE: Use = { kind: "escape" };
const NEUTRAL: Use = { kind: "neutral" };

function classifyUse(sem: SemanticModel, flow: Flow, id: ast.Ident, kind: ResourceKind): Use {
  // A use inside a function literal: only a deferred closure runs at a known time.
  let deferStmt: ast.DeferStmt | null = null;
  for (
    let n: ast.Node | undefined = flow.parents.get(id);
    n !== undefined && n !== flow.fn;
    n = flow.parents.get(n)
  ) {
    if (n.kind !== "FuncLit") continue;
    const call = flow.parents.get(n);
    const stmt = call === undefined ? undefined : flow.parents.get(call);
    if (call?.kind === "CallExpr" && call.fun === n && stmt?.kind === "DeferStmt") {
      deferStmt = stmt;
    } else {
      if (kind.anyUseReleases) {
        const holder = flow.holder(n);
        return holder === null ? ESCAPE : { kind: "release", node: holder };
      }
      return ESCAPE;
    }
  }
  const at = (n: ast.Node): Use => {
    const holder = deferStmt ?? flow.holder(n);
    return holder === null ? ESCAPE : { kind: "release", node: holder };
  };
  // x = ... (a reassignment, not a use of the value)
  const parent = flow.parents.get(id);
  if (parent?.kind === "AssignStmt" && parent.lhs.includes(id)) {
    const holder = flow.holder(parent);
    return holder === null ? ESCAPE : { kind: "reassign", node: holder };
  }
  if (kind.anyUseReleases) return at(id);
  // Follow the selector chain: resp.Body.Close
  const path: string[] = [];
  let top: ast.Expr = id;
  let p = flow.parents.get(top);
  while (p !== undefined && p.kind === "SelectorExpr" && p.x === top) {
    path.push(p.sel.name);
    top = p;
    p = flow.parents.get(p);
  }
  if (p?.kind === "CallExpr" && p.fun === top && path.length > 0) {
    if (kind.releases.some((r) => samePath(r, path))) return at(p);
    // a method: of the resource itself, or of one of its data fields
    return NEUTRAL;
  }
  if (path.length > 0 && !kind.resourceFields.includes(path[0]!)) return NEUTRAL;
  if (path.length > 1) return NEUTRAL; // resp.Body.X: a method value or field of the body
  return classifyValue(sem, flow, top, kind, deferStmt);
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** The resource itself (`resp`, `resp.Body`, `f`) used as a value. */
function classifyValue(
  sem: SemanticModel,
  flow: Flow,
  x: ast.Expr,
  kind: ResourceKind,
  deferStmt: ast.DeferStmt | null,
): Use {
  let child: ast.Node = x;
  let p = flow.parents.get(x);
  while (p !== undefined && p.kind === "ParenExpr") {
    child = p;
    p = flow.parents.get(p);
  }
  if (p === undefined) return ESCAPE;
  if (p.kind === "BinaryExpr" && (p.op === "==" || p.op === "!=")) {
    const other = p.x === child ? p.y : p.x;
    const o = unparen(other);
    if (o.kind === "Ident" && o.name === "nil") return NEUTRAL;
    return ESCAPE;
  }
  if (p.kind === "CallExpr" && p.fun !== child) {
    const name = sem.calleeName(p);
    if (name !== null && BORROWERS.has(name)) return NEUTRAL;
    const decl = calledDecl(sem, p);
    if (decl === null) return ESCAPE;
    const index = p.args.indexOf(child as ast.Expr);
    if (p.ellipsis >= 0) return ESCAPE;
    const fate = paramFate(sem, decl, index, kind);
    if (fate === "borrows") return NEUTRAL;
    if (fate === "releases") {
      const holder = deferStmt ?? flow.holder(p);
      return holder === null ? ESCAPE : { kind: "release", node: holder };
    }
    return ESCAPE;
  }
  return ESCAPE;
}

type Fate = "releases" | "borrows" | "escapes";

const fates = new WeakMap<ast.FuncDecl, Map<string, Fate | "pending">>();

/** What a function of the package does with its parameter `index`: releases it on every path, only borrows it, or lets it escape. */
function paramFate(sem: SemanticModel, decl: ast.FuncDecl, index: number, kind: ResourceKind): Fate {
  if (decl.body === null || index < 0) return "escapes";
  let byKey = fates.get(decl);
  if (byKey === undefined) {
    byKey = new Map();
    fates.set(decl, byKey);
  }
  const key = `${kind.name}:${index}`;
  const known = byKey.get(key);
  if (known === "pending") return "escapes";
  if (known !== undefined) return known;
  byKey.set(key, "pending");
  const fate = computeFate(sem, decl, index, kind);
  byKey.set(key, fate);
  return fate;
}

function computeFate(sem: SemanticModel, decl: ast.FuncDecl, index: number, kind: ResourceKind): Fate {
  const names: ast.Ident[] = [];
  for (const field of decl.type.params.list) {
    if (field.type.kind === "Ellipsis") return "escapes";
    if (field.names.length === 0) names.push(field.type as ast.Ident);
    else names.push(...field.names);
  }
  const id = names[index];
  if (id === undefined || id.kind !== "Ident") return "escapes";
  const obj = sem.info.defs.get(id);
  if (obj === undefined || obj === null || obj.kind !== "Var") return "borrows";
  const flow = flowOf(sem, decl);
  const uses = classifyUses(sem, flow, obj, kind, null);
  if (uses.escapes || uses.reassigns.size > 0) return "escapes";
  if (!uses.released) return "borrows";
  const leak = searchLeak(sem, flow, { block: flow.cfg.entry, index: -1 }, null, uses, null, kind);
  // released on some paths only: the caller cannot rely on it either way
  return leak === null ? "releases" : "escapes";
}

/** Decides whether the resource made by `creation` is released on every path. */
function lifecycle(sem: SemanticModel, flow: Flow, creation: Creation, kind: ResourceKind): Verdict {
  if (creation.holder === null) {
    if (!creation.discarded) return { kind: "escapes" };
    return { kind: "leaks", at: creation.call.pos, how: "discarded" };
  }
  const uses = classifyUses(sem, flow, creation.holder, kind, creation.site);
  if (uses.escapes) return { kind: "escapes" };
  const start = flow.pointOf(creation.site);
  if (start === undefined || !start.block.live) return { kind: "released" };
  const leak = searchLeak(sem, flow, start, creation.site, uses, creation, kind);
  return leak ?? { kind: "released" };
}

interface State {
  block: Block;
  index: number;
  /** The error variable still holds the creating call's error. */
  errFresh: boolean;
  last: CfgNode | null;
}

function searchLeak(
  sem: SemanticModel,
  flow: Flow,
  start: FlowPoint,
  site: CfgNode | null,
  uses: Uses,
  creation: Creation | null,
  kind: ResourceKind,
): Verdict | null {
  const holder = creation?.holder ?? null;
  const errVar = creation?.errVar ?? null;
  const seen = new Set<string>();
  const work: State[] = [
    { block: start.block, index: start.index + 1, errFresh: errVar !== null, last: null },
  ];
  while (work.length > 0) {
    const s = work.pop()!;
    let { errFresh, last } = s;
    let ended = false;
    const nodes = s.block.nodes;
    for (let i = s.index; i < nodes.length; i++) {
      const node = nodes[i]!;
      if (node === site) return { kind: "leaks", at: node.pos, how: "next-iteration" };
      if (uses.releases.has(node) || uses.reassigns.has(node)) {
        ended = true;
        break;
      }
      if (errFresh && errVar !== null && assigns(sem, node, errVar)) errFresh = false;
      last = node;
    }
    if (ended || s.block.noReturn !== null) continue;
    if (s.block === flow.cfg.exit) {
      if (last !== null && last.kind === "ReturnStmt") return { kind: "leaks", at: last.pos, how: "return" };
      const body = flow.fn.body;
      return { kind: "leaks", at: body === null ? flow.fn.end : body.end - 1, how: "end" };
    }
    const succs = s.block.succs;
    let pruneTrue = false;
    let pruneFalse = false;
    let releasedFalse = false;
    const cond = nodes.length > 0 && succs.length === 2 ? nodes[nodes.length - 1]! : null;
    if (cond !== null && isExpr(cond)) {
      const prev = nodes.length > 1 ? nodes[nodes.length - 2]! : null;
      const nil = nilBranch(sem, cond, holder, errFresh ? errVar : null, prev);
      pruneTrue = nil === "true";
      pruneFalse = nil === "false";
      releasedFalse = holder !== null && isNextCall(sem, cond, holder, kind);
    }
    if (
      holder !== null &&
      s.block.kind === "range.loop" &&
      rangesOverEndless(sem, s.block.stmt, holder, kind)
    ) {
      pruneFalse = true;
    }
    succs.forEach((succ, i) => {
      if (i === 0 && pruneTrue) return;
      if (i === 1 && (pruneFalse || releasedFalse)) return;
      const key = `${succ.index}:${errFresh}`;
      if (seen.has(key)) return;
      seen.add(key);
      work.push({ block: succ, index: 0, errFresh, last });
    });
  }
  return null;
}

function isExpr(n: CfgNode): n is ast.Expr {
  return !n.kind.endsWith("Stmt") && n.kind !== "ValueSpec";
}

/** Whether a graph node assigns the variable (at its top level). */
function assigns(sem: SemanticModel, node: CfgNode, v: Var): boolean {
  if (node.kind !== "AssignStmt") return false;
  return node.lhs.some((l) => l.kind === "Ident" && sem.objectOf(l) === v);
}

/** Standard predicates that are true only of a non-nil error. */
const ERROR_PREDICATES = new Set([
  "errors.Is",
  "errors.As",
  "os.IsNotExist",
  "os.IsExist",
  "os.IsPermission",
  "os.IsTimeout",
]);

/**
 * Which branch of a condition means the resource is absent: "true" for `err != nil`,
 * `resp == nil`, `errors.Is(err, ...)`, `os.IsNotExist(err)`, or an `ok` from `err.(T)` in the
 * statement before (`prev`); "false" for `err == nil`, `resp != nil`; through `&&`, `||` and `!`.
 */
function nilBranch(
  sem: SemanticModel,
  cond: ast.Expr,
  holder: Var | null,
  errVar: Var | null,
  prev: CfgNode | null = null,
): "true" | "false" | null {
  const x = unparen(cond);
  if (errVar !== null && impliesError(sem, x, errVar, prev)) return "true";
  if (x.kind === "UnaryExpr" && x.op === "!") {
    const inner = nilBranch(sem, x.x, holder, errVar, prev);
    return inner === "true" ? "false" : inner === "false" ? "true" : null;
  }
  if (x.kind !== "BinaryExpr") return null;
  if (x.op === "&&") {
    // true means both hold: absent if either side's truth means absent
    const a = nilBranch(sem, x.x, holder, errVar, prev);
    const b = nilBranch(sem, x.y, holder, errVar, prev);
    return a === "true" || b === "true" ? "true" : null;
  }
  if (x.op === "||") {
    const a = nilBranch(sem, x.x, holder, errVar, prev);
    const b = nilBranch(sem, x.y, holder, errVar, prev);
    return a === "false" || b === "false" ? "false" : null;
  }
  if (x.op !== "==" && x.op !== "!=") return null;
  const l = unparen(x.x);
  const r = unparen(x.y);
  const subject = isNil(r) ? l : isNil(l) ? r : null;
  if (subject === null || subject.kind !== "Ident") return null;
  let absentWhenNil: boolean;
  if (errVar !== null && sem.objectOf(subject) === errVar) absentWhenNil = false;
  else if (holder !== null && sem.objectOf(subject) === holder) absentWhenNil = true;
  else return null;
  // err != nil: absent when true; resp == nil: absent when true
  const absentWhenTrue = absentWhenNil ? x.op === "==" : x.op === "!=";
  return absentWhenTrue ? "true" : "false";
}

/** Whether a condition holds only when the error is non-nil: a predicate of it, or the `ok` of `e, ok := err.(T)`. */
function impliesError(sem: SemanticModel, x: ast.Expr, errVar: Var, prev: CfgNode | null): boolean {
  if (x.kind === "CallExpr" && x.args.length > 0) {
    const arg = unparen(x.args[0]!);
    return (
      arg.kind === "Ident" && sem.objectOf(arg) === errVar && ERROR_PREDICATES.has(sem.calleeName(x) ?? "")
    );
  }
  if (x.kind !== "Ident" || prev === null || prev.kind !== "AssignStmt") return false;
  const okVar = sem.objectOf(x);
  if (okVar === null || prev.lhs.length !== 2 || prev.rhs.length !== 1) return false;
  const ok = prev.lhs[1]!;
  const assertion = unparen(prev.rhs[0]!);
  if (ok.kind !== "Ident" || sem.objectOf(ok) !== okVar || assertion.kind !== "TypeAssertExpr") return false;
  const subject = unparen(assertion.x);
  return subject.kind === "Ident" && sem.objectOf(subject) === errVar;
}

function isNil(x: ast.Expr): boolean {
  return x.kind === "Ident" && x.name === "nil";
}

/** Whether a range statement ranges over the holder's never-closed channel (`for range t.C`). */
function rangesOverEndless(
  sem: SemanticModel,
  stmt: ast.Stmt | null,
  holder: Var,
  kind: ResourceKind,
): boolean {
  if (kind.endlessChannel === undefined || stmt === null || stmt.kind !== "RangeStmt") return false;
  const x = unparen(stmt.x);
  if (x.kind !== "SelectorExpr" || x.sel.name !== kind.endlessChannel) return false;
  const recv = unparen(x.x);
  return recv.kind === "Ident" && sem.objectOf(recv) === holder;
}

/** `holder.Next()` as a loop condition, for resources that release themselves when it is false. */
function isNextCall(sem: SemanticModel, cond: ast.Expr, holder: Var, kind: ResourceKind): boolean {
  if (kind.releasedWhenFalse === undefined) return false;
  const x = unparen(cond);
  if (x.kind !== "CallExpr" || x.args.length > 0) return false;
  const fun = unparen(x.fun);
  if (fun.kind !== "SelectorExpr" || fun.sel.name !== kind.releasedWhenFalse) return false;
  const recv = unparen(fun.x);
  return recv.kind === "Ident" && sem.objectOf(recv) === holder;
}

/** The creation and verdict for result `index` of a call made in `fn`, or null when out of scope. */
function resourceFate(
  sem: SemanticModel,
  fn: FuncNode,
  call: ast.CallExpr,
  kind: ResourceKind,
  index = 0,
): { creation: Creation; verdict: Verdict } | null {
  const flow = flowOf(sem, fn);
  const creation = creationOf(sem, flow, call, index);
  if (creation === null) return null;
  return { creation, verdict: lifecycle(sem, flow, creation, kind) };
}

/**
 * The message tail that says where a resource is left open: "when the function returns at line
 * 20", "when the function ends at line 31", "because the result is dropped", ...
 */
function leakWhere(lineOf: (pos: number) => number, verdict: Verdict & { kind: "leaks" }): string {
  switch (verdict.how) {
    case "return":
      return `when the function returns at line ${lineOf(verdict.at)}`;
    case "end":
      return `when the function ends at line ${lineOf(verdict.at)}`;
    case "next-iteration":
      return "before the next iteration of the loop makes another";
    case "discarded":
      return "because the result is dropped";
  }
}

/**
 * For a resource rule's CallExpr visitor: when the result `index` of `call` leaks from the
 * enclosing function, the verdict and where the function returns with it (as a related
 * location); null otherwise.
 */
export function leakOf(
  ctx: RuleContext,
  call: ast.CallExpr,
  kind: ResourceKind,
  index = 0,
): {
  verdict: Verdict & { kind: "leaks" };
  creation: Creation;
  where: string;
  related: RelatedLocation[];
} | null {
  const fn = enclosingFunc(ctx.ancestors);
  if (fn === null) return null;
  const fate = resourceFate(ctx.sem, fn, call, kind, index);
  if (fate === null || fate.verdict.kind !== "leaks") return null;
  const verdict = fate.verdict;
  const related: RelatedLocation[] =
    verdict.how === "return" || verdict.how === "end"
      ? [{ pos: verdict.at, end: verdict.at + 1, message: "the function leaves here with it open" }]
      : [];
  return {
    verdict,
    creation: fate.creation,
    where: leakWhere((p) => ctx.source.lineOf(p), verdict),
    related,
  };
}
