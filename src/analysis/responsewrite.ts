// Which calls write to an http.ResponseWriter: the analysis behind http-error-no-return and
// superfluous-write-header.
//
// A write is a call that hands the response writer `w` (one variable) something to send: the
// status line (`w.WriteHeader`, `http.Error`, `http.Redirect`, another handler's `ServeHTTP`) or
// body bytes (`w.Write`, `fmt.Fprint*(w, ...)`, `io.Copy(w, ...)`, `json.NewEncoder(w).Encode`,
// a template's `Execute(w, ...)`). Each write says whether it certainly commits the status line
// when it returns (net/http writes the header on the first `Write`, even of zero bytes, so
// `w.Write` and `fmt.Fprintf(w, ...)` always do; `io.Copy` from an empty reader, a template that
// fails before its first byte, or an encoder whose error is checked may not), and whether it sets
// the status itself. A function of the package that receives `w` is read once: when it may write
// to its parameter, the call is a possible write.

import type { CfgNode } from "../semantic/cfg.js";
import { int64Val } from "../semantic/constant.js";
import type { Obj, Var } from "../semantic/objects.js";
import { under } from "../semantic/predicates.js";
import type { SemanticModel } from "../semantic/semantic-model.js";
import type { Type } from "../semantic/types.js";
import type * as ast from "../syntax/ast.js";
import { inspect } from "../syntax/walk.js";
import { isNamedType, namedTypeName, unparen } from "./astutil.js";
import { calledDecl } from "./flow.js";

export interface ResponseWrite {
  call: ast.CallExpr;
  /** How a message names it: `w.Write`, `http.Error`, `fmt.Fprintf`, `h.ServeHTTP`. */
  name: string;
  /** It sets the status line (WriteHeader, http.Error, Redirect, a handler), not only body bytes. */
  setsStatus: boolean;
  /** It commits the status line whenever it returns. */
  certain: boolean;
  /** The status of `w.WriteHeader(constant)`, or null. */
  status: number | null;
}

/** Whether t is `net/http.ResponseWriter`. */
function isResponseWriterType(t: Type | null): boolean {
  return isNamedType(t, "net/http.ResponseWriter");
}

/** The variable an expression names when it is a variable of type http.ResponseWriter. */
export function responseWriterVar(sem: SemanticModel, x: ast.Expr | undefined): Var | null {
  if (x === undefined) return null;
  const e = unparen(x);
  if (e.kind !== "Ident") return null;
  const obj = sem.objectOf(e);
  if (obj === null || obj.kind !== "Var" || obj.isField) return null;
  return isResponseWriterType(obj.type) ? obj : null;
}

function isVar(sem: SemanticModel, x: ast.Expr | undefined, w: Obj): boolean {
  if (x === undefined) return false;
  const e = unparen(x);
  return e.kind === "Ident" && sem.objectOf(e) === w;
}

/** Functions that take the writer as their first argument, by qualified name. */
const FIRST_ARG_WRITES: ReadonlyMap<string, Omit<ResponseWrite, "call" | "status">> = new Map([
  ["net/http.Error", { name: "http.Error", setsStatus: true, certain: true }],
  ["net/http.NotFound", { name: "http.NotFound", setsStatus: true, certain: true }],
  ["net/http.Redirect", { name: "http.Redirect", setsStatus: true, certain: true }],
  ["net/http.ServeFile", { name: "http.ServeFile", setsStatus: true, certain: false }],
  ["net/http.ServeContent", { name: "http.ServeContent", setsStatus: true, certain: false }],
  ["fmt.Fprint", { name: "fmt.Fprint", setsStatus: false, certain: true }],
  ["fmt.Fprintf", { name: "fmt.Fprintf", setsStatus: false, certain: true }],
  ["fmt.Fprintln", { name: "fmt.Fprintln", setsStatus: false, certain: true }],
  ["io.WriteString", { name: "io.WriteString", setsStatus: false, certain: true }],
  ["io.Copy", { name: "io.Copy", setsStatus: false, certain: false }],
  ["io.CopyN", { name: "io.CopyN", setsStatus: false, certain: false }],
  ["io.CopyBuffer", { name: "io.CopyBuffer", setsStatus: false, certain: false }],
  ["(*text/template.Template).Execute", { name: "Execute", setsStatus: false, certain: false }],
  [
    "(*text/template.Template).ExecuteTemplate",
    { name: "ExecuteTemplate", setsStatus: false, certain: false },
  ],
  ["(*html/template.Template).Execute", { name: "Execute", setsStatus: false, certain: false }],
  [
    "(*html/template.Template).ExecuteTemplate",
    { name: "ExecuteTemplate", setsStatus: false, certain: false },
  ],
]);

