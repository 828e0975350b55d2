// Package-level declarations (go/types' resolver.go): imports, constants, variables, types and
// functions of every file are collected first, so that declarations may refer to each other
// in any order; methods are associated with their receiver base types; then every object is
// type-checked, types first.

import type * as ast from "../../syntax/ast.js";
import { makeInt } from "../constant.js";
import { Const, Func, isExported, type Obj, Package, PkgName, TypeName, Unsafe, Var } from "../objects.js";
import { unquote } from "../strconv.js";
import type { Checker, FileInfo } from "./checker.js";
import { DeclInfo, objDecl } from "./decl.js";

/** The package for an import path: the importer's, or a fake one (missing import, or cgo's "C"). */
function importPackage(check: Checker, path: string): Package {
  if (path === "unsafe") return Unsafe;
  let imp: Package | null = null;
  if (path !== "C") {
    try {
      imp = check.config.importer(path);
    } catch {
      imp = null;
    }
  }
  if (imp === null) {
    if (path !== "C") check.error(-1, `could not import ${path}`);
    let name = path.slice(path.lastIndexOf("/") + 1);
    // A major version suffix (example.com/m/v2) is not the package name.
    if (/^v[0-9]+$/.test(name)) {
      const rest = path.slice(0, path.lastIndexOf("/"));
      name = rest.slice(rest.lastIndexOf("/") + 1);
    }
    imp = new Package(path, name);
    imp.fake = true;
    imp.complete = true;
  }
  return imp;
}

export function collectObjects(check: Checker): void {
  const pkg = check.pkg;
  const seenImports = new Set<Package>();
  const methods: { obj: Func; recv: ast.Expr; file: FileInfo }[] = [];
  for (const f of check.files) {
    const file = f.file;
    check.fileName = f.name;
    check.recordDef(file.name, null);
    for (const decl of file.decls) {
      if (decl.kind === "FuncDecl") {
        collectFunc(check, decl, f, methods);
        continue;
      }
      if (decl.kind !== "GenDecl") continue;
      switch (decl.tok) {
        case "import":
          for (const spec of decl.specs) {
            if (spec.kind === "ImportSpec") collectImport(check, spec, f, seenImports);
          }
          break;
        case "const": {
          let last: ast.ValueSpec | null = null;
          for (let iota = 0; iota < decl.specs.length; iota++) {
            const spec = decl.specs[iota];
            if (spec === undefined || spec.kind !== "ValueSpec") continue;
            let inherited = true;
            if (spec.type !== null || spec.values.length > 0) {
              last = spec;
              inherited = false;
            }
            const values = last === null ? [] : last.values;
            const typ = last === null ? null : last.type;
            for (let i = 0; i < spec.names.length; i++) {
              const name = spec.names[i]!;
              const obj = new Const(f.name, name.pos, pkg, name.name, null, makeInt(iota));
              const d = new DeclInfo(f);
              d.vtype = typ;
              d.init = i < values.length ? values[i]! : null;
              d.inherited = inherited;
              declarePkgObj(check, name, obj, d);
            }
          }
          break;
        }
        case "var":
          for (const spec of decl.specs) {
            if (spec.kind !== "ValueSpec") continue;
            const lhs: Var[] = [];
            let d1: DeclInfo | null = null;
            if (spec.values.length === 1) {
              // n:1 declaration: all variables share the declaration of the one initializer.
              d1 = new DeclInfo(f);
              d1.lhs = lhs;
              d1.vtype = spec.type;
              d1.init = spec.values[0]!;
            }
            for (let i = 0; i < spec.names.length; i++) {
              const name = spec.names[i]!;
              const obj = new Var(f.name, name.pos, pkg, name.name, null);
              lhs.push(obj);
              let d = d1;
              if (d === null) {
                d = new DeclInfo(f);
                d.vtype = spec.type;
                d.init = i < spec.values.length ? spec.values[i]! : null;
              }
              declarePkgObj(check, name, obj, d);
            }
          }
          break;
        case "type":
          for (const spec of decl.specs) {
            if (spec.kind !== "TypeSpec") continue;
            const obj = new TypeName(f.name, spec.name.pos, pkg, spec.name.name, null);
            const d = new DeclInfo(f);
            d.tdecl = spec;
            declarePkgObj(check, spec.name, obj, d);
          }
          break;
      }
    }
  }
  // Names declared in a file scope (imports) must not also be declared in the package scope.
  for (const f of check.files) {
    for (const name of f.scope.names()) {
      const alt = pkg.scope.lookup(name);
      if (alt !== null) {
        const obj = f.scope.lookup(name);
        if (obj !== null && obj.kind === "PkgName") {
          check.fileName = f.name;
          check.error(alt.pos, `${alt.name} already declared through import of ${obj.imported.path}`);
        }
      }
    }
  }
  // Associate methods with their receiver base types.
  if (methods.length === 0) return;
  check.methods = new Map();
  for (const m of methods) {
    const base = resolveBaseTypeName(check, m.recv);
    if (base === null) continue;
    m.obj.hasPtrRecvFlag = base.ptr;
    let list = check.methods.get(base.obj);
    if (list === undefined) {
      list = [];
      check.methods.set(base.obj, list);
    }
    list.push(m.obj);
  }
}

