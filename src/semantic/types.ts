// Go types, shaped like go/types. Plain classes with a `kind` tag: no closures, few fields,
// cheap to create by the million.
//
// This module holds data only and imports no other module of the semantic model at run
// time, so that any of them can import it, in any order. The algorithms that need more than
// a field (underlying types of named types, type sets, identity, substitution) are free
// functions: under() and identical() in predicates.ts, typeSetOf() in typeset.ts,
// namedMethod() and instantiate() in subst.ts.

import type { Func, TypeName, Var } from "./objects.js";
import type { Scope } from "./scope.js";

export type Type =
  | Basic
  | Pointer
  | Slice
  | ArrayType
  | MapType
  | Chan
  | Struct
  | Tuple
  | Signature
  | Interface
  | Union
  | Named
  | TypeParam;

export type TypeKind = Type["kind"];

// ---- basic types ----

export const BasicKind = {
  Invalid: 0,
  Bool: 1,
  Int: 2,
  Int8: 3,
  Int16: 4,
  Int32: 5,
  Int64: 6,
  Uint: 7,
  Uint8: 8,
  Uint16: 9,
  Uint32: 10,
  Uint64: 11,
  Uintptr: 12,
  Float32: 13,
  Float64: 14,
  Complex64: 15,
  Complex128: 16,
  String: 17,
  UnsafePointer: 18,
  UntypedBool: 19,
  UntypedInt: 20,
  UntypedRune: 21,
  UntypedFloat: 22,
  UntypedComplex: 23,
  UntypedString: 24,
  UntypedNil: 25,
  Byte: 8,
  Rune: 5,
} as const;
export type BasicKind = (typeof BasicKind)[keyof typeof BasicKind];

/** Properties of basic types (bit set). */
export const BasicInfo = {
  IsBoolean: 1,
  IsInteger: 2,
  IsUnsigned: 4,
  IsFloat: 8,
  IsComplex: 16,
  IsString: 32,
  IsUntyped: 64,
  IsOrdered: 2 | 8 | 32,
  IsNumeric: 2 | 8 | 16,
  IsConstType: 1 | 2 | 8 | 16 | 32,
} as const;

export class Basic {
  readonly kind = "Basic";
  constructor(
    readonly basicKind: BasicKind,
    /** BasicInfo bits. */
    readonly info: number,
    readonly name: string,
  ) {}
}

const { IsBoolean, IsInteger, IsUnsigned, IsFloat, IsComplex, IsString, IsUntyped } = BasicInfo;

/** The basic types, indexed by BasicKind (byte and rune are the separate universeByte/Rune). */
export const Typ: readonly Basic[] = [
  new Basic(BasicKind.Invalid, 0, "invalid type"),
  new Basic(BasicKind.Bool, IsBoolean, "bool"),
  new Basic(BasicKind.Int, IsInteger, "int"),
  new Basic(BasicKind.Int8, IsInteger, "int8"),
  new Basic(BasicKind.Int16, IsInteger, "int16"),
  new Basic(BasicKind.Int32, IsInteger, "int32"),
  new Basic(BasicKind.Int64, IsInteger, "int64"),
  new Basic(BasicKind.Uint, IsInteger | IsUnsigned, "uint"),
  new Basic(BasicKind.Uint8, IsInteger | IsUnsigned, "uint8"),
  new Basic(BasicKind.Uint16, IsInteger | IsUnsigned, "uint16"),
  new Basic(BasicKind.Uint32, IsInteger | IsUnsigned, "uint32"),
  new Basic(BasicKind.Uint64, IsInteger | IsUnsigned, "uint64"),
  new Basic(BasicKind.Uintptr, IsInteger | IsUnsigned, "uintptr"),
  new Basic(BasicKind.Float32, IsFloat, "float32"),
  new Basic(BasicKind.Float64, IsFloat, "float64"),
  new Basic(BasicKind.Complex64, IsComplex, "complex64"),
  new Basic(BasicKind.Complex128, IsComplex, "complex128"),
  new Basic(BasicKind.String, IsString, "string"),
  new Basic(BasicKind.UnsafePointer, 0, "Pointer"),
  new Basic(BasicKind.UntypedBool, IsBoolean | IsUntyped, "untyped bool"),
  new Basic(BasicKind.UntypedInt, IsInteger | IsUntyped, "untyped int"),
  new Basic(BasicKind.UntypedRune, IsInteger | IsUntyped, "untyped rune"),
  new Basic(BasicKind.UntypedFloat, IsFloat | IsUntyped, "untyped float"),
  new Basic(BasicKind.UntypedComplex, IsComplex | IsUntyped, "untyped complex"),
  new Basic(BasicKind.UntypedString, IsString | IsUntyped, "untyped string"),
  new Basic(BasicKind.UntypedNil, IsUntyped, "untyped nil"),
];

