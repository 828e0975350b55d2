// Type expressions (go/types' typexpr.go, struct.go, interface.go, signature.go, union.go):
// identifiers resolved to objects, and type literals turned into types. Every type expression
// is recorded with mode "typexpr", as go/types does.

import type * as ast from "../../syntax/ast.js";
import { toInt } from "../constant.js";
import { Color, Func, TypeName, Var } from "../objects.js";
import { isGeneric, isInteger, isUntyped } from "../predicates.js";
import { Scope } from "../scope.js";
import { unquote } from "../strconv.js";
import { instantiateNamed, namedTypeParams, substitute } from "../subst.js";
import {
  ArrayType,
  Chan,
  emptyInterface,
  Interface,
  invalidType,
  MapType,
  type Named,
  Pointer,
  Signature,
  Slice,
  Struct,
  Term,
  Tuple,
  type Type,
  TypeParam,
  Union,
} from "../types.js";
import { sortMethods } from "../typeset.js";
import { universeIota } from "../universe.js";
import type { Checker } from "./checker.js";
import { objDecl } from "./decl.js";
import { expr, literalBytes, selector } from "./expr.js";
import { Mode, Operand } from "./info.js";
import { unpackRecv } from "./resolver.js";

/** Resolves an identifier in an expression or type (go/types' Checker.ident). */
export function ident(check: Checker, x: Operand, e: ast.Ident, def: Named | null, wantType: boolean): void {
  x.mode = Mode.Invalid;
  x.expr = e;
  x.type = invalidType;
  x.val = null;
  const obj = check.scope.lookupParent(e.name, -1);
  if (obj === null) {
    if (e.name === "_") {
      const tpar = check.recvTParamMap.get(e);
      if (tpar !== undefined) {
        x.mode = Mode.TypExpr;
        x.type = tpar;
      } else {
        check.errorAt(e, "cannot use _ as value");
      }
    } else {
      check.errorAt(e, `undefined: ${e.name}`);
    }
    return;
  }
  check.recordUse(e, obj);
  if (obj.color !== Color.Black || (obj.kind === "TypeName" && wantType && obj.color !== Color.Black)) {
    objDecl(check, obj, def);
  }
  const t = obj.type;
  switch (obj.kind) {
    case "PkgName":
      check.errorAt(e, `use of package ${obj.name} not in selector`);
      return;
    case "Const":
      if (t === invalidType) return;
      if (obj === universeIota) {
        if (check.iota === null) {
          check.errorAt(e, "cannot use iota outside constant declaration");
          return;
        }
        x.val = check.iota;
      } else {
        x.val = obj.val;
      }
      x.mode = Mode.Constant;
      break;
    case "TypeName":
      x.mode = Mode.TypExpr;
      break;
    case "Var":
      if (obj.pkg === check.pkg) obj.used = true;
      if (t === invalidType) return;
      x.mode = Mode.Variable;
      break;
    case "Func":
      x.mode = Mode.Value;
      break;
    case "Builtin":
      x.id = obj.builtinId;
      x.mode = Mode.Builtin;
      break;
    case "Nil":
      x.mode = Mode.Value;
      break;
    case "Label":
      return;
  }
  x.type = t;
}

// ---- type expressions ----

/** The type denoted by e, recorded; generic types must be instantiated. */
export function typ(check: Checker, e: ast.Expr): Type {
  return definedType(check, e, null);
}

/** Like typ, for the type of a variable (go/types also checks it is not a constraint interface, later). */
export function varType(check: Checker, e: ast.Expr): Type {
  return definedType(check, e, null);
}

/** The type denoted by e, the right-hand side of the declaration of def if not null. */
export function definedType(check: Checker, e: ast.Expr, def: Named | null): Type {
  let t = typInternal(check, e, def);
  if (isGeneric(t)) {
    check.errorAt(e, `cannot use generic type ${(t as Named).obj.name} without instantiation`);
    t = invalidType;
  }
  check.recordTypeAndValue(e, Mode.TypExpr, t, null);
  return t;
}

/** The type denoted by e, which may be a generic type (to be instantiated by the caller). */
export function genericType(check: Checker, e: ast.Expr, reportErr: boolean): Type {
  let t = typInternal(check, e, null);
  if (t !== invalidType && !isGeneric(t)) {
    if (reportErr) check.errorAt(e, "not a generic type");
    t = invalidType;
  }
  check.recordTypeAndValue(e, Mode.TypExpr, t, null);
  return t;
}

