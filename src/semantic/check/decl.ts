// Declarations (go/types' decl.go): package-level objects are type-checked on first use, with
// go/types' object colors to find cycles (white: not checked, grey: being checked, black:
// done); local constant, variable and type declarations in function bodies.

import type * as ast from "../../syntax/ast.js";
import { type Constant, makeInt, unknown } from "../constant.js";
import { Color, Const, type Func, type Obj, TypeName, Var } from "../objects.js";
import { defaultType, isConstType, isUntyped, under } from "../predicates.js";
import { resolveNamed } from "../subst.js";
import { BasicKind, emptyTuple, invalidType, Named, Signature, Typ, type Type } from "../types.js";
import type { Checker, FileInfo } from "./checker.js";
import { assignment, expr, initVars } from "./expr.js";
import { Mode, Operand } from "./info.js";
import { funcBody } from "./stmt.js";
import { collectTypeParams, definedType, funcType, typ, varType } from "./typexpr.js";

/** The declaration of a package-level object (go/types' declInfo). */
export class DeclInfo {
  /** For n:1 variable declarations, all the variables. */
  lhs: Var[] | null = null;
  vtype: ast.Expr | null = null;
  init: ast.Expr | null = null;
  /** A constant's type and initializer come from an earlier spec (implicit repetition). */
  inherited = false;
  tdecl: ast.TypeSpec | null = null;
  fdecl: ast.FuncDecl | null = null;
  constructor(readonly file: FileInfo) {}
}

/** Type-checks a package-level object's declaration if not done yet (go/types' objDecl). */
export function objDecl(check: Checker, obj: Obj, def: Named | null): void {
  if (obj.color === Color.Black) return;
  if (obj.color === Color.Grey) {
    // A cycle: valid through a defined type or a function, otherwise the object gets the
    // invalid type (an error the compiler reports as an initialization or type cycle).
    switch (obj.kind) {
      case "Const":
        obj.type = invalidType;
        break;
      case "Var":
        if (check.untypedVars.has(obj)) {
          check.untypedVars.delete(obj);
          obj.type = invalidType;
        }
        break;
      case "TypeName":
        if (obj.type.kind !== "Named" && obj.type.kind !== "TypeParam") obj.type = invalidType;
        break;
    }
    return;
  }
  const d = check.objMap.get(obj);
  if (d === undefined) {
    // An object not declared at package level (a method of an imported type): nothing to do.
    obj.color = Color.Black;
    return;
  }
  obj.color = Color.Grey;
  // Save the environment and check the declaration in its file's scope.
  const scope = check.scope;
  const decl = check.decl;
  const iota = check.iota;
  const sig = check.sig;
  const fileName = check.fileName;
  check.scope = d.file.scope;
  check.decl = null;
  check.iota = null;
  check.sig = null;
  check.fileName = d.file.name;
  switch (obj.kind) {
    case "Const":
      check.decl = d;
      constDecl(check, obj, d.vtype, d.init, d.inherited);
      break;
    case "Var":
      check.decl = d;
      varDecl(check, obj, d.lhs, d.vtype, d.init);
      break;
    case "TypeName":
      typeDecl(check, obj, d.tdecl!, def);
      collectMethods(check, obj);
      break;
    case "Func":
      funcDecl(check, obj, d);
      break;
  }
  check.scope = scope;
  check.decl = decl;
  check.iota = iota;
  check.sig = sig;
  check.fileName = fileName;
  obj.color = Color.Black;
}

export function constDecl(
  check: Checker,
  obj: Const,
  typExpr: ast.Expr | null,
  init: ast.Expr | null,
  _inherited: boolean,
): void {
  const iota = check.iota;
  check.iota = obj.val;
  obj.val = unknown;
  const x = new Operand();
  let ok = true;
  if (typExpr !== null) {
    const t = typ(check, typExpr);
    if (!isConstType(t)) {
      if (under(t) !== invalidType) check.errorAt(typExpr, "invalid constant type");
      obj.type = invalidType;
      ok = false;
    } else {
      obj.type = t;
    }
  }
  if (ok) {
    if (init !== null) expr(check, x, init);
    initConst(check, obj, x, typExpr !== null);
  }
  check.iota = iota;
}

