// Expressions (go/types' expr.go, index.go, selector part of call.go, assignments.go, literals):
// every expression is checked into an Operand and recorded. Untyped expressions are recorded
// once their final type is known (updateExprType), so that, as in go/types, the `1` in
// `x + 1` with x an int64 is recorded as int64.

import type * as ast from "../../syntax/ast.js";
import {
  binaryOp,
  type CompareOp,
  type Constant,
  type ConstantOp,
  compare,
  shift as constShift,
  makeBool,
  makeFromLiteral,
  sign,
  stringVal,
  toInt,
  uint64Val,
  unaryOp,
  unknown,
} from "../constant.js";
import { lookupFieldOrMethod } from "../lookup.js";
import { Color, type Func, Var } from "../objects.js";
import {
  allBoolean,
  allInteger,
  allNumeric,
  allOrdered,
  allString,
  assignableTo,
  comparable,
  coreString,
  coreType,
  defaultType,
  hasNil,
  identical,
  implicitType,
  isComparable,
  isInteger,
  isNonTypeParamInterface,
  isString,
  isTyped,
  isUnsigned,
  isUntyped,
  overflowsUntyped,
  representableConst,
  under,
} from "../predicates.js";
import { stdSizes119 } from "../sizes.js";
import { textToBytes } from "../strconv.js";
import {
  ArrayType,
  type Basic,
  BasicKind,
  invalidType,
  type Named,
  Pointer,
  Signature,
  Slice,
  Tuple,
  Typ,
  type Type,
  universeByte,
} from "../types.js";
import { typeParamIface, typeSetOf } from "../typeset.js";
import { universeError } from "../universe.js";
import { callExpr, funcInst } from "./call.js";
import type { Checker } from "./checker.js";
import { initVar, objDecl } from "./decl.js";
import { Mode, Operand } from "./info.js";
import { funcBody } from "./stmt.js";
import { ident, typ, varType } from "./typexpr.js";

/** What an expression is used as, for statement checks (go/types' exprKind). */
export const ExprKind = { Conversion: 0, Expression: 1, Statement: 2 } as const;
export type ExprKind = (typeof ExprKind)[keyof typeof ExprKind];

const untypedBool = Typ[BasicKind.UntypedBool]!;
const untypedInt = Typ[BasicKind.UntypedInt]!;
const untypedRune = Typ[BasicKind.UntypedRune]!;
const untypedFloat = Typ[BasicKind.UntypedFloat]!;
const untypedComplex = Typ[BasicKind.UntypedComplex]!;
const untypedString = Typ[BasicKind.UntypedString]!;
const untypedNil = Typ[BasicKind.UntypedNil]!;
const typInt = Typ[BasicKind.Int]!;
const typUint = Typ[BasicKind.Uint]!;

// ---- entry points ----

/** Checks e, records it, and returns its kind (go/types' rawExpr). */
export function rawExpr(
  check: Checker,
  x: Operand,
  e: ast.Expr,
  hint: Type | null,
  allowGeneric: boolean,
): ExprKind {
  const kind = exprInternal(check, x, e, hint);
  if (!allowGeneric) nonGeneric(check, x);
  check.record(x);
  return kind;
}

/** A single value (not a type, builtin or no value). */
export function expr(check: Checker, x: Operand, e: ast.Expr): void {
  rawExpr(check, x, e, null, false);
  exclude(check, x, (1 << Mode.NoValue) | (1 << Mode.Builtin) | (1 << Mode.TypExpr));
  singleValue(check, x);
}

/** A value, or several (a call returning a tuple). */
export function multiExpr(check: Checker, x: Operand, e: ast.Expr): void {
  rawExpr(check, x, e, null, false);
  exclude(check, x, (1 << Mode.NoValue) | (1 << Mode.Builtin) | (1 << Mode.TypExpr));
}

/** A single value; hint is the element type of an enclosing composite literal. */
export function exprWithHint(check: Checker, x: Operand, e: ast.Expr, hint: Type): void {
  rawExpr(check, x, e, hint, false);
  exclude(check, x, (1 << Mode.NoValue) | (1 << Mode.Builtin) | (1 << Mode.TypExpr));
  singleValue(check, x);
}

/** A single value or a type. */
export function exprOrType(check: Checker, x: Operand, e: ast.Expr, allowGeneric: boolean): void {
  rawExpr(check, x, e, null, allowGeneric);
  exclude(check, x, 1 << Mode.NoValue);
  singleValue(check, x);
}

function exclude(check: Checker, x: Operand, modeset: number): void {
  if (((1 << x.mode) & modeset) !== 0) {
    let msg: string;
    switch (x.mode) {
      case Mode.NoValue:
        msg = "used as value";
        break;
      case Mode.Builtin:
        msg = "must be called";
        break;
      case Mode.TypExpr:
        msg = "is not an expression";
        break;
      default:
        msg = "is invalid here";
    }
    check.errorAt(x.expr, msg);
    x.mode = Mode.Invalid;
  }
}

export function singleValue(check: Checker, x: Operand): void {
  if (x.mode === Mode.Value && x.type.kind === "Tuple") {
    check.errorAt(x.expr, "multiple-value in single-value context");
    x.mode = Mode.Invalid;
  }
}

function nonGeneric(check: Checker, x: Operand): void {
  if (x.mode === Mode.Invalid || x.mode === Mode.NoValue) return;
  const t = x.type;
  if (x.mode === Mode.TypExpr) {
    if (t.kind === "Named" && t.typeArgs === null && t.typeParams.length > 0) {
      check.errorAt(x.expr, "cannot use generic type without instantiation");
      x.mode = Mode.Invalid;
      x.type = invalidType;
    }
  } else if (t.kind === "Signature" && t.typeParams.length > 0) {
    check.errorAt(x.expr, "cannot use generic function without instantiation");
    x.mode = Mode.Invalid;
    x.type = invalidType;
  }
}

/** Evaluates expressions for their side effects on Info only (after an error). */
export function use(check: Checker, list: readonly (ast.Expr | null)[]): void {
  const x = new Operand();
  for (const e of list) {
    if (e === null) continue;
    if (e.kind === "KeyValueExpr") {
      use(check, [e.value]);
      continue;
    }
    rawExpr(check, x, e, null, false);
  }
}

