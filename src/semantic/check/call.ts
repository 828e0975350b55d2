// Calls, conversions and instantiation of generic functions (go/types' call.go,
// conversion.go): f(args) with variadic parameters and multi-value arguments, T(x), and
// f[T](args) with type arguments given or inferred.

import type * as ast from "../../syntax/ast.js";
import type { Constant } from "../constant.js";
import { Var } from "../objects.js";
import {
  allString,
  constConversion,
  convertibleTo,
  coreType,
  defaultType,
  isConstType,
  isInteger,
  isNonTypeParamInterface,
  isUntyped,
  under,
} from "../predicates.js";
import { instantiateSignature, substitute } from "../subst.js";
import { invalidType, type Signature, Tuple, type Type } from "../types.js";
import { isMethodSet, typeParamIface, typeSetOf } from "../typeset.js";
import { builtinInfo } from "../universe.js";
import { builtin } from "./builtins.js";
import type { Checker } from "./checker.js";
import { assignment, ExprKind, expr, exprList, exprOrType, indexExpr, updateExprType, use } from "./expr.js";
import { infer } from "./infer.js";
import { Mode, type Operand } from "./info.js";
import { typeList } from "./typexpr.js";

export function callExpr(check: Checker, x: Operand, call: ast.CallExpr): ExprKind {
  const fun = call.fun;
  let ix: ast.IndexExpr | ast.IndexListExpr | null = null;
  if (fun.kind === "IndexExpr" || fun.kind === "IndexListExpr") {
    ix = fun;
    if (!indexExpr(check, x, fun)) ix = null;
    x.expr = fun;
    check.record(x);
  } else {
    exprOrType(check, x, fun, true);
  }
  switch (x.mode) {
    case Mode.Invalid:
      use(check, call.args);
      x.expr = call;
      return ExprKind.Statement;
    case Mode.TypExpr: {
      // A conversion.
      const T = x.type;
      if (T.kind === "Named" && T.typeArgs === null && T.typeParams.length > 0) {
        check.errorAt(fun, "cannot use generic type without instantiation");
        use(check, call.args);
        x.mode = Mode.Invalid;
        x.expr = call;
        return ExprKind.Conversion;
      }
      x.mode = Mode.Invalid;
      if (call.args.length === 1) {
        expr(check, x, call.args[0]!);
        if (x.mode !== Mode.Invalid) {
          const u = under(T);
          if (call.ellipsis >= 0) {
            check.errorAt(call, "invalid use of ... in conversion");
          } else if (u.kind === "Interface" && T.kind !== "TypeParam" && !isMethodSet(typeSetOf(u))) {
            check.errorAt(call, "cannot use interface in conversion");
            x.mode = Mode.Invalid;
          } else {
            conversion(check, x, T);
          }
        }
      } else {
        use(check, call.args);
        check.errorAt(
          call,
          call.args.length === 0 ? "missing argument in conversion" : "too many arguments in conversion",
        );
      }
      x.expr = call;
      return ExprKind.Conversion;
    }
    case Mode.Builtin: {
      const id = x.id;
      if (!builtin(check, x, call, id)) x.mode = Mode.Invalid;
      x.expr = call;
      if (x.mode !== Mode.Invalid && x.mode !== Mode.Constant) check.hasCallOrRecv = true;
      return builtinInfo[id]!.statement ? ExprKind.Statement : ExprKind.Expression;
    }
  }
  const cgocall = x.mode === Mode.CgoFunc;
  const ct = coreType(x.type);
  if (ct === null || ct.kind !== "Signature") {
    check.errorAt(fun, "cannot call non-function");
    use(check, call.args);
    x.mode = Mode.Invalid;
    x.expr = call;
    return ExprKind.Statement;
  }
  let sig: Signature = ct;
  let targs: Type[] | null = null;
  let xlist: ast.Expr[] = [];
  if (ix !== null) {
    xlist = ix.kind === "IndexExpr" ? [ix.index] : ix.indices;
    targs = typeList(check, xlist);
    if (targs === null || targs.length > sig.typeParams.length) {
      if (targs !== null) check.errorAt(ix, "too many type arguments");
      use(check, call.args);
      x.mode = Mode.Invalid;
      x.expr = call;
      return ExprKind.Statement;
    }
  }
  const { list: args } = exprList(check, call.args, false);
  const isGeneric = sig.typeParams.length > 0;
  sig = argumentsCheck(check, call, sig, targs, args);
  if (isGeneric && sig.typeParams.length === 0) check.recordTypeAndValue(fun, Mode.Value, sig, null);
  const results = sig.results.vars;
  switch (results.length) {
    case 0:
      x.mode = Mode.NoValue;
      x.type = sig.results;
      break;
    case 1:
      x.mode = cgocall ? Mode.CommaErr : Mode.Value;
      x.type = results[0]!.type;
      break;
    default:
      x.mode = Mode.Value;
      x.type = sig.results;
  }
  x.val = null;
  x.expr = call;
  check.hasCallOrRecv = true;
  // A call of a generic function whose type arguments could not be inferred has no valid type.
  if (x.mode === Mode.Value && sig.typeParams.length > 0) x.mode = Mode.Invalid;
  return ExprKind.Statement;
}

