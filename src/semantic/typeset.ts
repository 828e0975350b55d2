// Type sets of interfaces and unions (go/types' typeset.go, termlist.go, typeterm.go), and
// the interfaces of type parameters' constraints.
//
// A type set is a method set and a list of terms: {𝓤} when the interface has no type
// terms, [] when no type satisfies it. Term lists here never hold the empty term; they are
// normalized so that no two terms overlap.

import { type Func, Var } from "./objects.js";
import { comparable, identical, under } from "./predicates.js";
import {
  allTermlist,
  emptyInterface,
  Interface,
  invalidType,
  Term,
  type Type,
  type TypeParam,
  TypeSet,
  type Union,
  universeAnyType,
} from "./types.js";
import { type Qualifier, typeString } from "./typestring.js";

/** Most terms a union may have (go/types' implementation limit). */
export const maxTermCount = 100;

const topTypeSet = universeAnyType.tset!;
/** The type set of a union that has too many terms. */
const invalidTypeSet = new TypeSet([], [], false);

/** The type set of an interface, computed on first use. */
export function typeSetOf(t: Interface): TypeSet {
  return t.tset ?? computeInterfaceTypeSet(t);
}

function computeInterfaceTypeSet(ityp: Interface): TypeSet {
  if (!ityp.complete) return topTypeSet;
  // Stored first, so that an invalid interface embedding itself ends the recursion.
  const tset = new TypeSet([], allTermlist, false);
  ityp.tset = tset;
  const ids = new Set<string>();
  const methods: Func[] = [];
  const add = (m: Func) => {
    // A method embedded twice is one method (go1.14); duplicates are the checker's to report.
    const id = m.id();
    if (!ids.has(id)) {
      ids.add(id);
      methods.push(m);
    }
  };
  for (const m of ityp.methods) add(m);
  let allTerms = allTermlist;
  let allComparable = false;
  for (const typ of ityp.embeddeds) {
    if (typ.kind === "TypeParam") continue; // invalid: a type parameter cannot be embedded
    let terms: readonly Term[];
    let comp = false;
    const u = under(typ);
    if (u.kind === "Interface") {
      const ts = typeSetOf(u);
      comp = ts.comparable;
      for (const m of ts.methods) add(m);
      terms = ts.terms;
    } else if (u.kind === "Union") {
      const ts = unionTypeSet(u);
      if (ts === invalidTypeSet) continue;
      terms = ts.terms;
    } else {
      if (u === invalidType) continue;
      terms = [new Term(false, typ)];
    }
    // Intersect, keeping the invariant that a comparable type set has the terms {𝓤}.
    allTerms = intersectTerms(allTerms, terms);
    allComparable = allComparable || comp;
    if (allComparable && !isAllTerms(allTerms)) {
      allTerms = allTerms.filter((t) => comparable(t.type!, true));
      if (!isAllTerms(allTerms)) allComparable = false;
    }
  }
  tset.comparable = allComparable;
  tset.methods = methods.length === 0 ? methods : sortMethods(methods);
  tset.terms = allTerms;
  return tset;
}

/** The type set of a union: the union of its terms' sets. */
export function unionTypeSet(u: Union): TypeSet {
  if (u.tset !== null) return u.tset;
  const tset = new TypeSet([], [], false);
  u.tset = tset;
  let all: readonly Term[] = [];
  for (const t of u.terms) {
    const typ = t.type!;
    if (typ.kind === "TypeParam") continue; // invalid: a term cannot be a type parameter
    const tu = under(typ);
    let terms: readonly Term[];
    if (tu.kind === "Interface") {
      terms = typeSetOf(tu).terms;
    } else if (tu === invalidType) {
      continue;
    } else {
      // ~T where T is not its own underlying type denotes no type.
      if (t.tilde && !identical(typ, tu)) continue;
      terms = [t];
    }
    all = unionTerms(all, terms);
    if (all.length > maxTermCount) {
      u.tset = invalidTypeSet;
      return invalidTypeSet;
    }
  }
  tset.terms = all;
  return tset;
}

/** methods sorted by Id, the order of interface methods and method sets. */
export function sortMethods(methods: Func[]): Func[] {
  if (methods.length < 2) return methods;
  const keyed = methods.map((m) => ({ id: m.id(), m }));
  keyed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 0; i < keyed.length; i++) methods[i] = keyed[i]!.m;
  return methods;
}

/**
 * An interface with the given methods and embedded elements (go/types'
 * NewInterfaceType): methods get the interface as receiver if they have none, and are
 * sorted. With neither, the shared empty interface.
 */
export function newInterfaceType(methods: Func[], embeddeds: Type[]): Interface {
  if (methods.length === 0 && embeddeds.length === 0) return emptyInterface;
  const typ = new Interface([], embeddeds);
  for (const m of methods) {
    const sig = m.signature();
    if (sig !== null && sig.recv === null) sig.recv = new Var(m.file, m.pos, m.pkg, "", typ);
  }
  typ.methods = sortMethods(methods);
  return typ;
}

/**
 * The constraint of a type parameter as an interface. A constraint that is not an
 * interface (`[T ~int]`) is wrapped in an implicit interface, which then replaces it.
 */
export function typeParamIface(tp: TypeParam): Interface {
  const bound = tp.constraint;
  const u = under(bound);
  if (u.kind === "Interface") return bound.kind === "TypeParam" ? emptyInterface : u;
  if (u === invalidType) return emptyInterface;
  const ityp = new Interface([], [bound], true);
  tp.constraint = ityp;
  return ityp;
}

