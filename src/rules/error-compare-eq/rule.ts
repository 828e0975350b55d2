import { enclosingFunc, implementsError, unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { Var } from "../../semantic/objects.js";
import type * as ast from "../../syntax/ast.js";

/** The package-level error variable (a sentinel such as io.EOF) an expression names, or null. */
function sentinel(ctx: RuleContext, x: ast.Expr): Var | null {
  const e = unparen(x);
  const id = e.kind === "Ident" ? e : e.kind === "SelectorExpr" ? e.sel : null;
  if (id === null) return null;
  const obj = ctx.sem.objectOf(id);
  if (obj === null || obj.kind !== "Var" || obj.isField || obj.pkg === null) return null;
  if (obj.parent !== obj.pkg.scope) return null;
  return implementsError(obj.type) ? obj : null;
}

/**
 * Sentinels that are returned as they are, never wrapped, by contract: io.EOF from Read
 * (callers must compare it with ==), and context.Canceled/DeadlineExceeded from ctx.Err().
 */
function isUnwrappedByContract(ctx: RuleContext, s: Var, other: ast.Expr): boolean {
  const path = s.pkg?.path;
  // io.ReadFull and io.ReadAtLeast return io.ErrUnexpectedEOF unwrapped too
  if (path === "io" && (s.name === "EOF" || s.name === "ErrUnexpectedEOF")) return true;
  if (path === "context" && (s.name === "Canceled" || s.name === "DeadlineExceeded")) {
    const o = unparen(other);
    return o.kind === "CallExpr" && ctx.sem.isCallTo(o, "(context.Context).Err");
  }
  return false;
}

/**
 * An unexported sentinel of the package being checked: the package creates and returns it
 * itself, and knows whether it wraps it; only errors crossing a package boundary get wrapped
 * by others.
 */
function isOwnUnexported(ctx: RuleContext, s: Var): boolean {
  return !s.exported() && s.pkg === ctx.sem.checked.pkg;
}

/** Inside an `Is(target error) bool` method, == against a sentinel is how errors.Is is served. */
function inIsMethod(ctx: RuleContext): boolean {
  const fn = enclosingFunc(ctx.ancestors);
  return fn !== null && fn.kind === "FuncDecl" && fn.recv !== null && fn.name.name === "Is";
}

function text(ctx: RuleContext, x: ast.Expr): string {
  const s = ctx.source.decode(x.pos, x.end);
  return s.length <= 40 && !s.includes("\n") ? s : "the error";
}

export default defineRule({
  name: "error-compare-eq",
  category: "errors",
  severity: "warning",
  needs: ["resolution", "types"],
  docs: {
    summary: "An error compared with a sentinel by == or a switch: wrapped errors never match",
    details: `Since Go 1.13 errors are wrapped to add context: \`fmt.Errorf("load %s: %w", name, err)\`. A wrapped error is a new value, so \`err == ErrNotFound\` is false as soon as any layer between the source and the check adds context, and the branch meant for that error silently stops running: a retry, a fallback or a circuit breaker never fires. The enterprise field notes describe exactly such a breaker that never opened. \`errors.Is(err, ErrNotFound)\` walks the chain of wrapped errors (and honours \`Is\` methods), so it keeps working when wrapping is added later.

The rule reports \`==\`/\`!=\` between an error and a package-level error variable, and \`case\` clauses of a \`switch err\` naming one. It stays silent for \`nil\`, for \`io.EOF\` and \`io.ErrUnexpectedEOF\` (readers and \`io.ReadFull\` return them unwrapped and callers are expected to compare them directly), for unexported sentinels of the package itself (it decides whether they are wrapped), for \`ctx.Err() == context.Canceled\` (returned unwrapped by contract), and inside \`Is\` methods, where comparing the target with \`==\` is how \`errors.Is\` is served.`,
    bad: `package repo

import (
	"database/sql"
	"errors"
)

var ErrNotFound = errors.New("not found")

func Find(db *sql.DB, id int) (string, error) {
	var name string
	err := db.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&name)
	if err == sql.ErrNoRows {
		return "", ErrNotFound
	}
	return name, err
}
`,
    good: `package repo

import (
	"database/sql"
	"errors"
)

var ErrNotFound = errors.New("not found")

func Find(db *sql.DB, id int) (string, error) {
	var name string
	err := db.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return name, err
}
`,
    source:
      'seed 003 §4.1 (sentinel errors and errors.Is); seed 004 "错误处理黄金法则"; errorlint (comparison), go-critic',
  },
  create(ctx) {
    return {
      BinaryExpr(node) {
        if (node.op !== "==" && node.op !== "!=") return;
        let s = sentinel(ctx, node.y);
        let other = node.x;
        if (s === null) {
          s = sentinel(ctx, node.x);
          other = node.y;
        }
        if (s === null || sentinel(ctx, other) !== null || isOwnUnexported(ctx, s)) return;
        if (!implementsError(ctx.sem.typeOf(other))) return;
        if (isUnwrappedByContract(ctx, s, other) || inIsMethod(ctx)) return;
        const sentinelExpr = other === node.x ? node.y : node.x;
        const e = text(ctx, other);
        const target = text(ctx, sentinelExpr);
        const fix = node.op === "==" ? `errors.Is(${e}, ${target})` : `!errors.Is(${e}, ${target})`;
        ctx.report(
          node,
          `comparing ${e} with ${target} by ${node.op} fails once the error is wrapped (fmt.Errorf with %w); use ${fix}`,
        );
      },
      SwitchStmt(node) {
        if (node.tag === null || !implementsError(ctx.sem.typeOf(node.tag))) return;
        if (sentinel(ctx, node.tag) !== null || inIsMethod(ctx)) return;
        const e = text(ctx, node.tag);
        for (const clause of node.body.list) {
          if (clause.kind !== "CaseClause" || clause.list === null) continue;
          for (const value of clause.list) {
            const s = sentinel(ctx, value);
            if (s === null || isOwnUnexported(ctx, s) || isUnwrappedByContract(ctx, s, node.tag)) continue;
            const target = text(ctx, value);
            ctx.report(
              value,
              `switch on ${e} compares it with ${target} by ==, which fails once the error is wrapped; use a tagless switch with case errors.Is(${e}, ${target})`,
            );
          }
        }
      },
    };
  },
});