/** Encoders made on the writer: `json.NewEncoder(w).Encode(v)`. */
const ENCODERS: ReadonlyMap<string, string> = new Map([
  ["(*encoding/json.Encoder).Encode", "encoding/json.NewEncoder"],
  ["(*encoding/xml.Encoder).Encode", "encoding/xml.NewEncoder"],
]);

/**
 * How `call` writes to the response writer `w`, or null when it does not (or may not be seen to).
 * `parents` (of the enclosing function) tells whether an encoder's error is checked.
 */
function responseWrite(
  sem: SemanticModel,
  call: ast.CallExpr,
  w: Var,
  parents: ReadonlyMap<ast.Node, ast.Node> | null = null,
): ResponseWrite | null {
  const fun = unparen(call.fun);
  // w.Write(b), w.WriteHeader(code)
  if (fun.kind === "SelectorExpr" && isVar(sem, fun.x, w)) {
    if (fun.sel.name === "Write")
      return { call, name: `${w.name}.Write`, setsStatus: false, certain: true, status: null };
    if (fun.sel.name === "WriteHeader") {
      const status = constInt(sem, call.args[0]);
      // 1xx statuses are informational: another WriteHeader may follow
      if (status !== null && status >= 100 && status < 200) return null;
      return { call, name: `${w.name}.WriteHeader`, setsStatus: true, certain: true, status };
    }
    return null;
  }
  const qualified = sem.calleeName(call);
  if (qualified !== null) {
    const known = FIRST_ARG_WRITES.get(qualified);
    if (known !== undefined) {
      if (!isVar(sem, call.args[0], w)) return null;
      // a method (a template's Execute): named by its receiver
      const name =
        qualified.startsWith("(") && fun.kind === "SelectorExpr"
          ? `${exprName(fun.x)}.${fun.sel.name}`
          : known.name;
      return { call, ...known, name, status: null };
    }
    const maker = ENCODERS.get(qualified);
    if (maker !== undefined && fun.kind === "SelectorExpr") {
      const recv = unparen(fun.x);
      if (recv.kind !== "CallExpr" || !sem.isCallTo(recv, maker) || !isVar(sem, recv.args[0], w)) return null;
      // a checked error may mean nothing was written (v could not be encoded)
      const p = parents?.get(call);
      const dropped = p !== undefined && (p.kind === "ExprStmt" || isBlankAssign(p, call));
      const pkg = maker.startsWith("encoding/json") ? "json" : "xml";
      return {
        call,
        name: `${pkg}.NewEncoder(${w.name}).Encode`,
        setsStatus: false,
        certain: dropped,
        status: null,
      };
    }
  }
  // Handing the response to another handler: h.ServeHTTP(w, r), next(w, r)
  if (call.args.length === 2 && isVar(sem, call.args[0], w) && isRequest(sem, call.args[1]!)) {
    if (fun.kind === "SelectorExpr" && fun.sel.name === "ServeHTTP") {
      return { call, name: `${exprName(fun.x)}.ServeHTTP`, setsStatus: true, certain: false, status: null };
    }
    if (isHandlerFuncType(sem, fun))
      return { call, name: exprName(fun), setsStatus: true, certain: false, status: null };
  }
  // A function of the package that writes to its parameter
  const decl = calledDecl(sem, call);
  if (decl !== null && call.ellipsis < 0) {
    const index = call.args.findIndex((a) => isVar(sem, a, w));
    if (index >= 0) {
      const s = paramWrites(sem, decl, index, 0);
      if (s !== null)
        return { call, name: decl.name.name, setsStatus: s.setsStatus, certain: false, status: null };
    }
  }
  return null;
}

/** `h`, `s.next`: a short name for a message; "a handler" for anything longer. */
function exprName(x: ast.Expr): string {
  const e = unparen(x);
  if (e.kind === "Ident") return e.name;
  if (e.kind === "SelectorExpr" && unparen(e.x).kind === "Ident")
    return `${(unparen(e.x) as ast.Ident).name}.${e.sel.name}`;
  return "a handler";
}

function isBlankAssign(p: ast.Node, call: ast.CallExpr): boolean {
  return (
    p.kind === "AssignStmt" &&
    p.rhs.length === 1 &&
    p.rhs[0] === call &&
    p.lhs.every((l) => l.kind === "Ident" && l.name === "_")
  );
}