// ---- type set predicates ----

/** No type is in the set. */
export function isEmptyTypeSet(s: TypeSet): boolean {
  return s.terms.length === 0;
}

/** Every type is in the set: no methods, no terms, not comparable (interface{}). */
export function isAllTypeSet(s: TypeSet): boolean {
  return !s.comparable && isAllTerms(s.terms) && s.methods.length === 0;
}

/** The set is described by methods alone: an ordinary interface, not only a constraint. */
export function isMethodSet(s: TypeSet): boolean {
  return !s.comparable && isAllTerms(s.terms);
}

/** The set has specific type terms (neither {𝓤} nor empty). */
export function hasTerms(s: TypeSet): boolean {
  return s.terms.length > 0 && !isAllTerms(s.terms);
}

/** Every type of the set is comparable. */
export function isComparableTypeSet(s: TypeSet, seen: Set<Type> | null = null): boolean {
  if (isAllTerms(s.terms)) return s.comparable;
  for (const t of s.terms) if (!comparable(t.type!, false, seen)) return false;
  return true;
}

/**
 * Whether f holds for every term of the set; without specific terms, f(null) tells
 * (go/types' typeset.is).
 */
export function typeSetIs(s: TypeSet, f: (t: Term | null) => boolean): boolean {
  if (!hasTerms(s)) return f(null);
  for (const t of s.terms) if (!f(t)) return false;
  return true;
}

/**
 * Whether f holds for the underlying type of every term (the type itself for ~T); without
 * specific terms, f(null) tells (go/types' typeset.underIs).
 */
export function typeSetUnderIs(s: TypeSet, f: (u: Type | null) => boolean): boolean {
  if (!hasTerms(s)) return f(null);
  for (const t of s.terms) if (!f(t.tilde ? t.type! : under(t.type!))) return false;
  return true;
}

// ---- term lists ----

/** The list holds 𝓤. */
export function isAllTerms(xl: readonly Term[]): boolean {
  for (const x of xl) if (x.type === null) return true;
  return false;
}

function disjoint(x: Term, y: Term): boolean {
  const ux = y.tilde ? under(x.type!) : x.type!;
  const uy = x.tilde ? under(y.type!) : y.type!;
  return !identical(ux, uy);
}

/** x ∪ y as one term, or null if they are disjoint (both must stay). */
function termUnion(x: Term, y: Term): Term | null {
  if (x.type === null) return x;
  if (y.type === null) return y;
  if (disjoint(x, y)) return null;
  return x.tilde || !y.tilde ? x : y;
}

/** x ∩ y, or null if empty. */
function termIntersect(x: Term, y: Term): Term | null {
  if (x.type === null) return y;
  if (y.type === null) return x;
  if (disjoint(x, y)) return null;
  return !x.tilde || y.tilde ? x : y;
}

/** Whether type t is in the set of term x. */
export function termIncludes(x: Term, t: Type): boolean {
  if (x.type === null) return true;
  return identical(x.type, x.tilde ? under(t) : t);
}

/** Whether the set of x is a subset of that of y. */
function termSubsetOf(x: Term, y: Term): boolean {
  if (y.type === null) return true;
  if (x.type === null) return false;
  if (disjoint(x, y)) return false;
  return !x.tilde || y.tilde;
}

/** The list with overlapping terms merged. */
function normTerms(xl: readonly Term[]): readonly Term[] {
  const used = new Array<boolean>(xl.length).fill(false);
  const rl: Term[] = [];
  for (let i = 0; i < xl.length; i++) {
    if (used[i]) continue;
    let xi = xl[i]!;
    for (let j = i + 1; j < xl.length; j++) {
      if (used[j]) continue;
      const u = termUnion(xi, xl[j]!);
      if (u !== null) {
        if (u.type === null) return allTermlist;
        xi = u;
        used[j] = true;
      }
    }
    rl.push(xi);
  }
  return rl;
}

export function unionTerms(xl: readonly Term[], yl: readonly Term[]): readonly Term[] {
  return normTerms([...xl, ...yl]);
}

export function intersectTerms(xl: readonly Term[], yl: readonly Term[]): readonly Term[] {
  if (xl.length === 0 || yl.length === 0) return [];
  if (xl === allTermlist) return yl;
  if (yl === allTermlist) return xl;
  const rl: Term[] = [];
  for (const x of xl) {
    for (const y of yl) {
      const r = termIntersect(x, y);
      if (r !== null) rl.push(r);
    }
  }
  return normTerms(rl);
}

export function termsSubsetOf(xl: readonly Term[], yl: readonly Term[]): boolean {
  if (yl.length === 0) return xl.length === 0;
  outer: for (const x of xl) {
    for (const y of yl) if (termSubsetOf(x, y)) continue outer;
    return false;
  }
  return true;
}

export function termsEqual(xl: readonly Term[], yl: readonly Term[]): boolean {
  return termsSubsetOf(xl, yl) && termsSubsetOf(yl, xl);
}

/** "∅", "𝓤", or the terms joined by " | " (go/types' termlist.String). */
export function termsString(xl: readonly Term[], qf: Qualifier | null = null): string {
  if (xl.length === 0) return "∅";
  return xl.map((x) => (x.type === null ? "𝓤" : (x.tilde ? "~" : "") + typeString(x.type, qf))).join(" | ");
}
