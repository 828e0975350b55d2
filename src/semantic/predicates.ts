// Predicates on types, after go/types: underlying and core types, type identity, default
// types of untyped values, comparability, representability of constants, assignability,
// convertibility and interface satisfaction.

import {
  bitLenOf,
  type Constant,
  float32Val,
  float64Val,
  imag as imagPart,
  makeComplex,
  makeFloat64,
  makeString,
  real,
  toComplex,
  toFloat,
  toInt,
  uint64Val,
} from "./constant.js";
import { isInterfacePtr, missingMethod } from "./lookup.js";
import type { Func } from "./objects.js";
import { encodeRune } from "./strconv.js";
import { namedUnder, substitute } from "./subst.js";
import {
  type Basic,
  BasicInfo,
  BasicKind,
  type Interface,
  invalidType,
  Slice,
  Term,
  type Tuple,
  Typ,
  type Type,
  universeByte,
  universeRune,
} from "./types.js";
import {
  hasTerms,
  isAllTypeSet,
  isComparableTypeSet,
  isEmptyTypeSet,
  termIncludes,
  termsEqual,
  termsString,
  termsSubsetOf,
  typeParamIface,
  typeSetIs,
  typeSetOf,
  typeSetUnderIs,
  unionTypeSet,
} from "./typeset.js";
import { type Qualifier, typeString } from "./typestring.js";

// ---- underlying and core types ----

/**
 * The underlying type: for a named type the type it is defined as, for a type parameter the
 * interface of its constraint, and the type itself otherwise.
 */
export function under(t: Type): Type {
  if (t.kind === "Named") {
    const u = t.underlying;
    if (u !== null && u.kind !== "Named" && t.loader === null && (t.typeArgs === null || t.expanded))
      return u;
    return namedUnder(t);
  }
  if (t.kind === "TypeParam") return typeParamIface(t);
  return t;
}

/**
 * The core type: the underlying type for a type that is not a type parameter; for a type
 * parameter, the single underlying type of all types in its type set (channels may differ in
 * direction), or null if there is none.
 */
export function coreType(t: Type): Type | null {
  if (t.kind !== "TypeParam") return under(t);
  let su: Type | null = null;
  const ok = typeSetUnderIs(typeSetOf(typeParamIface(t)), (u) => {
    if (u === null) return false;
    if (su !== null) {
      const m = match(su, u);
      if (m === null) return false;
      u = m;
    }
    su = u;
    return true;
  });
  return ok ? su : null;
}

/**
 * Like coreType, but treats string types as []byte, and if they are mixed with []byte the
 * result is string (for append, copy and slicing).
 */
export function coreString(t: Type): Type | null {
  if (t.kind !== "TypeParam") return under(t);
  let su: Type | null = null;
  let hasString = false;
  const ok = typeSetUnderIs(typeSetOf(typeParamIface(t)), (u) => {
    if (u === null) return false;
    if (isString(u)) {
      u = new Slice(universeByte);
      hasString = true;
    }
    if (su !== null) {
      const m = match(su, u);
      if (m === null) return false;
      u = m;
    }
    su = u;
    return true;
  });
  if (!ok) return null;
  return hasString ? Typ[BasicKind.String]! : su;
}

/** x if x and y are identical; for channels of identical element types, the directed one; else null. */
function match(x: Type, y: Type): Type | null {
  if (identical(x, y)) return x;
  if (x.kind === "Chan" && y.kind === "Chan" && identical(x.elem, y.elem)) {
    if (x.dir === "both") return y;
    if (y.dir === "both") return x;
  }
  return null;
}

// ---- classification ----

export function isBasic(t: Type, info: number): boolean {
  const u = under(t);
  return u.kind === "Basic" && (u.info & info) !== 0;
}

