// Objects: what an identifier denotes (go/types' Object), and packages.
//
// Every object has a name, the package that declares it (null for predeclared objects), a
// position (the file's name and a byte offset, or "" and -1), and a type. An object created without a type gets invalidType and
// the color white; the checker colors it black once typed (go/types' object coloring).

import type { Constant } from "./constant.js";
import { Scope, Universe } from "./scope.js";
import { invalidType, type Signature, type Type } from "./types.js";

export type Obj = PkgName | Const | TypeName | Var | Func | Label | Builtin | Nil;
export type ObjKind = Obj["kind"];

/** Declaration state for the checker's cycle detection: white, black, grey (go/types). */
export const Color = { White: 0, Black: 1, Grey: 2 } as const;
export type Color = (typeof Color)[keyof typeof Color];

const upper = /^\p{Lu}$/u;

/** token.IsExported: the name starts with an upper-case letter. */
export function isExported(name: string): boolean {
  const c = name.charCodeAt(0);
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  return upper.test(String.fromCodePoint(name.codePointAt(0)!));
}

/** The unique Id of a name: the name if exported, else qualified by the package path. */
export function objectId(pkg: Package | null, name: string): string {
  if (isExported(name)) return name;
  const path = pkg !== null && pkg.path !== "" ? pkg.path : "_";
  return `${path}.${name}`;
}

/**
 * The fields and methods every object has. The fields are declared here for the methods but
 * defined by each class itself: V8 then sees one object shape per initializer, whereas a
 * constructor shared by all kinds of objects slows down (megamorphic) once several kinds
 * exist, and objects are created by the million.
 */
abstract class ObjectBase {
  /** Name of the file that declares the object; "" for predeclared objects. */
  declare readonly file: string;
  /** Byte offset of the declaring identifier in that file; -1 if none. */
  declare readonly pos: number;
  declare pkg: Package | null;
  declare readonly name: string;
  declare type: Type;
  /** The scope that declares the object; null for methods, fields and not yet inserted objects. */
  declare parent: Scope | null;
  /** Position from which the object is visible in a function scope; -1 if from the start. */
  declare scopePos: number;
  /** Declaration order among package-level objects, for the checker (0 if unset). */
  declare order: number;
  declare color: Color;

  exported(): boolean {
    return isExported(this.name);
  }

  /** The name if exported, else qualified by the package path (go/types' Id). */
  id(): string {
    return objectId(this.pkg, this.name);
  }

  /** Whether the object has the given Id: same name, and same package if unexported. */
  sameId(pkg: Package | null, name: string): boolean {
    if (name !== this.name) return false;
    if (isExported(name)) return true;
    if (pkg === null || this.pkg === null) return pkg === this.pkg;
    return pkg.path === this.pkg.path;
  }
}

/** An imported package's name in a file. */
export class PkgName extends ObjectBase {
  readonly kind = "PkgName";
  override parent: Scope | null = null;
  override type: Type = invalidType;
  override scopePos = -1;
  override order = 0;
  override color: Color = Color.Black;
  used = false;
  constructor(
    override readonly file: string,
    override readonly pos: number,
    override pkg: Package | null,
    override readonly name: string,
    readonly imported: Package,
  ) {
    super();
  }
}

/** A declared constant. */
export class Const extends ObjectBase {
  readonly kind = "Const";
  override parent: Scope | null = null;
  override type: Type;
  override scopePos = -1;
  override order = 0;
  override color: Color;
  constructor(
    override readonly file: string,
    override readonly pos: number,
    override pkg: Package | null,
    override readonly name: string,
    type: Type | null,
    public val: Constant,
  ) {
    super();
    this.type = type ?? invalidType;
    this.color = type === null ? Color.White : Color.Black;
  }
}

/** A type name: a defined type, an alias, a type parameter or a predeclared type. */
export class TypeName extends ObjectBase {
  readonly kind = "TypeName";
  override parent: Scope | null = null;
  override type: Type;
  override scopePos = -1;
  override order = 0;
  override color: Color;
  constructor(
    override readonly file: string,
    override readonly pos: number,
    override pkg: Package | null,
    override readonly name: string,
    type: Type | null,
  ) {
    super();
    this.type = type ?? invalidType;
    this.color = type === null ? Color.White : Color.Black;
  }
}

