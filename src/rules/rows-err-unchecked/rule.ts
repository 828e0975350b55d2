import { enclosingFunc, unparen } from "../../analysis/astutil.js";
import { calledDecl, type Flow, flowOf } from "../../analysis/flow.js";
import { creationOf } from "../../analysis/lifecycle.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { Block, CfgNode } from "../../semantic/cfg.js";
import type { Var } from "../../semantic/objects.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** The calls that return *sql.Rows. */
const QUERIES = new Set([
  "(*database/sql.DB).Query",
  "(*database/sql.DB).QueryContext",
  "(*database/sql.Tx).Query",
  "(*database/sql.Tx).QueryContext",
  "(*database/sql.Conn).QueryContext",
  "(*database/sql.Stmt).Query",
  "(*database/sql.Stmt).QueryContext",
]);

/** Methods of *sql.Rows that neither check its error nor let it escape. */
const NEUTRAL_METHODS = new Set(["Next", "NextResultSet", "Scan", "Close", "Columns", "ColumnTypes"]);

/** What a body does with the rows. */
interface RowsUse {
  escapes: boolean;
  /** The identifiers through which `rows.Err()` is called (directly or by a helper). */
  checks: ast.Node[];
  /** The assignments that give the variable a new value. */
  reassigns: ast.Node[];
}

/** Classifies every use of `v` in `body`; helpers of the package given the rows are read. */
function rowsUse(
  ctx: RuleContext,
  body: ast.Node,
  v: Var,
  parents: Map<ast.Node, ast.Node>,
  depth: number,
): RowsUse {
  const out: RowsUse = { escapes: false, checks: [], reassigns: [] };
  inspect(body, (n) => {
    if (out.escapes) return false;
    if (n.kind !== "Ident" || ctx.sem.objectOf(n) !== v) return true;
    let x: ast.Node = n;
    let p = parents.get(x);
    while (p !== undefined && p.kind === "ParenExpr") {
      x = p;
      p = parents.get(p);
    }
    if (p === undefined) return true;
    if (p.kind === "SelectorExpr" && p.x === x) {
      const call = parents.get(p);
      if (call?.kind !== "CallExpr" || call.fun !== p) out.escapes = true;
      else if (p.sel.name === "Err") out.checks.push(call);
      else if (!NEUTRAL_METHODS.has(p.sel.name)) out.escapes = true;
      return true;
    }
    if ((p.kind === "AssignStmt" && p.lhs.includes(x as ast.Expr)) || p.kind === "ValueSpec") {
      out.reassigns.push(p);
      return true;
    }
    if (p.kind === "BinaryExpr" && (p.op === "==" || p.op === "!=")) return true;
    if (p.kind === "CallExpr" && p.fun !== x && p.ellipsis < 0 && depth < 2) {
      const decl = calledDecl(ctx.sem, p);
      const param = decl === null ? null : paramAt(ctx, decl, p.args.indexOf(x as ast.Expr));
      if (decl !== null && decl.body !== null && param !== null) {
        const inner = rowsUse(ctx, decl.body, param, flowOf(ctx.sem, decl).parents, depth + 1);
        if (inner.escapes) out.escapes = true;
        else if (inner.checks.length > 0) out.checks.push(p);
        return true;
      }
    }
    out.escapes = true;
    return true;
  });
  return out;
}

/** The parameter variable at a call's argument index. */
function paramAt(ctx: RuleContext, decl: ast.FuncDecl, index: number): Var | null {
  if (index < 0) return null;
  const names: ast.Ident[] = [];
  for (const field of decl.type.params.list) {
    if (field.type.kind === "Ellipsis" || field.names.length === 0) return null;
    names.push(...field.names);
  }
  const id = names[index];
  const obj = id === undefined ? null : ctx.sem.objectOf(id);
  return obj !== null && obj.kind === "Var" ? obj : null;
}

/** `for v.Next() { ... }` */
function isNextLoop(ctx: RuleContext, n: ast.Node, v: Var): n is ast.ForStmt {
  if (n.kind !== "ForStmt" || n.init !== null || n.post !== null || n.cond === null) return false;
  const cond = unparen(n.cond);
  if (cond.kind !== "CallExpr" || cond.args.length !== 0) return false;
  const fun = unparen(cond.fun);
  if (fun.kind !== "SelectorExpr" || fun.sel.name !== "Next") return false;
  const recv = unparen(fun.x);
  return recv.kind === "Ident" && ctx.sem.objectOf(recv) === v;
}

/** The first `for rows.Next()` loop after the call and before the variable's next assignment. */
function loopAfter(
  ctx: RuleContext,
  flow: Flow,
  v: Var,
  call: ast.CallExpr,
  reassigns: ast.Node[],
): ast.ForStmt | null {
  const next = reassigns
    .filter((r) => r.pos > call.end)
    .reduce((min, r) => Math.min(min, r.pos), flow.fn.end);
  let found: ast.ForStmt | null = null;
  inspect(flow.fn.body ?? flow.fn, (n) => {
    if (found !== null) return false;
    if (n.kind === "FuncLit") return false;
    if (n.pos > call.end && n.pos < next && isNextLoop(ctx, n, v)) found = n;
    return true;
  });
  return found;
}