/** The invalid type: the type of erroneous expressions and of objects not yet typed. */
export const invalidType = Typ[BasicKind.Invalid]!;

/** `byte`: identical to uint8, but printed as byte. */
export const universeByte = new Basic(BasicKind.Byte, IsInteger | IsUnsigned, "byte");
/** `rune`: identical to int32, but printed as rune. */
export const universeRune = new Basic(BasicKind.Rune, IsInteger, "rune");

// ---- composite types ----

export class Pointer {
  readonly kind = "Pointer";
  constructor(readonly elem: Type) {}
}

export class Slice {
  readonly kind = "Slice";
  constructor(readonly elem: Type) {}
}

export class ArrayType {
  readonly kind = "Array";
  /** The length: a number when it is a safe integer, else a bigint; -1 if unknown. */
  readonly len: number | bigint;
  constructor(
    readonly elem: Type,
    len: number | bigint,
  ) {
    this.len = typeof len === "bigint" && len <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(len) : len;
  }
}

export class MapType {
  readonly kind = "Map";
  constructor(
    readonly key: Type,
    readonly elem: Type,
  ) {}
}

/** Channel direction; the same strings as the syntax tree's ChanType.dir. */
export type ChanDir = "both" | "send" | "recv";

export class Chan {
  readonly kind = "Chan";
  constructor(
    readonly dir: ChanDir,
    readonly elem: Type,
  ) {}
}

export class Struct {
  readonly kind = "Struct";
  constructor(
    /** Field variables (isField set; embedded set for embedded fields, named after the type). */
    public fields: Var[],
    /** Field tags as Go byte strings, or null when no field has one. */
    public tags: string[] | null = null,
  ) {}

  tag(i: number): string {
    return this.tags !== null && i < this.tags.length ? this.tags[i]! : "";
  }
}

/** An ordered list of variables: parameter and result lists, and multi-value expressions. */
export class Tuple {
  readonly kind = "Tuple";
  constructor(readonly vars: readonly Var[]) {}
}

/** The tuple of no variables. */
export const emptyTuple = new Tuple([]);

const noTypeParams: readonly TypeParam[] = [];

export class Signature {
  readonly kind = "Signature";
  /** The function scope of a declared function or literal; null otherwise. */
  scope: Scope | null = null;
  constructor(
    /** The receiver of a method, null for a function. */
    public recv: Var | null,
    public params: Tuple,
    public results: Tuple,
    /** The last parameter is `...T`; its type is then []T (or string, for append only). */
    public variadic: boolean,
    public typeParams: readonly TypeParam[] = noTypeParams,
    /** The receiver type parameters of a method of a generic type, in order. */
    public recvTypeParams: readonly TypeParam[] = noTypeParams,
  ) {}
}

// ---- interfaces and type sets ----

/**
 * A term of a union or type set: ~T (tilde) or T. A term whose type is null is 𝓤, the set
 * of all types; it appears only in computed type sets, never in a Union.
 */