function isRequest(sem: SemanticModel, x: ast.Expr): boolean {
  const t = sem.typeOf(x);
  return t !== null && t.kind === "Pointer" && isNamedType(t.elem, "net/http.Request");
}

function isHandlerFuncType(sem: SemanticModel, fun: ast.Expr): boolean {
  if (fun.kind !== "Ident" && fun.kind !== "SelectorExpr") return false;
  const named = sem.typeOf(fun);
  if (namedTypeName(named) === "net/http.HandlerFunc") return true;
  const t = named === null ? null : under(named);
  // a variable of type func(http.ResponseWriter, *http.Request)
  const id = fun.kind === "Ident" ? fun : fun.sel;
  const obj = sem.objectOf(id);
  if (obj === null || obj.kind !== "Var" || t === null || t.kind !== "Signature") return false;
  const params = t.params.vars;
  return (
    params.length === 2 &&
    isResponseWriterType(params[0]!.type) &&
    t.results.vars.length === 0 &&
    params[1]!.type.kind === "Pointer" &&
    isNamedType(params[1]!.type.elem, "net/http.Request")
  );
}

/** The value of an integer constant expression, or null. */
export function constInt(sem: SemanticModel, x: ast.Expr | undefined): number | null {
  if (x === undefined) return null;
  const tv = sem.typeAndValue(x);
  if (tv === null || tv.value === null) return null;
  const v = int64Val(tv.value);
  return v === null ? null : Number(v);
}

interface ParamSummary {
  setsStatus: boolean;
}

const summaries = new WeakMap<ast.FuncDecl, Map<number, ParamSummary | null | "pending">>();

/** Whether a function of the package may write to its parameter `index` (null: never). */
function paramWrites(
  sem: SemanticModel,
  decl: ast.FuncDecl,
  index: number,
  depth: number,
): ParamSummary | null {
  if (decl.body === null || depth > 3) return null;
  let byIndex = summaries.get(decl);
  if (byIndex === undefined) {
    byIndex = new Map();
    summaries.set(decl, byIndex);
  }
  const known = byIndex.get(index);
  if (known === "pending") return null;
  if (known !== undefined) return known;
  byIndex.set(index, "pending");
  let result: ParamSummary | null = null;
  const names: ast.Ident[] = [];
  for (const field of decl.type.params.list) {
    if (field.names.length === 0) names.push(field.type as ast.Ident);
    else names.push(...field.names);
  }
  const id = names[index];
  const obj = id === undefined || id.kind !== "Ident" ? null : sem.info.defs.get(id);
  if (obj !== undefined && obj !== null && obj.kind === "Var" && isResponseWriterType(obj.type)) {
    inspect(decl.body, (n) => {
      if (n.kind !== "CallExpr") return true;
      const wr = responseWrite(sem, n, obj, null);
      if (wr !== null) {
        result = { setsStatus: (result?.setsStatus ?? false) || wr.setsStatus };
      }
      return true;
    });
  }
  byIndex.set(index, result);
  return result;
}

/**
 * The writes to `w` that a graph node makes when it runs, in source order: calls inside function
 * literals, and the call of a `go` or `defer` statement, run at another time and are left out.
 */
export function writesIn(
  sem: SemanticModel,
  node: CfgNode,
  w: Var,
  parents: ReadonlyMap<ast.Node, ast.Node> | null,
): ResponseWrite[] {
  if (node.kind === "GoStmt" || node.kind === "DeferStmt") return [];
  const out: ResponseWrite[] = [];
  inspect(node, (n) => {
    if (n.kind === "FuncLit") return false;
    if (n.kind === "CallExpr") {
      const wr = responseWrite(sem, n, w, parents);
      if (wr !== null) out.push(wr);
    }
    return true;
  });
  return out;
}

/** Whether a graph node assigns a new value to `w` (or takes its address). */
export function reassigns(sem: SemanticModel, node: CfgNode, w: Var): boolean {
  let found = false;
  inspect(node, (n) => {
    if (found || n.kind === "FuncLit") return false;
    if (n.kind === "AssignStmt") {
      if (n.lhs.some((l) => isVar(sem, l, w))) found = true;
    } else if (n.kind === "UnaryExpr" && n.op === "&" && isVar(sem, n.x, w)) {
      found = true;
    }
    return !found;
  });
  return found;
}