/** Like use, for left-hand sides: an identifier assigned to is not a use of its variable. */
export function useLHS(check: Checker, list: readonly ast.Expr[]): void {
  const x = new Operand();
  for (const e of list) {
    let v: Var | null = null;
    let vUsed = false;
    const id = unparen(e);
    if (id.kind === "Ident") {
      if (id.name === "_") continue;
      const obj = check.lookup(id.name);
      if (obj !== null && obj.kind === "Var" && obj.pkg === check.pkg) {
        v = obj;
        vUsed = obj.used;
      }
    }
    rawExpr(check, x, e, null, false);
    if (v !== null) v.used = vUsed;
  }
}

export function unparen(e: ast.Expr): ast.Expr {
  while (e.kind === "ParenExpr") e = e.x;
  return e;
}

// ---- the expression switch ----

function exprInternal(check: Checker, x: Operand, e: ast.Expr, hint: Type | null): ExprKind {
  x.mode = Mode.Invalid;
  x.type = invalidType as Type;
  x.val = null;
  switch (e.kind) {
    case "BadExpr":
      break;
    case "Ident":
      ident(check, x, e, null, false);
      return ExprKind.Expression;
    case "Ellipsis":
      check.errorAt(e, "invalid use of '...'");
      break;
    case "BasicLit": {
      if (e.litKind !== "STRING" && e.litKind !== "CHAR" && e.value.length > 10000) {
        check.errorAt(e, "excessively long constant");
        break;
      }
      const val = makeFromLiteral(literalBytes(e.value), e.litKind);
      if (val.kind === "Unknown") {
        check.errorAt(e, `malformed constant: ${e.value}`);
        break;
      }
      x.mode = Mode.Constant;
      x.val = val;
      x.type = literalType(e.litKind);
      // Like go/types 1.19, a literal is not limited to 512 bits (the stdlib model's math
      // constants use longer ones); the results of operations on it are.
      x.expr = e;
      return ExprKind.Expression;
    }
    case "FuncLit": {
      const t = typ(check, e.type);
      if (t.kind === "Signature") {
        const sig = t;
        if (sig.scope !== null) {
          sig.scope.pos = e.pos;
          sig.scope.end = e.end;
        }
        if (!check.config.ignoreFuncBodies) {
          // Checked right away, with the scopes as they are at this point of the enclosing body.
          funcBody(check, check.decl, sig, e.body, check.iota);
        }
        x.mode = Mode.Value;
        x.type = sig;
      } else {
        check.errorAt(e, "invalid function literal");
        break;
      }
      x.expr = e;
      return ExprKind.Expression;
    }
    case "CompositeLit":
      compositeLit(check, x, e, hint);
      if (x.mode === Mode.Invalid) break;
      x.expr = e;
      return ExprKind.Expression;
    case "ParenExpr": {
      const kind = rawExpr(check, x, e.x, null, false);
      x.expr = e;
      return kind;
    }
    case "SelectorExpr":
      selector(check, x, e, null);
      return ExprKind.Expression;
    case "IndexExpr":
    case "IndexListExpr":
      if (indexExpr(check, x, e)) funcInst(check, x, e);
      if (x.mode === Mode.Invalid) break;
      x.expr = e;
      return ExprKind.Expression;
    case "SliceExpr":
      sliceExpr(check, x, e);
      if (x.mode === Mode.Invalid) break;
      x.expr = e;
      return ExprKind.Expression;
    case "TypeAssertExpr": {
      expr(check, x, e.x);
      if (x.mode === Mode.Invalid) break;
      if (x.type.kind === "TypeParam") {
        check.errorAt(e.x, "cannot use type assertion on type parameter value");
        break;
      }
      if (under(x.type).kind !== "Interface") {
        check.errorAt(e.x, "not an interface");
        break;
      }
      if (e.type === null) {
        check.errorAt(e, "use of .(type) outside type switch");
        break;
      }
      const T = varType(check, e.type);
      if (T === invalidType) break;
      x.mode = Mode.CommaOk;
      x.type = T;
      x.expr = e;
      return ExprKind.Expression;
    }
    case "CallExpr":
      return callExpr(check, x, e);
    case "StarExpr":
      exprOrType(check, x, e.x, false);
      if (x.mode === Mode.Invalid) break;
      if (x.mode === Mode.TypExpr) {
        x.type = new Pointer(x.type);
      } else {
        const base = pointerBase(x.type);
        if (base === null) {
          check.errorAt(e, "invalid indirect");
          break;
        }
        x.mode = Mode.Variable;
        x.type = base;
      }
      x.expr = e;
      return ExprKind.Expression;
    case "UnaryExpr":
      unary(check, x, e);
      if (x.mode === Mode.Invalid) break;
      if (e.op === "<-") {
        x.expr = e;
        return ExprKind.Statement;
      }
      x.expr = e;
      return ExprKind.Expression;
    case "BinaryExpr":
      if (e.x.kind === "BinaryExpr") binaryChain(check, x, e);
      else binary(check, x, e, e.x, e.y, e.op);
      if (x.mode === Mode.Invalid) break;
      x.expr = e;
      return ExprKind.Expression;
    case "KeyValueExpr":
      check.errorAt(e, "no key:value expected");
      break;
    case "ArrayType":
    case "StructType":
    case "FuncType":
    case "InterfaceType":
    case "MapType":
    case "ChanType":
      x.mode = Mode.TypExpr;
      x.type = typ(check, e);
      x.expr = e;
      return ExprKind.Expression;
  }
  x.mode = Mode.Invalid;
  x.expr = e;
  return ExprKind.Statement;
}

/** The parser gives literals as text; constants are built from their UTF-8 bytes. */
export function literalBytes(text: string): string {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return textToBytes(text);
  return text;
}

function literalType(kind: ast.LitKind): Basic {
  switch (kind) {
    case "INT":
      return untypedInt;
    case "FLOAT":
      return untypedFloat;
    case "IMAG":
      return untypedComplex;
    case "CHAR":
      return untypedRune;
    default:
      return untypedString;
  }
}

/** The common base type of a pointer type (or of every type of a type parameter's set). */
function pointerBase(t: Type): Type | null {
  if (t.kind !== "TypeParam") {
    const u = under(t);
    return u.kind === "Pointer" ? u.elem : null;
  }
  const terms = typeSetOf(typeParamIface(t)).terms;
  let base: Type | null = null;
  for (const term of terms) {
    if (term.type === null) return null;
    const u = under(term.type);
    if (u.kind !== "Pointer") return null;
    if (base !== null && !identical(base, u.elem)) return null;
    base = u.elem;
  }
  return base;
}