/** Checks the arguments of a call against sig; returns the (instantiated) signature. */
export function argumentsCheck(
  check: Checker,
  call: ast.CallExpr,
  sig: Signature,
  targs: Type[] | null,
  args: Operand[],
): Signature {
  let rsig = sig;
  for (const a of args) {
    if (a.mode === Mode.TypExpr) {
      check.errorAt(a.expr, "type used as value");
      return rsig;
    }
    if (a.mode === Mode.Invalid) return rsig;
  }
  const nargs = args.length;
  let npars = sig.params.vars.length;
  const ddd = call.ellipsis >= 0;
  let sigParams = sig.params;
  let adjusted = false;
  if (sig.variadic) {
    if (ddd) {
      if (call.args.length === 1 && nargs > 1) {
        check.errorAt(call, "cannot use ... with multi-valued expression");
        return rsig;
      }
    } else if (nargs >= npars - 1) {
      const vars = sig.params.vars.slice(0, npars - 1);
      const last = sig.params.vars[npars - 1]!;
      const lt = last.type;
      const elem = lt.kind === "Slice" ? lt.elem : invalidType;
      while (vars.length < nargs) {
        const v = new Var(last.file, last.pos, last.pkg, last.name, elem);
        v.isParam = true;
        vars.push(v);
      }
      sigParams = new Tuple(vars);
      adjusted = true;
      npars = nargs;
    } else {
      npars--;
    }
  } else if (ddd) {
    check.errorAt(call, "cannot use ... in call to non-variadic function");
    return rsig;
  }
  if (nargs !== npars) {
    check.errorAt(call, nargs < npars ? "not enough arguments in call" : "too many arguments in call");
    return rsig;
  }
  if (sig.typeParams.length > 0) {
    const inferred = infer(check, call, sig.typeParams, targs ?? [], sigParams, args);
    if (inferred === null) return rsig;
    rsig = instantiateSignature(sig, inferred);
    check.recordInstance(call.fun, inferred, rsig);
    sigParams = adjusted ? (substitute(sigParams, sig.typeParams, inferred) as Tuple) : rsig.params;
  }
  for (let i = 0; i < args.length; i++) assignment(check, args[i]!, sigParams.vars[i]!.type, "argument");
  return rsig;
}

/** f[T] outside a call: instantiates the generic function with the given type arguments. */
export function funcInst(check: Checker, x: Operand, ix: ast.IndexExpr | ast.IndexListExpr): void {
  const xlist = ix.kind === "IndexExpr" ? [ix.index] : ix.indices;
  const targs = typeList(check, xlist);
  if (targs === null) {
    x.mode = Mode.Invalid;
    x.expr = ix;
    return;
  }
  const sig = x.type as Signature;
  let all = targs;
  if (targs.length < sig.typeParams.length) {
    const inferred = infer(check, null, sig.typeParams, targs, new Tuple([]), []);
    if (inferred === null) {
      check.errorAt(ix, "cannot infer type arguments");
      x.mode = Mode.Invalid;
      x.expr = ix;
      return;
    }
    all = inferred;
  } else if (targs.length > sig.typeParams.length) {
    check.errorAt(ix, "too many type arguments");
    x.mode = Mode.Invalid;
    x.expr = ix;
    return;
  }
  const inst = instantiateSignature(sig, all);
  check.recordInstance(ix.x, all, inst);
  x.type = inst;
  x.mode = Mode.Value;
  x.expr = ix;
}

// ---- conversions ----

/** Converts x to type T (go/types' conversion). */
export function conversion(check: Checker, x: Operand, T: Type): void {
  const constArg = x.mode === Mode.Constant;
  let ok = false;
  if (constArg && isConstType(T)) {
    const v = constConvert(x, T);
    if (v !== null) {
      ok = true;
      x.val = v;
    }
  } else if (constArg && T.kind === "TypeParam") {
    const terms = typeSetOf(typeParamIface(T)).terms;
    ok =
      terms.length > 0 &&
      terms.every((t) => t.type !== null && constConvert(x, t.tilde ? t.type : under(t.type)) !== null);
    x.mode = Mode.Value;
  } else if (convertibleTo(x.type, T, constArg ? x.val : null)) {
    ok = true;
    x.mode = Mode.Value;
  }
  if (!ok) {
    check.errorAt(x.expr, "cannot convert");
    x.mode = Mode.Invalid;
    return;
  }
  if (isUntyped(x.type)) {
    let final = T;
    if (isNonTypeParamInterface(T) || (constArg && !isConstType(T)) || isNilType(x.type)) {
      final = defaultType(x.type);
    } else if (x.mode === Mode.Constant && isInteger(x.type) && allString(T)) {
      final = x.type;
    }
    if (x.expr !== null) updateExprType(check, x.expr, final, true);
  }
  x.type = T;
}

function isNilType(t: Type): boolean {
  return t.kind === "Basic" && t.basicKind === 25;
}

/** The value of constant x converted to the basic type under T, or null. */
function constConvert(x: Operand, T: Type): Constant | null {
  return constConversion(x.val!, x.type, T);
}
