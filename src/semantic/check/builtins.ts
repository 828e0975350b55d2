// Calls of built-in functions (go/types' builtins.go), including those added after Go 1.19
// (clear, min, max, unsafe.SliceData, unsafe.String, unsafe.StringData). As go/types does,
// the call's function expression is recorded with the signature of this particular call.

import type * as ast from "../../syntax/ast.js";
import {
  binaryOp,
  compare,
  imag as constImag,
  real as constReal,
  makeImag,
  makeInt,
  sign,
  stringVal,
  toFloat,
  unknown,
} from "../constant.js";
import { lookupFieldOrMethod } from "../lookup.js";
import { Var } from "../objects.js";
import {
  allOrdered,
  assignableTo,
  coreString,
  coreType,
  defaultType,
  identical,
  isNumeric,
  isString,
  isUntyped,
  under,
} from "../predicates.js";
import { stdSizes119 } from "../sizes.js";
import {
  type Basic,
  BasicKind,
  emptyInterface,
  invalidType,
  Pointer,
  Signature,
  Slice,
  Tuple,
  Typ,
  type Type,
  universeByte,
} from "../types.js";
import { typeParamIface, typeSetOf } from "../typeset.js";
import { BuiltinId, builtinInfo } from "../universe.js";
import { argumentsCheck } from "./call.js";
import type { Checker } from "./checker.js";
import {
  assignment,
  convertUntyped,
  expr,
  exprList,
  index_,
  isValidIndex,
  matchTypes,
  unparen,
  updateExprType,
  use,
} from "./expr.js";
import { Mode, Operand } from "./info.js";
import { varType } from "./typexpr.js";

const typInt = Typ[BasicKind.Int]!;
const typUintptr = Typ[BasicKind.Uintptr]!;
const typString = Typ[BasicKind.String]!;
const typUnsafePointer = Typ[BasicKind.UnsafePointer]!;

/** An unnamed signature func(args...) res, for recording a built-in's type at a call. */
function makeSig(res: Type | null, ...args: Type[]): Signature {
  const params = args.map((t) => {
    const v = new Var("", -1, null, "", t);
    v.isParam = true;
    return v;
  });
  const results = res === null ? [] : [new Var("", -1, null, "", res)];
  return new Signature(null, new Tuple(params), new Tuple(results), false);
}

/** Records the signature of a built-in at a call on its (parenthesized, qualified) name. */
function recordBuiltinType(check: Checker, f: ast.Expr, sig: Signature): void {
  let e = f;
  for (;;) {
    check.recordTypeAndValue(e, Mode.Builtin, sig, null);
    if (e.kind === "ParenExpr") e = e.x;
    else return;
  }
}

/** The type of x with arrays behind a pointer seen as arrays. */
function arrayPtrDeref(t: Type): Type {
  if (t.kind === "Pointer") {
    const a = under(t.elem);
    if (a.kind === "Array") return a;
  }
  return t;
}

/** Checks a call of built-in id; false if it is invalid (x is then invalid too). */
export function builtin(check: Checker, x: Operand, call: ast.CallExpr, id: number): boolean {
  const info = builtinInfo[id]!;
  if (call.ellipsis >= 0 && id !== BuiltinId.Append) {
    check.errorAt(call, `invalid use of ... with built-in ${info.name}`);
    use(check, call.args);
    return false;
  }
  const savedHasCall = check.hasCallOrRecv;
  check.hasCallOrRecv = false;
  const ok = builtinImpl(check, x, call, id);
  check.hasCallOrRecv = savedHasCall;
  return ok;
}

