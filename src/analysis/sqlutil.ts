// What the database/sql rules ask about a `sql.Open` call: where its *sql.DB goes (a local
// variable, a field, a package variable, straight back to the caller), and whether a function
// returns or stores it.

import type { Obj } from "../semantic/objects.js";
import type { SemanticModel } from "../semantic/semantic-model.js";
import type * as ast from "../syntax/ast.js";
import { inspect } from "../syntax/walk.js";
import { unparen } from "./astutil.js";

/** The functions that make a *sql.DB without connecting. */
export const sqlOpenFuncs = ["database/sql.Open", "database/sql.OpenDB"];

/** Where the *sql.DB of a `sql.Open` call goes. */
export type OpenTarget =
  /** `return sql.Open(...)` */
  | { kind: "returned" }
  /** `db, err := sql.Open(...)`, db a local variable */
  | { kind: "local"; obj: Obj }
  /** a package variable or a struct field: `s.db, err = sql.Open(...)`, `T{db: sql.OpenDB(c)}` */
  | { kind: "stored"; obj: Obj; at: ast.Expr }
  /** `_`, or something the rules do not follow */
  | { kind: "other" };

/** The object a variable or field expression denotes (`x`, `s.db`), or null. */
export function storageObj(sem: SemanticModel, x: ast.Expr): Obj | null {
  const e = unparen(x);
  const id = e.kind === "Ident" ? e : e.kind === "SelectorExpr" ? e.sel : null;
  if (id === null || id.name === "_") return null;
  const obj = sem.objectOf(id);
  return obj !== null && obj.kind === "Var" ? obj : null;
}

/** Whether a variable is declared at package level. */
function isPackageVar(obj: Obj): boolean {
  return obj.kind === "Var" && !obj.isField && obj.parent !== null && obj.parent === obj.pkg?.scope;
}

/** Where the first result of the `sql.Open` call `call` (whose ancestors are given) goes. */
export function openTarget(
  sem: SemanticModel,
  call: ast.CallExpr,
  ancestors: readonly ast.Node[],
): OpenTarget {
  let i = ancestors.length - 1;
  let value: ast.Node = call;
  while (i >= 0 && ancestors[i]!.kind === "ParenExpr") value = ancestors[i--]!;
  const parent = ancestors[i];
  if (parent === undefined) return { kind: "other" };
  let target: ast.Expr | null = null;
  if (parent.kind === "ReturnStmt")
    return parent.results.includes(value as ast.Expr) ? { kind: "returned" } : { kind: "other" };
  // &Store{db: sql.OpenDB(c)}
  const lit = ancestors[i - 1];
  if (parent.kind === "KeyValueExpr" && parent.value === value && lit?.kind === "CompositeLit") {
    const field = parent.key.kind === "Ident" ? sem.objectOf(parent.key) : null;
    return field !== null && field.kind === "Var" && field.isField
      ? { kind: "stored", obj: field, at: lit }
      : { kind: "other" };
  }
  if (parent.kind === "AssignStmt" && parent.rhs.length === 1 && parent.rhs[0] === value) {
    if (parent.tok !== "=" && parent.tok !== ":=") return { kind: "other" };
    target = parent.lhs[0] ?? null;
  } else if (parent.kind === "ValueSpec" && parent.values.length === 1 && parent.values[0] === value) {
    target = parent.names[0] ?? null;
  }
  if (target === null) return { kind: "other" };
  const obj = storageObj(sem, target);
  if (obj === null || obj.kind !== "Var") return { kind: "other" };
  if (obj.isField || isPackageVar(obj)) return { kind: "stored", obj, at: target };
  if (unparen(target).kind !== "Ident") return { kind: "other" };
  return { kind: "local", obj };
}

/** How a function hands a local *sql.DB on: returned, or stored in a field or package variable. */
export interface Escape {
  how: "returned" | "stored";
  /** The return statement, or the assignment's target or composite literal. */
  at: ast.Node;
  /** The field or package variable it is stored in, when `how` is "stored" by assignment. */
  into: Obj | null;
}

/**
 * The first place in `body` (nested function literals included) where the local variable `obj`
 * leaves the function: a `return` of it (or of a composite literal holding it), an assignment
 * of it to a field or package variable, or a composite literal holding it. Null when it stays.
 */
export function localEscape(sem: SemanticModel, body: ast.Node, obj: Obj): Escape | null {
  const isObj = (x: ast.Expr): boolean => {
    const e = unparen(x);
    return e.kind === "Ident" && sem.objectOf(e) === obj;
  };
  /** Whether x is obj, or a composite literal (or its address) with obj as an element. */
  const holds = (x: ast.Expr): boolean => {
    let e = unparen(x);
    if (isObj(e)) return true;
    if (e.kind === "UnaryExpr" && e.op === "&") e = unparen(e.x);
    return e.kind === "CompositeLit" && literalHolds(e);
  };
  const literalHolds = (lit: ast.CompositeLit): boolean =>
    lit.elts.some((elt) => holds(elt.kind === "KeyValueExpr" ? elt.value : elt));
  let found: Escape | null = null;
  inspect(body, (n) => {
    if (found !== null) return false;
    if (n.kind === "ReturnStmt") {
      if (n.results.some(holds)) found = { how: "returned", at: n, into: null };
      return true;
    }
    if (n.kind === "AssignStmt" && n.lhs.length === n.rhs.length) {
      n.lhs.forEach((lhs, k) => {
        if (found !== null || !holds(n.rhs[k]!)) return;
        const target = storageObj(sem, lhs);
        if (target !== null && (target.kind !== "Var" || target.isField || isPackageVar(target)))
          found = { how: "stored", at: lhs, into: target };
        else if (unparen(lhs).kind !== "Ident") found = { how: "stored", at: lhs, into: null };
      });
      return true;
    }
    if (n.kind === "CompositeLit" && literalHolds(n)) {
      found = { how: "stored", at: n, into: null };
      return false;
    }
    return true;
  });
  return found;
}

/** The function declarations of the package's files, with the files' names. */
export function packageFuncs(sem: SemanticModel): { decl: ast.FuncDecl; fileName: string }[] {
  const out: { decl: ast.FuncDecl; fileName: string }[] = [];
  for (const f of sem.checked.files)
    for (const d of f.file.decls) if (d.kind === "FuncDecl") out.push({ decl: d, fileName: f.source.name });
  return out;
}

/** The declaration of a function or method of this package, by its object. */
export function funcDeclOf(sem: SemanticModel, fn: Obj): ast.FuncDecl | null {
  for (const f of sem.checked.files) {
    for (const d of f.file.decls) if (d.kind === "FuncDecl" && sem.objectOf(d.name) === fn) return d;
  }
  return null;
}

/** The function declarations of the package whose bodies call `fn`. */
export function callersOf(sem: SemanticModel, fn: Obj): { decl: ast.FuncDecl; fileName: string }[] {
  return packageFuncs(sem).filter(
    ({ decl }) => decl.body !== null && containsCall(decl.body, (c) => sem.callee(c) === fn),
  );
}

/** Whether `root` (function literals included) contains a call matching `pred`. */
export function containsCall(root: ast.Node, pred: (call: ast.CallExpr) => boolean): boolean {
  let found = false;
  inspect(root, (n) => {
    if (found) return false;
    if (n.kind === "CallExpr" && pred(n)) found = true;
    return !found;
  });
  return found;
}
