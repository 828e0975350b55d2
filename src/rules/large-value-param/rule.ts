import { parentMap, typeLayout, writesPlace } from "../../analysis/astutil.js";
import { defineRule } from "../../analysis/rule.js";
import { isExported } from "../../semantic/objects.js";
import { under } from "../../semantic/predicates.js";
import type { SemanticModel } from "../../semantic/semantic-model.js";
import { relativeTo, typeString } from "../../semantic/typestring.js";
import type * as ast from "../../syntax/ast.js";

const defaultThreshold = 128;

/**
 * Whether the function works on its copy: a use of the variable, or of a field or array element
 * of it, is assigned to, incremented, ranged into, has its address taken (`&v`, `v.arr[:]`, a
 * pointer-receiver method called on it), or keeps it whole (stored by `=`, in a literal, sent on a
 * channel). Passing a pointer instead would change the caller's value, or only move the copy.
 */
function copyIsUsed(
  sem: SemanticModel,
  uses: readonly ast.Ident[],
  parent: Map<ast.Node, ast.Node>,
): boolean {
  const isArray = (x: ast.Node) => {
    const t = sem.typeOf(x as ast.Expr);
    return t !== null && under(t).kind === "Array";
  };
  for (const use of uses) {
    // climb from the variable to the largest place made of it: fields, array elements
    let x: ast.Node = use;
    let p = parent.get(x);
    for (;;) {
      let up = p?.kind === "ParenExpr" || (p?.kind === "IndexExpr" && p.x === x && isArray(x));
      if (p?.kind === "SelectorExpr" && p.x === x) {
        const sel = sem.objectOf(p.sel);
        if (sel?.kind === "Func" && sel.hasPtrRecv()) return true;
        up = sel?.kind === "Var";
      }
      if (!up || p === undefined) break;
      x = p;
      p = parent.get(x);
    }
    if (p === undefined) continue;
    // the value itself stored (a setter, a literal, a send): the function keeps its copy
    if (x === use || x.kind === "ParenExpr") {
      if (p.kind === "AssignStmt" && p.tok === "=" && p.rhs.includes(x as ast.Expr)) return true;
      if (p.kind === "KeyValueExpr" && p.value === x) return true;
      if (p.kind === "CompositeLit" && p.elts.includes(x as ast.Expr)) return true;
      if (p.kind === "SendStmt" && p.value === x) return true;
    }
    if (writesPlace(p, x)) return true;
    if (p.kind === "SliceExpr" && p.x === x && isArray(x)) return true;
  }
  return false;
}

export default defineRule({
  name: "large-value-param",
  category: "performance",
  severity: "info",
  needs: ["types"],
  options: { threshold: defaultThreshold },
  skipTests: true,
  docs: {
    summary: "A large struct or array is passed by value",
    details:
      "Go passes every argument by value: a struct or array parameter, or a value receiver, is " +
      "copied in full on every call. For small values the copy is cheaper than the indirection, but " +
      "past a few cache lines it costs time on every call and stack space in every frame, and a " +
      "value receiver also copies on each method call through an interface. The seed's advice: " +
      "strings, slices, maps and functions are cheap to pass as they are, while structs and arrays " +
      "are better passed by pointer. The rule reports struct and array parameters and value " +
      "receivers larger than `threshold` bytes (default 128, sizes as gc lays values out on 64-bit " +
      "platforms); pass a pointer instead, unless the callee must work on a copy. It is silent where " +
      "the function does work on its copy (assigns to it or to a field or element of it, takes its " +
      "address, calls a pointer method on it) or keeps it (stores it in a field, a variable, a literal or a " +
      "channel, as a setter does): a pointer would change the caller's value, or only move the copy. Value " +
      "receivers of exported methods are left alone (the method set is API: a `String` or " +
      "`MarshalJSON` with a pointer receiver no longer serves plain values), and so are the " +
      "parameters of constructors (`NewT`, `newT`, and factory methods so named), which run once per value they " +
      "build and take " +
      "options structs by value by convention (`prometheus.NewHistogram(HistogramOpts)`). Types " +
      "whose size is not known (type parameters, standard structs of unknown size) and test files " +
      "(where a copy per call of a helper costs nothing worth a finding, and tests may exercise " +
      "passing by value on purpose) are not reported.",
    bad: `package report

type Summary struct {
	Title, Author, Region, Product string
	Totals                         [12]float64
}

func Render(s Summary) string {
	return s.Title
}
`,
    good: `package report

type Summary struct {
	Title, Author, Region, Product string
	Totals                         [12]float64
}

func Render(s *Summary) string {
	return s.Title
}
`,
    source: 'seed 000 "值传递和引用传递" (passing by value and by reference); gocritic hugeParam',
  },
  create(ctx) {
    const t = ctx.options.threshold;
    const threshold = typeof t === "number" && t >= 0 ? t : defaultThreshold;
    const qf = relativeTo(ctx.sem.checked.pkg);

    const check = (fd: ast.FuncDecl, field: ast.Field, what: "parameter" | "receiver") => {
      const typ = ctx.sem.typeOf(field.type);
      if (typ === null) return;
      const u = under(typ);
      if (u.kind !== "Struct" && u.kind !== "Array") return;
      const layout = typeLayout(typ);
      if (layout === null || layout.size <= threshold) return;
      if (fd.body !== null) {
        const parent = parentMap(fd.body);
        for (const n of field.names) {
          const obj = ctx.sem.objectOf(n);
          if (obj !== null && copyIsUsed(ctx.sem, ctx.sem.uses(obj), parent)) return;
        }
      }
      const fn = fd.name.name;
      const ts = typeString(typ, qf);
      const names = field.names.map((n) => n.name).filter((n) => n !== "_");
      const named = names.length === 0 ? "" : ` ${names.join(", ")}`;
      const instead = what === "receiver" ? `use a pointer receiver (*${ts})` : `pass *${ts}`;
      ctx.report(
        field,
        `${what}${named} of ${fn} has type ${ts} of ${layout.size} bytes, copied on every call; ${instead}`,
      );
    };

    return {
      FuncDecl(fd) {
        const recv = fd.recv?.list[0];
        if (recv !== undefined && !isExported(fd.name.name)) check(fd, recv, "receiver");
        if (/^(new|New)([A-Z_]|$)/.test(fd.name.name)) return;
        for (const f of fd.type.params.list) check(fd, f, "parameter");
      },
    };
  },
});
