// Type and object strings, byte for byte as Go 1.19's go/types prints them
// (types.TypeString, ObjectString, SelectionString): the project's oracle compares these
// strings with go/types' own.

import type { Selection } from "./lookup.js";
import { type Func, isAlias, type Obj, type Package, Unsafe } from "./objects.js";
import { under } from "./predicates.js";
import { quote } from "./strconv.js";
import { namedTypeParams } from "./subst.js";
import {
  BasicKind,
  comparableInterface,
  emptyInterface,
  type Signature,
  type Tuple,
  type Type,
  type TypeParam,
  universeAnyType,
} from "./types.js";

/**
 * Says how to qualify package-level names: the returned prefix (without the dot) is
 * written before them, none if empty. Without a qualifier, names are qualified by the full
 * package path, as with a nil types.Qualifier.
 */
export type Qualifier = (pkg: Package) => string;

/** A qualifier writing every package's path except pkg's (types.RelativeTo). */
export function relativeTo(pkg: Package | null): Qualifier | null {
  if (pkg === null) return null;
  return (other) => (other === pkg ? "" : other.path);
}

/** The string of a type (types.TypeString). */
export function typeString(t: Type, qf: Qualifier | null = null): string {
  const w = new TypeWriter(qf);
  w.typ(t);
  return w.buf;
}

/** A signature without the leading "func" (types.WriteSignature). */
export function signatureString(sig: Signature, qf: Qualifier | null = null): string {
  const w = new TypeWriter(qf);
  w.signature(sig);
  return w.buf;
}

class TypeWriter {
  buf = "";
  /** Types being written, to cut cycles (only invalid types have them). */
  private readonly stack: Type[] = [];

  constructor(private readonly qf: Qualifier | null) {}

  typ(t: Type): void {
    if (this.stack.includes(t)) {
      this.buf += `<cycle to *${t.kind}>`;
      return;
    }
    this.stack.push(t);
    this.write(t);
    this.stack.pop();
  }

  private write(t: Type): void {
    switch (t.kind) {
      case "Basic":
        // unsafe.Pointer is the one basic type declared in a package.
        if (t.basicKind === BasicKind.UnsafePointer) this.pkg(Unsafe);
        this.buf += t.name;
        return;
      case "Array":
        this.buf += `[${t.len}]`;
        this.typ(t.elem);
        return;
      case "Slice":
        this.buf += "[]";
        this.typ(t.elem);
        return;
      case "Struct":
        this.buf += "struct{";
        for (let i = 0; i < t.fields.length; i++) {
          const f = t.fields[i]!;
          if (i > 0) this.buf += "; ";
          // An embedded field is written as its type (for an embedded alias, the aliased type).
          if (!f.embedded) this.buf += `${f.name} `;
          this.typ(f.type);
          const tag = t.tag(i);
          if (tag !== "") this.buf += ` ${quote(tag)}`;
        }
        this.buf += "}";
        return;
      case "Pointer":
        this.buf += "*";
        this.typ(t.elem);
        return;
      case "Tuple":
        this.tuple(t, false);
        return;
      case "Signature":
        this.buf += "func";
        this.signature(t);
        return;
      case "Union":
        if (t.terms.length === 0) {
          this.buf += "<empty union>";
          return;
        }
        for (let i = 0; i < t.terms.length; i++) {
          const term = t.terms[i]!;
          if (i > 0) this.buf += "|";
          if (term.tilde) this.buf += "~";
          this.typ(term.type!);
        }
        return;
      case "Interface": {
        if (t === universeAnyType) {
          this.buf += "any";
          return;
        }
        if (t === comparableInterface) {
          this.buf += "interface{comparable}";
          return;
        }
        if (t.implicit) {
          if (t.methods.length === 0 && t.embeddeds.length === 1) {
            this.typ(t.embeddeds[0]!);
            return;
          }
          this.buf += "/* implicit */ ";
        }
        this.buf += "interface{";
        let first = true;
        for (const m of t.methods) {
          if (!first) this.buf += "; ";
          first = false;
          this.buf += m.name;
          if (m.type.kind === "Signature") this.signature(m.type);
        }
        for (const e of t.embeddeds) {
          if (!first) this.buf += "; ";
          first = false;
          this.typ(e);
        }
        this.buf += "}";
        return;
      }
      case "Map":
        this.buf += "map[";
        this.typ(t.key);
        this.buf += "]";
        this.typ(t.elem);
        return;
      case "Chan": {
        let parens = false;
        if (t.dir === "both") {
          this.buf += "chan ";
          // chan (<-chan T) needs parentheses.
          parens = t.elem.kind === "Chan" && t.elem.dir === "recv";
        } else if (t.dir === "send") {
          this.buf += "chan<- ";
        } else {
          this.buf += "<-chan ";
        }
        if (parens) this.buf += "(";
        this.typ(t.elem);
        if (parens) this.buf += ")";
        return;
      }
      case "Named": {
        const obj = t.obj;
        if (obj.pkg !== null) this.pkg(obj.pkg);
        this.buf += obj.name;
        if (t.typeArgs !== null) {
          this.buf += "[";
          for (let i = 0; i < t.typeArgs.length; i++) {
            if (i > 0) this.buf += ", ";
            this.typ(t.typeArgs[i]!);
          }
          this.buf += "]";
        } else {
          const tparams = namedTypeParams(t);
          if (tparams.length > 0) this.tParamList(tparams);
        }
        return;
      }
      case "TypeParam":
        this.buf += t.obj.name;
        return;
    }
  }