// ---- constants ----

/** Checks a constant result: representable in its type if typed, not too large if untyped. */
export function overflow(check: Checker, x: Operand): void {
  const v = x.val!;
  if (v.kind === "Unknown") {
    check.errorAt(x.expr, "constant result is not representable");
    return;
  }
  if (isTyped(x.type)) {
    representable(check, x, under(x.type) as Basic);
    return;
  }
  if (overflowsUntyped(v)) {
    check.errorAt(x.expr, "constant overflow");
    x.val = unknown;
  }
}

/** Checks that constant x is representable as typ, rounding its value; else makes x invalid. */
export function representable(check: Checker, x: Operand, typ: Basic): void {
  if (typ.kind !== "Basic") return;
  const v = representableConst(x.val!, typ);
  if (v === null) {
    check.errorAt(x.expr, `cannot use constant as ${typ.name} value (overflows or truncated)`);
    x.mode = Mode.Invalid;
    return;
  }
  x.val = v;
}

// ---- untyped operands ----

/** Converts untyped x to the type target where it is used (go/types' convertUntyped). */
export function convertUntyped(check: Checker, x: Operand, target: Type): void {
  if (x.mode === Mode.Invalid || isTyped(x.type) || target === invalidType) return;
  const newType = implicitType(x.type, x.mode === Mode.Constant ? x.val : null, target);
  if (newType === null) {
    check.errorAt(x.expr, "cannot convert untyped value");
    x.mode = Mode.Invalid;
    return;
  }
  if (x.mode === Mode.Constant && isTyped(newType)) {
    const u = under(newType);
    if (u.kind === "Basic") {
      const v = representableConst(x.val!, u);
      if (v !== null) x.val = v;
    }
  }
  if (newType !== x.type) {
    x.type = newType;
    updateExprType(check, x.expr!, newType, false);
  }
}

/**
 * Gives the untyped expression x (and its untyped operands) type t; with final, or when t is
 * typed, records it (go/types' updateExprType).
 */
export function updateExprType(check: Checker, x: ast.Expr, t: Type, final: boolean): void {
  const old = check.untyped.get(x);
  if (old === undefined) return;
  switch (x.kind) {
    case "ParenExpr":
      updateExprType(check, x.x, t, final);
      break;
    case "UnaryExpr":
      if (old.val === null) updateExprType(check, x.x, t, final);
      break;
    case "BinaryExpr":
      if (old.val === null) {
        if (isComparisonOp(x.op)) {
          // The operands of a comparison have their final types already.
        } else if (x.op === "<<" || x.op === ">>") {
          updateExprType(check, x.x, t, final);
        } else {
          updateExprType(check, x.x, t, final);
          updateExprType(check, x.y, t, final);
        }
      }
      break;
    default:
      break;
  }
  if (!final && isUntyped(t)) {
    old.type = under(t) as Basic;
    return;
  }
  check.untyped.delete(x);
  if (old.isLhs && !allInteger(t)) {
    check.errorAt(x, "invalid operation: shifted operand must be integer");
    return;
  }
  check.recordTypeAndValue(x, old.mode, t, old.val);
}

function isComparisonOp(op: string): boolean {
  return op === "==" || op === "!=" || op === "<" || op === "<=" || op === ">" || op === ">=";
}

// ---- assignment ----

/** Checks that x can be assigned to a variable of type T (null: the blank identifier). */
export function assignment(check: Checker, x: Operand, T: Type | null, context: string): void {
  singleValue(check, x);
  switch (x.mode) {
    case Mode.Invalid:
      return;
    case Mode.Constant:
    case Mode.Variable:
    case Mode.MapIndex:
    case Mode.Value:
    case Mode.CommaOk:
    case Mode.CommaErr:
      break;
    default:
      check.errorAt(x.expr, `cannot assign to ${context}`);
      x.mode = Mode.Invalid;
      return;
  }
  if (isUntyped(x.type)) {
    let target: Type | null = T;
    if (T === null || isNonTypeParamInterface(T)) {
      if (T === null && x.type === untypedNil) {
        check.errorAt(x.expr, `use of untyped nil in ${context}`);
        x.mode = Mode.Invalid;
        return;
      }
      target = defaultType(x.type);
    }
    const newType = implicitType(x.type, x.mode === Mode.Constant ? x.val : null, target!);
    if (newType === null) {
      check.errorAt(x.expr, `cannot use value as ${context}`);
      x.mode = Mode.Invalid;
      return;
    }
    if (x.mode === Mode.Constant && isTyped(newType)) {
      const u = under(newType);
      if (u.kind === "Basic") {
        const v = representableConst(x.val!, u);
        if (v !== null) x.val = v;
      }
    }
    if (newType !== x.type) {
      x.type = newType;
      updateExprType(check, x.expr!, newType, false);
    }
  }
  if (T === null) return;
  if (!assignableTo(x.type, T, x.mode === Mode.Constant ? x.val : null)) {
    check.errorAt(x.expr, `cannot use value as ${context}`);
    x.mode = Mode.Invalid;
  }
}

/**
 * Evaluates a list of expressions: one may be a call returning several values, or (with
 * allowCommaOk) a comma-ok expression giving a second, boolean value.
 */
export function exprList(
  check: Checker,
  elist: readonly ast.Expr[],
  allowCommaOk: boolean,
): { list: Operand[]; commaOk: boolean } {
  const list: Operand[] = [];
  if (elist.length === 1) {
    const e = elist[0]!;
    const x = new Operand();
    multiExpr(check, x, e);
    if (x.type.kind === "Tuple" && x.mode !== Mode.Invalid) {
      for (const v of x.type.vars) {
        const o = new Operand();
        o.mode = Mode.Value;
        o.expr = e;
        o.type = v.type;
        list.push(o);
      }
      return { list, commaOk: false };
    }
    list.push(x);
    if (allowCommaOk && (x.mode === Mode.MapIndex || x.mode === Mode.CommaOk || x.mode === Mode.CommaErr)) {
      const x2 = new Operand();
      x2.mode = Mode.Value;
      x2.expr = e;
      x2.type = x.mode === Mode.CommaErr ? universeError : untypedBool;
      list.push(x2);
      return { list, commaOk: true };
    }
    return { list, commaOk: false };
  }
  for (const e of elist) {
    const x = new Operand();
    expr(check, x, e);
    list.push(x);
  }
  return { list, commaOk: false };
}