function builtinImpl(check: Checker, x: Operand, call: ast.CallExpr, id: number): boolean {
  const info = builtinInfo[id]!;
  let args: Operand[] = [];
  let nargs = call.args.length;
  if (id !== BuiltinId.Make && id !== BuiltinId.New && id !== BuiltinId.Offsetof) {
    args = exprList(check, call.args, false).list;
    nargs = args.length;
    for (const a of args) if (a.mode === Mode.Invalid) return false;
    if (nargs > 0) x.set(args[0]!);
  }
  if (nargs < info.nargs || (!info.variadic && nargs > info.nargs)) {
    check.errorAt(call, `${nargs < info.nargs ? "not enough" : "too many"} arguments for ${info.name}`);
    return false;
  }
  const fun = call.fun;
  switch (id) {
    case BuiltinId.Append: {
      const S = x.type;
      const s = coreType(S);
      if (s === null || s.kind !== "Slice") {
        check.errorAt(x.expr, "invalid argument: not a slice");
        return false;
      }
      const T = s.elem;
      if (nargs === 2 && call.ellipsis >= 0) {
        const a1 = args[1]!;
        const bs = new Slice(universeByte);
        if (assignableTo(x.type, bs, null)) {
          const cs = coreString(a1.type);
          if (cs !== null && isString(cs)) {
            const sig = makeSig(S, S, isUntyped(a1.type) ? defaultType(a1.type) : a1.type);
            sig.variadic = true;
            recordBuiltinType(check, fun, sig);
            x.mode = Mode.Value;
            x.type = S;
            return true;
          }
        }
      }
      const sig = makeSig(S, S, new Slice(T));
      sig.variadic = true;
      argumentsCheck(check, call, sig, null, args);
      x.mode = Mode.Value;
      x.type = S;
      recordBuiltinType(check, fun, sig);
      return true;
    }
    case BuiltinId.Cap:
    case BuiltinId.Len: {
      let mode: Mode = Mode.Invalid;
      let val = null;
      const t = arrayPtrDeref(under(x.type));
      switch (t.kind) {
        case "Basic":
          if (isString(t) && id === BuiltinId.Len) {
            if (x.mode === Mode.Constant) {
              mode = Mode.Constant;
              val = makeInt(stringVal(x.val!).length);
            } else {
              mode = Mode.Value;
            }
          }
          break;
        case "Array":
          mode = Mode.Value;
          if (!check.hasCallOrRecv) {
            mode = Mode.Constant;
            val = t.len === -1 ? unknown : makeInt(BigInt(t.len));
          }
          break;
        case "Slice":
        case "Chan":
          mode = Mode.Value;
          break;
        case "Map":
          if (id === BuiltinId.Len) mode = Mode.Value;
          break;
        case "Interface":
          if (x.type.kind !== "TypeParam") break;
          if (
            typeSetOf(t).terms.every((term) => {
              if (term.type === null) return false;
              const tt = arrayPtrDeref(under(term.type));
              switch (tt.kind) {
                case "Basic":
                  return isString(tt) && id === BuiltinId.Len;
                case "Array":
                case "Slice":
                case "Chan":
                  return true;
                case "Map":
                  return id === BuiltinId.Len;
                default:
                  return false;
              }
            })
          ) {
            mode = Mode.Value;
          }
          break;
      }
      if (mode === Mode.Invalid) {
        if (under(x.type) !== invalidType) check.errorAt(x.expr, `invalid argument for ${info.name}`);
        return false;
      }
      if (mode !== Mode.Constant) recordBuiltinType(check, fun, makeSig(typInt, x.type));
      x.mode = mode;
      x.type = typInt;
      x.val = val;
      return true;
    }
    case BuiltinId.Clear: {
      const u = coreType(x.type);
      if (u === null || (u.kind !== "Map" && u.kind !== "Slice")) {
        check.errorAt(x.expr, "invalid argument for clear");
        return false;
      }
      x.mode = Mode.NoValue;
      recordBuiltinType(check, fun, makeSig(null, x.type));
      return true;
    }
    case BuiltinId.Close: {
      const u = coreType(x.type);
      if (u === null || u.kind !== "Chan" || u.dir === "recv") {
        check.errorAt(x.expr, "invalid operation: cannot close");
        return false;
      }
      x.mode = Mode.NoValue;
      recordBuiltinType(check, fun, makeSig(null, x.type));
      return true;
    }
    case BuiltinId.Complex: {
      const y = args[1]!;
      const xu = isUntyped(x.type);
      const yu = isUntyped(y.type);
      if (xu && !yu) convertUntyped(check, x, y.type);
      else if (!xu && yu) convertUntyped(check, y, x.type);
      else if (xu && yu) {
        if (x.mode === Mode.Constant && y.mode === Mode.Constant) {
          const toFloatType = (o: Operand) => {
            if (isNumeric(o.type) && sign(constImag(o.val!)) === 0) o.type = Typ[BasicKind.UntypedFloat]!;
          };
          toFloatType(x);
          toFloatType(y);
        } else {
          convertUntyped(check, x, Typ[BasicKind.Float64]!);
          convertUntyped(check, y, Typ[BasicKind.Float64]!);
        }
      }
      if (x.mode === Mode.Invalid || y.mode === Mode.Invalid) return false;
      if (!identical(x.type, y.type)) {
        check.errorAt(x.expr, "invalid operation: mismatched types in complex");
        return false;
      }
      const resTyp = applyTypeFunc(x.type, (t) => {
        switch (t.basicKind) {
          case BasicKind.Float32:
            return Typ[BasicKind.Complex64]!;
          case BasicKind.Float64:
            return Typ[BasicKind.Complex128]!;
          case BasicKind.UntypedFloat:
            return Typ[BasicKind.UntypedComplex]!;
          default:
            return null;
        }
      });
      if (resTyp === null) {
        check.errorAt(x.expr, "invalid argument: arguments have non-float type");
        return false;
      }
      if (x.mode === Mode.Constant && y.mode === Mode.Constant) {
        x.val = binaryOp(toFloat(x.val!), "+", makeImag(toFloat(y.val!)));
      } else {
        x.mode = Mode.Value;
      }
      if (x.mode !== Mode.Constant) recordBuiltinType(check, fun, makeSig(resTyp, x.type, x.type));
      x.type = resTyp;
      return true;
    }
    case BuiltinId.Copy: {
      const y = args[1]!;
      const dst = coreType(x.type);
      const src0 = coreString(y.type);
      const src = src0 !== null && isString(src0) ? new Slice(universeByte) : src0;
      if (
        dst === null ||
        dst.kind !== "Slice" ||
        src === null ||
        src.kind !== "Slice" ||
        !identical(dst.elem, src.elem)
      ) {
        check.errorAt(x.expr, "invalid argument: copy expects slice arguments");
        return false;
      }
      recordBuiltinType(
        check,
        fun,
        makeSig(typInt, x.type, isUntyped(y.type) ? defaultType(y.type) : y.type),
      );
      x.mode = Mode.Value;
      x.type = typInt;
      return true;
    }
    case BuiltinId.Delete: {
      const map = x.type;
      const u = coreType(map);
      if (u === null || u.kind !== "Map") {
        check.errorAt(x.expr, "invalid argument: not a map");
        return false;
      }
      const key = args[1]!;
      assignment(check, key, u.key, "argument to delete");
      if (key.mode === Mode.Invalid) return false;
      x.mode = Mode.NoValue;
      recordBuiltinType(check, fun, makeSig(null, map, u.key));
      return true;
    }
    case BuiltinId.Imag:
    case BuiltinId.Real: {
      if (isUntyped(x.type)) {
        if (x.mode === Mode.Constant) {
          if (isNumeric(x.type)) x.type = Typ[BasicKind.UntypedComplex]!;
        } else {
          convertUntyped(check, x, Typ[BasicKind.Complex128]!);
          if (x.mode === Mode.Invalid) return false;
        }
      }
      const resTyp = applyTypeFunc(x.type, (t) => {
        switch (t.basicKind) {
          case BasicKind.Complex64:
            return Typ[BasicKind.Float32]!;
          case BasicKind.Complex128:
            return Typ[BasicKind.Float64]!;
          case BasicKind.UntypedComplex:
            return Typ[BasicKind.UntypedFloat]!;
          default:
            return null;
        }
      });
      if (resTyp === null) {
        check.errorAt(x.expr, "invalid argument: not a complex number");
        return false;
      }
      if (x.mode === Mode.Constant) {
        x.val = id === BuiltinId.Real ? constReal(x.val!) : constImag(x.val!);
      } else {
        x.mode = Mode.Value;
      }
      if (x.mode !== Mode.Constant) recordBuiltinType(check, fun, makeSig(resTyp, x.type));
      x.type = resTyp;
      return true;
    }
    case BuiltinId.Make: {
      const arg0 = call.args[0]!;
      const T = varType(check, arg0);
      if (T === invalidType) {
        use(check, call.args.slice(1));
        return false;
      }
      let min = 0;
      const core = coreType(T);
      switch (core === null ? null : core.kind) {
        case "Slice":
          min = 2;
          break;
        case "Map":
        case "Chan":
          min = 1;
          break;
        default:
          check.errorAt(arg0, "invalid argument: cannot make");
          use(check, call.args.slice(1));
          return false;
      }
      if (nargs < min || min + 1 < nargs) {
        check.errorAt(call, "invalid operation: wrong number of arguments to make");
        use(check, call.args.slice(1));
        return false;
      }
      const types: Type[] = [T];
      for (const a of call.args.slice(1)) types.push(index_(check, a, -1).type);
      x.mode = Mode.Value;
      x.type = T;
      x.val = null;
      recordBuiltinType(check, fun, makeSig(T, ...types));
      return true;
    }
    case BuiltinId.New: {
      const T = varType(check, call.args[0]!);
      if (T === invalidType) return false;
      x.mode = Mode.Value;
      x.type = new Pointer(T);
      x.val = null;
      recordBuiltinType(check, fun, makeSig(x.type, T));
      return true;
    }
    case BuiltinId.Panic: {
      assignment(check, x, emptyInterface, "argument to panic");
      if (x.mode === Mode.Invalid) return false;
      x.mode = Mode.NoValue;
      recordBuiltinType(check, fun, makeSig(null, emptyInterface));
      return true;
    }
    case BuiltinId.Print:
    case BuiltinId.Println: {
      const params: Type[] = [];
      for (let i = 0; i < nargs; i++) {
        const a = args[i]!;
        assignment(check, a, null, `argument to ${info.name}`);
        if (a.mode === Mode.Invalid) return false;
        params.push(a.type);
      }
      x.mode = Mode.NoValue;
      recordBuiltinType(check, fun, makeSig(null, ...params));
      return true;
    }
    case BuiltinId.Recover:
      x.mode = Mode.Value;
      x.type = emptyInterface;
      x.val = null;
      recordBuiltinType(check, fun, makeSig(x.type));
      return true;
    case BuiltinId.Add: {
      assignment(check, x, typUnsafePointer, "argument to unsafe.Add");
      if (x.mode === Mode.Invalid) return false;
      const y = args[1]!;
      if (!isValidIndex(check, y, true)) return false;
      x.mode = Mode.Value;
      x.type = typUnsafePointer;
      recordBuiltinType(check, fun, makeSig(x.type, x.type, y.type));
      return true;
    }
    case BuiltinId.Alignof:
    case BuiltinId.Sizeof: {
      assignment(check, x, null, `argument to unsafe.${info.name}`);
      if (x.mode === Mode.Invalid) return false;
      if (hasVarSize(x.type)) {
        x.mode = Mode.Value;
        recordBuiltinType(check, fun, makeSig(typUintptr, x.type));
      } else {
        x.mode = Mode.Constant;
        const n = id === BuiltinId.Sizeof ? stdSizes119.sizeof(x.type) : stdSizes119.alignof(x.type);
        x.val = makeInt(n);
      }
      x.type = typUintptr;
      return true;
    }
    case BuiltinId.Offsetof: {
      const arg0 = call.args[0]!;
      const selx = unparen(arg0);
      if (selx.kind !== "SelectorExpr") {
        check.errorAt(arg0, "invalid argument: not a selector expression");
        use(check, [arg0]);
        return false;
      }
      expr(check, x, selx.x);
      if (x.mode === Mode.Invalid) return false;
      let base = x.type;
      {
        const p = under(base);
        if (p.kind === "Pointer" && under(p.elem).kind === "Struct") base = p.elem;
      }
      const r = lookupFieldOrMethod(base, false, check.pkg, selx.sel.name);
      if (r.obj === null || r.obj.kind === "Func") {
        check.errorAt(arg0, "invalid argument: not a field selector");
        return false;
      }
      if (r.indirect) {
        check.errorAt(arg0, "invalid argument: field is embedded via a pointer");
        return false;
      }
      check.recordSelection(selx, "FieldVal", base, r.obj, r.index!, false);
      const rec = new Operand();
      rec.mode = x.mode === Mode.Variable ? Mode.Variable : Mode.Value;
      rec.expr = selx;
      rec.type = r.obj.type;
      check.record(rec);
      if (hasVarSize(base)) {
        x.mode = Mode.Value;
        recordBuiltinType(check, fun, makeSig(typUintptr, r.obj.type));
      } else {
        x.mode = Mode.Constant;
        x.val = makeInt(stdSizes119.offsetof(base, r.index!));
      }
      x.type = typUintptr;
      return true;
    }
    case BuiltinId.Slice: {
      const p = under(x.type);
      if (p.kind !== "Pointer") {
        check.errorAt(x.expr, "invalid argument: not a pointer");
        return false;
      }
      const y = args[1]!;
      if (!isValidIndex(check, y, false)) return false;
      x.mode = Mode.Value;
      x.type = new Slice(p.elem);
      recordBuiltinType(check, fun, makeSig(x.type, p, y.type));
      return true;
    }
    case BuiltinId.SliceData: {
      const s = under(x.type);
      if (s.kind !== "Slice") {
        check.errorAt(x.expr, "invalid argument: not a slice");
        return false;
      }
      x.mode = Mode.Value;
      const arg = x.type;
      x.type = new Pointer(s.elem);
      recordBuiltinType(check, fun, makeSig(x.type, arg));
      return true;
    }
    case BuiltinId.String: {
      assignment(check, x, new Pointer(universeByte), "argument to unsafe.String");
      if (x.mode === Mode.Invalid) return false;
      const y = args[1]!;
      if (!isValidIndex(check, y, false)) return false;
      x.mode = Mode.Value;
      const arg = x.type;
      x.type = typString;
      recordBuiltinType(check, fun, makeSig(x.type, arg, y.type));
      return true;
    }
    case BuiltinId.StringData: {
      assignment(check, x, typString, "argument to unsafe.StringData");
      if (x.mode === Mode.Invalid) return false;
      x.mode = Mode.Value;
      x.type = new Pointer(universeByte);
      recordBuiltinType(check, fun, makeSig(x.type, typString));
      return true;
    }
    case BuiltinId.Max:
    case BuiltinId.Min: {
      const op = id === BuiltinId.Max ? ">" : "<";
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        if (!allOrdered(a.type)) {
          check.errorAt(a.expr, `invalid argument: cannot use in ${info.name}`);
          return false;
        }
        if (i === 0) {
          x.set(a);
          continue;
        }
        matchTypes(check, x, a);
        if (x.mode === Mode.Invalid) return false;
        if (!identical(x.type, a.type)) {
          check.errorAt(a.expr, `invalid argument: mismatched types in ${info.name}`);
          return false;
        }
        if (x.mode === Mode.Constant && a.mode === Mode.Constant) {
          if (compare(a.val!, op, x.val!)) x.set(a);
        } else {
          x.mode = Mode.Value;
        }
      }
      if (x.mode !== Mode.Constant) {
        x.mode = Mode.Value;
        assignment(check, x, emptyInterface, `argument to built-in ${info.name}`);
        if (x.mode === Mode.Invalid) return false;
      }
      for (const a of args) if (a.expr !== null) updateExprType(check, a.expr, x.type, true);
      if (x.mode !== Mode.Constant) {
        const types: Type[] = args.map(() => x.type);
        recordBuiltinType(check, fun, makeSig(x.type, ...types));
      }
      return true;
    }
  }
  return false;
}

/** f applied to the basic type of t, or to each type of a type parameter's set (null if f fails). */
function applyTypeFunc(t: Type, f: (b: Basic) => Type | null): Type | null {
  if (t.kind === "TypeParam") {
    const terms = typeSetOf(typeParamIface(t)).terms;
    let res: Type | null = null;
    for (const term of terms) {
      if (term.type === null) return null;
      const u = under(term.type);
      if (u.kind !== "Basic") return null;
      const r = f(u);
      if (r === null) return null;
      if (res !== null && !identical(res, r)) return null;
      res = r;
    }
    return res;
  }
  const u = under(t);
  return u.kind === "Basic" ? f(u) : null;
}

/** Whether the size of t depends on a type parameter. */
function hasVarSize(t: Type, depth = 0): boolean {
  if (depth > 32) return false;
  if (t.kind === "TypeParam") return true;
  const u = under(t);
  switch (u.kind) {
    case "Array":
      return hasVarSize(u.elem, depth + 1);
    case "Struct":
      return u.fields.some((f) => hasVarSize(f.type, depth + 1));
    default:
      return false;
  }
}
