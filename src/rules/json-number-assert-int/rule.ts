import { unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { Obj } from "../../semantic/objects.js";
import { isInteger, under } from "../../semantic/predicates.js";
import type { Type } from "../../semantic/types.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** A call that fills a variable with decoded JSON, and whether numbers come out as json.Number. */
interface Decode {
  call: ast.CallExpr;
  /** true after UseNumber, false without, null when the decoder is not known here. */
  useNumber: boolean | null;
}

type Write =
  | { kind: "expr"; rhs: ast.Expr }
  | { kind: "range"; x: ast.Expr; key: boolean }
  | { kind: "unknown" };

interface VarFacts {
  writes: Write[];
  /** `&v` other than in a decode call. */
  addressed: boolean;
  /** Positions where the variable's contents may change: `v[k] = x`, `f(v)`, `v.Method()`. */
  mutated: number[];
}

interface FuncFacts {
  /** Variables whose address is passed to json.Unmarshal or Decoder.Decode. */
  decoded: Map<Obj, Decode[]>;
  vars: Map<Obj, VarFacts>;
}

/** Packages whose functions only read the values handed to them. */
const readOnlyPackages = new Set(["fmt", "log", "log/slog", "errors", "encoding/json", "testing"]);

/** Whether t is an empty interface (any). */
function isEmptyInterface(t: Type | null): boolean {
  if (t === null) return false;
  const u = under(t);
  return u.kind === "Interface" && u.methods.length === 0 && u.embeddeds.length === 0;
}

/** Whether decoded JSON keeps its generic form in t: any, map[K]any, []any. */
function holdsGenericJSON(t: Type | null): boolean {
  if (t === null) return false;
  if (isEmptyInterface(t)) return true;
  const u = under(t);
  return (u.kind === "Map" || u.kind === "Slice") && isEmptyInterface(u.elem);
}

/** The variable at the root of `v`, `v[k]`, `v[k].(map[string]any)[j]`. */
function chainRoot(x: ast.Expr): ast.Ident | null {
  let e = unparen(x);
  for (;;) {
    if (e.kind === "IndexExpr") e = unparen(e.x);
    else if (e.kind === "TypeAssertExpr") e = unparen(e.x);
    else break;
  }
  return e.kind === "Ident" ? e : null;
}

/** Everything the rule needs to know about one function body (function literals included). */
function analyzeFunc(ctx: RuleContext, body: ast.Node): FuncFacts {
  const sem = ctx.sem;
  const decoded = new Map<Obj, Decode[]>();
  const vars = new Map<Obj, VarFacts>();
  const decodeAddrs = new Set<ast.Node>();
  const useNumber = new Set<Obj>();
  const localVar = (x: ast.Expr | null): Obj | null => {
    if (x === null) return null;
    const e = unparen(x);
    if (e.kind !== "Ident" || e.name === "_") return null;
    const obj = sem.objectOf(e);
    if (obj === null || obj.kind !== "Var" || obj.isField || obj.parent === obj.pkg?.scope) return null;
    return obj;
  };
  const factsOf = (obj: Obj): VarFacts => {
    let f = vars.get(obj);
    if (f === undefined) {
      f = { writes: [], addressed: false, mutated: [] };
      vars.set(obj, f);
    }
    return f;
  };
  const decodeInto = (call: ast.CallExpr, arg: ast.Expr | undefined, un: Obj | "new" | null): void => {
    if (arg === undefined) return;
    const a = unparen(arg);
    if (a.kind !== "UnaryExpr" || a.op !== "&") return;
    const obj = localVar(a.x);
    if (obj === null) return;
    decodeAddrs.add(a);
    const list = decoded.get(obj) ?? [];
    // resolved below, once every UseNumber call is known
    list.push({ call, useNumber: un === "new" ? false : un === null ? null : useNumber.has(un) });
    decoded.set(obj, list);
    pendingDecoders.push([list[list.length - 1]!, un]);
  };
  const pendingDecoders: [Decode, Obj | "new" | null][] = [];

  inspect(body, (n) => {
    switch (n.kind) {
      case "CallExpr": {
        const name = sem.calleeName(n);
        const fun = unparen(n.fun);
        if (name === "encoding/json.Unmarshal") {
          decodeInto(n, n.args[1], "new");
          return true;
        }
        if (name === "(*encoding/json.Decoder).Decode" && fun.kind === "SelectorExpr") {
          const recv = unparen(fun.x);
          const dec =
            recv.kind === "CallExpr" && sem.isCallTo(recv, "encoding/json.NewDecoder")
              ? "new"
              : localVar(recv);
          decodeInto(n, n.args[0], dec);
          return true;
        }
        if (name === "(*encoding/json.Decoder).UseNumber" && fun.kind === "SelectorExpr") {
          const dec = localVar(fun.x);
          if (dec !== null) useNumber.add(dec);
          return true;
        }
        const callee = sem.callee(n);
        let readOnly =
          callee?.pkg !== null && callee?.pkg !== undefined && readOnlyPackages.has(callee.pkg.path);
        if (fun.kind === "Ident" && sem.objectOf(fun)?.kind === "Builtin") readOnly = fun.name !== "append";
        if (!readOnly) {
          for (const a of n.args) {
            const root = chainRoot(a);
            const obj = root === null ? null : localVar(root);
            if (obj !== null) factsOf(obj).mutated.push(n.pos);
          }
          // a method of a named map or slice type may change it
          if (fun.kind === "SelectorExpr" && callee !== null) {
            const root = chainRoot(fun.x);
            const obj = root === null ? null : localVar(root);
            if (obj !== null) factsOf(obj).mutated.push(n.pos);
          }
        }
        return true;
      }
      case "AssignStmt": {
        const oneToOne = n.lhs.length === n.rhs.length && (n.tok === "=" || n.tok === ":=");
        n.lhs.forEach((lhs, i) => {
          const l = unparen(lhs);
          if (l.kind === "Ident") {
            const obj = localVar(l);
            if (obj !== null)
              factsOf(obj).writes.push(oneToOne ? { kind: "expr", rhs: n.rhs[i]! } : { kind: "unknown" });
            return;
          }
          // v[k] = x, v[k].(map[string]any)[j] = x: the decoded contents change
          const root = chainRoot(l);
          const obj = root === null ? null : localVar(root);
          if (obj !== null) factsOf(obj).mutated.push(n.pos);
        });
        return true;
      }
      case "ValueSpec":
        n.names.forEach((name, i) => {
          const obj = localVar(name);
          if (obj === null) return;
          const value = n.values.length === n.names.length ? n.values[i]! : null;
          if (value !== null) factsOf(obj).writes.push({ kind: "expr", rhs: value });
          else if (n.values.length > 0) factsOf(obj).writes.push({ kind: "unknown" });
        });
        return true;
      case "RangeStmt": {
        const k = localVar(n.key);
        if (k !== null) factsOf(k).writes.push({ kind: "range", x: n.x, key: true });
        const v = localVar(n.value);
        if (v !== null) factsOf(v).writes.push({ kind: "range", x: n.x, key: false });
        return true;
      }
      case "IncDecStmt": {
        const obj = localVar(n.x);
        if (obj !== null) factsOf(obj).writes.push({ kind: "unknown" });
        return true;
      }
      case "UnaryExpr": {
        if (n.op !== "&" || decodeAddrs.has(n)) return true;
        const root = chainRoot(n.x);
        const obj = root === null ? null : localVar(root);
        if (obj !== null) factsOf(obj).addressed = true;
        return true;
      }
      default:
        return true;
    }
  });
  for (const [d, dec] of pendingDecoders) if (dec !== null && dec !== "new") d.useNumber = useNumber.has(dec);
  return { decoded, vars };
}

/** Whether x is a value a decoded variable may start from: nil, an empty literal, make(...). */
function isEmptyStart(ctx: RuleContext, x: ast.Expr): boolean {
  const e = unparen(x);
  if (e.kind === "Ident") {
    const obj = ctx.sem.objectOf(e);
    return obj !== null && obj.kind === "Nil";
  }
  if (e.kind === "CompositeLit") return e.elts.length === 0;
  if (e.kind === "CallExpr" && unparen(e.fun).kind === "Ident") {
    const obj = ctx.sem.objectOf(unparen(e.fun) as ast.Ident);
    return obj !== null && obj.kind === "Builtin" && obj.name === "make";
  }
  return false;
}

export default defineRule({
  name: "json-number-assert-int",
  category: "encoding",
  severity: "error",
  needs: ["types", "flow"],
  imports: ["encoding/json"],
  docs: {
    summary:
      "An integer type assertion on a value decoded from JSON into any/map[string]any: JSON numbers decode as float64, so it panics",
    details: `Decoding JSON into \`any\`, \`map[string]any\` or \`[]any\` keeps its generic form: objects become \`map[string]any\`, arrays \`[]any\`, strings \`string\`, booleans \`bool\`, and every number, with or without a fraction, a \`float64\` (a \`json.Number\` when the decoder's \`UseNumber\` was called). "100 Go Mistakes" (#77, "any 的映射") shows \`{"id": 32}\` decoded into a \`map[string]any\` whose \`m["id"]\` prints \`%T\` as \`float64\`: an assertion \`m["id"].(int)\` panics and can take the goroutine, or the process, down; in the two-value form it silently yields \`0, false\` every time.

The rule reports an assertion to an integer type (\`int\`, \`int64\`, \`uint\`, ... or a type defined on one) of a value taken, in the same function, from a local variable filled by \`json.Unmarshal(data, &v)\` or \`(*json.Decoder).Decode(&v)\`: the variable itself, an index into it, nested indexes and assertions to \`map[string]any\` or \`[]any\` on the way, and local variables and \`range\` values holding such values. Assert \`float64\` and convert (checking it is whole), or, with \`UseNumber\`, assert \`json.Number\` and call \`Int64\`; better, decode into a struct with typed fields.

The rule stays silent when the variable may hold anything else: when it starts from a non-empty value, is assigned other values, has its address taken elsewhere, or has its contents changed (an element assigned, the value handed to a function that may change it) before the assertion. Type switches are not checked (a \`case int\` there never matches, but does not panic), nor values reached through struct fields of type \`any\`.`,
    bad: `package event

import "encoding/json"

func UserID(payload []byte) (int, error) {
	var m map[string]any
	if err := json.Unmarshal(payload, &m); err != nil {
		return 0, err
	}
	return m["id"].(int), nil
}
`,
    good: `package event

import (
	"encoding/json"
	"fmt"
)

func UserID(payload []byte) (int, error) {
	var m map[string]any
	if err := json.Unmarshal(payload, &m); err != nil {
		return 0, err
	}
	id, ok := m["id"].(float64)
	if !ok || id != float64(int(id)) {
		return 0, fmt.Errorf("id is not an integer: %v", m["id"])
	}
	return int(id), nil
}
`,
    source: 'seed 001 #77 (10.3.3 "任何的映射", a map of any); forcetypeassert neighbours',
  },
  create(ctx) {
    const sem = ctx.sem;
    const cache = new Map<ast.Node, FuncFacts>();

    /** The outermost function around the node being visited: its body with function literals. */
    const outerBody = (): ast.Node | null => {
      for (const a of ctx.ancestors) if (a.kind === "FuncDecl" || a.kind === "FuncLit") return a.body;
      return null;
    };

    return {
      TypeAssertExpr(node) {
        if (node.type === null) return;
        const target = sem.typeAndValue(node.type);
        if (target === null || target.mode !== "typexpr") return;
        const tu = under(target.type);
        if (tu.kind !== "Basic" || !isInteger(tu)) return;
        const body = outerBody();
        if (body === null) return;
        let facts = cache.get(body);
        if (facts === undefined) {
          facts = analyzeFunc(ctx, body);
          cache.set(body, facts);
        }
        const f = facts;
        const at = node.pos;
        const visiting = new Set<Obj>();

        /** Whether `obj`'s contents may have changed before the assertion. */
        const mutatedBefore = (obj: Obj): boolean => {
          const v = f.vars.get(obj);
          return v !== undefined && (v.addressed || v.mutated.some((p) => p < at));
        };

        /** The decode calls whose output x is part of, or null. */
        const origin = (x: ast.Expr, depth: number): Decode[] | null => {
          if (depth > 12) return null;
          const e = unparen(x);
          switch (e.kind) {
            case "IndexExpr": {
              if (!isEmptyInterface(sem.typeOf(e))) return null;
              return origin(e.x, depth + 1);
            }
            case "TypeAssertExpr":
              if (e.type === null || !holdsGenericJSON(sem.typeOf(e))) return null;
              return origin(e.x, depth + 1);
            case "Ident": {
              const obj = sem.objectOf(e);
              if (obj === null || obj.kind !== "Var" || visiting.has(obj)) return null;
              if (!holdsGenericJSON(obj.type) || mutatedBefore(obj)) return null;
              const v = f.vars.get(obj);
              const decodes = f.decoded.get(obj);
              visiting.add(obj);
              try {
                if (decodes !== undefined) {
                  // a decoded variable: every other write must leave it empty
                  const before = decodes.filter((d) => d.call.pos < at);
                  if (before.length === 0 || obj.isParam) return null;
                  const clean = (v?.writes ?? []).every((w) => w.kind === "expr" && isEmptyStart(ctx, w.rhs));
                  return clean ? before : null;
                }
                // a variable holding part of a decoded value, set once
                if (v === undefined || v.writes.length !== 1) return null;
                const w = v.writes[0]!;
                if (w.kind === "expr") return origin(w.rhs, depth + 1);
                if (w.kind === "range" && !w.key) return origin(w.x, depth + 1);
                return null;
              } finally {
                visiting.delete(obj);
              }
            }
            default:
              return null;
          }
        };

        const decodes = origin(node.x, 0);
        if (decodes === null) return;
        const text = (x: ast.Node): string => {
          const s = ctx.source.decode(x.pos, x.end);
          if (s.length <= 40 && !s.includes("\n")) return s;
          // m["items"].([]any)[0].(map[string]any)["n"]: the variable and the last index
          const e = x.kind === "ParenExpr" ? unparen(x) : x;
          const root = e.kind === "IndexExpr" ? chainRoot(e) : null;
          const last = e.kind === "IndexExpr" ? ctx.source.decode(e.lbrack, e.end) : "";
          return root !== null && last.length <= 30 && !last.includes("\n")
            ? `${root.name}…${last}`
            : "the value";
        };
        const numbers = decodes.every((d) => d.useNumber === true)
          ? "json.Number (UseNumber)"
          : decodes.every((d) => d.useNumber === false)
            ? "float64"
            : "float64 (json.Number after UseNumber)";
        const anc = ctx.ancestors;
        let i = anc.length - 1;
        while (i >= 0 && anc[i]!.kind === "ParenExpr") i--;
        const parent = anc[i];
        const commaOk =
          (parent?.kind === "AssignStmt" && parent.lhs.length === 2 && parent.rhs.length === 1) ||
          (parent?.kind === "ValueSpec" && parent.names.length === 2 && parent.values.length === 1);
        const t = text(node.type);
        const instead = numbers.startsWith("json.Number")
          ? "assert json.Number and call its Int64 method"
          : "assert float64 and convert it";
        ctx.report(
          node,
          `${text(node.x)} comes from JSON decoded into an interface, where every number is a ${numbers}, never an ${t}: this assertion ${commaOk ? "always fails" : "panics"}; ${instead}, or decode into a struct with an ${t} field`,
        );
      },
    };
  },
});