/** Records the (value, ok) tuple type of a comma-ok expression and of its parenthesized forms. */
function recordCommaOkTypes(check: Checker, x: ast.Expr, a0: Type | null, a1: Type | null): void {
  // without recording, a tree's slots may hold another check's records: leave them alone
  if (a0 === null || a1 === null || !check.recording) return;
  let e = x;
  for (;;) {
    const tv = check.info.types.get(e);
    if (tv === undefined) return;
    // records are shared between expressions (Checker.recordTypeAndValue): replace, never mutate
    const type = new Tuple([
      new Var(check.fileName, e.pos, check.pkg, "", a0),
      new Var(check.fileName, e.pos, check.pkg, "", a1),
    ]);
    check.info.types.set(e, { mode: tv.mode, type, value: tv.value });
    if (e.kind !== "ParenExpr") return;
    e = e.x;
  }
}

/** Initializes variables from expressions (declarations, :=, return statements). */
export function initVars(
  check: Checker,
  lhs: Var[],
  origRHS: readonly ast.Expr[],
  returnStmt: ast.Stmt | null,
): void {
  const { list: rhs, commaOk } = exprList(check, origRHS, lhs.length === 2 && returnStmt === null);
  if (lhs.length !== rhs.length) {
    for (const v of lhs) {
      v.used = true;
      if (check.untypedVars.has(v)) {
        check.untypedVars.delete(v);
        v.type = invalidType;
      }
    }
    for (const x of rhs) if (x.mode === Mode.Invalid) return;
    if (returnStmt !== null) check.errorAt(returnStmt, "wrong number of return values");
    else if (origRHS.length > 0) check.errorAt(origRHS[0]!, "assignment mismatch");
    return;
  }
  const context = returnStmt !== null ? "return statement" : "assignment";
  if (commaOk) {
    const a0 = initVar(check, lhs[0]!, rhs[0]!, context);
    const a1 = initVar(check, lhs[1]!, rhs[1]!, context);
    recordCommaOkTypes(check, origRHS[0]!, a0, a1);
    return;
  }
  for (let i = 0; i < lhs.length; i++) initVar(check, lhs[i]!, rhs[i]!, context);
}

/** Assigns x to the left-hand side expression lhs; returns x's type, or null. */
export function assignVar(check: Checker, lhs: ast.Expr, x: Operand): Type | null {
  if (x.mode === Mode.Invalid || x.type === invalidType) {
    useLHS(check, [lhs]);
    return null;
  }
  const id = unparen(lhs);
  if (id.kind === "Ident" && id.name === "_") {
    check.recordDef(id, null);
    assignment(check, x, null, "assignment to _ identifier");
    return x.mode === Mode.Invalid ? null : x.type;
  }
  let v: Var | null = null;
  let vUsed = false;
  if (id.kind === "Ident") {
    const obj = check.lookup(id.name);
    if (obj !== null && obj.kind === "Var" && obj.pkg === check.pkg) {
      v = obj;
      vUsed = obj.used;
    }
  }
  const z = new Operand();
  expr(check, z, lhs);
  if (v !== null) v.used = vUsed;
  if (z.mode === Mode.Invalid || z.type === invalidType) return null;
  if (z.mode !== Mode.Variable && z.mode !== Mode.MapIndex) {
    check.errorAt(lhs, "cannot assign to expression");
    return null;
  }
  assignment(check, x, z.type, "assignment");
  return x.mode === Mode.Invalid ? null : x.type;
}

/** Assignment of several values: lhs = rhs. */
export function assignVars(check: Checker, lhs: readonly ast.Expr[], origRHS: readonly ast.Expr[]): void {
  const { list: rhs, commaOk } = exprList(check, origRHS, lhs.length === 2);
  if (lhs.length !== rhs.length) {
    useLHS(check, lhs);
    for (const x of rhs) if (x.mode === Mode.Invalid) return;
    check.errorAt(origRHS[0] ?? null, "assignment mismatch");
    return;
  }
  if (commaOk) {
    const a0 = assignVar(check, lhs[0]!, rhs[0]!);
    const a1 = assignVar(check, lhs[1]!, rhs[1]!);
    recordCommaOkTypes(check, origRHS[0]!, a0, a1);
    return;
  }
  for (let i = 0; i < lhs.length; i++) assignVar(check, lhs[i]!, rhs[i]!);
}

// ---- unary and binary expressions ----

function unary(check: Checker, x: Operand, e: ast.UnaryExpr): void {
  expr(check, x, e.x);
  if (x.mode === Mode.Invalid) return;
  switch (e.op) {
    case "&":
      if (unparen(e.x).kind !== "CompositeLit" && x.mode !== Mode.Variable) {
        check.errorAt(e, "cannot take address");
        x.mode = Mode.Invalid;
        return;
      }
      x.mode = Mode.Value;
      x.type = new Pointer(x.type);
      return;
    case "<-": {
      const u = coreType(x.type);
      if (u === null || u.kind !== "Chan" || u.dir === "send") {
        check.errorAt(e, "cannot receive");
        x.mode = Mode.Invalid;
        return;
      }
      x.mode = Mode.CommaOk;
      x.type = u.elem;
      check.hasCallOrRecv = true;
      return;
    }
    case "~":
      check.errorAt(e, "cannot use ~ outside of interface or type constraint");
      x.mode = Mode.Invalid;
      return;
  }
  const op = e.op;
  let ok: boolean;
  switch (op) {
    case "+":
    case "-":
      ok = allNumeric(x.type);
      break;
    case "^":
      ok = allInteger(x.type);
      break;
    case "!":
      ok = allBoolean(x.type);
      break;
    default:
      ok = false;
  }
  if (!ok) {
    check.errorAt(e, `invalid operation: operator ${op} not defined`);
    x.mode = Mode.Invalid;
    return;
  }
  if (x.mode === Mode.Constant) {
    if (x.val!.kind === "Unknown") return;
    let prec = 0;
    if (isUnsigned(x.type)) prec = stdSizes119.sizeof(x.type) * 8;
    x.val = unaryOp(op as "+" | "-" | "^" | "!", x.val!, prec);
    x.expr = e;
    overflow(check, x);
    return;
  }
  x.mode = Mode.Value;
}

function isPointerType(t: Type): boolean {
  return under(t).kind === "Pointer";
}