export function isBoolean(t: Type): boolean {
  return isBasic(t, BasicInfo.IsBoolean);
}
export function isInteger(t: Type): boolean {
  return isBasic(t, BasicInfo.IsInteger);
}
export function isUnsigned(t: Type): boolean {
  return isBasic(t, BasicInfo.IsUnsigned);
}
export function isFloat(t: Type): boolean {
  return isBasic(t, BasicInfo.IsFloat);
}
export function isComplex(t: Type): boolean {
  return isBasic(t, BasicInfo.IsComplex);
}
export function isNumeric(t: Type): boolean {
  return isBasic(t, BasicInfo.IsNumeric);
}
export function isString(t: Type): boolean {
  return isBasic(t, BasicInfo.IsString);
}
export function isIntegerOrFloat(t: Type): boolean {
  return isBasic(t, BasicInfo.IsInteger | BasicInfo.IsFloat);
}
export function isConstType(t: Type): boolean {
  return isBasic(t, BasicInfo.IsConstType);
}

/** For a type parameter, whether every type of its type set is basic with info; else isBasic. */
export function allBasic(t: Type, info: number): boolean {
  if (t.kind === "TypeParam") {
    return typeSetIs(typeSetOf(typeParamIface(t)), (term) => term !== null && isBasic(term.type!, info));
  }
  return isBasic(t, info);
}

export function allBoolean(t: Type): boolean {
  return allBasic(t, BasicInfo.IsBoolean);
}
export function allInteger(t: Type): boolean {
  return allBasic(t, BasicInfo.IsInteger);
}
export function allUnsigned(t: Type): boolean {
  return allBasic(t, BasicInfo.IsUnsigned);
}
export function allNumeric(t: Type): boolean {
  return allBasic(t, BasicInfo.IsNumeric);
}
export function allString(t: Type): boolean {
  return allBasic(t, BasicInfo.IsString);
}
export function allOrdered(t: Type): boolean {
  return allBasic(t, BasicInfo.IsOrdered);
}
export function allNumericOrString(t: Type): boolean {
  return allBasic(t, BasicInfo.IsNumeric | BasicInfo.IsString);
}

/** Basic, named and type parameter types have names; other types are type literals. */
export function hasName(t: Type): boolean {
  return t.kind === "Basic" || t.kind === "Named" || t.kind === "TypeParam";
}

export function isTyped(t: Type): boolean {
  return t.kind !== "Basic" || (t.info & BasicInfo.IsUntyped) === 0;
}

export function isUntyped(t: Type): boolean {
  return !isTyped(t);
}

export function isInterface(t: Type): boolean {
  return under(t).kind === "Interface";
}

/** An interface type that is not a type parameter. */
export function isNonTypeParamInterface(t: Type): boolean {
  return t.kind !== "TypeParam" && isInterface(t);
}

export function isTypeParam(t: Type): boolean {
  return t.kind === "TypeParam";
}

/** A generic named type that is not instantiated. */
export function isGeneric(t: Type): boolean {
  return t.kind === "Named" && t.typeArgs === null && t.orig.typeParams.length > 0;
}

export function isValid(t: Type): boolean {
  return t !== invalidType;
}

function isUintptr(t: Type): boolean {
  const u = under(t);
  return u.kind === "Basic" && u.basicKind === BasicKind.Uintptr;
}

function isUnsafePointer(t: Type): boolean {
  const u = under(t);
  return u.kind === "Basic" && u.basicKind === BasicKind.UnsafePointer;
}

function isPointer(t: Type): boolean {
  return under(t).kind === "Pointer";
}

/** []byte or []rune (by underlying types). */
export function isBytesOrRunes(t: Type): boolean {
  const u = under(t);
  if (u.kind !== "Slice") return false;
  const e = under(u.elem);
  return e.kind === "Basic" && (e.basicKind === BasicKind.Byte || e.basicKind === BasicKind.Rune);
}

// ---- comparability ----

/** Whether values of type t can be compared with == (interfaces dynamically: go/types' Comparable). */
export function isComparable(t: Type): boolean {
  return comparable(t, true, null);
}

/**
 * Whether t is comparable. With dynamic, interfaces (not type parameters) count as
 * comparable, as comparing them compiles and may panic at run time.
 */
