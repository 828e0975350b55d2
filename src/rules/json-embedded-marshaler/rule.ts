import { unparen } from "../../analysis/astutil.js";
import { defineRule } from "../../analysis/rule.js";
import { lookupFieldOrMethod } from "../../semantic/lookup.js";
import { under } from "../../semantic/predicates.js";
import type { SemanticModel } from "../../semantic/semantic-model.js";
import type { Named, Struct, Type } from "../../semantic/types.js";
import { typeString } from "../../semantic/typestring.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

type Direction = "encode" | "decode";

/** encoding/json entry points, with the argument that is encoded or decoded into. */
const jsonCalls = new Map<string, [Direction, number]>([
  ["encoding/json.Marshal", ["encode", 0]],
  ["encoding/json.MarshalIndent", ["encode", 0]],
  ["(*encoding/json.Encoder).Encode", ["encode", 0]],
  ["encoding/json.Unmarshal", ["decode", 1]],
  ["(*encoding/json.Decoder).Decode", ["decode", 0]],
]);

interface JsonUses {
  encode: Set<Named>;
  decode: Set<Named>;
}

/** The named types reachable from t as encoding/json walks it: pointers, elements, fields. */
function collect(t: Type, into: Set<Named>, seen: Set<Type>): void {
  if (seen.has(t)) return;
  seen.add(t);
  if (t.kind === "Named") into.add(t);
  const u = under(t);
  switch (u.kind) {
    case "Pointer":
    case "Slice":
    case "Array":
      collect(u.elem, into, seen);
      return;
    case "Map":
      collect(u.elem, into, seen);
      return;
    case "Struct":
      for (const f of u.fields) if (f.exported() || f.embedded) collect(f.type, into, seen);
      return;
    default:
      return;
  }
}

const usesByPackage = new WeakMap<SemanticModel, JsonUses>();

/**
 * The types the package encodes and decodes with encoding/json, computed once per package
 * on first need (only when a struct embeds a marshaler next to other fields).
 */
function jsonUses(sem: SemanticModel): JsonUses {
  let uses = usesByPackage.get(sem);
  if (uses !== undefined) return uses;
  const found: JsonUses = { encode: new Set(), decode: new Set() };
  const seen = { encode: new Set<Type>(), decode: new Set<Type>() };
  for (const parsed of sem.checked.files) {
    inspect(parsed.file, (n) => {
      if (n.kind !== "CallExpr") return true;
      const name = sem.calleeName(n);
      const entry = name === null ? undefined : jsonCalls.get(name);
      if (entry === undefined) return true;
      const arg = n.args[entry[1]];
      const t = arg === undefined ? null : sem.typeOf(unparen(arg));
      if (t !== null) collect(t, found[entry[0]], seen[entry[0]]);
      return true;
    });
  }
  uses = found;
  usesByPackage.set(sem, uses);
  return uses;
}

/** The json key of a struct tag: "" when absent, "-" when the field is skipped. */
function jsonTag(tag: string): string | null {
  const m = /(?:^|\s)json:"((?:[^"\\]|\\.)*)"/.exec(tag);
  return m === null ? null : m[1]!.split(",")[0]!;
}

/**
 * The method named `name` of T (or *T when addressable) when it is promoted through the
 * embedded field `index` and has the shape of the json interface method; null otherwise.
 */
function promotedFrom(
  T: Named,
  addressable: boolean,
  name: string,
  index: number,
): "promoted" | "own" | null {
  const r = lookupFieldOrMethod(T, addressable, T.obj.pkg, name);
  if (r.obj === null || r.obj.kind !== "Func" || r.index === null) return null;
  const sig = r.obj.signature();
  if (sig === null) return null;
  const isMarshal = name.startsWith("Marshal");
  const shapeOk = isMarshal
    ? sig.params.vars.length === 0 && sig.results.vars.length === 2
    : sig.params.vars.length === 1 && sig.results.vars.length === 1;
  if (!shapeOk) return null;
  if (r.index.length === 1) return "own";
  return r.index[0] === index ? "promoted" : null;
}

/** Which json method of the embedded field at `index` takes over T in one direction, if any. */
function hijacker(T: Named, direction: Direction, index: number): string | null {
  const [jsonName, textName, addressable] =
    direction === "encode" ? ["MarshalJSON", "MarshalText", false] : ["UnmarshalJSON", "UnmarshalText", true];
  const viaJson = promotedFrom(T, addressable, jsonName, index);
  if (viaJson === "promoted") return jsonName;
  if (viaJson === "own") return null;
  // encoding/json falls back to the text interface when the json one is missing
  if (lookupFieldOrMethod(T, addressable, T.obj.pkg, jsonName).obj !== null) return null;
  return promotedFrom(T, addressable, textName, index) === "promoted" ? textName : null;
}

