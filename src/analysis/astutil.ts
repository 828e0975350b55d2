// Small questions many rules ask about syntax and types. A helper belongs here once a second
// rule needs it.

import { implementsInterface, under } from "../semantic/predicates.js";
import type { SemanticModel } from "../semantic/semantic-model.js";
import { gcSizes } from "../semantic/sizes.js";
import { stdlibLayouts, type TypeLayout } from "../semantic/stdlib/facts.js";
import {
  BasicInfo,
  BasicKind,
  type Interface,
  invalidType,
  type Named,
  type Type,
} from "../semantic/types.js";
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

/**
 * Whether a named type comes from the bundled standard-library model, whose stubs list exported
 * struct fields only, in alphabetical order: such a struct's layout is not its real one.
 */
export function isStdlibModelType(t: Named): boolean {
  return t.obj.file.startsWith("$GOROOT/");
}

/**
 * Size and alignment of a type as the gc compiler lays it out on 64-bit platforms (unsafe.Sizeof,
 * unsafe.Alignof), or null when they cannot be known: type parameters, unknown types, and structs of
 * the standard-library model whose layout the facts table does not give.
 */
export function typeLayout(t: Type): TypeLayout | null {
  return layoutAt(t, 0);
}

function layoutAt(t: Type, depth: number): TypeLayout | null {
  // a type that contains itself by value is invalid Go; the checker may still hand one over
  if (depth > 64) return null;
  switch (t.kind) {
    case "Named": {
      if (isStdlibModelType(t)) {
        const known = stdlibLayouts.get(namedTypeName(t.orig) ?? "");
        if (known !== undefined) return known;
        if (under(t).kind === "Struct") return null;
      }
      return layoutAt(under(t), depth + 1);
    }
    case "Basic":
      if (t.basicKind === BasicKind.Invalid || t.info & BasicInfo.IsUntyped) return null;
      return { size: gcSizes.sizeof(t), align: gcSizes.alignof(t) };
    case "Pointer":
    case "Map":
    case "Chan":
    case "Signature":
      return { size: 8, align: 8 };
    case "Slice":
      return { size: 24, align: 8 };
    case "Interface":
      return { size: 16, align: 8 };
    case "Array": {
      if (typeof t.len !== "number" || t.len < 0) return null;
      const elem = layoutAt(t.elem, depth + 1);
      if (elem === null) return null;
      return { size: elem.size * t.len, align: elem.align };
    }
    case "Struct":
      return structLayout(
        t.fields.map((f) => f.type),
        depth,
      );
    default:
      return null;
  }
}

function alignUp(x: number, a: number): number {
  return Math.ceil(x / a) * a;
}

/**
 * Layout of a struct with fields of the given types, in this order, as gc lays it out: each field at
 * the next multiple of its alignment, a byte of padding after a final zero-size field of a non-empty
 * struct, the size rounded up to the struct's alignment. Null when a field's layout is unknown.
 */
export function structLayout(fieldTypes: readonly Type[], depth = 0): TypeLayout | null {
  let offset = 0;
  let last = 0;
  let lastSize = 0;
  let align = 1;
  for (const ft of fieldTypes) {
    const l = layoutAt(ft, depth + 1);
    if (l === null) return null;
    offset = alignUp(offset, l.align);
    last = offset;
    lastSize = l.size;
    offset += l.size;
    if (l.align > align) align = l.align;
  }
  if (fieldTypes.length === 0) return { size: 0, align: 1 };
  if (last > 0 && lastSize === 0) lastSize = 1;
  return { size: alignUp(last + lastSize, align), align };
}

/**
 * Whether a statement list ends by jumping away for sure: a `return`, a `goto`, a labeled
 * `break` or `continue` (taken to leave the loop around it), a call of the builtin panic, of
 * os.Exit or of log.Fatal*, or, when `breakLeaves`, an unlabeled `break`; an `if`/`else`
 * whose branches all jump, and blocks, count too. Rules use it to stay silent where control
 * leaves, so a doubtful jump counts as leaving.
 */
export function endsInJump(sem: SemanticModel, stmts: readonly ast.Stmt[], breakLeaves: boolean): boolean {
  if (stmts.length === 0) return false;
  let s = stmts[stmts.length - 1]!;
  while (s.kind === "LabeledStmt") s = s.stmt;
  switch (s.kind) {
    case "ReturnStmt":
      return true;
    case "BranchStmt":
      if (s.tok === "goto" || s.label !== null) return true;
      return s.tok === "break" && breakLeaves;
    case "BlockStmt":
      return endsInJump(sem, s.list, breakLeaves);
    case "IfStmt":
      return (
        s.else !== null &&
        endsInJump(sem, s.body.list, breakLeaves) &&
        endsInJump(sem, s.else.kind === "BlockStmt" ? s.else.list : [s.else], breakLeaves)
      );
    case "ExprStmt": {
      const x = unparen(s.x);
      if (x.kind !== "CallExpr") return false;
      const fun = unparen(x.fun);
      if (fun.kind === "Ident") {
        const obj = sem.objectOf(fun);
        if (obj !== null && obj.kind === "Builtin" && obj.name === "panic") return true;
      }
      return sem.isCallTo(
        x,
        "os.Exit",
        "log.Fatal",
        "log.Fatalf",
        "log.Fatalln",
        "log.Panic",
        "log.Panicf",
        "log.Panicln",
      );
    }
    default:
      return false;
  }
}