export function comparable(t: Type, dynamic: boolean, seen: Set<Type> | null = null): boolean {
  const u = under(t);
  switch (u.kind) {
    case "Basic":
      return u.basicKind !== BasicKind.UntypedNil;
    case "Pointer":
    case "Chan":
      return true;
    case "Struct": {
      if (seen === null) seen = new Set();
      else if (seen.has(t)) return true;
      seen.add(t);
      for (const f of u.fields) if (!comparable(f.type, dynamic, seen)) return false;
      return true;
    }
    case "Array": {
      if (seen === null) seen = new Set();
      else if (seen.has(t)) return true;
      seen.add(t);
      return comparable(u.elem, dynamic, seen);
    }
    case "Interface": {
      if (dynamic && t.kind !== "TypeParam") return true;
      if (seen === null) seen = new Set();
      else if (seen.has(t)) return true;
      seen.add(t);
      return isComparableTypeSet(typeSetOf(u), seen);
    }
    default:
      return false;
  }
}

/** Whether nil is a value of type t. */
export function hasNil(t: Type): boolean {
  const u = under(t);
  switch (u.kind) {
    case "Basic":
      return u.basicKind === BasicKind.UnsafePointer;
    case "Slice":
    case "Pointer":
    case "Signature":
    case "Map":
    case "Chan":
      return true;
    case "Interface":
      return t.kind !== "TypeParam" || typeSetUnderIs(typeSetOf(u), (v) => v !== null && hasNil(v));
    default:
      return false;
  }
}

// ---- identity ----

/** A pair of interfaces being compared, to end the comparison of recursive interfaces. */
interface IfacePair {
  x: Interface;
  y: Interface;
  prev: IfacePair | null;
}

/** Whether x and y are identical types (struct tags included). */
export function identical(x: Type, y: Type): boolean {
  return x === y || identicalImpl(x, y, true, null);
}

/** Whether x and y are identical types when struct tags are ignored. */
export function identicalIgnoreTags(x: Type, y: Type): boolean {
  return x === y || identicalImpl(x, y, false, null);
}

function identicalImpl(x: Type, y: Type, cmpTags: boolean, p: IfacePair | null): boolean {
  if (x === y) return true;
  switch (x.kind) {
    case "Basic":
      return y.kind === "Basic" && x.basicKind === y.basicKind;
    case "Array":
      return (
        y.kind === "Array" &&
        (x.len === y.len || x.len === -1 || y.len === -1) &&
        identicalImpl(x.elem, y.elem, cmpTags, p)
      );
    case "Slice":
      return y.kind === "Slice" && identicalImpl(x.elem, y.elem, cmpTags, p);
    case "Struct": {
      if (y.kind !== "Struct" || x.fields.length !== y.fields.length) return false;
      for (let i = 0; i < x.fields.length; i++) {
        const f = x.fields[i]!;
        const g = y.fields[i]!;
        if (
          f.embedded !== g.embedded ||
          (cmpTags && x.tag(i) !== y.tag(i)) ||
          !f.sameId(g.pkg, g.name) ||
          !identicalImpl(f.type, g.type, cmpTags, p)
        ) {
          return false;
        }
      }
      return true;
    }
    case "Pointer":
      return y.kind === "Pointer" && identicalImpl(x.elem, y.elem, cmpTags, p);
    case "Tuple":
      return y.kind === "Tuple" && identicalTuples(x, y, cmpTags, p);
    case "Signature": {
      if (y.kind !== "Signature") return false;
      const n = x.typeParams.length;
      if (n !== y.typeParams.length) return false;
      let yparams = y.params;
      let yresults = y.results;
      if (n > 0) {
        // Generic signatures are identical if they are after renaming y's type parameters to x's.
        const xtparams = x.typeParams;
        const ytparams = y.typeParams;
        for (let i = 0; i < n; i++) {
          const ybound = substitute(ytparams[i]!.constraint, ytparams, xtparams);
          if (!identicalImpl(xtparams[i]!.constraint, ybound, cmpTags, p)) return false;
        }
        yparams = substitute(yparams, ytparams, xtparams) as Tuple;
        yresults = substitute(yresults, ytparams, xtparams) as Tuple;
      }
      return (
        x.variadic === y.variadic &&
        identicalTuples(x.params, yparams, cmpTags, p) &&
        identicalTuples(x.results, yresults, cmpTags, p)
      );
    }
    case "Union":
      return y.kind === "Union" && termsEqual(unionTypeSet(x).terms, unionTypeSet(y).terms);
    case "Interface": {
      if (y.kind !== "Interface") return false;
      const xset = typeSetOf(x);
      const yset = typeSetOf(y);
      if (xset.comparable !== yset.comparable || !termsEqual(xset.terms, yset.terms)) return false;
      const a = xset.methods;
      const b = yset.methods;
      if (a.length !== b.length) return false;
      // Interfaces may refer to themselves through their methods: a pair being compared
      // further up is assumed identical.
      const q: IfacePair = { x, y, prev: p };
      for (let r = p; r !== null; r = r.prev) {
        if ((r.x === x && r.y === y) || (r.x === y && r.y === x)) return true;
      }
      for (let i = 0; i < a.length; i++) {
        const f = a[i]!;
        const g = b[i]!;
        if (f.id() !== g.id() || !identicalImpl(f.type, g.type, cmpTags, q)) return false;
      }
      return true;
    }
    case "Map":
      return (
        y.kind === "Map" &&
        identicalImpl(x.key, y.key, cmpTags, p) &&
        identicalImpl(x.elem, y.elem, cmpTags, p)
      );
    case "Chan":
      return y.kind === "Chan" && x.dir === y.dir && identicalImpl(x.elem, y.elem, cmpTags, p);
    case "Named": {
      if (y.kind !== "Named") return false;
      const xargs = x.typeArgs;
      const yargs = y.typeArgs;
      const nx = xargs === null ? 0 : xargs.length;
      const ny = yargs === null ? 0 : yargs.length;
      if (nx !== ny) return false;
      if (nx > 0) {
        if (x.orig.obj !== y.orig.obj) return false;
        for (let i = 0; i < nx; i++) if (!identical(xargs![i]!, yargs![i]!)) return false;
        return true;
      }
      return x.obj === y.obj;
    }
    case "TypeParam":
      return false;
  }
}

