import { enclosingFunc, implementsError, unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import { under } from "../../semantic/predicates.js";
import type * as ast from "../../syntax/ast.js";

/** Whether x is an error held in an interface: the thing errors.As would unwrap. */
function isErrorInterface(ctx: RuleContext, x: ast.Expr): boolean {
  const t = ctx.sem.typeOf(x);
  return t !== null && under(t).kind === "Interface" && implementsError(t);
}

/** A concrete (non-interface) error type named by a type expression. */
function isConcreteErrorType(ctx: RuleContext, typeExpr: ast.Expr): boolean {
  const tv = ctx.sem.typeAndValue(typeExpr);
  if (tv === null || tv.mode !== "typexpr") return false;
  return under(tv.type).kind !== "Interface" && implementsError(tv.type);
}

/**
 * Inside `Is` and `As` methods, asserting the target to the method's own type is how
 * errors.Is/errors.As are served, not a missed unwrap.
 */
function inIsOrAsMethod(ctx: RuleContext): boolean {
  const fn = enclosingFunc(ctx.ancestors);
  return (
    fn !== null &&
    fn.kind === "FuncDecl" &&
    fn.recv !== null &&
    (fn.name.name === "Is" || fn.name.name === "As")
  );
}

function text(ctx: RuleContext, x: ast.Expr): string {
  const s = ctx.source.decode(x.pos, x.end);
  return s.length <= 40 && !s.includes("\n") ? s : "the error";
}

/** The asserted expression of a type switch's guard, `x` in `switch v := x.(type)`. */
function typeSwitchSubject(node: ast.TypeSwitchStmt): ast.Expr | null {
  const guard = node.assign;
  const x = guard.kind === "ExprStmt" ? guard.x : guard.kind === "AssignStmt" ? guard.rhs[0] : undefined;
  if (x === undefined) return null;
  const e = unparen(x);
  return e.kind === "TypeAssertExpr" ? e.x : null;
}

export default defineRule({
  name: "error-type-assert",
  category: "errors",
  severity: "warning",
  needs: ["resolution", "types"],
  docs: {
    summary: "A type assertion or type switch on an error to a concrete error type: use errors.As",
    details: `\`err.(*fs.PathError)\` looks at the outermost error only. Once a layer wraps the error to add context (\`fmt.Errorf("open config: %w", err)\`), the outer value is a \`*fmt.wrapError\`, the assertion fails, and the code that handled a missing file or a timeout stops running without any sign. \`errors.As(err, &target)\` walks the chain of wrapped errors and fills \`target\` with the first error of the wanted type, so the check survives wrapping added later anywhere on the call path.

The rule reports assertions and type-switch cases from an error to a concrete error type (assertions to interfaces such as \`net.Error\` are left alone). It is silent inside \`Is\` and \`As\` methods, where asserting the target to one's own type is how \`errors.Is\` and \`errors.As\` are implemented.`,
    bad: `package config

import (
	"io/fs"
	"os"
)

func Load(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if pe, ok := err.(*fs.PathError); ok && pe.Op == "open" {
		return nil, nil
	}
	return data, err
}
`,
    good: `package config

import (
	"errors"
	"io/fs"
	"os"
)

func Load(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Op == "open" {
		return nil, nil
	}
	return data, err
}
`,
    source:
      'seed 004 "错误处理黄金法则" (errors.Is/errors.As); errorlint (type assertions and type switches)',
  },
  create(ctx) {
    return {
      TypeAssertExpr(node) {
        if (node.type === null) return;
        if (!isErrorInterface(ctx, node.x) || !isConcreteErrorType(ctx, node.type)) return;
        if (inIsOrAsMethod(ctx)) return;
        const e = text(ctx, node.x);
        const t = text(ctx, node.type);
        ctx.report(
          node,
          `type assertion on ${e} to ${t} fails once the error is wrapped; use errors.As(${e}, &target) with a target of type ${t}`,
        );
      },
      TypeSwitchStmt(node) {
        const x = typeSwitchSubject(node);
        if (x === null || !isErrorInterface(ctx, x) || inIsOrAsMethod(ctx)) return;
        const e = text(ctx, x);
        for (const clause of node.body.list) {
          if (clause.kind !== "CaseClause" || clause.list === null) continue;
          for (const typeExpr of clause.list) {
            if (!isConcreteErrorType(ctx, typeExpr)) continue;
            const t = text(ctx, typeExpr);
            ctx.report(
              typeExpr,
              `type switch case ${t} on ${e} misses the error once it is wrapped; use errors.As(${e}, &target) with a target of type ${t}`,
            );
          }
        }
      },
    };
  },
});
