// Named types (lazy loading, forward references, instances) and generic substitution:
// substitute() replaces type parameters by types, instantiate() makes instances of generic
// types and functions. An instance of a generic type is created once per origin and list
// of identical type arguments; its underlying type and methods are substituted on first use.

import { Func, type Package, Var } from "./objects.js";
import { identical, implementsError } from "./predicates.js";
import {
  ArrayType,
  Chan,
  Interface,
  invalidType,
  MapType,
  Named,
  Pointer,
  Signature,
  Slice,
  Struct,
  Term,
  Tuple,
  type Type,
  type TypeParam,
  Union,
} from "./types.js";
import { typeParamIface } from "./typeset.js";
import type { Qualifier } from "./typestring.js";

// ---- named types ----

/** Loads a lazily declared type, and substitutes the underlying type of an instance. */
export function resolveNamed(t: Named): void {
  if (t.loader !== null) {
    const loader = t.loader;
    t.loader = null;
    loader.loadNamed(t);
  }
  if (t.typeArgs !== null && !t.expanded) expandUnderlying(t);
}

/**
 * The underlying type of a named type: follows chains of named types while declarations are
 * being resolved (type A B; type B int) and records the result on every type of the chain.
 * A cycle, or a chain ending in a type not yet declared, gives invalidType; only the cycle
 * is recorded, so a later declaration can still complete the chain.
 */
export function namedUnder(t: Named): Type {
  resolveNamed(t);
  const u = t.underlying;
  if (u === null) return invalidType;
  if (u.kind !== "Named") return u;
  const chain: Named[] = [t];
  let n: Named = u;
  for (;;) {
    if (chain.includes(n)) {
      for (const c of chain) c.underlying = invalidType;
      return invalidType;
    }
    resolveNamed(n);
    const nu: Type | null = n.underlying;
    if (nu === null) return invalidType;
    chain.push(n);
    if (nu.kind !== "Named") {
      for (const c of chain) c.underlying = nu;
      return nu;
    }
    n = nu;
  }
}

/** The type parameters of a generic named type (of its origin, for an instance). */
export function namedTypeParams(t: Named): readonly TypeParam[] {
  resolveNamed(t.orig);
  return t.orig.typeParams;
}

/** Number of methods of a named type (of its origin, for an instance). */
export function numMethods(t: Named): number {
  const orig = t.orig;
  resolveNamed(orig);
  return orig.methods.length;
}

/** The i-th method of a named type; an instance's are substituted on first use. */
export function namedMethod(t: Named, i: number): Func {
  const orig = t.orig;
  resolveNamed(orig);
  if (t === orig) return t.methods[i]!;
  let list = t.instMethods;
  if (list === null) {
    list = [];
    t.instMethods = list;
  }
  while (list.length < orig.methods.length) list.push(null);
  let m = list[i]!;
  if (m === null) {
    m = expandMethod(t, i);
    list[i] = m;
  }
  return m;
}

/** All methods of a named type, substituted for an instance. */
export function namedMethods(t: Named): Func[] {
  const n = numMethods(t);
  if (t === t.orig) return t.methods;
  const out: Func[] = [];
  for (let i = 0; i < n; i++) out.push(namedMethod(t, i));
  return out;
}

/** Index in methods of the method with the given Id (go/types' lookupMethod), or -1. */
export function methodIndex(
  methods: readonly Func[],
  pkg: Package | null,
  name: string,
  foldCase: boolean,
): number {
  if (name === "_") return -1;
  for (let i = 0; i < methods.length; i++) {
    const m = methods[i]!;
    if (
      (m.name === name || (foldCase && m.name.toLowerCase() === name.toLowerCase())) &&
      m.sameId(pkg, m.name)
    ) {
      return i;
    }
  }
  return -1;
}

function expandUnderlying(t: Named): void {
  const orig = t.orig;
  resolveNamed(orig);
  const ou = orig.underlying;
  // The origin is still being declared: expand later.
  if (ou === null) return;
  t.expanded = true;
  t.typeParams = orig.typeParams;
  const targs = t.typeArgs!;
  if (orig.typeParams.length !== targs.length) {
    t.underlying = invalidType;
    return;
  }
  let u = substitute(ou, orig.typeParams, targs);
  if (u.kind === "Interface") {
    // Methods of a generic interface have the origin as receiver: give them the instance.
    const methods = replaceRecvType(u.methods, orig, t);
    if (methods !== u.methods) {
      if (u === ou) {
        const copy = new Interface(methods, u.embeddeds, u.implicit, u.complete);
        u = copy;
      } else {
        u.methods = methods;
      }
    }
  }
  t.underlying = u;
}