function identicalTuples(x: Tuple, y: Tuple, cmpTags: boolean, p: IfacePair | null): boolean {
  const xv = x.vars;
  const yv = y.vars;
  if (xv.length !== yv.length) return false;
  for (let i = 0; i < xv.length; i++) if (!identicalImpl(xv[i]!.type, yv[i]!.type, cmpTags, p)) return false;
  return true;
}

// ---- untyped values and constants ----

/** The default type of an untyped type (int for untyped int, rune for untyped rune...); t itself otherwise. */
export function defaultType(t: Type): Type {
  if (t.kind !== "Basic") return t;
  switch (t.basicKind) {
    case BasicKind.UntypedBool:
      return Typ[BasicKind.Bool]!;
    case BasicKind.UntypedInt:
      return Typ[BasicKind.Int]!;
    case BasicKind.UntypedRune:
      return universeRune;
    case BasicKind.UntypedFloat:
      return Typ[BasicKind.Float64]!;
    case BasicKind.UntypedComplex:
      return Typ[BasicKind.Complex128]!;
    case BasicKind.UntypedString:
      return Typ[BasicKind.String]!;
    default:
      return t;
  }
}

/**
 * The value of constant x represented as a value of basic type typ (64-bit int, uint and
 * uintptr), or null if it is not representable: an Int for integer types, a value rounded
 * to float32 or float64 precision for float and complex types, x itself otherwise. Unknown
 * is representable (its error was reported before).
 */
export function representableConst(x: Constant, typ: Basic): Constant | null {
  if (x.kind === "Unknown") return x;
  const info = typ.info;
  if (info & BasicInfo.IsInteger) {
    const v = toInt(x);
    if (v.kind !== "Int") return null;
    const n = v.value;
    switch (typ.basicKind) {
      case BasicKind.Int:
      case BasicKind.Int64:
        return n >= -(1n << 63n) && n < 1n << 63n ? v : null;
      case BasicKind.Int8:
        return n >= -128n && n <= 127n ? v : null;
      case BasicKind.Int16:
        return n >= -32768n && n <= 32767n ? v : null;
      case BasicKind.Int32:
        return n >= -(1n << 31n) && n < 1n << 31n ? v : null;
      case BasicKind.Uint:
      case BasicKind.Uintptr:
      case BasicKind.Uint64:
        return n >= 0n && n < 1n << 64n ? v : null;
      case BasicKind.Uint8:
        return n >= 0n && n <= 255n ? v : null;
      case BasicKind.Uint16:
        return n >= 0n && n <= 65535n ? v : null;
      case BasicKind.Uint32:
        return n >= 0n && n < 1n << 32n ? v : null;
      default:
        // untyped int and untyped rune
        return v;
    }
  }
  if (info & BasicInfo.IsFloat) {
    const f = toFloat(x);
    if (f.kind !== "Float") return null;
    switch (typ.basicKind) {
      case BasicKind.Float32:
        return roundTo(f, true);
      case BasicKind.Float64:
        return roundTo(f, false);
      default:
        return x;
    }
  }
  if (info & BasicInfo.IsComplex) {
    const c = toComplex(x);
    if (c.kind !== "Complex") return null;
    if (typ.basicKind === BasicKind.UntypedComplex) return x;
    const f32 = typ.basicKind === BasicKind.Complex64;
    const re = roundTo(real(c), f32);
    const im = roundTo(imagPart(c), f32);
    return re !== null && im !== null ? makeComplex(re, im) : null;
  }
  if (info & BasicInfo.IsString) return x.kind === "String" ? x : null;
  if (info & BasicInfo.IsBoolean) return x.kind === "Bool" ? x : null;
  return null;
}