  pkg(pkg: Package): void {
    const s = this.qf !== null ? this.qf(pkg) : pkg.path;
    if (s !== "") this.buf += `${s}.`;
  }

  /** Type parameters, consecutive ones with the same constraint sharing it: [K comparable, V any]. */
  tParamList(list: readonly TypeParam[]): void {
    this.buf += "[";
    let prev: Type | null = null;
    for (let i = 0; i < list.length; i++) {
      const tpar = list[i]!;
      if (i > 0) {
        if (tpar.constraint !== prev) {
          this.buf += " ";
          this.typ(prev!);
        }
        this.buf += ", ";
      }
      prev = tpar.constraint;
      this.typ(tpar);
    }
    if (prev !== null) {
      this.buf += " ";
      this.typ(prev);
    }
    this.buf += "]";
  }

  tuple(tup: Tuple, variadic: boolean): void {
    this.buf += "(";
    const vars = tup.vars;
    for (let i = 0; i < vars.length; i++) {
      const v = vars[i]!;
      if (i > 0) this.buf += ", ";
      if (v.name !== "") this.buf += `${v.name} `;
      let t = v.type;
      if (variadic && i === vars.length - 1) {
        if (t.kind === "Slice") {
          this.buf += "...";
          t = t.elem;
        } else {
          // append(s, "foo"...) has the signature func([]byte, string...).
          const u = under(t);
          if (u.kind !== "Basic" || u.basicKind !== BasicKind.String) {
            this.buf += "<expected string type>";
            continue;
          }
          this.typ(t);
          this.buf += "...";
          continue;
        }
      }
      this.typ(t);
    }
    this.buf += ")";
  }

  signature(sig: Signature): void {
    if (sig.typeParams.length > 0) this.tParamList(sig.typeParams);
    this.tuple(sig.params, sig.variadic);
    const results = sig.results.vars;
    if (results.length === 0) return;
    this.buf += " ";
    if (results.length === 1 && results[0]!.name === "") {
      this.typ(results[0]!.type);
      return;
    }
    this.tuple(sig.results, false);
  }
}

function packagePrefix(pkg: Package | null, qf: Qualifier | null): string {
  if (pkg === null) return "";
  const s = qf !== null ? qf(pkg) : pkg.path;
  return s === "" ? "" : `${s}.`;
}

/** A function's name, qualified by its package or receiver: (*T).m, interface.m, pkg.f. */
export function funcName(f: Func, qf: Qualifier | null = null): string {
  const sig = f.signature();
  if (sig !== null) {
    const recv = sig.recv;
    if (recv !== null) {
      const rt = recv.type.kind === "Interface" ? "interface" : typeString(recv.type, qf);
      return `(${rt}).${f.name}`;
    }
    return packagePrefix(f.pkg, qf) + f.name;
  }
  return f.name;
}

/** The string of an object (types.ObjectString): "var p.x int", "func (T).m()", "type p.T struct{...}"... */
export function objectString(obj: Obj, qf: Qualifier | null = null): string {
  let typ: Type | null = obj.type;
  let s: string;
  switch (obj.kind) {
    case "PkgName": {
      s = `package ${obj.name}`;
      const path = obj.imported.path;
      if (path !== "" && path !== obj.name) s += ` (${quote(path)})`;
      return s;
    }
    case "Const":
      s = "const";
      break;
    case "TypeName":
      s = obj.type.kind === "TypeParam" ? "type parameter" : "type";
      break;
    case "Var":
      s = obj.isField ? "field" : "var";
      break;
    case "Func": {
      s = `func ${funcName(obj, qf)}`;
      const sig = obj.signature();
      if (sig !== null) s += signatureString(sig, qf);
      return s;
    }
    case "Label":
      s = "label";
      typ = null;
      break;
    case "Builtin":
      s = "builtin";
      typ = null;
      break;
    case "Nil":
      return "nil";
  }
  s += " ";
  // Package-level objects are qualified.
  if (obj.pkg !== null && obj.pkg.scope.lookup(obj.name) === obj) s += packagePrefix(obj.pkg, qf);
  s += obj.name;
  if (typ === null) return s;
  if (obj.kind === "TypeName") {
    if (typ.kind === "Basic") return s;
    if (typ.kind === "Named" && namedTypeParams(typ).length > 0) {
      const w = new TypeWriter(qf);
      w.tParamList(namedTypeParams(typ));
      s += w.buf;
    }
    if (isAlias(obj)) s += " =";
    else if (typ.kind === "TypeParam") typ = typ.constraint;
    else typ = under(typ);
  }
  // The predeclared any is an alias for interface{}.
  if (obj.kind === "TypeName" && obj.name === "any" && obj.pkg === null && typ === universeAnyType) {
    typ = emptyInterface;
  }
  return `${s} ${typeString(typ, qf)}`;
}

/** The string of a selection (types.SelectionString): "field (T) f int", "method (*T) m()". */
export function selectionString(sel: Selection, qf: Qualifier | null = null): string {
  const k = sel.kind === "FieldVal" ? "field " : sel.kind === "MethodVal" ? "method " : "method expr ";
  let s = `${k}(${typeString(sel.recv, qf)}) ${sel.obj.name}`;
  const t = sel.type();
  if (sel.kind === "FieldVal") s += ` ${typeString(t, qf)}`;
  else if (t.kind === "Signature") s += signatureString(t, qf);
  return s;
}
