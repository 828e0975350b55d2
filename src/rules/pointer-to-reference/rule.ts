import { parentMap, writesPlace } from "../../analysis/astutil.js";
import { defineRule } from "../../analysis/rule.js";
import { isExported, type Obj } from "../../semantic/objects.js";
import { under } from "../../semantic/predicates.js";
import { BasicInfo, type Type } from "../../semantic/types.js";
import { relativeTo, typeString } from "../../semantic/typestring.js";
import type * as ast from "../../syntax/ast.js";

/** Why a pointer to this type buys nothing when only read through, or null for other types. */
function referenceReason(t: Type): string | null {
  if (t.kind === "TypeParam") return null;
  const u = under(t);
  switch (u.kind) {
    case "Map":
      return "a map value already refers to its entries";
    case "Chan":
      return "a channel value already refers to the channel";
    case "Signature":
      return "a func value is already a reference";
    case "Slice":
      return "a slice value already shares its elements";
    case "Basic":
      return u.info & BasicInfo.IsString && !(u.info & BasicInfo.IsUntyped)
        ? "a string is two words and immutable"
        : null;
    default:
      return null;
  }
}

/**
 * Whether every use is `*p` read: not assigned to, not incremented, not a range target, its address
 * not taken. Any other use of `p` (passed on, stored, compared with nil) may need the pointer.
 */
function onlyReadThrough(uses: readonly ast.Ident[], parent: Map<ast.Node, ast.Node>): boolean {
  for (const use of uses) {
    let x: ast.Node = use;
    let p = parent.get(x);
    while (p?.kind === "ParenExpr") {
      x = p;
      p = parent.get(x);
    }
    if (p === undefined || p.kind !== "StarExpr") return false;
    x = p;
    p = parent.get(x);
    while (p?.kind === "ParenExpr") {
      x = p;
      p = parent.get(x);
    }
    if (p === undefined || writesPlace(p, x)) return false;
  }
  return true;
}

export default defineRule({
  name: "pointer-to-reference",
  category: "performance",
  severity: "info",
  needs: ["types"],
  docs: {
    summary: "A parameter points to a map, channel, func, slice or string but is never assigned through",
    details:
      "Maps, channels and funcs are references already, a slice shares its elements, and a string is " +
      "an immutable two-word header: passing a pointer to one adds an indirection (and often a heap " +
      "allocation for the pointed-to variable) and buys nothing, unless the callee assigns through " +
      "the pointer (growing a slice, replacing a map, filling a decode target) or uses nil to mean " +
      '"absent". The rule reports a parameter of type `*map`, `*chan`, `*func`, `*[]T` or ' +
      "`*string` of a function that never assigns through it: every use is `*p` (or `(*p)[k]`, " +
      "`(*p)()`), never assigned to, never passed on, never compared with nil. Pass the value " +
      "itself. Exported methods are skipped, as an interface may fix their signature.",
    bad: `package tags

func count(tags *map[string]int, key string) int {
	return (*tags)[key]
}
`,
    good: `package tags

func count(tags map[string]int, key string) int {
	return tags[key]
}
`,
    source: 'seed 000 "值传递和引用传递" (passing by value and by reference); gocritic ptrToRefParam',
  },
  create(ctx) {
    const qf = relativeTo(ctx.sem.checked.pkg);
    return {
      FuncDecl(fd) {
        if (fd.body === null) return;
        if (fd.recv !== null && isExported(fd.name.name)) return;
        const candidates: { name: ast.Ident; field: ast.Field; obj: Obj; elem: Type; reason: string }[] = [];
        for (const field of fd.type.params.list) {
          const t = ctx.sem.typeOf(field.type);
          if (t === null || t.kind !== "Pointer") continue;
          const reason = referenceReason(t.elem);
          if (reason === null) continue;
          for (const name of field.names) {
            const obj = ctx.sem.objectOf(name);
            if (obj !== null && obj.kind === "Var")
              candidates.push({ name, field, obj, elem: t.elem, reason });
          }
        }
        if (candidates.length === 0) return;
        const parent = parentMap(fd.body);
        for (const c of candidates) {
          const uses = ctx.sem.uses(c.obj);
          if (uses.length === 0 || !onlyReadThrough(uses, parent)) continue;
          const elem = typeString(c.elem, qf);
          ctx.report(
            { pos: c.name.pos, end: c.field.type.end },
            `parameter ${c.name.name} of ${fd.name.name} is a *${elem} but is never assigned through: ${c.reason}; pass ${elem}`,
          );
        }
      },
    };
  },
});