function collectImport(check: Checker, spec: ast.ImportSpec, f: FileInfo, seen: Set<Package>): void {
  const path = unquote(spec.path.value);
  if (path === null || path === "") {
    check.errorAt(spec.path, `invalid import path: ${spec.path.value}`);
    return;
  }
  const imp = importPackage(check, path);
  let name = imp.name;
  if (spec.name !== null) {
    name = spec.name.name;
    if (path === "C") {
      check.errorAt(spec.name, 'cannot rename import "C"');
      return;
    }
  }
  if (name === "init") {
    check.errorAt(spec, "cannot import package as init - init must be a func");
    return;
  }
  if (!seen.has(imp)) {
    seen.add(imp);
    check.pkg.imports.push(imp);
  }
  const pkgName = new PkgName(f.name, spec.pos, check.pkg, name, imp);
  if (spec.name !== null) check.recordDef(spec.name, pkgName);
  else check.recordImplicit(spec, pkgName);
  if (imp.fake) pkgName.used = true;
  if (name === ".") {
    // Dot-import: the package's exported objects are declared in the file scope.
    for (const n of imp.scope.names()) {
      if (!isExported(n)) continue;
      const obj = imp.scope.lookup(n);
      if (obj === null) continue;
      if (f.scope.lookup(n) !== null) check.errorAt(spec, `${n} redeclared in this block`);
      else f.scope.insert(obj);
    }
    return;
  }
  check.declare(f.scope, null, pkgName, -1);
}

function collectFunc(
  check: Checker,
  decl: ast.FuncDecl,
  f: FileInfo,
  methods: { obj: Func; recv: ast.Expr; file: FileInfo }[],
): void {
  const name = decl.name.name;
  const obj = new Func(f.name, decl.name.pos, check.pkg, name, null);
  if (decl.recv === null || decl.recv.list.length === 0) {
    if (name === "init" || (name === "main" && check.pkg.name === "main")) {
      if (decl.type.typeParams !== null && decl.type.typeParams.list.length > 0) {
        check.errorAt(decl.type.typeParams, `func ${name} must have no type parameters`);
      }
    }
    if (name === "init") {
      // init functions are not declared: they cannot be referred to.
      obj.parent = check.pkg.scope;
      check.recordDef(decl.name, obj);
    } else {
      check.declare(check.pkg.scope, decl.name, obj, -1);
    }
  } else {
    const recv = decl.recv.list[0]!.type;
    if (name !== "_") methods.push({ obj, recv, file: f });
    check.recordDef(decl.name, obj);
  }
  const d = new DeclInfo(f);
  d.fdecl = decl;
  check.objMap.set(obj, d);
  obj.order = check.objMap.size;
}

function declarePkgObj(check: Checker, id: ast.Ident, obj: Obj, d: DeclInfo): void {
  if (id.name === "init") {
    check.errorAt(id, "cannot declare init - must be func");
    check.recordDef(id, obj);
  } else if (id.name === "main" && check.pkg.name === "main") {
    check.errorAt(id, "cannot declare main - must be func");
    check.recordDef(id, obj);
  } else {
    check.declare(check.pkg.scope, id, obj, -1);
  }
  check.objMap.set(obj, d);
  obj.order = check.objMap.size;
}

/** Strips parentheses and type arguments from a receiver type: `*T[P]` gives `T` and ptr. */
export function unpackRecv(rtyp: ast.Expr): { ptr: boolean; base: ast.Expr; params: ast.Expr[] } {
  let ptr = false;
  let e = rtyp;
  for (;;) {
    if (e.kind === "ParenExpr") e = e.x;
    else if (e.kind === "StarExpr") {
      e = e.x;
      ptr = true;
    } else break;
  }
  let params: ast.Expr[] = [];
  if (e.kind === "IndexExpr") {
    params = [e.index];
    e = e.x;
  } else if (e.kind === "IndexListExpr") {
    params = e.indices;
    e = e.x;
  }
  return { ptr, base: e, params };
}

/** The type name of a receiver's base type, following local aliases, or null. */
function resolveBaseTypeName(check: Checker, recv: ast.Expr): { ptr: boolean; obj: TypeName } | null {
  const seen = new Set<TypeName>();
  let { ptr, base } = unpackRecv(recv);
  for (;;) {
    if (base.kind !== "Ident") return null;
    const obj = check.pkg.scope.lookup(base.name);
    if (obj === null || obj.kind !== "TypeName" || obj.pkg !== check.pkg || seen.has(obj)) return null;
    seen.add(obj);
    const d = check.objMap.get(obj);
    if (d === undefined || d.tdecl === null) return null;
    if (d.tdecl.assign < 0) return { ptr, obj };
    // An alias: continue with the aliased type, which may add a pointer.
    const u = unpackRecv(d.tdecl.type);
    if (u.ptr && ptr) return null;
    ptr = ptr || u.ptr;
    base = u.base;
  }
}

/** Type-checks every package-level object: type definitions first, then aliases, then the rest. */
export function packageObjects(check: Checker): void {
  const all = [...check.objMap.keys()];
  all.sort((a, b) => a.order - b.order);
  const aliases: Obj[] = [];
  const others: Obj[] = [];
  for (const obj of all) {
    if (obj.kind === "TypeName") {
      const d = check.objMap.get(obj)!;
      if (d.tdecl !== null && d.tdecl.assign >= 0) aliases.push(obj);
      else check.guard(() => objDecl(check, obj, null));
    } else {
      others.push(obj);
    }
  }
  for (const obj of aliases) check.guard(() => objDecl(check, obj, null));
  // Method signatures next: interface satisfaction (in the core's lookups, which cannot ask
  // the checker) needs the methods of every type typed before any value is checked.
  for (const obj of others) {
    if (obj.kind === "Func" && check.objMap.get(obj)!.fdecl!.recv !== null)
      check.guard(() => objDecl(check, obj, null));
  }
  // An import is read only through its exported objects: what they refer to is typed on the
  // way (objDecl follows references), and the rest (unexported functions, tables behind
  // unexported variables) no importer can reach.
  const reachable = check.config.forImporters === true ? (obj: Obj) => isExported(obj.name) : () => true;
  for (const obj of others) if (reachable(obj)) check.guard(() => objDecl(check, obj, null));
  check.methods = null;
}
