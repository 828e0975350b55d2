// Field and method lookup, method sets and selections (go/types' lookup.go, methodset.go,
// selection.go): embedded fields are searched breadth-first; a name found more than once at
// the shallowest depth where it occurs is ambiguous, and is not found.

import { type Func, objectId, type Package, Var } from "./objects.js";
import { identical, under } from "./predicates.js";
import { methodIndex, namedMethod, numMethods, resolveNamed } from "./subst.js";
import { type Interface, type Named, Pointer, Signature, Tuple, type Type } from "./types.js";
import { typeSetOf } from "./typeset.js";

/** What lookupFieldOrMethod found. */
export interface FieldOrMethod {
  /** The field or method, or null. */
  obj: Var | Func | null;
  /**
   * Indices of the embedded fields on the path to obj, then obj's own index (field, or
   * method of a named type or interface). When obj is null, a non-null index means the name
   * is ambiguous (found twice at the same depth).
   */
  index: number[] | null;
  /**
   * A pointer was dereferenced on the path to obj. When obj and index are null, true means
   * a method with a pointer receiver was found but the value is not addressable.
   */
  indirect: boolean;
}

const notFound: FieldOrMethod = { obj: null, index: null, indirect: false };

/**
 * Looks up the field or method named name (in package pkg, for unexported names) of a
 * value of type T, like go/types' LookupFieldOrMethod. addressable says whether T's value is
 * addressable, which makes methods with pointer receivers available.
 */
export function lookupFieldOrMethod(
  T: Type,
  addressable: boolean,
  pkg: Package | null,
  name: string,
): FieldOrMethod {
  // A named pointer type has no methods, only the fields of its base type.
  if (T.kind === "Named") {
    const p = under(T);
    if (p.kind === "Pointer") {
      const r = lookupImpl(p, false, pkg, name, false);
      return r.obj !== null && r.obj.kind === "Func" ? notFound : r;
    }
  }
  return lookupImpl(T, addressable, pkg, name, false);
}

interface Embedded {
  typ: Type;
  /** Path of embedded field indices to typ; null at depth 0. */
  index: number[] | null;
  indirect: boolean;
  /** typ occurs more than once at this depth. */
  multiples: boolean;
}

function concat(list: number[] | null, i: number): number[] {
  return list === null ? [i] : [...list, i];
}

/** Whether the named type (or an identical instance) is in seen; adds it if not. */
function seenBefore(seen: Named[], t: Named): boolean {
  for (const s of seen) {
    if (s === t || (t.typeArgs !== null && s.orig === t.orig && identical(s, t))) return true;
  }
  seen.push(t);
  return false;
}

function lookupImpl(
  T: Type,
  addressable: boolean,
  pkg: Package | null,
  name: string,
  foldCase: boolean,
): FieldOrMethod {
  if (name === "_") return notFound;
  let typ = T;
  let isPtr = false;
  if (typ.kind === "Pointer") {
    typ = typ.elem;
    isPtr = true;
    // Pointers to interfaces have no methods.
    if (under(typ).kind === "Interface") return notFound;
  }
  let current: Embedded[] = [{ typ, index: null, indirect: isPtr, multiples: false }];
  const seen: Named[] = [];
  let obj: Var | Func | null = null;
  let index: number[] | null = null;
  let indirect = false;
  while (current.length > 0) {
    const next: Embedded[] = [];
    for (const e of current) {
      const t = e.typ;
      if (t.kind === "Named") {
        if (seenBefore(seen, t)) continue;
        resolveNamed(t.orig);
        const i = methodIndex(t.orig.methods, pkg, name, foldCase);
        if (i >= 0) {
          index = concat(e.index, i);
          if (obj !== null || e.multiples) return { obj: null, index, indirect: false };
          obj = namedMethod(t, i);
          indirect = e.indirect;
          continue; // a named type's method hides its fields and interface methods
        }
      }
      const u = under(t);
      if (u.kind === "Struct") {
        for (let i = 0; i < u.fields.length; i++) {
          const f = u.fields[i]!;
          if (f.sameId(pkg, name)) {
            index = concat(e.index, i);
            if (obj !== null || e.multiples) return { obj: null, index, indirect: false };
            obj = f;
            indirect = e.indirect;
            continue;
          }
          // Embedded fields are searched at the next depth, unless the name is found here.
          if (obj === null && f.embedded) {
            let ft = f.type;
            let ptr = false;
            if (ft.kind === "Pointer") {
              ft = ft.elem;
              ptr = true;
            }
            next.push({
              typ: ft,
              index: concat(e.index, i),
              indirect: e.indirect || ptr,
              multiples: e.multiples,
            });
          }
        }
      } else if (u.kind === "Interface") {
        const methods = typeSetOf(u).methods;
        const i = methodIndex(methods, pkg, name, foldCase);
        if (i >= 0) {
          index = concat(e.index, i);
          if (obj !== null || e.multiples) return { obj: null, index, indirect: false };
          obj = methods[i]!;
          indirect = e.indirect;
        }
      }
    }
    if (obj !== null) {
      // A method with a pointer receiver needs a pointer or an addressable value.
      if (obj.kind === "Func" && obj.hasPtrRecv() && !indirect && !addressable) {
        return { obj: null, index: null, indirect: true };
      }
      return { obj, index, indirect };
    }
    current = consolidateMultiples(next);
  }
  return notFound;
}