export default defineRule({
  name: "json-embedded-marshaler",
  category: "encoding",
  severity: "error",
  needs: ["types"],
  imports: ["encoding/json"],
  docs: {
    summary: "A JSON struct embeds a type with MarshalJSON (like time.Time): its other fields vanish",
    details: `Embedding promotes methods. When a struct embeds \`time.Time\` (or any type with \`MarshalJSON\`, \`UnmarshalJSON\`, \`MarshalText\` or \`UnmarshalText\`), the struct itself implements \`json.Marshaler\`, and encoding/json calls the promoted method instead of encoding fields: \`Event{ID: 1234, Time: now}\` marshals to \`"2021-05-18T21:15:08+02:00"\`, and the ID is gone. Decoding goes the same way: \`UnmarshalJSON\` of the embedded type consumes the whole object and the other fields stay zero. Nothing fails; the data just silently disappears on the wire or in storage ("100 Go Mistakes" #77).

Give the embedded field a name (\`Time time.Time \\\`json:"time"\\\`\`), or implement \`MarshalJSON\`/\`UnmarshalJSON\` on the outer struct. The rule reports the embedded field of a struct that has other encodable fields when the struct is encoded or decoded with encoding/json in its package, or carries \`json\` tags. It is silent when the outer type has its own method, and when two embedded types provide it at the same depth (then neither is promoted).`,
    bad: `package events

import (
	"encoding/json"
	"time"
)

type Event struct {
	ID int
	time.Time
}

func Encode(e Event) ([]byte, error) {
	return json.Marshal(e)
}
`,
    good: `package events

import (
	"encoding/json"
	"time"
)

type Event struct {
	ID   int
	Time time.Time
}

func Encode(e Event) ([]byte, error) {
	return json.Marshal(e)
}
`,
    source:
      'seed 001 #77 "类型嵌入导致的意外行为" (100 Go Mistakes, JSON handling); go vet has no peer check',
  },
  create(ctx) {
    return {
      TypeSpec(spec) {
        if (spec.type.kind !== "StructType" || spec.typeParams !== null) return;
        const obj = ctx.sem.objectOf(spec.name);
        if (obj === null || obj.kind !== "TypeName" || obj.type.kind !== "Named") return;
        const T = obj.type;
        const st = under(T);
        if (st.kind !== "Struct") return;
        const astFields = spec.type.fields.list;
        let index = 0;
        const embeddedAt: { field: ast.Field; index: number }[] = [];
        for (const f of astFields) {
          if (f.names.length === 0) embeddedAt.push({ field: f, index: index++ });
          else index += f.names.length;
        }
        if (embeddedAt.length === 0 || index !== st.fields.length) return;
        for (const { field, index: i } of embeddedAt) {
          const enc = hijacker(T, "encode", i);
          const dec = hijacker(T, "decode", i);
          if (enc === null && dec === null) continue;
          const others = encodedOthers(st, i);
          if (others.length === 0) continue;
          const tagged = others.some((j) => jsonTag(st.tag(j)) !== null);
          let uses: JsonUses | null = null;
          const used = (d: Direction): boolean => {
            if (tagged) return true;
            uses ??= jsonUses(ctx.sem);
            return uses[d].has(T);
          };
          const hits: string[] = [];
          if (enc !== null && used("encode")) hits.push(enc);
          if (dec !== null && used("decode")) hits.push(dec);
          if (hits.length === 0) continue;
          const embedded = typeString(st.fields[i]!.type, (p) => (p === T.obj.pkg ? "" : p.name));
          const names = others.map((j) => st.fields[j]!.name);
          const shown = names.length > 3 ? `${names.slice(0, 3).join(", ")}, ...` : names.join(", ");
          const what = hits.length === 2 ? `${hits[0]} and ${hits[1]} are` : `${hits[0]} is`;
          const effect =
            hits.length === 2
              ? `encoding/json reads and writes ${T.obj.name} as a ${embedded} alone and drops ${shown}`
              : hits[0]!.startsWith("Marshal")
                ? `encoding/json writes ${T.obj.name} as a ${embedded} alone and drops ${shown}`
                : `encoding/json decodes ${T.obj.name} as a ${embedded} alone and leaves ${shown} unset`;
          ctx.report(
            field.type,
            `${what} promoted from embedded ${embedded} to ${T.obj.name}, so ${effect}; give the field a name or implement the method on ${T.obj.name}`,
          );
        }
      },
    };
  },
});

/** The fields other than `skip` that encoding/json would encode: exported or embedded, not tagged "-". */
function encodedOthers(st: Struct, skip: number): number[] {
  const out: number[] = [];
  st.fields.forEach((f, j) => {
    if (j === skip) return;
    if (!f.exported() && !f.embedded) return;
    if (jsonTag(st.tag(j)) === "-") return;
    out.push(j);
  });
  return out;
}