/** x rounded to float32 or float64, or null if it overflows. */
function roundTo(x: Constant, f32: boolean): Constant | null {
  const f = f32 ? float32Val(x) : float64Val(x);
  return Number.isFinite(f) ? makeFloat64(f) : null;
}

/**
 * Why constant x of type from is not representable as basic type typ, in go/types' words:
 * "truncated" (float to integer), "overflows" (other numeric conversions), or "cannot
 * convert"; null if it is representable.
 */
export function representationError(x: Constant, from: Type, typ: Basic): string | null {
  if (representableConst(x, typ) !== null) return null;
  if (isNumeric(from) && isNumeric(typ))
    return !isInteger(from) && isInteger(typ) ? "truncated" : "overflows";
  return "cannot convert";
}

/**
 * The type an untyped operand of type V takes where a value of type target is expected
 * (go/types' implicitTypeAndValue): target, or V when both are untyped, untyped nil for
 * nil, the default type for an empty interface, or null if the operand cannot be used
 * there. val is the operand's constant value, null if it is not a constant.
 */
export function implicitType(V: Type, val: Constant | null, target: Type): Type | null {
  if (V === invalidType || isTyped(V) || target === invalidType) return V;
  const vk = (V as Basic).basicKind;
  if (isUntyped(target)) {
    const tk = (target as Basic).basicKind;
    if (isNumeric(V) && isNumeric(target)) {
      if (vk < tk) return target;
    } else if (vk !== tk) {
      return null;
    }
    return V;
  }
  const u = under(target);
  switch (u.kind) {
    case "Basic":
      if (val !== null) return representableConst(val, u) !== null ? target : null;
      // Untyped non-constant values: comparison results, shifted operands, nil.
      switch (vk) {
        case BasicKind.UntypedBool:
          return isBoolean(target) ? target : null;
        case BasicKind.UntypedInt:
        case BasicKind.UntypedRune:
        case BasicKind.UntypedFloat:
        case BasicKind.UntypedComplex:
          return isNumeric(target) ? target : null;
        case BasicKind.UntypedString:
          return isString(target) ? target : null;
        case BasicKind.UntypedNil:
          return hasNil(target) ? V : null;
        default:
          return null;
      }
    case "Interface":
      if (target.kind === "TypeParam") {
        const ok = typeSetUnderIs(typeSetOf(u), (t) => t !== null && implicitType(V, val, t) !== null);
        if (!ok) return null;
        return vk === BasicKind.UntypedNil ? V : target;
      }
      // nil stays untyped; other values take their default type, allowed only for an empty interface.
      if (vk === BasicKind.UntypedNil) return V;
      return isAllTypeSet(typeSetOf(u)) ? defaultType(V) : null;
    case "Pointer":
    case "Signature":
    case "Slice":
    case "Map":
    case "Chan":
      return vk === BasicKind.UntypedNil ? V : null;
    default:
      return null;
  }
}

/** Receives the reason for a negative answer, in go/types' words. */
export interface Reason {
  message: string;
}

/**
 * Whether a value of type V (with constant value val, or null) is assignable to a variable
 * of type T (the spec's assignability, go/types' operand.assignableTo). Invalid types are
 * assignable, to avoid follow-on errors.
 */