function initConst(check: Checker, lhs: Const, x: Operand, typed: boolean): void {
  if (x.mode === Mode.Invalid || x.type === invalidType || (lhs.type === invalidType && typed)) {
    if (!typed) lhs.type = invalidType;
    return;
  }
  if (x.mode !== Mode.Constant) {
    check.errorAt(x.expr, "value is not constant");
    if (!typed) lhs.type = invalidType;
    return;
  }
  if (!typed) lhs.type = x.type;
  assignment(check, x, lhs.type, "constant declaration");
  if ((x.mode as number) === Mode.Invalid) return;
  lhs.val = x.val!;
}

export function varDecl(
  check: Checker,
  obj: Var,
  lhs: Var[] | null,
  typExpr: ast.Expr | null,
  init: ast.Expr | null,
): void {
  if (typExpr !== null) {
    obj.type = varType(check, typExpr);
    check.untypedVars.delete(obj);
  } else {
    check.untypedVars.add(obj);
  }
  if (init === null) {
    if (typExpr === null) {
      obj.type = invalidType;
      check.untypedVars.delete(obj);
    }
    return;
  }
  if (lhs === null || lhs.length === 1) {
    const x = new Operand();
    expr(check, x, init);
    initVar(check, obj, x, "variable declaration");
    return;
  }
  // n:1: all variables get the declared type, or the types of the initializer's values.
  for (const v of lhs) {
    if (typExpr !== null) {
      v.type = obj.type;
      check.untypedVars.delete(v);
    } else {
      check.untypedVars.add(v);
    }
    // The others are checked together here: mark them done.
    if (v !== obj) v.color = Color.Black;
  }
  initVars(check, lhs, [init], null);
}

/** Initializes lhs with x; an untyped lhs takes x's (default) type. Returns x's type, or null. */
export function initVar(check: Checker, lhs: Var, x: Operand, context: string): Type | null {
  const untypedLhs = check.untypedVars.has(lhs);
  if (x.mode === Mode.Invalid || x.type === invalidType || (!untypedLhs && lhs.type === invalidType)) {
    if (untypedLhs) {
      lhs.type = invalidType;
      check.untypedVars.delete(lhs);
    }
    return null;
  }
  if (untypedLhs) {
    let t = x.type;
    if (isUntyped(t)) {
      if (t === Typ[BasicKind.UntypedNil]) {
        check.errorAt(x.expr, `use of untyped nil in ${context}`);
        lhs.type = invalidType;
        check.untypedVars.delete(lhs);
        return null;
      }
      t = defaultType(t);
    }
    lhs.type = t;
    check.untypedVars.delete(lhs);
  }
  assignment(check, x, lhs.type, context);
  if (x.mode === Mode.Invalid) return null;
  return x.type;
}

export function typeDecl(check: Checker, obj: TypeName, tdecl: ast.TypeSpec, def: Named | null): void {
  if (tdecl.assign >= 0) {
    // An alias.
    if (tdecl.typeParams !== null) check.errorAt(tdecl.name, "generic type cannot be alias");
    obj.type = invalidType;
    const t = typ(check, tdecl.type);
    obj.type = t;
    return;
  }
  const named = new Named(obj);
  obj.type = named;
  if (def !== null) def.underlying = named;
  if (tdecl.typeParams !== null) {
    check.openScope(tdecl, "type parameters");
    named.typeParams = collectTypeParams(check, tdecl.typeParams);
    const rhs = definedType(check, tdecl.type, named);
    check.closeScope();
    setUnderlying(named, rhs);
  } else {
    const rhs = definedType(check, tdecl.type, named);
    setUnderlying(named, rhs);
  }
}

function setUnderlying(named: Named, rhs: Type): void {
  // A type parameter cannot be the right-hand side of a type declaration.
  if (rhs.kind === "TypeParam") {
    named.underlying = invalidType;
    return;
  }
  named.underlying = rhs;
  // Resolve chains of named types now (type A B; type B int) so under() need not.
  if (rhs.kind === "Named") under(named);
}

