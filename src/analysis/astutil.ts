// Small questions many rules ask about syntax and types. A helper belongs here once a second
// rule needs it.

import { implementsInterface, under } from "../semantic/predicates.js";
import { type Interface, invalidType, type Type } from "../semantic/types.js";
import { universeError } from "../semantic/universe.js";
import type * as ast from "../syntax/ast.js";

/** x without enclosing parentheses. */
export function unparen(x: ast.Expr): ast.Expr {
  while (x.kind === "ParenExpr") x = x.x;
  return x;
}

/** The pointed-to type of a pointer, else the type itself. */
export function deref(t: Type): Type {
  return t.kind === "Pointer" ? t.elem : t;
}

/**
 * The qualified name of a named type, like go/types prints it (`net/http.Client`,
 * `time.Duration`, `error`), or null for other types.
 */
export function namedTypeName(t: Type | null): string | null {
  if (t === null || t.kind !== "Named") return null;
  const obj = t.obj;
  return obj.pkg === null ? obj.name : `${obj.pkg.path}.${obj.name}`;
}

/** Whether t is the named type `qualified` (e.g. "net/http.Client"), or a pointer to it when `orPointer`. */
export function isNamedType(t: Type | null, qualified: string, orPointer = false): boolean {
  if (t === null) return false;
  return namedTypeName(orPointer ? deref(t) : t) === qualified;
}

/** The underlying type, or null when the type is unknown. */
export function underlying(t: Type | null): Type | null {
  return t === null ? null : under(t);
}

/** The innermost function (declaration or literal) among the ancestors, or null. */
export function enclosingFunc(ancestors: readonly ast.Node[]): ast.FuncDecl | ast.FuncLit | null {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const n = ancestors[i]!;
    if (n.kind === "FuncDecl" || n.kind === "FuncLit") return n;
  }
  return null;
}

/**
 * The innermost `for` or `range` loop among the ancestors within the innermost function, or
 * null: a function literal between the node and a loop starts a new body.
 */
export function enclosingLoop(ancestors: readonly ast.Node[]): ast.ForStmt | ast.RangeStmt | null {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const n = ancestors[i]!;
    if (n.kind === "ForStmt" || n.kind === "RangeStmt") return n;
    if (n.kind === "FuncDecl" || n.kind === "FuncLit") return null;
  }
  return null;
}

/** Whether t is the predeclared interface `error` itself. */
export function isErrorType(t: Type | null): boolean {
  return t !== null && t === universeError;
}

/** Whether values of type t are errors: t is `error`, or has the method `Error() string`. */
export function implementsError(t: Type | null): boolean {
  if (t === null) return false;
  if (t === universeError) return true;
  const u = under(t);
  if (u === invalidType || u.kind === "Basic" || u.kind === "Tuple" || u.kind === "Signature") return false;
  return implementsInterface(t, under(universeError) as Interface);
}