export function assignableTo(V: Type, T: Type, val: Constant | null = null, reason?: Reason): boolean {
  if (V === invalidType || T === invalidType) return true;
  if (identical(V, T)) return true;
  const Vu = under(V);
  const Tu = under(T);
  const Vp = V.kind === "TypeParam" ? V : null;
  const Tp = T.kind === "TypeParam" ? T : null;

  if (isUntyped(Vu)) {
    if (Tp !== null) {
      return typeSetIs(
        typeSetOf(typeParamIface(Tp)),
        (t) => t !== null && implicitType(V, val, t.type!) !== null,
      );
    }
    return implicitType(V, val, T) !== null;
  }

  // Identical underlying types, at least one of them not named.
  if (identical(Vu, Tu) && (!hasName(V) || !hasName(T)) && Vp === null && Tp === null) return true;

  // T is an interface and V implements it.
  if ((Tu.kind === "Interface" && Tp === null) || isInterfacePtr(Tu)) {
    const err = implementsError(V, T);
    if (err !== null) {
      if (reason !== undefined) reason.message = err;
      return false;
    }
    return true;
  }

  // An interface value is not assignable to a type that implements it.
  if (Vu.kind === "Interface" && Vp === null) {
    if (implementsError(T, V) === null) {
      if (reason !== undefined) reason.message = "need type assertion";
      return false;
    }
  }

  // A bidirectional channel to a channel type of identical element type, one of them not named.
  if (Vu.kind === "Chan" && Vu.dir === "both" && Tu.kind === "Chan" && identical(Vu.elem, Tu.elem)) {
    return !hasName(V) || !hasName(T);
  }

  if (Vp === null && Tp === null) return false;

  // An unnamed V to a type parameter T: V must be assignable to every type in T's set.
  if (!hasName(V) && Tp !== null) {
    let ok = false;
    typeSetIs(typeSetOf(typeParamIface(Tp)), (t) => {
      if (t === null) return false;
      ok = assignableTo(V, t.type!, val, reason);
      if (!ok && reason !== undefined) {
        reason.message = addCause(`cannot assign ${ts(V)} to ${ts(t.type!)} (in ${ts(Tp)})`, reason.message);
      }
      return ok;
    });
    return ok;
  }

  // A type parameter V to an unnamed T: every type in V's set must be assignable to T.
  if (Vp !== null && !hasName(T)) {
    let ok = false;
    typeSetIs(typeSetOf(typeParamIface(Vp)), (v) => {
      if (v === null) return false;
      ok = assignableTo(v.type!, T, val, reason);
      if (!ok && reason !== undefined) {
        reason.message = addCause(`cannot assign ${ts(v.type!)} (in ${ts(Vp)}) to ${ts(T)}`, reason.message);
      }
      return ok;
    });
    return ok;
  }
  return false;
}

function ts(t: Type): string {
  return typeString(t);
}

function addCause(msg: string, cause: string): string {
  return cause === "" ? msg : `${msg}\n\t${cause}`;
}

/**
 * Whether a value of type V (with constant value val, or null) can be converted to type T
 * (the spec's convertibility, go/types' operand.convertibleTo). For a constant converted to a
 * basic type, use constConversion, which also gives the value.
 */