/** Merges entries of identical types, marking them as multiples. */
function consolidateMultiples(list: Embedded[]): Embedded[] {
  if (list.length <= 1) return list;
  const out: Embedded[] = [];
  for (const e of list) {
    const prev = out.find((p) => p.typ === e.typ || identical(p.typ, e.typ));
    if (prev !== undefined) prev.multiples = true;
    else out.push(e);
  }
  return out;
}

/** The index of the field with the given Id, or -1. */
export function fieldIndex(fields: readonly Var[], pkg: Package | null, name: string): number {
  if (name === "_") return -1;
  for (let i = 0; i < fields.length; i++) if (fields[i]!.sameId(pkg, name)) return i;
  return -1;
}

/** A pointer to an interface (by underlying types). */
export function isInterfacePtr(t: Type): boolean {
  const p = under(t);
  return p.kind === "Pointer" && under(p.elem).kind === "Interface";
}

/**
 * The first method of interface T (in Id order) that V lacks, with alt the method of V of
 * that name and a different type (or the method found with another case, or only on *V),
 * or null if V has all of T's methods (go/types' missingMethod). If V is an interface and
 * static is false, methods V lacks are ignored (the check of a type assertion).
 */
export function missingMethod(
  V: Type,
  T: Interface,
  isStatic: boolean,
): { method: Func; alt: Func | null } | null {
  const tmethods = typeSetOf(T).methods;
  if (tmethods.length === 0) return null;
  const u = under(V);
  if (u.kind === "Interface") {
    const vmethods = typeSetOf(u).methods;
    for (const m of tmethods) {
      const i = methodIndex(vmethods, m.pkg, m.name, false);
      if (i < 0) {
        if (!isStatic) continue;
        return { method: m, alt: null };
      }
      const f = vmethods[i]!;
      if (!identical(f.type, m.type)) return { method: m, alt: f };
    }
    return null;
  }
  for (const m of tmethods) {
    let obj = lookupImpl(V, false, m.pkg, m.name, false).obj;
    const found = obj !== null;
    if (!found) {
      // Report a method that exists on *V or with another case as the alternative.
      obj = lookupImpl(new Pointer(V), false, m.pkg, m.name, false).obj;
      if (obj === null) obj = lookupImpl(V, false, m.pkg, m.name, true).obj;
    }
    if (obj === null || obj.kind !== "Func") return { method: m, alt: null };
    if (!found || !identical(obj.type, m.type)) return { method: m, alt: obj };
  }
  return null;
}

// ---- selections ----

export type SelectionKind = "FieldVal" | "MethodVal" | "MethodExpr";

/** A selector expression x.f resolved: a field, a method value, or a method expression T.m. */
export class Selection {
  constructor(
    readonly kind: SelectionKind,
    /** The type of x (of T for a method expression). */
    readonly recv: Type,
    readonly obj: Var | Func,
    /** Path from x to f, as in FieldOrMethod. */
    readonly index: readonly number[],
    /** A pointer was dereferenced on the path. */
    readonly indirect: boolean,
  ) {}

  /**
   * The type of x.f: the field's type; a method value's signature with x's type as
   * receiver; a method expression's signature with the receiver as first parameter.
   */
  type(): Type {
    if (this.kind === "FieldVal") return this.obj.type;
    const sig = this.obj.type;
    if (sig.kind !== "Signature" || sig.recv === null) return sig;
    const recv = sig.recv;
    const arg0 = new Var(recv.file, recv.pos, recv.pkg, recv.name, this.recv);
    arg0.isParam = true;
    if (this.kind === "MethodVal") {
      const s = new Signature(
        arg0,
        sig.params,
        sig.results,
        sig.variadic,
        sig.typeParams,
        sig.recvTypeParams,
      );
      s.scope = sig.scope;
      return s;
    }
    const params = new Tuple([arg0, ...sig.params.vars]);
    return new Signature(null, params, sig.results, sig.variadic, sig.typeParams, sig.recvTypeParams);
  }
}

