// Builders for the semantic tests: declare packages, named types, methods and signatures
// by hand, the way the checker will.

import { Func, Package, TypeName, Var } from "../src/semantic/objects.js";
import {
  BasicKind,
  Interface,
  Named,
  Pointer,
  Signature,
  Struct,
  Term,
  Tuple,
  Typ,
  type Type,
  TypeParam,
  Union,
} from "../src/semantic/types.js";
import { newInterfaceType } from "../src/semantic/typeset.js";
import "../src/semantic/universe.js";

export const int = Typ[BasicKind.Int]!;
export const int64 = Typ[BasicKind.Int64]!;
export const uint8 = Typ[BasicKind.Uint8]!;
export const float64 = Typ[BasicKind.Float64]!;
export const string = Typ[BasicKind.String]!;
export const bool = Typ[BasicKind.Bool]!;

/** A parameter or result. */
export function param(name: string, type: Type, pkg: Package | null = null): Var {
  const v = new Var("", -1, pkg, name, type);
  v.isParam = true;
  return v;
}

/** Unnamed parameters or results. */
export function types(...ts: Type[]): Var[] {
  return ts.map((t) => param("", t));
}

export function sig(
  params: Var[],
  results: Var[] = [],
  variadic = false,
  recv: Var | null = null,
): Signature {
  return new Signature(recv, new Tuple(params), new Tuple(results), variadic);
}

export function field(name: string, type: Type, pkg: Package | null = null, embedded = false): Var {
  const f = new Var("", -1, pkg, name, type);
  f.isField = true;
  f.embedded = embedded;
  return f;
}

/** An embedded field named after its type. */
export function embed(type: Type, pkg: Package | null = null): Var {
  let t = type;
  if (t.kind === "Pointer") t = t.elem;
  const name = t.kind === "Named" ? t.obj.name : t.kind === "Basic" ? t.name : "?";
  return field(name, type, pkg, true);
}

export function struct(fields: Var[], tags: string[] | null = null): Struct {
  return new Struct(fields, tags);
}

/** A package-level defined type, declared in the package scope. */
export function named(pkg: Package, name: string, underlying: Type | null = null): Named {
  const obj = new TypeName("", -1, pkg, name, null);
  const t = new Named(obj, underlying);
  pkg.scope.insert(obj);
  return t;
}

/** Declares a method on a named type; ptr gives it a pointer receiver. */
export function method(t: Named, name: string, s: Signature, ptr = false): Func {
  s.recv = param("", ptr ? new Pointer(t) : t, t.obj.pkg);
  const f = new Func("", -1, t.obj.pkg, name, s);
  t.methods.push(f);
  return f;
}

/** An interface method (its receiver is set by newInterfaceType). */
export function imethod(pkg: Package | null, name: string, s: Signature): Func {
  return new Func("", -1, pkg, name, s);
}

export function iface(methods: Func[], embeddeds: Type[] = []): Interface {
  return newInterfaceType(methods, embeddeds);
}

/** A named interface: its methods have the named type as receiver, as the checker declares them. */
export function namedIface(pkg: Package, name: string, methods: Func[], embeddeds: Type[] = []): Named {
  const t = named(pkg, name);
  for (const m of methods) (m.type as Signature).recv = param("", t, pkg);
  t.underlying = iface(methods, embeddeds);
  return t;
}

/** A type parameter with its constraint; non-interface constraints are wrapped implicitly. */
export function tparam(pkg: Package | null, name: string, constraint: Type, index = 0): TypeParam {
  const c =
    constraint.kind === "Interface" || constraint.kind === "Named" ? constraint : implicit(constraint);
  return new TypeParam(new TypeName("", -1, pkg, name, null), c, index);
}

/** The implicit interface of a constraint written without `interface`. */
export function implicit(t: Type): Interface {
  return new Interface([], [t], true);
}

export function union(...terms: [boolean, Type][]): Union {
  return new Union(terms.map(([tilde, t]) => new Term(tilde, t)));
}

export function pkg(path: string, name = path.slice(path.lastIndexOf("/") + 1)): Package {
  return new Package(path, name);
}
