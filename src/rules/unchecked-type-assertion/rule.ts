import { unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import { under } from "../../semantic/predicates.js";
import type * as ast from "../../syntax/ast.js";

/** Whether the assertion is the single value of a two-variable assignment or declaration. */
function isCommaOk(ctx: RuleContext, node: ast.TypeAssertExpr): boolean {
  const anc = ctx.ancestors;
  let i = anc.length - 1;
  while (i >= 0 && anc[i]!.kind === "ParenExpr") i--;
  const parent = anc[i];
  if (parent === undefined) return false;
  if (parent.kind === "AssignStmt")
    return parent.lhs.length === 2 && parent.rhs.length === 1 && unparen(parent.rhs[0]!) === node;
  if (parent.kind === "ValueSpec")
    return parent.names.length === 2 && parent.values.length === 1 && unparen(parent.values[0]!) === node;
  return false;
}

function text(ctx: RuleContext, x: ast.Expr): string {
  const s = ctx.source.decode(x.pos, x.end);
  return s.length <= 40 && !s.includes("\n") ? s : "x";
}

export default defineRule({
  name: "unchecked-type-assertion",
  category: "correctness",
  severity: "warning",
  needs: ["types"],
  // Measured on the standard library and four modules (docs/quality.md): nearly every
  // single-result assertion there is safe by an invariant the code keeps (a table of known
  // types, a value checked a few lines above, a map that only ever holds one type), which no
  // rule can see; reported by default, the rule would bury its rare real findings.
  offByDefault: true,
  options: { allowInTests: true },
  docs: {
    summary: "A single-result type assertion x.(T): it panics when x holds another type",
    details: `\`v := x.(T)\` asserts that the interface value \`x\` holds a \`T\`; when it holds anything else, or nil, the program panics with "interface conversion". The common-mistakes notes show a function that works for \`foo(1)\` and brings the process down for \`foo("a")\`: values arriving through \`any\` (decoded JSON, context values, cache entries, channel messages) eventually carry a type nobody planned for. The two-result form \`v, ok := x.(T)\` never panics and lets the code return an error or take another path; a type switch does the same for several types.

Assertions on the value of \`(*sync.Pool).Get\` are left out: a pool with a \`New\` function only ever holds what the program put in. The option \`allowInTests\` (default true) silences the rule in \`_test.go\` files, where a panic fails the test with a stack trace; set it to false to check tests too.

The rule is off by default: enable it (\`--enable unchecked-type-assertion\`) on code that handles values of unknown origin (decoded JSON, context values, plugin registries). Measured on the Go standard library, nearly every single-result assertion is safe by an invariant the code keeps (an AST node kind fixed by the parser, a map or \`sync.Map\` that only ever holds one type, a type checked a few lines above), which a rule cannot see; on by default it would bury the real findings among correct code.`,
    bad: `package handler

import "context"

type ctxKey struct{}

func UserID(ctx context.Context) string {
	return ctx.Value(ctxKey{}).(string)
}
`,
    good: `package handler

import "context"

type ctxKey struct{}

func UserID(ctx context.Context) (string, bool) {
	id, ok := ctx.Value(ctxKey{}).(string)
	return id, ok
}
`,
    source: 'seed 000 "类型断言"; forcetypeassert (golangci-lint), errcheck -assert',
  },
  create(ctx) {
    if (ctx.options.allowInTests === true && ctx.source.name.endsWith("_test.go")) return {};
    return {
      TypeAssertExpr(node) {
        if (node.type === null) return;
        const xt = ctx.sem.typeOf(node.x);
        if (xt === null || under(xt).kind !== "Interface") return;
        if (ctx.sem.typeAndValue(node.type) === null) return;
        if (isCommaOk(ctx, node)) return;
        const x = unparen(node.x);
        if (x.kind === "CallExpr" && ctx.sem.isCallTo(x, "(*sync.Pool).Get")) return;
        const t = text(ctx, node.type);
        ctx.report(
          node,
          `type assertion to ${t} panics if ${text(ctx, node.x)} holds another type; use the two-value form v, ok := ${text(ctx, node.x)}.(${t}) and handle !ok`,
        );
      },
    };
  },
});
