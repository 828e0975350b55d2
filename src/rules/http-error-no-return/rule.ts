import { enclosingFunc, unparen } from "../../analysis/astutil.js";
import { type Flow, flowOf } from "../../analysis/flow.js";
import {
  constInt,
  type ResponseWrite,
  reassigns,
  responseWriterVar,
  writesIn,
} from "../../analysis/responsewrite.js";
import { defineRule } from "../../analysis/rule.js";
import type { Block, CfgNode } from "../../semantic/cfg.js";
import type { Obj, Var } from "../../semantic/objects.js";
import type { SemanticModel } from "../../semantic/semantic-model.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** Calls that send a whole response: status line and body. */
const RESPONDERS: ReadonlyMap<string, string> = new Map([
  ["net/http.Error", "http.Error"],
  ["net/http.NotFound", "http.NotFound"],
  ["net/http.Redirect", "http.Redirect"],
]);

/** A condition known to hold (or not) where the response call is made. */
interface Fact {
  expr: ast.Expr;
  truth: boolean;
  vars: Set<Obj>;
}

/** The statement list (if/else body, case clause) the response call's statement belongs to. */
function branchOf(ancestors: readonly ast.Node[]): ast.Node | null {
  for (let i = ancestors.length - 2; i >= 0; i--) {
    const a = ancestors[i]!;
    if (a.kind === "CaseClause" || a.kind === "CommClause") return a;
    if (a.kind === "LabeledStmt") continue;
    if (a.kind !== "BlockStmt") return null;
    const p = ancestors[i - 1];
    if (p?.kind === "IfStmt") return a;
    if (p?.kind !== "BlockStmt" && p?.kind !== "LabeledStmt") return null;
  }
  return null;
}

/** Whether an expression has no side effects and reads only variables: `err != nil`, `len(x) == 0`. */
function pure(sem: SemanticModel, x: ast.Expr): boolean {
  let ok = true;
  inspect(x, (n) => {
    if (!ok) return false;
    if (n.kind === "FuncLit") ok = false;
    else if (n.kind === "UnaryExpr" && n.op === "<-") ok = false;
    else if (n.kind === "CallExpr") {
      const fun = unparen(n.fun);
      const obj = fun.kind === "Ident" ? sem.objectOf(fun) : null;
      if (obj === null || obj.kind !== "Builtin" || (obj.name !== "len" && obj.name !== "cap")) ok = false;
    }
    return ok;
  });
  return ok;
}

function varsOf(sem: SemanticModel, x: ast.Node): Set<Obj> {
  const out = new Set<Obj>();
  inspect(x, (n) => {
    if (n.kind === "Ident") {
      const obj = sem.objectOf(n);
      if (obj !== null && obj.kind === "Var") out.add(obj);
    }
    return true;
  });
  return out;
}

function addFact(sem: SemanticModel, facts: Fact[], cond: ast.Expr, truth: boolean): void {
  const x = unparen(cond);
  if (x.kind === "UnaryExpr" && x.op === "!") {
    addFact(sem, facts, x.x, !truth);
    return;
  }
  if (x.kind === "BinaryExpr" && ((x.op === "&&" && truth) || (x.op === "||" && !truth))) {
    addFact(sem, facts, x.x, truth);
    addFact(sem, facts, x.y, truth);
    return;
  }
  if (facts.length < 30 && pure(sem, x)) facts.push({ expr: x, truth, vars: varsOf(sem, x) });
}

/** The conditions of the `if` statements around the call, with the branch taken. */
function guardFacts(sem: SemanticModel, ancestors: readonly ast.Node[]): Fact[] {
  const facts: Fact[] = [];
  for (let i = ancestors.length - 2; i >= 0; i--) {
    const a = ancestors[i]!;
    if (a.kind === "FuncLit" || a.kind === "FuncDecl") break;
    if (a.kind !== "IfStmt") continue;
    const child = ancestors[i + 1];
    if (child === a.body) addFact(sem, facts, a.cond, true);
    else if (child === a.else) addFact(sem, facts, a.cond, false);
  }
  return facts;
}