export function convertibleTo(V: Type, T: Type, val: Constant | null = null, cause?: Reason): boolean {
  if (assignableTo(V, T, val, cause)) return true;
  const Vu = under(V);
  const Tu = under(T);
  const Vp = V.kind === "TypeParam" ? V : null;
  const Tp = T.kind === "TypeParam" ? T : null;

  if (identicalIgnoreTags(Vu, Tu) && Vp === null && Tp === null) return true;

  // Unnamed pointer types to identical underlying base types.
  if (V.kind === "Pointer" && T.kind === "Pointer") {
    if (
      identicalIgnoreTags(under(V.elem), under(T.elem)) &&
      V.elem.kind !== "TypeParam" &&
      T.elem.kind !== "TypeParam"
    ) {
      return true;
    }
  }
  if (isIntegerOrFloat(Vu) && isIntegerOrFloat(Tu)) return true;
  if (isComplex(Vu) && isComplex(Tu)) return true;
  if ((isInteger(Vu) || isBytesOrRunes(Vu)) && isString(Tu)) return true;
  if (isString(Vu) && isBytesOrRunes(Tu)) return true;
  if ((isPointer(Vu) || isUintptr(Vu)) && isUnsafePointer(Tu)) return true;
  if (isUnsafePointer(Vu) && (isPointer(Tu) || isUintptr(Tu))) return true;

  // A slice to an array pointer (go1.17) or to an array (go1.20) of identical element type.
  if (Vu.kind === "Slice") {
    if (Tu.kind === "Pointer") {
      const a = under(Tu.elem);
      if (a.kind === "Array" && identical(Vu.elem, a.elem)) return true;
    } else if (Tu.kind === "Array" && identical(Vu.elem, Tu.elem)) {
      return true;
    }
  }

  if (Vp === null && Tp === null) return false;

  const note = (msg: string) => {
    if (cause !== undefined) cause.message = addCause(msg, cause.message);
  };
  if (Vp !== null && Tp !== null) {
    return typeSetIs(typeSetOf(typeParamIface(Vp)), (v) => {
      if (v === null) return false;
      return typeSetIs(typeSetOf(typeParamIface(Tp)), (t) => {
        if (t === null) return false;
        if (!convertibleTo(v.type!, t.type!, val, cause)) {
          note(`cannot convert ${ts(v.type!)} (in ${ts(Vp)}) to ${ts(t.type!)} (in ${ts(Tp)})`);
          return false;
        }
        return true;
      });
    });
  }
  if (Vp !== null) {
    return typeSetIs(typeSetOf(typeParamIface(Vp)), (v) => {
      if (v === null) return false;
      if (!convertibleTo(v.type!, T, val, cause)) {
        note(`cannot convert ${ts(v.type!)} (in ${ts(Vp)}) to ${ts(T)}`);
        return false;
      }
      return true;
    });
  }
  return typeSetIs(typeSetOf(typeParamIface(Tp!)), (t) => {
    if (t === null) return false;
    if (!convertibleTo(V, t.type!, val, cause)) {
      note(`cannot convert ${ts(V)} to ${ts(t.type!)} (in ${ts(Tp!)})`);
      return false;
    }
    return true;
  });
}

/**
 * The value of the conversion T(x) of constant x of type V to a type T whose underlying
 * type is basic: x represented in T, or for an integer converted to a string type the UTF-8
 * encoding of that code point (U+FFFD if it is none); null if it is not representable.
 */
export function constConversion(x: Constant, V: Type, T: Type): Constant | null {
  const t = under(T);
  if (t.kind !== "Basic") return null;
  const r = representableConst(x, t);
  if (r !== null) return r;
  if (isInteger(V) && isString(t)) {
    const v = uint64Val(x);
    return makeString(encodeRune(v !== null && v <= 0x10ffffn ? Number(v) : 0xfffd));
  }
  return null;
}

/**
 * The conversion T(x) of an operand of type V with constant value val (null if it is not a
 * constant), as go/types' conversion decides it: whether it is allowed and, when the result
 * is a constant (a constant converted to a basic type), its value. A constant converted to
 * a type parameter must be convertible to every type of its type set, and is not constant.
 */
export function conversion(V: Type, val: Constant | null, T: Type): { ok: boolean; val: Constant | null } {
  if (val !== null && isConstType(T)) {
    const v = constConversion(val, V, T);
    return { ok: v !== null, val: v };
  }
  if (val !== null && T.kind === "TypeParam") {
    const ok = typeSetUnderIs(
      typeSetOf(typeParamIface(T)),
      (u) => u !== null && ((isString(V) && isBytesOrRunes(u)) || constConversion(val, V, u) !== null),
    );
    return { ok, val: null };
  }
  return { ok: convertibleTo(V, T, val), val: null };
}

// ---- interfaces ----

/** Whether V implements interface T (go/types' Implements): every type implements interface{}. */
export function implementsInterface(V: Type, T: Interface): boolean {
  if (isAllTypeSet(typeSetOf(T))) return true;
  if (under(V) === invalidType) return false;
  return implementsError(V, T) === null;
}

/**
 * Why V does not implement (satisfy) the interface or constraint T, in go/types' words, or
 * null if it does. Invalid types implement everything, to avoid follow-on errors.
 */