/**
 * From the block where the loop ends, whether some path reaches the function's exit without
 * meeting a check: the return statement (or the body's end) it leaves by, else null.
 */
function uncheckedExit(flow: Flow, loop: ast.ForStmt, checks: Set<CfgNode>): number | null {
  const cond = loop.cond === null ? undefined : flow.pointOf(loop.cond);
  if (cond === undefined || cond.block.succs.length !== 2) return null;
  const start = cond.block.succs[1]!;
  const seen = new Set<Block>([start]);
  const work: { block: Block; last: CfgNode | null }[] = [{ block: start, last: null }];
  while (work.length > 0) {
    const { block, last: before } = work.pop()!;
    let last = before;
    let checked = false;
    for (const node of block.nodes) {
      if (checks.has(node)) {
        checked = true;
        break;
      }
      last = node;
    }
    if (checked || block.noReturn !== null) continue;
    if (block === flow.cfg.exit) {
      if (last !== null && last.kind === "ReturnStmt") return last.pos;
      const body = flow.fn.body;
      return body === null ? flow.fn.end : body.end - 1;
    }
    for (const s of block.succs) {
      if (seen.has(s)) continue;
      seen.add(s);
      work.push({ block: s, last });
    }
  }
  return null;
}

export default defineRule({
  name: "rows-err-unchecked",
  category: "sql",
  severity: "error",
  needs: ["resolution", "types", "flow"],
  imports: ["database/sql"],
  skipTests: true,
  docs: {
    summary: "A `for rows.Next()` loop is not followed by a check of `rows.Err()`",
    details:
      "`rows.Next()` returns false in two cases: there are no more rows, or preparing the next row failed — the " +
      "connection broke, the context was canceled, the driver could not decode a value. The loop cannot tell them " +
      "apart; only `rows.Err()` can. Without that check an interrupted iteration looks like the end of the result: " +
      "the function returns a truncated list (or zero rows, or the last row instead of the right one) and no error, " +
      "and the caller acts on incomplete data. Check it right after the loop: `if err := rows.Err(); err != nil { " +
      "return err }`, or `return out, rows.Err()`. (`rows.Close()`'s error is not the iteration's.)\n\n" +
      "The rule reports the `Query`/`QueryContext` call (of `*sql.DB`, `*sql.Tx`, `*sql.Conn`, `*sql.Stmt`) whose " +
      "rows are read by a `for rows.Next()` loop when a path from the loop's end reaches the function's return " +
      "without calling `rows.Err()`. A call of a helper of the package that checks `Err` on the rows it is given " +
      "counts as the check. It is silent when `rows.Err()` is called anywhere after the loop or in a closure (a " +
      "deferred check), when the rows escape (returned, stored, handed to another package's function), and in tests.",
    bad: `package store

import (
	"context"
	"database/sql"
)

func Names(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, nil
}
`,
    good: `package store

import (
	"context"
	"database/sql"
)

func Names(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return names, nil
}
`,
    source: '001 #78 "不处理行迭代错误"; golang.org/x/tools sqlrowserr; golangci-lint rowserrcheck',
  },
  create(ctx) {
    return {
      CallExpr(call) {
        const name = ctx.sem.calleeName(call);
        if (name === null || !QUERIES.has(name)) return;
        const fn = enclosingFunc(ctx.ancestors);
        if (fn === null) return;
        const flow = flowOf(ctx.sem, fn);
        const creation = creationOf(ctx.sem, flow, call);
        if (creation === null || creation.holder === null) return;
        const v = creation.holder;
        const use = rowsUse(ctx, fn, v, flow.parents, 0);
        if (use.escapes) return;
        const loop = loopAfter(ctx, flow, v, call, use.reassigns);
        if (loop === null) return;
        // a check after the loop, or in a closure (deferred, or called later), is taken as the check
        const checks = new Set<CfgNode>();
        for (const c of use.checks) {
          if (c.pos >= loop.end) return;
          const holder = flow.holder(c);
          if (holder === null || insideLiteral(flow, c)) return;
          checks.add(holder);
        }
        const exit = uncheckedExit(flow, loop, checks);
        if (exit === null) return;
        const what = ctx.source.decode(call.fun.pos, call.fun.end);
        const loopLine = ctx.source.lineOf(loop.pos);
        const exitLine = ctx.source.lineOf(exit);
        ctx.report(
          call,
          `the rows of ${what} are read by the loop at line ${loopLine} but ${v.name}.Err() is not checked before the function returns at line ${exitLine}: an error that ends the iteration early (a broken connection, a canceled context) makes a truncated result look complete; check ${v.name}.Err() after the loop`,
          [{ pos: loop.pos, end: loop.pos + 3, message: "the loop that can end on an error" }],
        );
      },
    };
  },
});

/** Whether a node of the function lies inside a function literal of it. */
function insideLiteral(flow: Flow, n: ast.Node): boolean {
  for (let p = flow.parents.get(n); p !== undefined && p !== flow.fn; p = flow.parents.get(p)) {
    if (p.kind === "FuncLit") return true;
  }
  return false;
}