// ---- method sets ----

/** The method set of a type: selections sorted by method Id. */
export class MethodSet {
  constructor(readonly list: readonly Selection[]) {}

  /** The method with the given Id, or null. */
  lookup(pkg: Package | null, name: string): Selection | null {
    let lo = 0;
    let hi = this.list.length;
    const key = objectId(pkg, name);
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.list[mid]!.obj.id() < key) lo = mid + 1;
      else hi = mid;
    }
    const s = this.list[lo];
    return s !== undefined && s.obj.id() === key ? s : null;
  }
}

const emptyMethodSet = new MethodSet([]);

/**
 * The method set of T (go/types' NewMethodSet): the methods of T and of its embedded fields,
 * promoted; a method needing a pointer receiver is in the set of *T, or of T if it is
 * reached through an embedded pointer.
 */
export function newMethodSet(T: Type): MethodSet {
  let typ = T;
  let isPtr = false;
  if (typ.kind === "Pointer") {
    typ = typ.elem;
    isPtr = true;
    if (under(typ).kind === "Interface") return emptyMethodSet;
  }
  // Methods found so far by Id; null marks a name made unavailable by a collision.
  const base = new Map<string, Selection | null>();
  let current: Embedded[] = [{ typ, index: null, indirect: isPtr, multiples: false }];
  const seen: Named[] = [];
  while (current.length > 0) {
    const next: Embedded[] = [];
    const fset = new Set<string>();
    const mset = new Map<string, Selection | null>();
    const addOne = (f: Func, index: number[], indirect: boolean, multiples: boolean) => {
      const key = f.id();
      if (!multiples && !mset.has(key) && (indirect || !f.hasPtrRecv())) {
        mset.set(key, new Selection("MethodVal", T, f, index, indirect));
      } else {
        mset.set(key, null);
      }
    };
    for (const e of current) {
      const t = e.typ;
      if (t.kind === "Named") {
        if (seenBefore(seen, t)) continue;
        const n = numMethods(t);
        for (let i = 0; i < n; i++) addOne(namedMethod(t, i), concat(e.index, i), e.indirect, e.multiples);
      }
      const u = under(t);
      if (u.kind === "Struct") {
        for (let i = 0; i < u.fields.length; i++) {
          const f = u.fields[i]!;
          fset.add(f.id());
          if (f.embedded) {
            let ft = f.type;
            let ptr = false;
            if (ft.kind === "Pointer") {
              ft = ft.elem;
              ptr = true;
            }
            next.push({
              typ: ft,
              index: concat(e.index, i),
              indirect: e.indirect || ptr,
              multiples: e.multiples,
            });
          }
        }
      } else if (u.kind === "Interface") {
        const methods = typeSetOf(u).methods;
        for (let i = 0; i < methods.length; i++) addOne(methods[i]!, concat(e.index, i), true, e.multiples);
      }
    }
    // Names found at shallower depths shadow these; a field and a method of one name collide.
    for (const [k, m] of mset) {
      if (!base.has(k)) base.set(k, fset.has(k) ? null : m);
    }
    for (const k of fset) if (!base.has(k)) base.set(k, null);
    current = consolidateMultiples(next);
  }
  const list: Selection[] = [];
  for (const m of base.values()) if (m !== null) list.push(m);
  if (list.length === 0) return emptyMethodSet;
  const keyed = list.map((s) => ({ id: s.obj.id(), s }));
  keyed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return new MethodSet(keyed.map((k) => k.s));
}

/**
 * Memoizes method sets of named types and pointers to them, which are asked for again and
 * again (x/tools' typeutil.MethodSetCache); other types are computed each time.
 */
export class MethodSetCache {
  private readonly named = new Map<Named, { value: MethodSet | null; pointer: MethodSet | null }>();

  get(T: Type): MethodSet {
    let n: Named | null = null;
    let ptr = false;
    if (T.kind === "Named") n = T;
    else if (T.kind === "Pointer" && T.elem.kind === "Named") {
      n = T.elem;
      ptr = true;
    }
    if (n === null) return newMethodSet(T);
    let entry = this.named.get(n);
    if (entry === undefined) {
      entry = { value: null, pointer: null };
      this.named.set(n, entry);
    }
    if (ptr) {
      entry.pointer ??= newMethodSet(T);
      return entry.pointer;
    }
    entry.value ??= newMethodSet(T);
    return entry.value;
  }
}