export function implementsError(V: Type, T: Type, qf: Qualifier | null = null): string | null {
  const Vu = under(V);
  const Tu = under(T);
  if (Vu === invalidType || Tu === invalidType) return null;
  if (Vu.kind === "Pointer" && under(Vu.elem) === invalidType) return null;
  const str = (t: Type) => typeString(t, qf);

  if (Tu.kind !== "Interface") {
    const cause = isInterfacePtr(Tu)
      ? `type ${str(T)} is pointer to interface, not interface`
      : `${str(T)} is not an interface`;
    return `${str(V)} does not implement ${str(T)} (${cause})`;
  }
  const Ti = Tu;
  const tset = typeSetOf(Ti);
  if (isAllTypeSet(tset)) return null;
  const Vi = Vu.kind === "Interface" ? Vu : null;
  if (Vi !== null && isEmptyTypeSet(typeSetOf(Vi))) return null;
  if (isEmptyTypeSet(tset)) return `cannot implement ${str(T)} (empty type set)`;

  const missing = missingMethod(V, Ti, true);
  if (missing !== null) {
    return `${str(V)} does not implement ${str(T)} ${missingMethodReason(V, T, missing.method, missing.alt, qf)}`;
  }

  let pending: string | null = null;
  if (isComparableTypeSet(tset) && !comparable(V, false)) pending = `${str(V)} does not implement comparable`;
  if (!hasTerms(tset)) return pending;

  if (Vi !== null) {
    if (!termsSubsetOf(typeSetOf(Vi).terms, tset.terms)) return `${str(V)} does not implement ${str(T)}`;
    return pending;
  }

  // V must be in the set of some term of T.
  let alt: Type | null = null;
  const notIncluded = typeSetIs(tset, (t) => {
    if (!termIncludes(t!, V)) {
      const tt = t!.type!;
      if (alt === null && !t!.tilde && identical(tt, under(tt)) && termIncludes(new Term(true, tt), V))
        alt = tt;
      return true;
    }
    return false;
  });
  if (notIncluded) {
    if (alt !== null) {
      return `${str(V)} does not implement ${str(T)} (possibly missing ~ for ${str(alt)} in constraint ${str(T)})`;
    }
    return `${str(V)} does not implement ${str(T)} (${str(V)} missing in ${termsString(tset.terms, qf)})`;
  }
  return pending;
}

/** The parenthesized reason of a missing or mismatched method, in go/types' words. */
export function missingMethodReason(
  V: Type,
  T: Type,
  m: Func,
  alt: Func | null,
  qf: Qualifier | null = null,
): string {
  const mname = `method ${m.name}`;
  const fs = (f: Func) => f.name + typeString(f.type, qf).slice(4);
  if (alt !== null) {
    if (m.name !== alt.name) return `(missing ${mname})\n\t\thave ${fs(alt)}\n\t\twant ${fs(m)}`;
    if (identical(m.type, alt.type)) return `(${mname} has pointer receiver)`;
    return `(wrong type for ${mname})\n\t\thave ${fs(alt)}\n\t\twant ${fs(m)}`;
  }
  if (isInterfacePtr(V)) return `(${interfacePtrError(V, qf)})`;
  if (isInterfacePtr(T)) return `(${interfacePtrError(T, qf)})`;
  return `(missing ${mname})`;
}

function interfacePtrError(T: Type, qf: Qualifier | null): string {
  const p = under(T);
  if (p.kind === "Pointer" && p.elem.kind === "TypeParam") {
    return `type ${typeString(T, qf)} is pointer to type parameter, not type parameter`;
  }
  return `type ${typeString(T, qf)} is pointer to interface, not interface`;
}

/**
 * For an interface value of type V asserted to have type T: the method of V that T lacks
 * (or has with another type), or null when the assertion may succeed (go/types' assertableTo).
 */
export function assertableTo(V: Interface, T: Type): { method: Func; alt: Func | null } | null {
  if (isInterface(T)) return null;
  return missingMethod(T, V, false);
}

/** Whether an Int constant needs more than 512 bits, go/types' limit on untyped integer constants. */
export function overflowsUntyped(x: Constant): boolean {
  return x.kind === "Int" && bitLenOf(x) > 512;
}
