// Type argument inference (go/types' infer.go and unify.go, for the common cases): type
// parameters are unified with the types of typed arguments, then with the core types of their
// constraints, then untyped constant arguments give their default types.

import type * as ast from "../../syntax/ast.js";
import { defaultType, identical, isUntyped, under } from "../predicates.js";
import { substitute } from "../subst.js";
import type { Basic, Tuple, Type, TypeParam } from "../types.js";
import { typeParamIface, typeSetOf } from "../typeset.js";
import type { Checker } from "./checker.js";
import { Mode, type Operand } from "./info.js";

/** Most rounds of substituting inferred types into each other (they may refer to each other). */
const maxSubstRounds = 8;

class Unifier {
  readonly bound: (Type | null)[];
  constructor(readonly tparams: readonly TypeParam[]) {
    this.bound = tparams.map(() => null);
  }

  index(t: Type): number {
    return t.kind === "TypeParam" ? this.tparams.indexOf(t) : -1;
  }

  unify(x: Type, y: Type, depth = 0): boolean {
    if (x === y) return true;
    if (depth > 64) return false;
    const i = this.index(x);
    const j = this.index(y);
    if (i >= 0 || j >= 0) {
      if (i >= 0 && j >= 0) {
        const bx = this.bound[i]!;
        const by = this.bound[j]!;
        if (bx === null && by === null) return true;
        if (bx === null) {
          this.bound[i] = by;
          return true;
        }
        if (by === null) {
          this.bound[j] = bx;
          return true;
        }
        return this.unify(bx, by, depth + 1);
      }
      const k = i >= 0 ? i : j;
      const other = i >= 0 ? y : x;
      const b = this.bound[k]!;
      if (b === null) {
        this.bound[k] = other;
        return true;
      }
      if (!this.unify(b, other, depth + 1)) return false;
      // Prefer a defined type over a type literal with the same structure.
      if (b.kind !== "Named" && other.kind === "Named") this.bound[k] = other;
      return true;
    }
    if (x.kind === "Named" && y.kind === "Named") {
      if (x.orig !== y.orig) return false;
      const xa = x.typeArgs;
      const ya = y.typeArgs;
      if (xa === null || ya === null) return xa === ya && x === y;
      if (xa.length !== ya.length) return false;
      for (let k = 0; k < xa.length; k++) if (!this.unify(xa[k]!, ya[k]!, depth + 1)) return false;
      return true;
    }
    // Inexact: a defined type matches a type literal of its underlying type.
    if (x.kind === "Named" && y.kind !== "TypeParam") return this.unify(under(x), y, depth + 1);
    if (y.kind === "Named" && x.kind !== "TypeParam") return this.unify(x, under(y), depth + 1);
    switch (x.kind) {
      case "Basic":
        return y.kind === "Basic" && identical(x, y);
      case "Pointer":
        return y.kind === "Pointer" && this.unify(x.elem, y.elem, depth + 1);
      case "Slice":
        return y.kind === "Slice" && this.unify(x.elem, y.elem, depth + 1);
      case "Array":
        return (
          y.kind === "Array" &&
          (x.len === y.len || x.len === -1 || y.len === -1) &&
          this.unify(x.elem, y.elem, depth + 1)
        );
      case "Map":
        return (
          y.kind === "Map" && this.unify(x.key, y.key, depth + 1) && this.unify(x.elem, y.elem, depth + 1)
        );
      case "Chan":
        return y.kind === "Chan" && this.unify(x.elem, y.elem, depth + 1);
      case "Struct": {
        if (y.kind !== "Struct" || x.fields.length !== y.fields.length) return false;
        for (let k = 0; k < x.fields.length; k++) {
          const f = x.fields[k]!;
          const g = y.fields[k]!;
          if (f.name !== g.name || f.embedded !== g.embedded || !this.unify(f.type, g.type, depth + 1))
            return false;
        }
        return true;
      }
      case "Tuple":
        return y.kind === "Tuple" && this.tuples(x, y, depth);
      case "Signature":
        return (
          y.kind === "Signature" &&
          x.variadic === y.variadic &&
          this.tuples(x.params, y.params, depth) &&
          this.tuples(x.results, y.results, depth)
        );
      case "Interface":
        return y.kind === "Interface" && identical(x, y);
      case "TypeParam":
        return y.kind === "TypeParam" && x === y;
      default:
        return identical(x, y);
    }
  }

  tuples(x: Tuple, y: Tuple, depth: number): boolean {
    if (x.vars.length !== y.vars.length) return false;
    for (let k = 0; k < x.vars.length; k++)
      if (!this.unify(x.vars[k]!.type, y.vars[k]!.type, depth + 1)) return false;
    return true;
  }
}

/** Whether t mentions one of the type parameters. */
function mentions(t: Type, tparams: readonly TypeParam[], depth = 0): boolean {
  if (depth > 32) return false;
  switch (t.kind) {
    case "TypeParam":
      return tparams.includes(t);
    case "Pointer":
    case "Slice":
    case "Array":
    case "Chan":
      return mentions(t.elem, tparams, depth + 1);
    case "Map":
      return mentions(t.key, tparams, depth + 1) || mentions(t.elem, tparams, depth + 1);
    case "Tuple":
      return t.vars.some((v) => mentions(v.type, tparams, depth + 1));
    case "Signature":
      return mentions(t.params, tparams, depth + 1) || mentions(t.results, tparams, depth + 1);
    case "Struct":
      return t.fields.some((f) => mentions(f.type, tparams, depth + 1));
    case "Named":
      return t.typeArgs?.some((a) => mentions(a, tparams, depth + 1)) ?? false;
    case "Interface":
      return (
        t.methods.some((m) => mentions(m.type, tparams, depth + 1)) ||
        t.embeddeds.some((e) => mentions(e, tparams, depth + 1))
      );
    case "Union":
      return t.terms.some((term) => term.type !== null && mentions(term.type, tparams, depth + 1));
    default:
      return false;
  }
}