function expandMethod(t: Named, i: number): Func {
  const orig = t.orig;
  const origm = orig.methods[i]!;
  const origSig = origm.signature();
  if (origSig === null || origSig.recv === null) return origm;
  let rbase = origSig.recv.type;
  if (rbase.kind === "Pointer") rbase = rbase.elem;
  if (rbase === t) return origm;
  let sig = origSig;
  const targs = t.typeArgs!;
  if (origSig.recvTypeParams.length === targs.length) {
    sig = substitute(origSig, origSig.recvTypeParams, targs) as Signature;
  }
  const rtyp: Type = origm.hasPtrRecv() ? new Pointer(t) : t;
  const recv = substVar(origSig.recv, rtyp);
  const copy = new Signature(recv, sig.params, sig.results, sig.variadic, sig.typeParams, sig.recvTypeParams);
  copy.scope = sig.scope;
  return substFunc(origm, copy);
}

// ---- instantiation ----

/** The instance of a generic named type for the type arguments; identical arguments give the same instance. */
export function instantiateNamed(orig: Named, targs: readonly Type[]): Named {
  orig = orig.orig;
  if (orig.instances !== null) {
    for (const inst of orig.instances) {
      if (identicalTypeLists(inst.typeArgs!, targs)) return inst;
    }
  } else {
    orig.instances = [];
  }
  const inst = new Named(orig.obj);
  inst.orig = orig;
  inst.typeArgs = targs;
  orig.instances.push(inst);
  return inst;
}

/** The signature of a generic function instantiated with the type arguments (no type parameters left). */
export function instantiateSignature(sig: Signature, targs: readonly Type[]): Signature {
  if (sig.typeParams.length === 0 || sig.typeParams.length !== targs.length) return sig;
  const s = substitute(sig, sig.typeParams, targs) as Signature;
  const inst = new Signature(s.recv, s.params, s.results, s.variadic, [], s.recvTypeParams);
  inst.scope = s.scope;
  return inst;
}

/** instantiateNamed or instantiateSignature, by the kind of the generic type. */
export function instantiate(orig: Named | Signature, targs: readonly Type[]): Named | Signature {
  return orig.kind === "Named" ? instantiateNamed(orig, targs) : instantiateSignature(orig, targs);
}

/**
 * Checks type arguments against their type parameters' constraints, substituted with the
 * arguments (go/types' verify): the index of the first argument that does not satisfy its
 * constraint and why, or null if all do.
 */
export function verifyTypeArgs(
  tparams: readonly TypeParam[],
  targs: readonly Type[],
  qf: Qualifier | null = null,
): { index: number; message: string } | null {
  for (let i = 0; i < tparams.length && i < targs.length; i++) {
    const tp = tparams[i]!;
    typeParamIface(tp); // wraps a constraint that is not an interface
    const bound = substitute(tp.constraint, tparams, targs);
    const message = implementsError(targs[i]!, bound, qf);
    if (message !== null) return { index: i, message };
  }
  return null;
}

function identicalTypeLists(x: readonly Type[], y: readonly Type[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!identical(x[i]!, y[i]!)) return false;
  return true;
}

// ---- substitution ----

/**
 * t with every type parameter tparams[i] replaced by targs[i]. Parts that do not change are
 * shared, not copied; the type parameters of a generic signature stay (instantiateSignature
 * drops them).
 */
export function substitute(t: Type, tparams: readonly TypeParam[], targs: readonly Type[]): Type {
  if (tparams.length === 0) return t;
  return new Subster(tparams, targs).typ(t);
}

class Subster {
  constructor(
    readonly tparams: readonly TypeParam[],
    readonly targs: readonly Type[],
  ) {}