function typInternal(check: Checker, e: ast.Expr, def: Named | null): Type {
  switch (e.kind) {
    case "Ident": {
      const x = new Operand();
      ident(check, x, e, def, true);
      if (x.mode === Mode.TypExpr) return x.type;
      if (x.mode !== Mode.Invalid) check.errorAt(e, `${e.name} is not a type`);
      return invalidType;
    }
    case "SelectorExpr": {
      const x = new Operand();
      selector(check, x, e, def);
      if (x.mode === Mode.TypExpr) return x.type;
      if (x.mode !== Mode.Invalid) check.errorAt(e, `${e.sel.name} is not a type`);
      return invalidType;
    }
    case "IndexExpr":
      return instantiatedType(check, e, e.x, [e.index], def);
    case "IndexListExpr":
      return instantiatedType(check, e, e.x, e.indices, def);
    case "ParenExpr":
      return definedType(check, e.x, def);
    case "ArrayType":
      if (e.len !== null) {
        const len = arrayLength(check, e.len);
        return new ArrayType(varType(check, e.elt), len);
      }
      return new Slice(varType(check, e.elt));
    case "Ellipsis":
      // Dots are handled where they are legal.
      check.errorAt(e, "invalid use of '...'");
      return invalidType;
    case "StructType":
      return structType(check, e);
    case "StarExpr":
      return new Pointer(varType(check, e.x));
    case "FuncType": {
      const sig = new Signature(null, emptyTupleVars(), emptyTupleVars(), false);
      funcType(check, sig, null, e);
      return sig;
    }
    case "InterfaceType":
      return interfaceType(check, e, def);
    case "MapType": {
      const k = varType(check, e.key);
      const v = varType(check, e.value);
      return new MapType(k, v);
    }
    case "ChanType":
      return new Chan(e.dir, varType(check, e.value));
    default:
      check.errorAt(e, "not a type");
      return invalidType;
  }
}

function emptyTupleVars(): Tuple {
  return new Tuple([]);
}

function arrayLength(check: Checker, e: ast.Expr): number | bigint {
  if (e.kind === "Ident") {
    const obj = check.lookup(e.name);
    if (obj === null) {
      check.errorAt(e, `undefined array length ${e.name} or missing type constraint`);
      return -1;
    }
    if (obj.kind !== "Const") {
      check.errorAt(e, `invalid array length ${e.name}`);
      return -1;
    }
  }
  const x = new Operand();
  expr(check, x, e);
  if (x.mode !== Mode.Constant) {
    if (x.mode !== Mode.Invalid) check.errorAt(e, "array length must be constant");
    return -1;
  }
  if (isUntyped(x.type) || isInteger(x.type)) {
    const v = toInt(x.val!);
    if (v.kind === "Int" && v.value >= 0n && v.value <= 0x7fffffffffffffffn) return v.value;
  }
  check.errorAt(e, "invalid array length");
  return -1;
}

function structType(check: Checker, e: ast.StructType): Struct {
  const fields: Var[] = [];
  let tags: string[] | null = null;
  const seen = new Set<string>();
  for (const f of e.fields.list) {
    const t = varType(check, f.type);
    let tag = "";
    if (f.tag !== null) {
      const v = unquote(literalBytes(f.tag.value));
      if (v === null) check.errorAt(f.tag, "incorrect tag syntax");
      else tag = v;
    }
    const add = (id: ast.Ident, embedded: boolean, pos: number, ft: Type) => {
      if (tag !== "" && tags === null) tags = fields.map(() => "");
      const fld = new Var(check.fileName, pos, check.pkg, id.name, ft);
      fld.isField = true;
      fld.embedded = embedded;
      if (id.name !== "_" && seen.has(id.name)) {
        check.error(pos, `${id.name} redeclared`);
        return;
      }
      seen.add(id.name);
      fields.push(fld);
      if (tags !== null) tags.push(tag);
      check.recordDef(id, fld);
    };
    if (f.names.length > 0) {
      for (const name of f.names) add(name, false, name.pos, t);
    } else {
      const name = embeddedFieldIdent(f.type);
      if (name === null) {
        check.errorAt(f.type, "invalid embedded field type");
        continue;
      }
      add(name, true, f.type.pos, t);
    }
  }
  return new Struct(fields, tags);
}

function embeddedFieldIdent(e: ast.Expr): ast.Ident | null {
  switch (e.kind) {
    case "Ident":
      return e;
    case "StarExpr":
      return e.x.kind === "StarExpr" ? null : embeddedFieldIdent(e.x);
    case "SelectorExpr":
      return e.sel;
    case "IndexExpr":
    case "IndexListExpr":
      return embeddedFieldIdent(e.x);
    default:
      return null;
  }
}

