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

abstract class ObjectBase {
  /** The scope that declares the object; null for methods, fields and not yet inserted objects. */
  parent: Scope | null = null;
  type: Type;
  /** Position from which the object is visible in a function scope; -1 if from the start. */
  scopePos = -1;
  /** Declaration order among package-level objects, for the checker (0 if unset). */
  order = 0;
  color: Color;

  constructor(
    /** Name of the file that declares the object; "" for predeclared objects. */
    readonly file: string,
    /** Byte offset of the declaring identifier in that file; -1 if none. */
    readonly pos: number,
    public pkg: Package | null,
    readonly name: string,
    type: Type | null,
  ) {
    this.type = type ?? invalidType;
    this.color = type === null ? Color.White : Color.Black;
  }

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
  used = false;
  constructor(
    file: string,
    pos: number,
    pkg: Package | null,
    name: string,
    readonly imported: Package,
  ) {
    super(file, pos, pkg, name, invalidType);
  }
}

/** A declared constant. */
export class Const extends ObjectBase {
  readonly kind = "Const";
  constructor(
    file: string,
    pos: number,
    pkg: Package | null,
    name: string,
    type: Type | null,
    public val: Constant,
  ) {
    super(file, pos, pkg, name, type);
  }
}

/** A type name: a defined type, an alias, a type parameter or a predeclared type. */
export class TypeName extends ObjectBase {
  readonly kind = "TypeName";
}

/** A variable: package or local variable, parameter, result, receiver or struct field. */
export class Var extends ObjectBase {
  readonly kind = "Var";
  /** An embedded struct field; its name is that of the type. */
  embedded = false;
  isField = false;
  /** A parameter, result or receiver. */
  isParam = false;
  used = false;
  /** For a variable made by substituting type arguments, the generic one. */
  origin: Var | null = null;
}

/** A function or method. Its type is its Signature; a method's has a receiver. */
export class Func extends ObjectBase {
  readonly kind = "Func";
  /** Pointer receiver, for methods whose signature is not yet known (lazily loaded). */
  hasPtrRecvFlag = false;
  /** For a method made by substituting type arguments, the generic one. */
  origin: Func | null = null;

  constructor(file: string, pos: number, pkg: Package | null, name: string, sig: Signature | null) {
    super(file, pos, pkg, name, sig);
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
  used = false;
  constructor(file: string, pos: number, pkg: Package | null, name: string) {
    super(file, pos, pkg, name, invalidType);
  }
}

/** A predeclared function: append, len, unsafe.Sizeof... */
export class Builtin extends ObjectBase {
  readonly kind = "Builtin";
  constructor(
    name: string,
    /** The BuiltinId (universe.ts). */
    readonly builtinId: number,
  ) {
    super("", -1, null, name, invalidType);
  }
}

/** The predeclared nil. */
export class Nil extends ObjectBase {
  readonly kind = "Nil";
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
