// The one view of a checked package that rules read: what an identifier denotes, the type of an
// expression, which function a call calls, where an object is used, which Go version a file is
// written for. Built once per package; the indexes behind it are computed on first use.
//
// Everything here answers "don't know" (null, false) where the checker could not know, so that
// a rule built on it stays silent instead of guessing.

import { type Constraint, parseConstraintLine } from "../load/constraints.js";
import { compareGoVersions } from "../load/goversion.js";
import type * as ast from "../syntax/ast.js";
import type { Info, TypeAndValue } from "./check/checker.js";
import type { Func, Obj } from "./objects.js";
import type { CheckedPackage } from "./program.js";
import { invalidType, type Type } from "./types.js";
import { funcName } from "./typestring.js";

export class SemanticModel {
  readonly checked: CheckedPackage;
  readonly info: Info;
  private usesIndex: Map<Obj, ast.Ident[]> | null = null;
  private readonly fileVersions = new Map<ast.File, string>();
  private readonly importSet: Set<string>;
  /** calleeName's answers: rules ask for the same few callees' names at every call. */
  private readonly funcNames = new Map<Func, string>();

  constructor(checked: CheckedPackage) {
    this.checked = checked;
    this.info = checked.info;
    this.importSet = new Set(checked.pkg.imports.map((p) => p.path));
  }

  /** The object an identifier declares or refers to, or null. */
  objectOf(id: ast.Ident): Obj | null {
    return this.info.defs.get(id) ?? this.info.uses.get(id) ?? null;
  }

  /** The type and mode recorded for an expression, or null when unknown. */
  typeAndValue(x: ast.Expr): TypeAndValue | null {
    const tv = this.info.types.get(x);
    if (tv === undefined || isInvalid(tv.type)) return null;
    return tv;
  }

  /** The type of an expression (or of the object an identifier declares), or null when unknown. */
  typeOf(x: ast.Expr): Type | null {
    const tv = this.info.types.get(x);
    if (tv !== undefined) return isInvalid(tv.type) ? null : tv.type;
    if (x.kind === "Ident") {
      const obj = this.objectOf(x);
      if (obj !== null && !isInvalid(obj.type)) return obj.type;
    }
    return null;
  }

  /** The function or method a call statically calls (not through a function value), or null. */
  callee(call: ast.CallExpr): Func | null {
    let fun: ast.Expr = call.fun;
    while (fun.kind === "ParenExpr") fun = fun.x;
    // a generic function instantiated explicitly: f[T](x)
    if (fun.kind === "IndexExpr" || fun.kind === "IndexListExpr") fun = fun.x;
    let id: ast.Ident;
    if (fun.kind === "Ident") id = fun;
    else if (fun.kind === "SelectorExpr") id = fun.sel;
    else return null;
    const obj = this.info.uses.get(id);
    if (obj === undefined || obj.kind !== "Func") return null;
    return obj.origin ?? obj;
  }

  /**
   * The qualified name of the called function, like go/types' Func.FullName: `net/http.Get`,
   * `(*net/http.Client).Do`, `(io.Reader).Read`; null when the callee is not known statically.
   */
  calleeName(call: ast.CallExpr): string | null {
    const f = this.callee(call);
    if (f === null) return null;
    let name = this.funcNames.get(f);
    if (name === undefined) {
      name = funcName(f);
      this.funcNames.set(f, name);
    }
    return name;
  }

  /** Whether the call statically calls one of the named functions (names as calleeName gives). */
  isCallTo(call: ast.CallExpr, ...names: string[]): boolean {
    const name = this.calleeName(call);
    return name !== null && names.includes(name);
  }

  /** The identifiers that refer to an object in this package, in the order the checker met them (source order within a function). */
  uses(obj: Obj): readonly ast.Ident[] {
    if (this.usesIndex === null) {
      const index = new Map<Obj, ast.Ident[]>();
      this.info.uses.forEach((o, id) => {
        const list = index.get(o);
        if (list === undefined) index.set(o, [id]);
        else list.push(id);
      });
      this.usesIndex = index;
    }
    return this.usesIndex.get(obj) ?? [];
  }

  /** Whether the package imports the given path. */
  imports(path: string): boolean {
    return this.importSet.has(path);
  }

  /**
   * The Go language version a file is written for: its `//go:build go1.N` constraint when it
   * has one, else its module's `go` directive.
   */
  goVersion(file: ast.File): string {
    let v = this.fileVersions.get(file);
    if (v === undefined) {
      v = buildConstraintVersion(file) ?? this.checked.loaded.goVersion;
      this.fileVersions.set(file, v);
    }
    return v;
  }

  /** Whether a file is written for Go `version` or later ("1.22"). */
  atLeast(file: ast.File, version: string): boolean {
    return compareGoVersions(this.goVersion(file), version) >= 0;
  }
}

function isInvalid(t: Type): boolean {
  return t === invalidType;
}

/** The smallest go1.N that a file's `//go:build` line requires, if it requires one. */
function buildConstraintVersion(file: ast.File): string | null {
  for (const group of file.comments) {
    if (group.pos > file.package) break;
    for (const c of group.list) {
      const parsed = parseConstraintLine(c.text);
      if (parsed !== null && "expr" in parsed) return requiredVersion(parsed.expr);
    }
  }
  return null;
}

function requiredVersion(x: Constraint): string | null {
  switch (x.kind) {
    case "tag": {
      const m = /^go1\.(\d+)$/.exec(x.tag);
      return m === null ? null : `1.${m[1]}`;
    }
    case "and": {
      const a = requiredVersion(x.x);
      const b = requiredVersion(x.y);
      if (a === null) return b;
      if (b === null) return a;
      return compareGoVersions(a, b) >= 0 ? a : b;
    }
    default:
      // a version under "or" or "not" is not a requirement
      return null;
  }
}