/** The single specific type of a constraint (with its tilde), or null. */
function coreTerm(tp: TypeParam): { type: Type; tilde: boolean } | null {
  const tset = typeSetOf(typeParamIface(tp));
  const terms = tset.terms;
  if (terms.length === 0 || terms[0]!.type === null) return null;
  if (terms.length === 1) return { type: terms[0]!.type!, tilde: terms[0]!.tilde };
  // Several terms with one underlying type: that type, with tilde.
  let u: Type | null = null;
  for (const t of terms) {
    const tu = under(t.type!);
    if (u === null) u = tu;
    else if (!identical(u, tu)) return null;
  }
  return u === null ? null : { type: u, tilde: true };
}

/**
 * The type arguments of a call of a generic function: the given ones, then inferred ones.
 * Returns null (after reporting) if some cannot be inferred.
 */
export function infer(
  check: Checker,
  call: ast.CallExpr | null,
  tparams: readonly TypeParam[],
  targs: readonly Type[],
  params: Tuple,
  args: readonly Operand[],
): Type[] | null {
  const n = tparams.length;
  if (targs.length === n) return targs.slice();
  const u = new Unifier(tparams);
  for (let i = 0; i < targs.length; i++) u.bound[i] = targs[i]!;
  const count = Math.min(params.vars.length, args.length);
  // 1. Typed arguments.
  for (let i = 0; i < count; i++) {
    const a = args[i]!;
    const pt = params.vars[i]!.type;
    if (a.mode === Mode.Invalid || !mentions(pt, tparams)) continue;
    if (isUntyped(a.type)) continue;
    if (!u.unify(pt, a.type)) {
      check.errorAt(a.expr, "type mismatch in inference");
      return null;
    }
  }
  coreInference(u, tparams);
  // 2. Untyped constant arguments for parameters of a bare type parameter type: the largest default type.
  const untypedKind: (Basic | null)[] = tparams.map(() => null);
  for (let i = 0; i < count; i++) {
    const a = args[i]!;
    const pt = params.vars[i]!.type;
    if (a.mode === Mode.Invalid || !isUntyped(a.type) || pt.kind !== "TypeParam") continue;
    const k = tparams.indexOf(pt);
    if (k < 0 || u.bound[k] !== null) continue;
    const at = a.type as Basic;
    if (at.basicKind === 25) continue; // nil
    const prev = untypedKind[k]!;
    if (prev === null || (at.basicKind > prev.basicKind && at.basicKind <= 23 && prev.basicKind >= 20))
      untypedKind[k] = at;
  }
  for (let k = 0; k < n; k++) {
    const t = untypedKind[k];
    if (t !== null && t !== undefined && u.bound[k] === null) u.bound[k] = defaultType(t);
  }
  coreInference(u, tparams);
  // 3. Substitute inferred types into each other until no type parameter is left.
  const res: Type[] = [];
  for (let k = 0; k < n; k++) {
    const b = u.bound[k]!;
    if (b === null) {
      if (call !== null) check.errorAt(call, `cannot infer ${tparams[k]!.obj.name}`);
      return null;
    }
    res.push(b);
  }
  // A type argument that refers to itself, directly or through others (Q = func(Q) P), is an
  // infinite type: go/types kills such cycles and reports that it cannot infer; substituting
  // would double the type every round.
  const cyclic = selfReferent(res, tparams);
  if (cyclic >= 0) {
    if (call !== null) check.errorAt(call, `cannot infer ${tparams[cyclic]!.obj.name}`);
    return null;
  }
  for (let round = 0; round < maxSubstRounds; round++) {
    let changed = false;
    for (let k = 0; k < n; k++) {
      const t = res[k]!;
      if (!mentions(t, tparams)) continue;
      const s = substitute(t, tparams, res);
      if (s !== t) {
        res[k] = s;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return res;
}

/** The index of a type parameter whose inferred type refers back to it through the others, or -1. */
function selfReferent(res: readonly Type[], tparams: readonly TypeParam[]): number {
  const n = tparams.length;
  const refs: number[][] = res.map((t) => {
    const out: number[] = [];
    for (let j = 0; j < n; j++) if (mentions(t, [tparams[j]!])) out.push(j);
    return out;
  });
  for (let k = 0; k < n; k++) {
    const seen = new Set<number>();
    const work = [...refs[k]!];
    while (work.length > 0) {
      const j = work.pop()!;
      if (j === k) return k;
      if (seen.has(j)) continue;
      seen.add(j);
      work.push(...refs[j]!);
    }
  }
  return -1;
}

/** Constraint type inference: type parameters with a core type are unified with it. */
function coreInference(u: Unifier, tparams: readonly TypeParam[]): void {
  for (let round = 0; round < 3; round++) {
    let progress = false;
    for (let k = 0; k < tparams.length; k++) {
      const core = coreTerm(tparams[k]!);
      if (core === null) continue;
      const b = u.bound[k]!;
      if (b !== null) {
        if (!mentions(core.type, tparams)) continue;
        const before = u.bound.filter((x) => x !== null).length;
        u.unify(core.tilde ? under(b) : b, core.type);
        if (u.bound.filter((x) => x !== null).length > before) progress = true;
      } else if (!core.tilde) {
        u.bound[k] = core.type;
        progress = true;
      }
    }
    if (!progress) return;
  }
}