/** Adds the methods declared for the type name (in this package) to its named type. */
function collectMethods(check: Checker, obj: TypeName): void {
  const methods = check.methods?.get(obj);
  if (methods === undefined) return;
  check.methods!.delete(obj);
  const base = obj.type;
  if (base.kind !== "Named") return;
  resolveNamed(base);
  const seen = new Set<string>();
  for (const m of base.methods) seen.add(m.name);
  // Field names of a struct must not be method names: such methods are reported and dropped.
  const u = base.underlying;
  if (u !== null && u.kind === "Struct") {
    for (const f of u.fields) {
      if (f.name !== "_") seen.add(`field ${f.name}`);
    }
  }
  for (const m of methods) {
    if (m.name !== "_" && seen.has(m.name)) {
      check.error(m.pos, `method ${obj.name}.${m.name} already declared`);
      continue;
    }
    if (seen.has(`field ${m.name}`)) {
      check.error(m.pos, `field and method with the same name ${m.name}`);
      continue;
    }
    seen.add(m.name);
    base.methods.push(m);
  }
}

export function funcDecl(check: Checker, obj: Func, d: DeclInfo): void {
  const sig = new Signature(null, emptyTuple, emptyTuple, false);
  obj.type = sig; // guards against cycles
  const fdecl = d.fdecl!;
  // A method referred to while its own signature is checked (through its receiver type) is not a cycle.
  const saved = obj.color;
  obj.color = Color.Black;
  funcType(check, sig, fdecl.recv, fdecl.type);
  obj.color = saved;
  if (!check.config.ignoreFuncBodies && fdecl.body !== null) {
    const body = fdecl.body;
    check.delayed.push(() => funcBody(check, d, sig, body, null));
  }
}

// ---- declarations in function bodies ----

/** Checks a declaration statement: constants, variables and types local to a function. */
export function declStmt(check: Checker, d: ast.GenDecl): void {
  const pkg = check.pkg;
  switch (d.tok) {
    case "const": {
      let last: ast.ValueSpec | null = null;
      for (let index = 0; index < d.specs.length; index++) {
        const spec = d.specs[index]!;
        if (spec.kind !== "ValueSpec") continue;
        const iota: Constant = makeInt(index);
        let inherited = true;
        if (spec.type !== null || spec.values.length > 0) {
          last = spec;
          inherited = false;
        }
        const values = last === null ? [] : last.values;
        const typExpr = last === null ? null : last.type;
        const lhs: Const[] = [];
        for (let i = 0; i < spec.names.length; i++) {
          const name = spec.names[i]!;
          const obj = new Const(check.fileName, name.pos, pkg, name.name, null, iota);
          lhs.push(obj);
          constDecl(check, obj, typExpr, i < values.length ? values[i]! : null, inherited);
          obj.color = Color.Black;
        }
        for (let i = 0; i < spec.names.length; i++)
          check.declare(check.scope, spec.names[i]!, lhs[i]!, spec.end);
      }
      break;
    }
    case "var":
      for (const spec of d.specs) {
        if (spec.kind !== "ValueSpec") continue;
        const lhs0: Var[] = [];
        for (const name of spec.names) lhs0.push(new Var(check.fileName, name.pos, pkg, name.name, null));
        for (let i = 0; i < lhs0.length; i++) {
          const obj = lhs0[i]!;
          let lhs: Var[] | null = null;
          let init: ast.Expr | null = null;
          if (spec.values.length === spec.names.length) init = spec.values[i]!;
          else if (spec.values.length === 1) {
            lhs = lhs0;
            init = spec.values[0]!;
          } else if (i < spec.values.length) init = spec.values[i]!;
          varDecl(check, obj, lhs, spec.type, init);
          if (spec.values.length === 1) break;
        }
        for (const v of lhs0) {
          v.color = Color.Black;
          if (check.untypedVars.has(v)) {
            check.untypedVars.delete(v);
            v.type = invalidType;
          }
        }
        for (let i = 0; i < spec.names.length; i++)
          check.declare(check.scope, spec.names[i]!, lhs0[i]!, spec.end);
      }
      break;
    case "type":
      for (const spec of d.specs) {
        if (spec.kind !== "TypeSpec") continue;
        const obj = new TypeName(check.fileName, spec.name.pos, pkg, spec.name.name, null);
        // The scope of a local type starts at its name, so that it may refer to itself.
        check.declare(check.scope, spec.name, obj, spec.name.pos);
        obj.color = Color.Grey;
        typeDecl(check, obj, spec, null);
        obj.color = Color.Black;
      }
      break;
  }
}