function interfaceType(check: Checker, e: ast.InterfaceType, def: Named | null): Interface {
  const ityp = new Interface([], [], false, false);
  const methods: Func[] = [];
  const embeddeds: Type[] = [];
  for (const f of e.methods.list) {
    if (f.names.length === 0) {
      embeddeds.push(parseUnion(check, f.type));
      continue;
    }
    const name = f.names[0]!;
    if (name.name === "_") {
      check.errorAt(name, "methods must have a unique non-blank name");
      continue;
    }
    const t = typ(check, f.type);
    if (t.kind !== "Signature") continue;
    const recvType: Type = def ?? ityp;
    t.recv = new Var(check.fileName, name.pos, check.pkg, "", recvType);
    const m = new Func(check.fileName, name.pos, check.pkg, name.name, t);
    check.recordDef(name, m);
    methods.push(m);
  }
  ityp.methods = sortMethods(methods);
  ityp.embeddeds = embeddeds;
  ityp.complete = true;
  if (methods.length === 0 && embeddeds.length === 0) ityp.tset = emptyInterface.tset;
  return ityp;
}

/** The type of a constraint element: a type, or a union of terms (~T | U). */
function parseUnion(check: Checker, e: ast.Expr): Type {
  // Flatten the left-nested binary | expressions.
  const terms: ast.Expr[] = [];
  const ops: ast.Expr[] = [];
  let x = e;
  while (x.kind === "BinaryExpr" && x.op === "|") {
    terms.push(x.y);
    ops.push(x);
    x = x.x;
  }
  terms.push(x);
  terms.reverse();
  ops.reverse();
  const list: Term[] = [];
  let u: Type = invalidType;
  for (let i = 0; i < terms.length; i++) {
    const term = parseTilde(check, terms[i]!);
    if (terms.length === 1 && !term.tilde) return term.type!;
    list.push(term);
    u = new Union(list.slice());
    if (i > 0) check.recordTypeAndValue(ops[i - 1]!, Mode.TypExpr, u, null);
  }
  return u;
}

function parseTilde(check: Checker, tx: ast.Expr): Term {
  let x = tx;
  let tilde = false;
  if (x.kind === "UnaryExpr" && x.op === "~") {
    x = x.x;
    tilde = true;
  }
  let t = typ(check, x);
  if (t.kind === "TypeParam") {
    check.errorAt(x, "cannot embed a type parameter");
    t = invalidType;
  }
  const term = new Term(tilde, t);
  if (tilde) check.recordTypeAndValue(tx, Mode.TypExpr, new Union([term]), null);
  return term;
}

// ---- generic types ----

function instantiatedType(
  check: Checker,
  ix: ast.Expr,
  base: ast.Expr,
  indices: ast.Expr[],
  _def: Named | null,
): Type {
  const gtyp = genericType(check, base, true);
  if (gtyp === invalidType) {
    for (const i of indices) typ(check, i);
    return invalidType;
  }
  const orig = gtyp as Named;
  const targs = typeList(check, indices);
  if (targs === null) return invalidType;
  const tparams = namedTypeParams(orig);
  if (tparams.length !== targs.length) {
    check.errorAt(
      ix,
      `got ${targs.length} type arguments but ${orig.obj.name} has ${tparams.length} type parameters`,
    );
    return invalidType;
  }
  const inst = instantiateNamed(orig, targs);
  check.recordInstance(ix, targs, inst);
  return inst;
}

/** The types of a list of type expressions, or null if one is invalid. */
export function typeList(check: Checker, list: ast.Expr[]): Type[] | null {
  const res: Type[] = [];
  let ok = true;
  for (const x of list) {
    const t = varType(check, x);
    if (t === invalidType) ok = false;
    res.push(t);
  }
  return ok ? res : null;
}

/** Declares the type parameters of a list, then their constraints. */
export function collectTypeParams(check: Checker, list: ast.FieldList): TypeParam[] {
  const tparams: TypeParam[] = [];
  for (const f of list.list) declareTypeParams(check, tparams, f.names);
  let index = 0;
  for (const f of list.list) {
    let bound = bound_(check, f.type);
    if (bound.kind === "TypeParam") {
      check.errorAt(f.type, "cannot use a type parameter as constraint");
      bound = invalidType;
    }
    for (let i = 0; i < f.names.length; i++) tparams[index + i]!.constraint = bound;
    index += f.names.length;
  }
  return tparams;
}