export class Term {
  constructor(
    readonly tilde: boolean,
    readonly type: Type | null,
  ) {}
}

/** A union of terms, as it appears (embedded) in an interface: `~int | string`. */
export class Union {
  readonly kind = "Union";
  /** The type set of the union, computed lazily by typeset.ts. */
  tset: TypeSet | null = null;
  constructor(readonly terms: readonly Term[]) {}
}

/**
 * The type set of an interface: its methods (with those of embedded interfaces, sorted by
 * Id) and its type terms. An interface whose terms are 𝓤 and that is not comparable is a
 * plain method set; otherwise it is a constraint.
 */
export class TypeSet {
  constructor(
    public methods: readonly Func[],
    public terms: readonly Term[],
    public comparable: boolean,
  ) {}
}

/** The term list {𝓤}. */
export const allTermlist: readonly Term[] = [new Term(false, null)];

export class Interface {
  readonly kind = "Interface";
  /** The type set, computed lazily from methods and embeddeds by typeSetOf(). */
  tset: TypeSet | null = null;
  constructor(
    /** Explicitly declared methods, sorted by Id (see newInterfaceType). */
    public methods: readonly Func[] = [],
    /** Embedded elements: interfaces, other types, and unions. */
    public embeddeds: readonly Type[] = [],
    /** The interface wraps a constraint written without `interface`: `[T ~int]`. */
    public implicit = false,
    /** Methods and embeddeds are all set: the type set can be computed. */
    public complete = true,
  ) {}
}

/** The type of the predeclared `any`: distinct from other empty interfaces, so printed "any". */
export const universeAnyType = new Interface();
universeAnyType.tset = new TypeSet([], allTermlist, false);

/** The empty interface `interface{}`. */
export const emptyInterface = new Interface();
emptyInterface.tset = universeAnyType.tset;

/** The underlying type of the predeclared `comparable`. */
export const comparableInterface = new Interface();
comparableInterface.tset = new TypeSet([], allTermlist, true);

// ---- type parameters and named types ----

export class TypeParam {
  readonly kind = "TypeParam";
  /** The constraint as an interface, computed lazily by typeParamIface(). */
  iface: Interface | null = null;
  constructor(
    readonly obj: TypeName,
    /** The constraint; any type, an interface in correct programs. */
    public constraint: Type,
    /** Position in its type parameter list, from 0; -1 until bound to a declaration. */
    public index = -1,
  ) {
    if (obj.type === Typ[0]) obj.type = this;
  }
}

/**
 * Supplies the declaration of a named type on first use: sets typeParams, underlying and
 * methods of the type. One loader serves many types, so no closure is made per type.
 */
export interface NamedLoader {
  loadNamed(t: Named): void;
}

export class Named {
  readonly kind = "Named";
  /** The origin of an instance; the type itself otherwise. */
  orig: Named;
  /** Type arguments of an instance; null for a declared type. */
  typeArgs: readonly Type[] | null = null;
  typeParams: readonly TypeParam[] = noTypeParams;
  /**
   * The underlying type as set: null while unknown, possibly another Named while
   * declarations are being resolved (forward references). Read it with under().
   */
  underlying: Type | null;
  /** Declared methods. For an instance, read them with namedMethod(). */
  methods: Func[];
  /** Set for a type whose declaration is loaded lazily; cleared once loaded. */
  loader: NamedLoader | null = null;
  /** Instance: its underlying type has been substituted. */
  expanded = false;
  /** Instance: methods substituted so far, by index. */
  instMethods: (Func | null)[] | null = null;
  /** Origin: the instances made so far, to return an identical instance for identical type arguments. */
  instances: Named[] | null = null;

  constructor(
    /** The type name; for an instance, the origin's. */
    readonly obj: TypeName,
    underlying: Type | null = null,
    methods: Func[] = [],
  ) {
    this.orig = this;
    this.underlying = underlying;
    this.methods = methods;
    if (obj.type === Typ[0]) obj.type = this;
  }
}