/** Converts untyped operands to each other's types where an implicit conversion may apply. */
export function matchTypes(check: Checker, x: Operand, y: Operand): void {
  if (isTyped(x.type) && isTyped(y.type)) return;
  if (allNumeric(x.type) !== allNumeric(y.type)) return;
  if (allBoolean(x.type) !== allBoolean(y.type)) return;
  if (allString(x.type) !== allString(y.type)) return;
  const xNil = x.type === untypedNil;
  const yNil = y.type === untypedNil;
  if (xNil) {
    if (!hasNil(y.type)) return;
  } else if (yNil) {
    if (!hasNil(x.type)) return;
  } else if (isPointerType(x.type) || isPointerType(y.type)) {
    return;
  }
  convertUntyped(check, x, y.type);
  if (x.mode === Mode.Invalid) return;
  convertUntyped(check, y, x.type);
  if (y.mode === Mode.Invalid) x.mode = Mode.Invalid;
}

/** Checks x op y; e is the expression (null for assignment operations and x++). */
export function binary(
  check: Checker,
  x: Operand,
  e: ast.Expr | null,
  lhs: ast.Expr,
  rhs: ast.Expr,
  op: ast.BinaryOp,
): void {
  expr(check, x, lhs);
  binaryRest(check, x, e, lhs, rhs, op);
}

/**
 * A left-nested chain a + b + c + ... checked iteratively (generated code has chains of
 * thousands of operands): each inner operation is checked and recorded as expr() would.
 */
function binaryChain(check: Checker, x: Operand, e: ast.BinaryExpr): void {
  const spine: ast.BinaryExpr[] = [];
  let cur: ast.Expr = e;
  while (cur.kind === "BinaryExpr") {
    spine.push(cur);
    cur = cur.x;
  }
  expr(check, x, cur);
  for (let i = spine.length - 1; i >= 1; i--) {
    const b = spine[i]!;
    binaryRest(check, x, b, b.x, b.y, b.op);
    x.expr = b;
    check.record(x);
  }
  binaryRest(check, x, e, e.x, e.y, e.op);
}

/** binary with x, the left operand, checked already. */
function binaryRest(
  check: Checker,
  x: Operand,
  e: ast.Expr | null,
  lhs: ast.Expr,
  rhs: ast.Expr,
  op: ast.BinaryOp,
): void {
  const y = new Operand();
  expr(check, y, rhs);
  if (x.mode === Mode.Invalid) return;
  if (y.mode === Mode.Invalid) {
    x.mode = Mode.Invalid;
    x.expr = y.expr;
    return;
  }
  if (op === "<<" || op === ">>") {
    shift(check, x, y, e, op);
    return;
  }
  matchTypes(check, x, y);
  if (x.mode === Mode.Invalid) return;
  if (isComparisonOp(op)) {
    comparison(check, x, y, op as CompareOp);
    return;
  }
  if (!identical(x.type, y.type)) {
    if (x.type !== invalidType && y.type !== invalidType) {
      check.errorAt(e ?? lhs, "invalid operation: mismatched types");
    }
    x.mode = Mode.Invalid;
    return;
  }
  if (!binaryOpAllowed(op, x.type)) {
    check.errorAt(e ?? lhs, `invalid operation: operator ${op} not defined`);
    x.mode = Mode.Invalid;
    return;
  }
  if (op === "/" || op === "%") {
    if ((x.mode === Mode.Constant || allInteger(x.type)) && y.mode === Mode.Constant && sign(y.val!) === 0) {
      check.errorAt(y.expr, "invalid operation: division by zero");
      x.mode = Mode.Invalid;
      return;
    }
  }
  if (x.mode === Mode.Constant && y.mode === Mode.Constant) {
    if (x.val!.kind === "Unknown" || y.val!.kind === "Unknown") {
      x.val = unknown;
      return;
    }
    let cop: ConstantOp = op as ConstantOp;
    if (op === "/" && isInteger(x.type)) cop = "/=";
    x.val = binaryOp(x.val!, cop, y.val!);
    x.expr = e;
    if (e !== null) overflow(check, x);
    else if (x.val.kind === "Unknown") x.val = unknown;
    return;
  }
  x.mode = Mode.Value;
}

function binaryOpAllowed(op: ast.BinaryOp, t: Type): boolean {
  switch (op) {
    case "+":
      return allNumeric(t) || allString(t);
    case "-":
    case "*":
    case "/":
      return allNumeric(t);
    case "%":
    case "&":
    case "|":
    case "^":
    case "&^":
      return allInteger(t);
    case "&&":
    case "||":
      return allBoolean(t);
    default:
      return false;
  }
}

function shift(check: Checker, x: Operand, y: Operand, e: ast.Expr | null, op: "<<" | ">>"): void {
  let xval: Constant | null = null;
  if (x.mode === Mode.Constant) xval = toInt(x.val!);
  if (!(allInteger(x.type) || (isUntyped(x.type) && xval !== null && xval.kind === "Int"))) {
    check.errorAt(x.expr, "shifted operand must be integer");
    x.mode = Mode.Invalid;
    return;
  }
  let yval: Constant | null = null;
  if (y.mode === Mode.Constant) {
    yval = toInt(y.val!);
    if (yval.kind === "Int" && yval.value < 0n) {
      check.errorAt(y.expr, "negative shift count");
      x.mode = Mode.Invalid;
      return;
    }
    if (isUntyped(y.type)) {
      const v = representableConst(y.val!, typUint);
      if (v === null) {
        check.errorAt(y.expr, "shift count not representable as uint");
        x.mode = Mode.Invalid;
        return;
      }
    }
  } else if (allInteger(y.type)) {
    // ok
  } else if (isUntyped(y.type)) {
    convertUntyped(check, y, typUint);
    if (y.mode === Mode.Invalid) {
      x.mode = Mode.Invalid;
      return;
    }
  } else {
    check.errorAt(y.expr, "shift count must be integer");
    x.mode = Mode.Invalid;
    return;
  }
  if (x.mode === Mode.Constant) {
    if (y.mode === Mode.Constant) {
      if (x.val!.kind === "Unknown" || y.val!.kind === "Unknown") {
        x.val = unknown;
        if (!isInteger(x.type)) x.type = untypedInt;
        return;
      }
      const s = uint64Val(yval!);
      if (s === null || s > 1023n - 1n + 52n) {
        check.errorAt(y.expr, "invalid shift count");
        x.mode = Mode.Invalid;
        return;
      }
      if (!isInteger(x.type)) x.type = untypedInt;
      x.val = constShift(xval!, op, Number(s));
      x.expr = e;
      if (e !== null) overflow(check, x);
      return;
    }
    if (isUntyped(x.type)) {
      // The type of the shifted constant is that of the context: decided later.
      const info = x.expr !== null ? check.untyped.get(x.expr) : undefined;
      if (info !== undefined) info.isLhs = true;
      x.mode = Mode.Value;
      return;
    }
  }
  if (!allInteger(x.type)) {
    check.errorAt(x.expr, "shifted operand must be integer");
    x.mode = Mode.Invalid;
    return;
  }
  x.mode = Mode.Value;
}

