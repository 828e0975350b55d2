import {
  deref,
  enclosingFunc,
  implementsError,
  isUnexportedFuncParam,
  unparen,
} from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import { under } from "../../semantic/predicates.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

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

/**
 * An error type declared by the package being checked (or by the package an external test
 * package tests): the package builds and returns these values itself and knows it does not
 * wrap them, as os does with *PathError.
 */
function isOwnType(ctx: RuleContext, typeExpr: ast.Expr): boolean {
  const tv = ctx.sem.typeAndValue(typeExpr);
  if (tv === null) return false;
  const t = deref(tv.type);
  if (t.kind !== "Named" || t.obj.pkg === null) return false;
  const here = ctx.sem.checked.pkg.path;
  return t.obj.pkg.path === here || `${t.obj.pkg.path}_test` === here;
}

/** The package path declaring the named (or pointer to named) type of a type expression. */
function typePackage(ctx: RuleContext, typeExpr: ast.Expr): string | null {
  const tv = ctx.sem.typeAndValue(typeExpr);
  if (tv === null) return null;
  const t = deref(tv.type);
  return t.kind === "Named" && t.obj.pkg !== null ? t.obj.pkg.path : null;
}

/**
 * Whether the error was just returned by a call that makes errors of that type itself: every
 * assignment of the variable in its function is a call to a function of the package declaring
 * the type (strconv.ParseFloat and *strconv.NumError; os and *fs.PathError, which os returns
 * under its alias os.PathError). Nothing can have wrapped it.
 */
function straightFromSource(ctx: RuleContext, x: ast.Expr, typeExpr: ast.Expr): boolean {
  const e = unparen(x);
  // the field of an error type the package declares: its own code filled it (net's
  // (*OpError).Timeout asserts e.Err)
  if (e.kind === "SelectorExpr") {
    const holder = ctx.sem.typeOf(e.x);
    const t = holder === null ? null : deref(holder);
    return t !== null && t.kind === "Named" && t.obj.pkg?.path === ctx.sem.checked.pkg.path;
  }
  if (e.kind !== "Ident") return false;
  const obj = ctx.sem.objectOf(e);
  const fn = enclosingFunc(ctx.ancestors);
  const typePkg = typePackage(ctx, typeExpr);
  if (obj === null || obj.kind !== "Var" || fn === null || fn.body === null || typePkg === null) return false;
  let calls = 0;
  let other = false;
  const take = (lhs: readonly ast.Expr[], rhs: readonly ast.Expr[]): void => {
    lhs.forEach((l, i) => {
      if (l.kind !== "Ident" || ctx.sem.objectOf(l) !== obj) return;
      const r = unparen((rhs.length === lhs.length ? rhs[i] : rhs[0]) ?? l);
      const from = r.kind === "CallExpr" ? ctx.sem.callee(r)?.pkg?.path : undefined;
      if (from !== undefined && (from === typePkg || (from === "os" && typePkg === "io/fs"))) calls++;
      else other = true;
    });
  };
  inspect(fn.body, (n) => {
    if (n.kind === "AssignStmt") take(n.lhs, n.rhs);
    else if (n.kind === "ValueSpec") take(n.names, n.values);
    return true;
  });
  return calls > 0 && !other;
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
  offByDefault: true,
  needs: ["resolution", "types"],
  // A test that asserts the concrete type pins the exact error the code returns, on purpose.
  skipTests: true,
  docs: {
    summary: "A type assertion or type switch on an error to a concrete error type: use errors.As",
    details: `\`err.(*fs.PathError)\` looks at the outermost error only. Once a layer wraps the error to add context (\`fmt.Errorf("open config: %w", err)\`), the outer value is a \`*fmt.wrapError\`, the assertion fails, and the code that handled a missing file or a timeout stops running without any sign. \`errors.As(err, &target)\` walks the chain of wrapped errors and fills \`target\` with the first error of the wanted type, so the check survives wrapping added later anywhere on the call path.

The rule reports assertions and type-switch cases from an error to a concrete error type (assertions to interfaces such as \`net.Error\` are left alone). It is silent inside \`Is\` and \`As\` methods, where asserting the target to one's own type is how \`errors.Is\` and \`errors.As\` are implemented, for an error just returned by a function of the package that declares the type (\`strconv.ParseFloat\` and \`*strconv.NumError\`, \`os.Open\` and \`*fs.PathError\`: nothing can have wrapped it), for a field of a type the package declares (its own code filled it), for error types the package itself declares (it builds and returns them and knows it does not wrap them, as \`os\` does with \`*PathError\`), for a parameter of an unexported function (only the package's own callers decide what it holds, as \`strconv\`'s helpers that receive its own unwrapped errors), and in \`_test.go\` files, where asserting the concrete type pins the exact error the code under test returns.

It is off by default: on the standard library, the only large corpus read so far, most of what remains asserts errors the same package produced, which the rule cannot tell from a wrapped one (sampled precision below 90% after narrowing, see docs/quality.md); turn it on for application code, where errors cross package boundaries.`,
    bad: `package config

import (
	"fmt"
	"io/fs"
	"os"
)

func read(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return data, nil
}

// Load returns nil when the file does not exist.
func Load(path string) ([]byte, error) {
	data, err := read(path)
	if _, ok := err.(*fs.PathError); ok { // never true: read wraps the error
		return nil, nil
	}
	return data, err
}
`,
    good: `package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

func read(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return data, nil
}

// Load returns nil when the file does not exist.
func Load(path string) ([]byte, error) {
	data, err := read(path)
	var pe *fs.PathError
	if errors.As(err, &pe) {
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
        if (isOwnType(ctx, node.type) || straightFromSource(ctx, node.x, node.type)) return;
        if (inIsOrAsMethod(ctx) || isUnexportedFuncParam(ctx.sem, ctx.ancestors, node.x)) return;
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
        if (isUnexportedFuncParam(ctx.sem, ctx.ancestors, x)) return;
        const e = text(ctx, x);
        for (const clause of node.body.list) {
          if (clause.kind !== "CaseClause" || clause.list === null) continue;
          for (const typeExpr of clause.list) {
            if (!isConcreteErrorType(ctx, typeExpr) || isOwnType(ctx, typeExpr)) continue;
            if (straightFromSource(ctx, x, typeExpr)) continue;
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
