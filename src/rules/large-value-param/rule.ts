import { typeLayout } from "../../analysis/astutil.js";
import { defineRule } from "../../analysis/rule.js";
import { under } from "../../semantic/predicates.js";
import { relativeTo, typeString } from "../../semantic/typestring.js";
import type * as ast from "../../syntax/ast.js";

const defaultThreshold = 128;

export default defineRule({
  name: "large-value-param",
  category: "performance",
  severity: "info",
  needs: ["types"],
  options: { threshold: defaultThreshold },
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
      "platforms); pass a pointer instead, unless the callee must work on a copy. Types whose size " +
      "is not known (type parameters, standard structs of unknown size) are not reported.",
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

    const check = (field: ast.Field, what: "parameter" | "receiver", fn: string) => {
      const typ = ctx.sem.typeOf(field.type);
      if (typ === null) return;
      const u = under(typ);
      if (u.kind !== "Struct" && u.kind !== "Array") return;
      const layout = typeLayout(typ);
      if (layout === null || layout.size <= threshold) return;
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
        if (recv !== undefined) check(recv, "receiver", fd.name.name);
        for (const f of fd.type.params.list) check(f, "parameter", fd.name.name);
      },
    };
  },
});