/** A variable: package or local variable, parameter, result, receiver or struct field. */
export class Var extends ObjectBase {
  readonly kind = "Var";
  override parent: Scope | null = null;
  override type: Type;
  override scopePos = -1;
  override order = 0;
  override color: Color;
  /** An embedded struct field; its name is that of the type. */
  embedded = false;
  isField = false;
  /** A parameter, result or receiver. */
  isParam = false;
  used = false;
  /** For a variable made by substituting type arguments, the generic one. */
  origin: Var | null = null;
  constructor(
    override readonly file: string,
    override readonly pos: number,
    override pkg: Package | null,
    override readonly name: string,
    type: Type | null,
  ) {
    super();
    this.type = type ?? invalidType;
    this.color = type === null ? Color.White : Color.Black;
  }
}

/** A function or method. Its type is its Signature; a method's has a receiver. */
export class Func extends ObjectBase {
  readonly kind = "Func";
  override parent: Scope | null = null;
  override type: Type;
  override scopePos = -1;
  override order = 0;
  override color: Color;
  /** Pointer receiver, for methods whose signature is not yet known (lazily loaded). */
  hasPtrRecvFlag = false;
  /** For a method made by substituting type arguments, the generic one. */
  origin: Func | null = null;
  constructor(
    override readonly file: string,
    override readonly pos: number,
    override pkg: Package | null,
    override readonly name: string,
    sig: Signature | null,
  ) {
    super();
    this.type = sig ?? invalidType;
    this.color = sig === null ? Color.White : Color.Black;
  }

  /** The signature, or null while the function is not yet typed. */
  signature(): Signature | null {
    return this.type.kind === "Signature" ? this.type : null;
  }

  /** Whether this is a method (of a named type or an interface); false while untyped. */
  isMethod(): boolean {
    const sig = this.signature();
    return sig !== null && sig.recv !== null;
  }

  /** Whether the method has a pointer receiver. */
  hasPtrRecv(): boolean {
    const sig = this.signature();
    if (sig !== null && sig.recv !== null) return sig.recv.type.kind === "Pointer";
    return this.hasPtrRecvFlag;
  }
}

/** A statement label. */
export class Label extends ObjectBase {
  readonly kind = "Label";
  override parent: Scope | null = null;
  override type: Type = invalidType;
  override scopePos = -1;
  override order = 0;
  override color: Color = Color.Black;
  used = false;
  constructor(
    override readonly file: string,
    override readonly pos: number,
    override pkg: Package | null,
    override readonly name: string,
  ) {
    super();
  }
}

/** A predeclared function: append, len, unsafe.Sizeof... */
export class Builtin extends ObjectBase {
  readonly kind = "Builtin";
  override readonly file = "";
  override readonly pos = -1;
  override pkg: Package | null = null;
  override parent: Scope | null = null;
  override type: Type = invalidType;
  override scopePos = -1;
  override order = 0;
  override color: Color = Color.Black;
  constructor(
    override readonly name: string,
    /** The BuiltinId (universe.ts). */
    readonly builtinId: number,
  ) {
    super();
  }
}

/** The predeclared nil. */
export class Nil extends ObjectBase {
  readonly kind = "Nil";
  override parent: Scope | null = null;
  override scopePos = -1;
  override order = 0;
  override color: Color = Color.Black;
  constructor(
    override readonly file: string,
    override readonly pos: number,
    override pkg: Package | null,
    override readonly name: string,
    override type: Type,
  ) {
    super();
  }
}

/** Whether a type name denotes an alias rather than the type it declares (go/types' IsAlias). */
export function isAlias(obj: TypeName): boolean {
  const t = obj.type;
  switch (t.kind) {
    case "Basic":
      if (obj.pkg === Unsafe) return false;
      // Predeclared basic types are not aliases, except byte and rune.
      return obj.pkg !== null || t.name !== obj.name || t.name === "byte" || t.name === "rune";
    case "Named":
      return obj !== t.obj;
    case "TypeParam":
      return obj !== t.obj;
    default:
      return true;
  }
}

export class Package {
  readonly scope: Scope;
  imports: Package[] = [];
  /** All declarations are known (set for imported packages once loaded). */
  complete = false;
  /** Created for an import that could not be resolved: lookups in it fail silently. */
  fake = false;

  constructor(
    readonly path: string,
    public name: string,
  ) {
    this.scope = new Scope(Universe, -1, -1, `package ${JSON.stringify(path)}`);
  }
}

/** The package unsafe. Its scope is filled by universe.ts. */
export const Unsafe = new Package("unsafe", "unsafe");
Unsafe.complete = true;