/** Checks x op y for a comparison; the result is an untyped boolean. */
export function comparison(check: Checker, x: Operand, y: Operand, op: CompareOp): void {
  let ok = true;
  if (
    !assignableTo(x.type, y.type, x.mode === Mode.Constant ? x.val : null) &&
    !assignableTo(y.type, x.type, y.mode === Mode.Constant ? y.val : null)
  ) {
    ok = false;
  } else if (op === "==" || op === "!=") {
    const xNil = x.type === untypedNil;
    const yNil = y.type === untypedNil;
    if (xNil || yNil) {
      const t = xNil ? y.type : x.type;
      ok = t === untypedNil ? false : hasNil(t);
    } else {
      ok = isComparable(x.type) || (x.type.kind === "TypeParam" && comparable(x.type, false));
    }
  } else {
    ok = allOrdered(x.type);
  }
  if (!ok) {
    check.errorAt(x.expr, `invalid operation: cannot compare (operator ${op})`);
    x.mode = Mode.Invalid;
    return;
  }
  if (x.mode === Mode.Constant && y.mode === Mode.Constant) {
    const xv = x.val!;
    const yv = y.val!;
    x.val = xv.kind === "Unknown" || yv.kind === "Unknown" ? unknown : makeBool(compare(xv, op, yv));
  } else {
    x.mode = Mode.Value;
    if (x.expr !== null) updateExprType(check, x.expr, defaultType(x.type), true);
    if (y.expr !== null) updateExprType(check, y.expr, defaultType(y.type), true);
  }
  x.type = untypedBool;
}

// ---- composite literals ----

function compositeLit(check: Checker, x: Operand, e: ast.CompositeLit, hint: Type | null): void {
  let t: Type;
  let base: Type;
  let openArray: ast.ArrayType | null = null;
  if (e.type !== null) {
    const at = e.type;
    if (at.kind === "ArrayType" && at.len !== null && at.len.kind === "Ellipsis" && at.len.elt === null) {
      openArray = at;
      t = varType(check, at.elt);
      base = t;
    } else {
      t = typ(check, e.type);
      base = t;
    }
  } else if (hint !== null) {
    t = hint;
    base = t;
    const u = coreType(t);
    if (u !== null && u.kind === "Pointer") base = u.elem;
  } else {
    check.errorAt(e, "missing type in composite literal");
    use(check, e.elts);
    x.mode = Mode.Invalid;
    return;
  }
  if (openArray !== null) {
    // [...]T: the element type is t; the length is known after the elements.
    const n = indexedElts(check, e.elts, t, -1);
    const arr = new ArrayType(t, n);
    check.recordTypeAndValue(openArray, Mode.TypExpr, arr, null);
    x.mode = Mode.Value;
    x.type = arr;
    return;
  }
  const utyp = coreType(base);
  const v = new Operand();
  switch (utyp === null ? null : utyp.kind) {
    case "Struct": {
      const fields = (utyp as { fields: Var[] }).fields;
      if (e.elts.length === 0) break;
      if (e.elts[0]!.kind === "KeyValueExpr") {
        for (const el of e.elts) {
          if (el.kind !== "KeyValueExpr") {
            check.errorAt(el, "mixture of field:value and value elements in struct literal");
            continue;
          }
          expr(check, v, el.value);
          if (el.key.kind !== "Ident") {
            check.errorAt(el.key, "invalid field name in struct literal");
            continue;
          }
          const key = el.key;
          let i = -1;
          for (let j = 0; j < fields.length; j++) {
            if (fields[j]!.sameId(check.pkg, key.name)) {
              i = j;
              break;
            }
          }
          if (i < 0) {
            check.errorAt(key, `unknown field ${key.name} in struct literal`);
            continue;
          }
          const fld = fields[i]!;
          check.recordUse(key, fld);
          assignment(check, v, fld.type, "struct literal");
        }
      } else {
        for (let i = 0; i < e.elts.length; i++) {
          const el = e.elts[i]!;
          if (el.kind === "KeyValueExpr") {
            check.errorAt(el, "mixture of field:value and value elements in struct literal");
            continue;
          }
          expr(check, v, el);
          if (i >= fields.length) {
            check.errorAt(el, "too many values in struct literal");
            break;
          }
          assignment(check, v, fields[i]!.type, "struct literal");
        }
      }
      break;
    }
    case "Array": {
      const a = utyp as ArrayType;
      indexedElts(check, e.elts, a.elem, typeof a.len === "bigint" ? Number(a.len) : a.len);
      break;
    }
    case "Slice":
      indexedElts(check, e.elts, (utyp as Slice).elem, -1);
      break;
    case "Map": {
      const m = utyp as { key: Type; elem: Type };
      for (const el of e.elts) {
        if (el.kind !== "KeyValueExpr") {
          check.errorAt(el, "missing key in map literal");
          use(check, [el]);
          continue;
        }
        exprWithHint(check, v, el.key, m.key);
        assignment(check, v, m.key, "map literal");
        exprWithHint(check, v, el.value, m.elem);
        assignment(check, v, m.elem, "map literal");
      }
      break;
    }
    default:
      use(check, e.elts);
      if (utyp !== invalidType && base !== invalidType) check.errorAt(e, "invalid composite literal type");
      x.mode = Mode.Invalid;
      return;
  }
  x.mode = Mode.Value;
  x.type = t;
}

function indexedElts(check: Checker, elts: readonly ast.Expr[], elemType: Type, length: number): number {
  let index = 0;
  let max = 0;
  const x = new Operand();
  for (const e of elts) {
    let ev = e;
    if (e.kind === "KeyValueExpr") {
      const r = index_(check, e.key, length);
      if (r.type !== invalidType && r.val >= 0) index = r.val;
      ev = e.value;
    }
    index++;
    if (index > max) max = index;
    exprWithHint(check, x, ev, elemType);
    assignment(check, x, elemType, "array or slice literal");
  }
  return max;
}

