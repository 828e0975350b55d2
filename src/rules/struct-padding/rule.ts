import { structLayout, typeLayout } from "../../analysis/astutil.js";
import { defineRule } from "../../analysis/rule.js";
import type { Var } from "../../semantic/objects.js";

/** Beyond this many fields the message names no order: a list that long is no help to read. */
const maxNamedFields = 8;

/**
 * The fields in the order that makes the struct smallest (fieldalignment's order without its
 * pointer-bytes criteria): zero-size fields first, then by decreasing alignment, the original order
 * kept among equals.
 */
function optimalOrder(fields: readonly Var[], layouts: readonly { size: number; align: number }[]): number[] {
  return fields
    .map((_, i) => i)
    .sort((i, j) => {
      const a = layouts[i]!;
      const b = layouts[j]!;
      const zi = a.size === 0;
      const zj = b.size === 0;
      if (zi !== zj) return zi ? -1 : 1;
      if (a.align !== b.align) return b.align - a.align;
      return i - j;
    });
}

export default defineRule({
  name: "struct-padding",
  category: "correctness",
  severity: "info",
  needs: ["types"],
  offByDefault: true,
  skipTests: true,
  docs: {
    summary: "A struct's fields could be reordered to take fewer bytes",
    details:
      "The compiler places each field at a multiple of its alignment and rounds the struct's size up " +
      "to the largest alignment, so padding appears between a small field and a larger one that " +
      "follows it. The seed's example: `struct { a int8; b int64; c int8; d int32; e int16 }` takes 32 " +
      "bytes on 64-bit platforms, and the same fields ordered `b, d, e, a, c` take 16. For a struct " +
      "held by the million (cache entries, protocol records, slices of rows) the difference is memory " +
      "and cache misses; order fields from the largest alignment to the smallest. The rule reports " +
      "the current and the smallest size for 64-bit platforms (gc's layout) and the order that " +
      "reaches it, like go vet's fieldalignment, but does not weigh pointer bytes. It is off by " +
      "default: most structs are few, and their field order is chosen for the reader, so the " +
      "findings are worth reading only where memory matters. Structs with blank (`_`) fields are " +
      "skipped, as their layout is deliberate, and so are those holding a type whose size is not " +
      "known (a type parameter, a standard struct of unknown size), those whose fields carry struct " +
      "tags (encoders such as encoding/xml, encoding/json and encoding/asn1 write fields in " +
      "declaration order, so the order is part of the format) and those declared in test files " +
      "(test types are few, and their layout is sometimes what the test is about).",
    bad: `package layout

type S1 struct {
	a int8
	b int64
	c int8
	d int32
	e int16
}
`,
    good: `package layout

type S2 struct {
	b int64
	d int32
	e int16
	a int8
	c int8
}
`,
    source: 'seed 000 "摆脱不了的内存对齐" (memory alignment); go vet fieldalignment',
  },
  create(ctx) {
    return {
      TypeSpec(spec) {
        if (spec.type.kind !== "StructType") return;
        const st = ctx.sem.typeOf(spec.type);
        if (st === null || st.kind !== "Struct" || st.fields.length < 2) return;
        if (st.fields.some((f) => f.name === "_")) return;
        if (st.tags?.some((t) => t !== "")) return;
        const layouts: { size: number; align: number }[] = [];
        for (const f of st.fields) {
          const l = typeLayout(f.type);
          if (l === null) return;
          layouts.push(l);
        }
        const current = structLayout(st.fields.map((f) => f.type));
        const order = optimalOrder(st.fields, layouts);
        const optimal = structLayout(order.map((i) => st.fields[i]!.type));
        if (current === null || optimal === null || optimal.size >= current.size) return;
        const how =
          st.fields.length <= maxNamedFields
            ? `order the fields ${order.map((i) => st.fields[i]!.name).join(", ")}`
            : "order the fields by decreasing alignment";
        ctx.report(
          { pos: spec.name.pos, end: spec.type.fields.opening + 1 },
          `struct ${spec.name.name} of size ${current.size} could be ${optimal.size} bytes on 64-bit platforms: ${how}`,
        );
      },
    };
  },
});
