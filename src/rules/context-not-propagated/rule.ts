import { type ContextSource, contextInScope, unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** Context-free APIs and their context-aware counterparts (methods keep the receiver). */
const contextFree = new Map<string, string>([
  ["os/exec.Command", "exec.CommandContext"],
  ["(*database/sql.DB).Query", "QueryContext"],
  ["(*database/sql.DB).QueryRow", "QueryRowContext"],
  ["(*database/sql.DB).Exec", "ExecContext"],
  ["(*database/sql.DB).Prepare", "PrepareContext"],
  ["(*database/sql.DB).Begin", "BeginTx"],
  ["(*database/sql.DB).Ping", "PingContext"],
  ["(*database/sql.Tx).Query", "QueryContext"],
  ["(*database/sql.Tx).QueryRow", "QueryRowContext"],
  ["(*database/sql.Tx).Exec", "ExecContext"],
  ["(*database/sql.Tx).Prepare", "PrepareContext"],
  ["(*database/sql.Stmt).Query", "QueryContext"],
  ["(*database/sql.Stmt).QueryRow", "QueryRowContext"],
  ["(*database/sql.Stmt).Exec", "ExecContext"],
]);

/**
 * Whether a fresh context is deliberate here: compared with, assigned to the context parameter itself (the
 * `if ctx == nil { ctx = context.Background() }` default), or made after the function waited
 * for its context to end (`<-ctx.Done()` then a shutdown with a context of its own).
 */
function deliberate(ctx: RuleContext, call: ast.CallExpr, source: ContextSource): boolean {
  const holder = ctx.ancestors[ctx.ancestors.length - 1];
  // `ctx != context.Background()` asks which context it was given; it passes nothing on
  if (holder?.kind === "BinaryExpr" && (holder.op === "==" || holder.op === "!=")) return true;
  if (holder?.kind === "AssignStmt" && holder.rhs.length === 1 && holder.rhs[0] === call) {
    const lhs = unparen(holder.lhs[0]!);
    if (lhs.kind === "Ident" && lhs.name === source.name) return true;
  }
  if (explained(ctx, call)) return true;
  if (source.kind !== "context" || source.fn.body === null) return false;
  if (sameStatementUses(ctx, source)) return true;
  let waited = false;
  inspect(source.fn.body, (n) => {
    if (waited || n.pos >= call.pos) return false;
    if (n.kind === "SelectorExpr" && (n.sel.name === "Done" || n.sel.name === "Err")) {
      const x = unparen(n.x);
      if (x.kind === "Ident" && x.name === source.name) waited = true;
    }
    return true;
  });
  return waited;
}

/** Whether only blanks precede the comment group on its line (it is not a trailing comment). */
function lineStartsWithComment(ctx: RuleContext, group: ast.CommentGroup): boolean {
  let i = group.pos - 1;
  while (i >= 0 && (ctx.source.bytes[i] === 0x20 || ctx.source.bytes[i] === 0x09)) i--;
  return i < 0 || ctx.source.bytes[i] === 0x0a;
}

/**
 * Whether a comment group that ends at most three lines above the call's statement (heading
 * the statements that set it up) speaks of the context or of cancellation: the author says why the call does not
 * use the context at hand (database/sql's example keeps a side effect going after the client
 * cancels; net's dial test ignores a context it is about to cancel).
 */
function explained(ctx: RuleContext, call: ast.CallExpr): boolean {
  let stmt: ast.Node = call;
  for (let i = ctx.ancestors.length - 1; i >= 0; i--) {
    const n = ctx.ancestors[i]!;
    if (n.kind.endsWith("Stmt") || n.kind === "ValueSpec") {
      stmt = n;
      break;
    }
  }
  const stmtLine = ctx.source.lineOf(stmt.pos);
  for (const group of ctx.file.comments) {
    const last = ctx.source.lineOf(group.end);
    // a trailing comment on a statement is that statement's, not a heading
    const heading = ctx.source.lineOf(group.pos) === last ? lineStartsWithComment(ctx, group) : true;
    if (last >= stmtLine || last < stmtLine - 3 || !heading) continue;
    const text = group.list.map((c) => c.text).join(" ");
    if (/context|cancel/i.test(text)) return true;
  }
  return false;
}

/**
 * Whether the statement that makes the fresh context also uses the function's context: the
 * author holds both and detaches on purpose (net keeps lookupCtx's values on a context that is
 * never cancelled: `&onlyValuesCtx{Context: context.Background(), lookupValues: lookupCtx}`).
 */
function sameStatementUses(ctx: RuleContext, source: ContextSource): boolean {
  for (let i = ctx.ancestors.length - 1; i >= 0; i--) {
    const n = ctx.ancestors[i]!;
    if (!n.kind.endsWith("Stmt") && n.kind !== "ValueSpec") continue;
    let used = false;
    inspect(n, (m) => {
      if (used) return false;
      if (m.kind === "Ident" && m.name === source.name && ctx.sem.objectOf(m)?.kind === "Var") used = true;
      return true;
    });
    return used;
  }
  return false;
}

/** Whether the node is inside `if ctx == nil` or `if ctx != nil` (either branch): ctx may be nil there. */
function underNilCheck(ctx: RuleContext, source: ContextSource): boolean {
  for (const n of ctx.ancestors) {
    if (n.kind !== "IfStmt" || n.cond.kind !== "BinaryExpr") continue;
    const { x, y, op } = n.cond;
    if (op !== "==" && op !== "!=") continue;
    const [a, b] = [unparen(x), unparen(y)];
    const isName = (e: ast.Expr): boolean => e.kind === "Ident" && e.name === source.name;
    const isNil = (e: ast.Expr): boolean => e.kind === "Ident" && ctx.sem.objectOf(e)?.kind === "Nil";
    if ((isName(a) && isNil(b)) || (isNil(a) && isName(b))) return true;
  }
  return false;
}

export default defineRule({
  name: "context-not-propagated",
  category: "concurrency",
  severity: "warning",
  needs: ["resolution", "types"],
  imports: ["context", "net/http"],
  docs: {
    summary: "context.Background(), TODO() or a context-free API where the function already has a context",
    details:
      "Cancellation in Go travels down the call tree only if each function hands its context on. A " +
      "function that receives a context.Context (or serves an *http.Request, whose Context() ends " +
      "when the client goes away) and then calls context.Background() or context.TODO(), or a " +
      "context-free API such as db.Query, tx.Exec or exec.Command, cuts the tree at that line: when " +
      "the caller times out or is cancelled, the query, command or goroutine below goes on, holding " +
      "its connection, process or memory, and the leak shows up as a slowly growing goroutine count. " +
      "Pass the context on: ctx itself, db.QueryContext(ctx, ...), exec.CommandContext(ctx, ...). " +
      "Not reported: comparisons such as ctx != context.Background(), either branch of if ctx == " +
      "nil, a package calling its own context-free API (its context-aware wrapper), code in a goroutine, defer or callback that may outlive the function (detaching " +
      "can be deliberate there), `ctx = context.Background()` as the default of a nil parameter, a " +
      "fresh context made after the function waited for ctx.Done() (a graceful shutdown), a fresh " +
      "context made in a statement that also uses ctx (detaching while keeping its values), one " +
      "explained by a comment just above its statement (at most three lines up) that speaks of the context or of " +
      "cancellation (a side effect that must finish even if the client goes away), and blank " +
      "context parameters. Requests built with http.NewRequest are http-request-no-context's.",
    bad: `package main

import (
	"context"
	"database/sql"
	"time"
)

func countOrders(ctx context.Context, db *sql.DB) (int, error) {
	qctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var n int
	err := db.QueryRowContext(qctx, "SELECT count(*) FROM orders").Scan(&n)
	return n, err
}

func main() {
	_, _ = countOrders(context.Background(), nil)
}
`,
    good: `package main

import (
	"context"
	"database/sql"
	"time"
)

func countOrders(ctx context.Context, db *sql.DB) (int, error) {
	qctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	var n int
	err := db.QueryRowContext(qctx, "SELECT count(*) FROM orders").Scan(&n)
	return n, err
}

func main() {
	_, _ = countOrders(context.Background(), nil)
}
`,
    source:
      "seed 004 §2.2 (context cancellation not propagated to child goroutines); seed 003 §2.2 (timeouts propagated with context); contextcheck, noctx (golangci-lint)",
  },
  create(ctx) {
    return {
      CallExpr(call) {
        const name = ctx.sem.calleeName(call);
        if (name === null) return;
        const fresh = name === "context.Background" || name === "context.TODO";
        const instead = contextFree.get(name);
        if (!fresh && instead === undefined) return;
        // a package's own context-aware wrapper calls its context-free API (CommandContext calls Command)
        const callee = ctx.sem.callee(call);
        if (callee !== null && callee.pkg !== null && callee.pkg.path === ctx.sem.checked.pkg.path) return;
        const source = contextInScope(ctx.sem, ctx.ancestors);
        if (source === null || underNilCheck(ctx, source)) return;
        const fun = unparen(call.fun);
        const written = ctx.source.decode(fun.pos, fun.end);
        if (fresh) {
          if (deliberate(ctx, call, source)) return;
          ctx.report(
            call,
            `${written}() in a function that has ${source.expr}: cancellation and deadlines of the caller ` +
              `stop here; pass ${source.expr} instead`,
          );
          return;
        }
        const fix =
          fun.kind === "SelectorExpr" && instead !== undefined && !instead.includes(".")
            ? `${ctx.source.decode(fun.x.pos, fun.x.end)}.${instead}(${source.expr}, ...)`
            : `${instead}(${source.expr}, ...)`;
        ctx.report(
          call,
          `${written} ignores the context ${source.expr} at hand: it goes on after the caller is ` +
            `cancelled; use ${fix}`,
        );
      },
    };
  },
});