  typ(t: Type): Type {
    switch (t.kind) {
      case "Basic":
        return t;
      case "TypeParam": {
        const i = this.tparams.indexOf(t);
        return i >= 0 ? this.targs[i]! : t;
      }
      case "Pointer": {
        const e = this.typ(t.elem);
        return e === t.elem ? t : new Pointer(e);
      }
      case "Slice": {
        const e = this.typ(t.elem);
        return e === t.elem ? t : new Slice(e);
      }
      case "Array": {
        const e = this.typ(t.elem);
        return e === t.elem ? t : new ArrayType(e, t.len);
      }
      case "Map": {
        const k = this.typ(t.key);
        const e = this.typ(t.elem);
        return k === t.key && e === t.elem ? t : new MapType(k, e);
      }
      case "Chan": {
        const e = this.typ(t.elem);
        return e === t.elem ? t : new Chan(t.dir, e);
      }
      case "Struct": {
        const fields = this.varList(t.fields);
        return fields === t.fields ? t : new Struct(fields as Var[], t.tags);
      }
      case "Tuple":
        return this.tuple(t);
      case "Signature": {
        const params = this.tuple(t.params);
        const results = this.tuple(t.results);
        if (params === t.params && results === t.results) return t;
        const s = new Signature(t.recv, params, results, t.variadic, t.typeParams, t.recvTypeParams);
        s.scope = t.scope;
        return s;
      }
      case "Union": {
        let terms: Term[] | null = null;
        for (let i = 0; i < t.terms.length; i++) {
          const term = t.terms[i]!;
          const u = this.typ(term.type!);
          if (u !== term.type) {
            if (terms === null) terms = t.terms.slice();
            terms[i] = new Term(term.tilde, u);
          }
        }
        return terms === null ? t : new Union(terms);
      }
      case "Interface": {
        const methods = this.funcList(t.methods);
        const embeddeds = this.typeList(t.embeddeds);
        if (methods === t.methods && embeddeds === t.embeddeds) return t;
        const iface = new Interface([], embeddeds, t.implicit, t.complete);
        iface.methods = replaceRecvType(methods, t, iface);
        return iface;
      }
      case "Named": {
        const orig = t.orig;
        resolveNamed(orig);
        const n = orig.typeParams.length;
        if (n === 0) return t;
        const targs = t.typeArgs;
        if (targs === null || targs.length !== n) return invalidType;
        const newTargs = this.typeList(targs);
        return newTargs === targs ? t : instantiateNamed(orig, newTargs);
      }
    }
  }

  tuple(t: Tuple): Tuple {
    const vars = this.varList(t.vars);
    return vars === t.vars ? t : new Tuple(vars);
  }

  varList(list: readonly Var[]): readonly Var[] {
    let out: Var[] | null = null;
    for (let i = 0; i < list.length; i++) {
      const v = list[i]!;
      const t = this.typ(v.type);
      if (t !== v.type) {
        if (out === null) out = list.slice();
        out[i] = substVar(v, t);
      }
    }
    return out ?? list;
  }

  funcList(list: readonly Func[]): readonly Func[] {
    let out: Func[] | null = null;
    for (let i = 0; i < list.length; i++) {
      const f = list[i]!;
      const t = this.typ(f.type);
      if (t !== f.type) {
        if (out === null) out = list.slice();
        out[i] = substFunc(f, t as Signature);
      }
    }
    return out ?? list;
  }

  typeList(list: readonly Type[]): readonly Type[] {
    let out: Type[] | null = null;
    for (let i = 0; i < list.length; i++) {
      const t = list[i]!;
      const u = this.typ(t);
      if (u !== t) {
        if (out === null) out = list.slice();
        out[i] = u;
      }
    }
    return out ?? list;
  }
}

/** A copy of v with type t, remembering the generic variable as origin. */
export function substVar(v: Var, t: Type): Var {
  const w = new Var(v.file, v.pos, v.pkg, v.name, t);
  w.parent = v.parent;
  w.scopePos = v.scopePos;
  w.embedded = v.embedded;
  w.isField = v.isField;
  w.isParam = v.isParam;
  w.used = v.used;
  w.origin = v.origin ?? v;
  return w;
}

/** A copy of f with signature sig, remembering the generic function as origin. */
export function substFunc(f: Func, sig: Signature): Func {
  const g = new Func(f.file, f.pos, f.pkg, f.name, sig);
  g.parent = f.parent;
  g.hasPtrRecvFlag = f.hasPtrRecvFlag;
  g.origin = f.origin ?? f;
  return g;
}

/** methods, with every receiver of type oldRecv given type newRecv (copied only if needed). */
function replaceRecvType(methods: readonly Func[], oldRecv: Type, newRecv: Type): readonly Func[] {
  let out: Func[] | null = null;
  for (let i = 0; i < methods.length; i++) {
    const m = methods[i]!;
    const sig = m.signature();
    if (sig !== null && sig.recv !== null && sig.recv.type === oldRecv) {
      if (out === null) out = methods.slice();
      const s = new Signature(
        substVar(sig.recv, newRecv),
        sig.params,
        sig.results,
        sig.variadic,
        sig.typeParams,
        sig.recvTypeParams,
      );
      s.scope = sig.scope;
      out[i] = substFunc(m, s);
    }
  }
  return out ?? methods;
}