/** Structural equality of two pure expressions, by the objects their identifiers denote. */
function same(sem: SemanticModel, a: ast.Expr, b: ast.Expr): boolean {
  const x = unparen(a);
  const y = unparen(b);
  if (x.kind !== y.kind) return false;
  switch (x.kind) {
    case "Ident": {
      const o = sem.objectOf(x);
      return o !== null && o === sem.objectOf(y as ast.Ident);
    }
    case "BasicLit":
      return x.value === (y as ast.BasicLit).value;
    case "SelectorExpr": {
      const s = y as ast.SelectorExpr;
      return x.sel.name === s.sel.name && same(sem, x.x, s.x);
    }
    case "BinaryExpr": {
      const s = y as ast.BinaryExpr;
      return x.op === s.op && same(sem, x.x, s.x) && same(sem, x.y, s.y);
    }
    case "UnaryExpr": {
      const s = y as ast.UnaryExpr;
      return x.op === s.op && same(sem, x.x, s.x);
    }
    case "StarExpr":
      return same(sem, x.x, (y as ast.StarExpr).x);
    case "IndexExpr": {
      const s = y as ast.IndexExpr;
      return same(sem, x.x, s.x) && same(sem, x.index, s.index);
    }
    case "CallExpr": {
      const s = y as ast.CallExpr;
      return (
        same(sem, x.fun, s.fun) &&
        x.args.length === s.args.length &&
        x.args.every((arg, i) => same(sem, arg, s.args[i]!))
      );
    }
    default:
      return false;
  }
}

const OPPOSITE: Readonly<Record<string, string>> = {
  "==": "!=",
  "!=": "==",
  "<": ">=",
  ">=": "<",
  ">": "<=",
  "<=": ">",
};

/** What a fact says about a condition: it must be true, false, or either. */
function implied(sem: SemanticModel, fact: Fact, cond: ast.Expr): boolean | null {
  const c = unparen(cond);
  if (c.kind === "UnaryExpr" && c.op === "!") {
    const r = implied(sem, fact, c.x);
    return r === null ? null : !r;
  }
  if (c.kind === "BinaryExpr" && (c.op === "&&" || c.op === "||")) {
    const a = implied(sem, fact, c.x);
    const b = implied(sem, fact, c.y);
    if (c.op === "&&") return a === false || b === false ? false : a === true && b === true ? true : null;
    return a === true || b === true ? true : a === false && b === false ? false : null;
  }
  if (same(sem, c, fact.expr)) return fact.truth;
  const f = fact.expr;
  if (c.kind === "BinaryExpr" && f.kind === "BinaryExpr" && OPPOSITE[c.op] === f.op) {
    if (same(sem, c.x, f.x) && same(sem, c.y, f.y)) return !fact.truth;
  }
  return null;
}

/** The variables a graph node assigns (the root variable of `x.f = ...`, `x[i] = ...`, `&x`). */
function assignedVars(sem: SemanticModel, flow: Flow, node: CfgNode): Set<Obj> {
  const out = new Set<Obj>();
  const root = (x: ast.Expr): void => {
    let e = unparen(x);
    while (e.kind === "SelectorExpr" || e.kind === "IndexExpr" || e.kind === "StarExpr") e = unparen(e.x);
    if (e.kind === "Ident") {
      const obj = sem.objectOf(e);
      if (obj !== null) out.add(obj);
    }
  };
  const p = flow.parents.get(node);
  if (p?.kind === "RangeStmt" && node.kind !== "ValueSpec" && (p.key === node || p.value === node)) {
    root(node as ast.Expr);
  }
  inspect(node, (n) => {
    if (n.kind === "FuncLit") return false;
    if (n.kind === "AssignStmt") for (const l of n.lhs) root(l);
    else if (n.kind === "IncDecStmt") root(n.x);
    else if (n.kind === "UnaryExpr" && n.op === "&") root(n.x);
    return true;
  });
  return out;
}

function mentions(sem: SemanticModel, x: ast.Expr, vars: ReadonlySet<Obj>): boolean {
  if (vars.size === 0) return false;
  let found = false;
  inspect(x, (n) => {
    if (found) return false;
    if (n.kind === "Ident") {
      const obj = sem.objectOf(n);
      if (obj !== null && vars.has(obj)) found = true;
    }
    return !found;
  });
  return found;
}

/**
 * The variables assigned by the statement that holds the branch (the whole if/else-if chain, or
 * the switch or select): a later condition on them tells which branch ran (`ok = false`, `data =
 * ...` in the else).
 */