function declareTypeParams(check: Checker, tparams: TypeParam[], names: ast.Ident[]): void {
  for (const name of names) {
    const tname = new TypeName(check.fileName, name.pos, check.pkg, name.name, null);
    const tpar = new TypeParam(tname, invalidType, tparams.length);
    check.declare(check.scope, name, tname, check.scope.pos);
    tparams.push(tpar);
  }
}

function bound_(check: Checker, x: ast.Expr): Type {
  // ~T and A|B as constraints are wrapped in an implicit interface.
  if ((x.kind === "UnaryExpr" && x.op === "~") || (x.kind === "BinaryExpr" && x.op === "|")) {
    const ityp = new Interface([], [parseUnion(check, x)], true, true);
    return ityp;
  }
  return typ(check, x);
}

// ---- signatures ----

/** Sets up sig from a function type and receiver (go/types' funcType). */
export function funcType(
  check: Checker,
  sig: Signature,
  recvPar: ast.FieldList | null,
  ftyp: ast.FuncType,
): void {
  check.openScope(ftyp, "function");
  check.scope.isFunc = true;
  sig.scope = check.scope;
  if (recvPar !== null && recvPar.list.length > 0) {
    const { base, params } = unpackRecv(recvPar.list[0]!.type);
    const rparams: ast.Ident[] = [];
    for (const p of params) if (p.kind === "Ident") rparams.push(p);
    if (rparams.length > 0) {
      const tparams: TypeParam[] = [];
      declareTypeParams(check, tparams, rparams);
      sig.recvTypeParams = tparams;
      for (let i = 0; i < rparams.length; i++) {
        if (rparams[i]!.name === "_") check.recvTParamMap.set(rparams[i]!, tparams[i]!);
      }
      const recv = genericType(check, base, false);
      if (recv.kind === "Named") {
        const recvTParams = namedTypeParams(recv);
        if (recvTParams.length === tparams.length) {
          for (let i = 0; i < tparams.length; i++) {
            tparams[i]!.constraint = substitute(recvTParams[i]!.constraint, recvTParams, tparams);
          }
        }
      }
    }
  }
  if (ftyp.typeParams !== null) sig.typeParams = collectTypeParams(check, ftyp.typeParams);
  // Parameters are declared in a temporary scope, squashed into the function scope.
  const scope = new Scope(check.scope, -1, -1, "function body (temp. scope)");
  const recvList = collectParams(check, scope, recvPar, false);
  const params = collectParams(check, scope, ftyp.params, true);
  const results = collectParams(check, scope, ftyp.results, false);
  scope.squash((obj) => check.error(obj.pos, `${obj.name} redeclared in this block`));
  if (recvPar !== null) {
    let recv: Var;
    if (recvList.vars.length === 0) recv = new Var("", -1, null, "", invalidType);
    else recv = recvList.vars[0]!;
    recv.isParam = true;
    sig.recv = recv;
  }
  sig.params = new Tuple(params.vars);
  sig.results = new Tuple(results.vars);
  sig.variadic = params.variadic;
  check.closeScope();
}

function collectParams(
  check: Checker,
  scope: Scope,
  list: ast.FieldList | null,
  variadicOk: boolean,
): { vars: Var[]; variadic: boolean } {
  const vars: Var[] = [];
  let variadic = false;
  if (list === null) return { vars, variadic };
  for (let i = 0; i < list.list.length; i++) {
    const field = list.list[i]!;
    let ftype = field.type;
    if (ftype.kind === "Ellipsis" && ftype.elt !== null) {
      ftype = ftype.elt;
      if (variadicOk && i === list.list.length - 1 && field.names.length <= 1) variadic = true;
      else check.errorAt(field.type, "can only use ... with final parameter in list");
    }
    const t = varType(check, ftype);
    if (field.names.length > 0) {
      for (const name of field.names) {
        const par = new Var(check.fileName, name.pos, check.pkg, name.name, t);
        par.isParam = true;
        check.declare(scope, name, par, scope.pos);
        vars.push(par);
      }
    } else {
      const par = new Var(check.fileName, ftype.pos, check.pkg, "", t);
      par.isParam = true;
      check.recordImplicit(field, par);
      vars.push(par);
    }
  }
  if (variadic) {
    const last = vars[vars.length - 1]!;
    last.type = new Slice(last.type);
    check.recordTypeAndValue(list.list[list.list.length - 1]!.type, Mode.TypExpr, last.type, null);
  }
  return { vars, variadic };
}