// ---- indices ----

/** Checks an index expression; returns its type and constant value (-1 if not constant). */
export function index_(check: Checker, e: ast.Expr, max: number): { type: Type; val: number } {
  const x = new Operand();
  expr(check, x, e);
  if (!isValidIndex(check, x, false)) return { type: invalidType, val: -1 };
  if (x.mode !== Mode.Constant) return { type: x.type, val: -1 };
  const v = x.val!;
  if (v.kind !== "Int") return { type: invalidType, val: -1 };
  const n = Number(v.value);
  if (max >= 0 && n >= max) {
    check.errorAt(e, "index out of bounds");
    return { type: invalidType, val: -1 };
  }
  return { type: x.type, val: n };
}

export function isValidIndex(check: Checker, x: Operand, allowNegative: boolean): boolean {
  if (x.mode === Mode.Invalid) return false;
  convertUntyped(check, x, typInt);
  if (x.mode === Mode.Invalid) return false;
  if (!allInteger(x.type)) {
    check.errorAt(x.expr, "index must be integer");
    return false;
  }
  if (x.mode === Mode.Constant) {
    if (!allowNegative && sign(x.val!) < 0) {
      check.errorAt(x.expr, "index must not be negative");
      return false;
    }
    const v = representableConst(x.val!, typInt);
    if (v === null) {
      check.errorAt(x.expr, "index overflows int");
      return false;
    }
    x.val = v;
  }
  return true;
}

function singleIndex(check: Checker, e: ast.IndexExpr | ast.IndexListExpr): ast.Expr | null {
  if (e.kind === "IndexExpr") return e.index;
  check.errorAt(e, "more than one index");
  return e.indices[0] ?? null;
}

/** Checks x[i]; returns true if x is a generic function to be instantiated (go/types' indexExpr). */
export function indexExpr(check: Checker, x: Operand, e: ast.IndexExpr | ast.IndexListExpr): boolean {
  exprOrType(check, x, e.x, true);
  const indices = e.kind === "IndexExpr" ? [e.index] : e.indices;
  switch (x.mode) {
    case Mode.Invalid:
      use(check, indices);
      return false;
    case Mode.TypExpr:
      x.mode = Mode.Invalid;
      x.type = varType(check, e);
      if (x.type !== invalidType) x.mode = Mode.TypExpr;
      return false;
    case Mode.Value: {
      const t = x.type;
      if (t.kind === "Signature" && t.typeParams.length > 0) return true;
      break;
    }
  }
  nonGeneric(check, x);
  if (x.mode === Mode.Invalid) return false;
  let valid = false;
  let length = -1;
  const u = under(x.type);
  switch (u.kind) {
    case "Basic":
      if (isString(u)) {
        valid = true;
        if (x.mode === Mode.Constant) length = stringVal(x.val!).length;
        x.mode = Mode.Value;
        x.type = universeByte;
      }
      break;
    case "Array":
      valid = true;
      length = Number(u.len);
      if (x.mode !== Mode.Variable) x.mode = Mode.Value;
      x.type = u.elem;
      break;
    case "Pointer": {
      const a = under(u.elem);
      if (a.kind === "Array") {
        valid = true;
        length = Number(a.len);
        x.mode = Mode.Variable;
        x.type = a.elem;
      }
      break;
    }
    case "Slice":
      valid = true;
      x.mode = Mode.Variable;
      x.type = u.elem;
      break;
    case "Map": {
      const index = singleIndex(check, e);
      if (index === null) {
        x.mode = Mode.Invalid;
        return false;
      }
      const key = new Operand();
      expr(check, key, index);
      assignment(check, key, u.key, "map index");
      x.mode = Mode.MapIndex;
      x.type = u.elem;
      x.expr = e;
      return false;
    }
    case "Interface": {
      if (x.type.kind !== "TypeParam") break;
      const r = typeParamIndex(x, u);
      if (r === null) break;
      if (r.key !== null) {
        const index = singleIndex(check, e);
        if (index === null) {
          x.mode = Mode.Invalid;
          return false;
        }
        const k = new Operand();
        expr(check, k, index);
        assignment(check, k, r.key, "map index");
        x.mode = Mode.MapIndex;
        x.type = r.elem;
        x.expr = e;
        return false;
      }
      valid = true;
      length = r.length;
      x.mode = r.mode;
      x.type = r.elem;
      break;
    }
  }
  if (!valid) {
    check.errorAt(e, "cannot index expression");
    use(check, indices);
    x.mode = Mode.Invalid;
    return false;
  }
  const index = singleIndex(check, e);
  if (index === null) {
    x.mode = Mode.Invalid;
    return false;
  }
  index_(check, index, length);
  return false;
}

/** Indexing a value of type parameter type: every type of its set must index alike. */
function typeParamIndex(
  x: Operand,
  u: Type,
): { key: Type | null; elem: Type; length: number; mode: Mode } | null {
  if (u.kind !== "Interface") return null;
  const terms = typeSetOf(u).terms;
  let key: Type | null = null;
  let elem: Type | null = null;
  let length = -1;
  let mode: Mode = Mode.Variable;
  for (const term of terms) {
    if (term.type === null) return null;
    const t = under(term.type);
    let l = -1;
    let k: Type | null = null;
    let el: Type | null = null;
    switch (t.kind) {
      case "Basic":
        if (isString(t)) {
          el = universeByte;
          mode = Mode.Value;
        }
        break;
      case "Array":
        l = Number(t.len);
        el = t.elem;
        if (x.mode !== Mode.Variable) mode = Mode.Value;
        break;
      case "Pointer": {
        const a = under(t.elem);
        if (a.kind === "Array") {
          l = Number(a.len);
          el = a.elem;
        }
        break;
      }
      case "Slice":
        el = t.elem;
        break;
      case "Map":
        k = t.key;
        el = t.elem;
        break;
    }
    if (el === null) return null;
    if (elem === null) {
      length = l;
      key = k;
      elem = el;
      continue;
    }
    if ((key === null) !== (k === null) || (key !== null && !identical(key, k!))) return null;
    if (!identical(elem, el)) return null;
    if (l >= 0 && l < length) length = l;
  }
  if (elem === null) return null;
  return { key, elem, length, mode };
}