function correlatedVars(sem: SemanticModel, flow: Flow, branch: ast.Node): Set<Obj> {
  let holder: ast.Node | undefined = flow.parents.get(branch);
  if (holder?.kind === "BlockStmt") holder = flow.parents.get(holder); // the body of a switch or select
  while (holder?.kind === "IfStmt") {
    const p = flow.parents.get(holder);
    if (p?.kind === "IfStmt" && p.else === holder) holder = p;
    else break;
  }
  const out = new Set<Obj>();
  if (holder === undefined) return out;
  inspect(holder, (n) => {
    if (n.kind === "FuncLit") return false;
    const add = (x: ast.Expr): void => {
      let e = unparen(x);
      while (e.kind === "SelectorExpr" || e.kind === "IndexExpr" || e.kind === "StarExpr") e = unparen(e.x);
      if (e.kind === "Ident") {
        const obj = sem.objectOf(e);
        if (obj !== null && obj.kind === "Var") out.add(obj);
      }
    };
    if (n.kind === "AssignStmt") for (const l of n.lhs) add(l);
    else if (n.kind === "IncDecStmt") add(n.x);
    return true;
  });
  return out;
}

function isExpr(n: CfgNode): n is ast.Expr {
  return !n.kind.endsWith("Stmt") && n.kind !== "ValueSpec";
}

interface Later {
  write: ResponseWrite;
}

/**
 * Searches the paths from the response call's statement for a write to `w` outside its branch.
 * `statusOnly`: the call only set a status (`w.WriteHeader(500)`); a body written after the
 * branch is then taken as that status's body, unless the branch wrote one already.
 */
function laterWrite(
  sem: SemanticModel,
  flow: Flow,
  stmt: ast.ExprStmt,
  branch: ast.Node,
  w: Var,
  statusOnly: boolean,
  facts: Fact[],
  correlated: ReadonlySet<Obj>,
): Later | null {
  const start = flow.pointOf(stmt);
  if (start === undefined || !start.block.live) return null;
  interface State {
    block: Block;
    index: number;
    body: boolean;
    mask: number;
  }
  const seen = new Set<string>();
  const queue: State[] = [
    { block: start.block, index: start.index + 1, body: false, mask: (1 << facts.length) - 1 },
  ];
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q]!;
    let { body, mask } = s;
    let stopped = false;
    const nodes = s.block.nodes;
    for (let i = s.index; i < nodes.length && !stopped; i++) {
      const node = nodes[i]!;
      if (node === stmt || reassigns(sem, node, w)) {
        stopped = true;
        break;
      }
      for (const wr of writesIn(sem, node, w, flow.parents)) {
        const inside = wr.call.pos >= branch.pos && wr.call.end <= branch.end;
        if (inside) {
          if (!wr.setsStatus) body = true;
          continue;
        }
        if (!statusOnly || wr.setsStatus || body) return { write: wr };
        // the body that goes with the status set in the branch
        stopped = true;
        break;
      }
      if (mask !== 0) {
        const assigned = assignedVars(sem, flow, node);
        if (assigned.size > 0) {
          facts.forEach((f, k) => {
            if (mask & (1 << k) && [...f.vars].some((v) => assigned.has(v))) mask &= ~(1 << k);
          });
        }
      }
    }
    if (stopped) continue;
    const succs = s.block.succs;
    let allow = [true, true];
    const last = nodes.length > 0 ? nodes[nodes.length - 1]! : null;
    let next = succs;
    if (succs.length === 2 && last !== null && isExpr(last)) {
      let decided = false;
      facts.forEach((f, k) => {
        if (!(mask & (1 << k))) return;
        const v = implied(sem, f, last);
        if (v === true) allow = [allow[0]!, false];
        else if (v === false) allow = [false, allow[1]!];
        if (v !== null) decided = true;
      });
      // `if ok { ... }` where ok was set by the branch or its siblings: which side runs depends
      // on the branch taken, so the statement's bodies are skipped
      const p = flow.parents.get(last);
      if (!decided && p?.kind === "IfStmt" && p.cond === last && mentions(sem, last, correlated)) {
        const done = flow.cfg.blocks.find((b) => b.kind === "if.done" && b.stmt === p);
        next = done === undefined || !done.live ? [] : [done];
        allow = [true, true];
      }
    }
    next.forEach((succ, i) => {
      if (next.length === 2 && !allow[i]) return;
      const key = `${succ.index}:${body}:${mask}`;
      if (seen.has(key)) return;
      seen.add(key);
      queue.push({ block: succ, index: 0, body, mask });
    });
  }
  return null;
}

