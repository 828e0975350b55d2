// "Is the value used before its error is checked?" — the analysis behind
// http-response-before-err-check and defer-before-err-check.
//
// A call returns a value and an error (`resp, err := http.Get(url)`, `f, err := os.Open(name)`),
// both held in variables of the function. When the error is not nil, the value is nil or
// meaningless. The analysis follows the straight-line path after the call — the statements that
// run next, through blocks with a single successor, up to the first branch — and finds the first
// statement that touches either variable. When that statement dereferences the value (`resp.Body`,
// `resp.StatusCode`, `f.Close` in a defer, `*resp`) without reading the error, the value is used
// before the error is checked. Any read of the error (`if err != nil`, `log.Print(err)`, a closure
// that mentions it), a nil comparison of the value, a reassignment, the value handed on whole, a
// closure that mentions it, or a branch ends the search silently: the code may be checking in a
// way the analysis does not follow.

import type { CfgNode } from "../semantic/cfg.js";
import type { Var } from "../semantic/objects.js";
import type { SemanticModel } from "../semantic/semantic-model.js";
import type * as ast from "../syntax/ast.js";
import { forEachChild } from "../syntax/walk.js";
import { isErrorType, unparen } from "./astutil.js";
import { destinationOf, type Flow } from "./flow.js";

/** A call whose first result and last (error) result are held in variables of the function. */
export interface ErrCreation {
  call: ast.CallExpr;
  /** The graph node that makes the call: the assignment or var spec. */
  site: CfgNode;
  /** The variable that receives the first result. */
  value: Var;
  /** The variable that receives the error. */
  err: Var;
}

/**
 * The creation made by `call` when it is the whole right side of `v, ..., err := call` (or `=`,
 * or `var v, err = call`), `v` and `err` variables declared in the flow's function (parameters
 * and named results included), `err` of type error; null otherwise.
 */
export function errCreationOf(sem: SemanticModel, flow: Flow, call: ast.CallExpr): ErrCreation | null {
  const results = destinationOf(flow, call);
  if (results === null || results.kind !== "assigned") return null;
  const { stmt: p, targets } = results;
  if (targets.length < 2) return null;
  const site = flow.pointOf(p) === undefined ? null : (p as CfgNode);
  if (site === null) return null;
  const value = localVar(sem, flow, targets[0]!);
  const err = localVar(sem, flow, targets[targets.length - 1]!);
  if (value === null || err === null || value === err || !isErrorType(err.type)) return null;
  return { call, site, value, err };
}

function localVar(sem: SemanticModel, flow: Flow, x: ast.Expr): Var | null {
  if (x.kind !== "Ident" || x.name === "_") return null;
  const obj = sem.objectOf(x);
  if (obj === null || obj.kind !== "Var" || obj.isField) return null;
  if (obj.pos < flow.fn.pos || obj.pos >= flow.fn.end) return null;
  return obj;
}

/** The first statement that uses the value before the error is checked. */
export interface PrematureUse {
  /** The graph node (statement or condition) that uses the value. */
  node: CfgNode;
  /** The first dereference of the value in it: `resp.Body`, `f.Close`, `*resp`. */
  deref: ast.Expr;
  /**
   * When the node is `defer v.M(...)` or `defer v.F.M(...)`: the selector path after the value
   * (["Close"], ["Body", "Close"]); null otherwise.
   */
  deferred: readonly string[] | null;
}

/** The first use of the value on the straight-line path after the call that precedes any check of the error, or null. */
export function useBeforeErrCheck(sem: SemanticModel, flow: Flow, c: ErrCreation): PrematureUse | null {
  const start = flow.pointOf(c.site);
  if (start === undefined || !start.block.live) return null;
  let block = start.block;
  let index = start.index + 1;
  const seen = new Set([block]);
  for (;;) {
    for (let i = index; i < block.nodes.length; i++) {
      const node = block.nodes[i]!;
      const r = examine(sem, flow, node, c);
      if (r === "next") continue;
      return r;
    }
    if (block.noReturn !== null || block.succs.length !== 1) return null;
    const next = block.succs[0]!;
    if (next === flow.cfg.exit || seen.has(next)) return null;
    seen.add(next);
    block = next;
    index = 0;
  }
}

/** What one graph node does with the value and the error: nothing ("next"), a premature use, or something that ends the search (null). */
function examine(
  sem: SemanticModel,
  flow: Flow,
  node: CfgNode,
  c: ErrCreation,
): PrematureUse | null | "next" {
  let errRead = false;
  let errWritten = false;
  let otherUse = false;
  const derefs: ast.Expr[] = [];
  const visit = (n: ast.Node, inLiteral: boolean): void => {
    if (n.kind === "Ident") {
      const obj = sem.objectOf(n);
      if (obj === c.err) {
        const p = flow.parents.get(n);
        if (!inLiteral && p?.kind === "AssignStmt" && p.lhs.includes(n)) errWritten = true;
        else errRead = true;
      } else if (obj === c.value) {
        const d = inLiteral ? null : derefOf(flow, n);
        if (d === null) otherUse = true;
        else derefs.push(d);
      }
      return;
    }
    const lit = inLiteral || n.kind === "FuncLit";
    forEachChild(n, (child) => visit(child, lit));
  };
  visit(node, false);
  if (errRead || otherUse) return null;
  if (derefs.length > 0) {
    derefs.sort((a, b) => a.pos - b.pos);
    return { node, deref: derefs[0]!, deferred: deferredPath(sem, node, c.value) };
  }
  // the error is overwritten unread: no check will come
  if (errWritten) return null;
  return "next";
}

/** The dereference an identifier of the value takes part in (`v.X`, `*v`), or null for another use. */
function derefOf(flow: Flow, id: ast.Ident): ast.Expr | null {
  let x: ast.Expr = id;
  let p = flow.parents.get(x);
  while (p !== undefined && p.kind === "ParenExpr") {
    x = p;
    p = flow.parents.get(p);
  }
  if (p === undefined) return null;
  if (p.kind === "SelectorExpr" && p.x === x) return p;
  if (p.kind === "StarExpr" && p.x === x) return p;
  return null;
}

/** For `defer v.A.B(...)`, the path ["A", "B"]; null for other statements. */
function deferredPath(sem: SemanticModel, node: CfgNode, value: Var): string[] | null {
  if (node.kind !== "DeferStmt") return null;
  const path: string[] = [];
  let x = unparen(node.call.fun);
  while (x.kind === "SelectorExpr") {
    path.unshift(x.sel.name);
    x = unparen(x.x);
  }
  if (x.kind !== "Ident" || path.length === 0 || sem.objectOf(x) !== value) return null;
  return path;
}