function sliceExpr(check: Checker, x: Operand, e: ast.SliceExpr): void {
  expr(check, x, e.x);
  if (x.mode === Mode.Invalid) {
    use(check, [e.low, e.high, e.max]);
    return;
  }
  let valid = false;
  let length = -1;
  const u = coreString(x.type);
  if (u !== null) {
    switch (u.kind) {
      case "Basic":
        if (isString(u)) {
          if (e.slice3) {
            check.errorAt(e, "3-index slice of string");
            x.mode = Mode.Invalid;
            return;
          }
          valid = true;
          if (x.mode === Mode.Constant) length = stringVal(x.val!).length;
          if (isUntyped(x.type)) x.type = Typ[BasicKind.String]!;
        }
        break;
      case "Array":
        valid = true;
        length = Number(u.len);
        if (x.mode !== Mode.Variable) {
          check.errorAt(e, "cannot slice (value not addressable)");
          x.mode = Mode.Invalid;
          return;
        }
        x.type = new Slice(u.elem);
        break;
      case "Pointer": {
        const a = under(u.elem);
        if (a.kind === "Array") {
          valid = true;
          length = Number(a.len);
          x.type = new Slice(a.elem);
        }
        break;
      }
      case "Slice":
        valid = true;
        break;
    }
  }
  if (!valid) {
    check.errorAt(e, "cannot slice expression");
    x.mode = Mode.Invalid;
    use(check, [e.low, e.high, e.max]);
    return;
  }
  x.mode = Mode.Value;
  const list = [e.low, e.high, e.max];
  for (const ie of list) {
    if (ie === null) continue;
    index_(check, ie, length >= 0 ? length + 1 : -1);
  }
}

// ---- selectors ----

/** Checks x.sel: a qualified identifier, field, method value or method expression. */
export function selector(check: Checker, x: Operand, e: ast.SelectorExpr, def: Named | null): void {
  const sel = e.sel.name;
  if (e.x.kind === "Ident") {
    const obj = check.lookup(e.x.name);
    if (obj !== null && obj.kind === "PkgName") {
      check.recordUse(e.x, obj);
      obj.used = true;
      const pkg = obj.imported;
      const exp = pkg.scope.lookup(sel);
      if (exp === null) {
        if (!pkg.fake) check.errorAt(e.sel, `undefined: ${e.x.name}.${sel}`);
        x.mode = Mode.Invalid;
        x.expr = e;
        return;
      }
      if (!exp.exported()) check.errorAt(e.sel, `name ${sel} not exported by package ${pkg.name}`);
      check.recordUse(e.sel, exp);
      x.val = null;
      switch (exp.kind) {
        case "Const":
          x.mode = Mode.Constant;
          x.type = exp.type;
          x.val = exp.val;
          break;
        case "TypeName":
          x.mode = Mode.TypExpr;
          x.type = exp.type;
          break;
        case "Var":
          x.mode = Mode.Variable;
          x.type = exp.type;
          break;
        case "Func":
          x.mode = Mode.Value;
          x.type = exp.type;
          break;
        case "Builtin":
          x.mode = Mode.Builtin;
          x.type = exp.type;
          x.id = exp.builtinId;
          break;
        default:
          x.mode = Mode.Invalid;
      }
      if (x.mode !== Mode.Builtin && x.type === invalidType) x.mode = Mode.Invalid;
      x.expr = e;
      return;
    }
  }
  exprOrType(check, x, e.x, false);
  switch (x.mode) {
    case Mode.TypExpr:
      if (def !== null && x.type === def) {
        check.errorAt(e, "invalid recursive type");
        x.mode = Mode.Invalid;
        x.expr = e;
        return;
      }
      break;
    case Mode.Builtin:
      check.errorAt(e.sel, "cannot select on builtin");
      x.mode = Mode.Invalid;
      x.expr = e;
      return;
    case Mode.Invalid:
      x.expr = e;
      return;
  }
  let r = lookupFieldOrMethod(x.type, x.mode === Mode.Variable, check.pkg, sel);
  let obj = r.obj;
  if (obj !== null && obj.kind === "Func" && obj.color !== Color.Black) {
    // A method whose signature is not checked yet: check it, then look again (an instance's
    // method is substituted from the checked signature).
    const m: Func = obj.origin ?? obj;
    objDecl(check, m, null);
    resetInstanceMethods(x.type);
    r = lookupFieldOrMethod(x.type, x.mode === Mode.Variable, check.pkg, sel);
    obj = r.obj;
  }
  if (obj === null) {
    if (under(x.type) !== invalidType) check.errorAt(e.sel, `${sel} undefined`);
    x.mode = Mode.Invalid;
    x.expr = e;
    return;
  }
  const index = r.index!;
  if (x.mode === Mode.TypExpr) {
    if (obj.kind !== "Func") {
      check.errorAt(e.sel, `${sel} undefined (type has no method ${sel})`);
      x.mode = Mode.Invalid;
      x.expr = e;
      return;
    }
    check.recordSelection(e, "MethodExpr", x.type, obj, index, r.indirect);
    const sig = obj.type;
    if (sig.kind !== "Signature" || sig.recv === null) {
      x.mode = Mode.Invalid;
      x.expr = e;
      return;
    }
    const params = sig.params.vars;
    let name = "";
    if (params.length > 0 && params[0]!.name !== "") name = sig.recv.name === "" ? "_" : sig.recv.name;
    const recv = new Var(sig.recv.file, sig.recv.pos, sig.recv.pkg, name, x.type);
    recv.isParam = true;
    x.mode = Mode.Value;
    x.type = new Signature(null, new Tuple([recv, ...params]), sig.results, sig.variadic, sig.typeParams);
  } else if (obj.kind === "Var") {
    check.recordSelection(e, "FieldVal", x.type, obj, index, r.indirect);
    x.mode = x.mode === Mode.Variable || r.indirect ? Mode.Variable : Mode.Value;
    x.type = obj.type;
  } else {
    check.recordSelection(e, "MethodVal", x.type, obj, index, r.indirect);
    x.mode = Mode.Value;
    const sig = obj.type;
    if (sig.kind === "Signature") {
      const s = new Signature(null, sig.params, sig.results, sig.variadic, sig.typeParams);
      s.scope = sig.scope;
      x.type = s;
    } else {
      x.type = sig;
    }
  }
  x.expr = e;
}

/** Forgets the substituted methods of an instance (and of a pointer to one). */
function resetInstanceMethods(t: Type): void {
  if (t.kind === "Pointer") t = t.elem;
  if (t.kind === "Named" && t.orig !== t) {
    t.instMethods = null;
  }
}