export default defineRule({
  name: "http-error-no-return",
  category: "http",
  severity: "error",
  needs: ["resolution", "types", "flow"],
  imports: ["net/http"],
  docs: {
    summary:
      "http.Error (or NotFound, Redirect, an error WriteHeader) in a branch that falls through to code writing to the response again",
    details:
      "`http.Error`, `http.NotFound`, `http.Redirect` and `w.WriteHeader` only write to the response: they do not stop " +
      "the handler. When the branch that handles a failure does not end with `return`, the handler goes on with " +
      'the success path: the client receives the error text followed by the normal output ("foo\\nall good"), the ' +
      'second status is dropped and net/http logs "http: superfluous response.WriteHeader call", and the code ' +
      "after the branch runs on values that the failed call left nil or half-built, which can panic. Put `return` " +
      "right after the call that answers the request. The rule follows the paths from the call with the function's " +
      "control-flow graph and reports when one of them leaves the branch and reaches another write to the same " +
      "`w` (`Write`, `WriteHeader`, `http.Error`, `fmt.Fprint*`, `io.Copy`, an encoder or template writing to `w`, " +
      "another handler's `ServeHTTP`, a function of the package that writes to its writer). It is silent when the " +
      "branch returns, ends in a call that never returns, or leaves a loop whose following code does not write; " +
      "paths that contradict the branch's condition (`if err != nil` and later `if err == nil`) are not followed. " +
      "After `w.WriteHeader(4xx/5xx)` alone, a body written after the branch is taken as that status's body and only " +
      "another status write is reported.",
    bad: `package api

import (
	"encoding/json"
	"net/http"
)

type item struct{ ID string }

func load(id string) (*item, error) { return &item{ID: id}, nil }

func get(w http.ResponseWriter, r *http.Request) {
	it, err := load(r.URL.Query().Get("id"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
	}
	_ = json.NewEncoder(w).Encode(it)
}
`,
    good: `package api

import (
	"encoding/json"
	"net/http"
)

type item struct{ ID string }

func load(id string) (*item, error) { return &item{ID: id}, nil }

func get(w http.ResponseWriter, r *http.Request) {
	it, err := load(r.URL.Query().Get("id"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	_ = json.NewEncoder(w).Encode(it)
}
`,
    source: "001 #80 (forgetting the return statement after replying to an HTTP request)",
  },
  create(ctx) {
    const sem = ctx.sem;
    return {
      CallExpr(call) {
        let w: Var | null = null;
        let name: string | undefined;
        let statusOnly = false;
        const qualified = sem.calleeName(call);
        const responder = qualified === null ? undefined : RESPONDERS.get(qualified);
        if (responder !== undefined) {
          w = responseWriterVar(sem, call.args[0]);
          name = responder;
        } else {
          const fun = unparen(call.fun);
          if (fun.kind !== "SelectorExpr" || fun.sel.name !== "WriteHeader") return;
          const status = constInt(sem, call.args[0]);
          if (status === null || status < 400 || status > 599) return;
          w = responseWriterVar(sem, fun.x);
          name = `${ctx.source.decode(fun.pos, fun.end)}(${status})`;
          statusOnly = true;
        }
        if (w === null) return;
        const stmt = ctx.ancestors[ctx.ancestors.length - 1];
        if (stmt?.kind !== "ExprStmt" || unparen(stmt.x) !== call) return;
        const branch = branchOf(ctx.ancestors);
        if (branch === null) return;
        const fn = enclosingFunc(ctx.ancestors);
        if (fn === null) return;
        const flow = flowOf(sem, fn);
        const facts = guardFacts(sem, ctx.ancestors);
        const later = laterWrite(
          sem,
          flow,
          stmt,
          branch,
          w,
          statusOnly,
          facts,
          correlatedVars(sem, flow, branch),
        );
        if (later === null) return;
        const line = ctx.source.lineOf(later.write.call.pos);
        const what = later.write.name;
        const effect = later.write.setsStatus
          ? "the second status is ignored (net/http logs a superfluous WriteHeader call)"
          : "its output is appended to the error response";
        ctx.report(
          call,
          `${name} does not stop the handler: this branch falls through and the handler writes to ${w.name} again at line ${line} (${what}), so ${effect}; return right after ${name}`,
          [
            {
              pos: later.write.call.pos,
              end: later.write.call.end,
              message: "the later write to the response",
            },
          ],
        );
      },
    };
  },
});
