// Small questions many rules ask about syntax and types. A helper belongs here once a second
// rule needs it.

import { isExported } from "../semantic/objects.js";
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
import { forEachChild, inspect } from "../syntax/walk.js";

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

// Functions that never return to their caller: they exit the process, panic or end the goroutine.
const noReturnFuncs = [
  "os.Exit",
  "runtime.Goexit",
  ...["Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"].map((m) => `log.${m}`),
  ...["Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"].map((m) => `(*log.Logger).${m}`),
  ...["common", "T", "B", "F"].flatMap((t) =>
    ["Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow"].map((m) => `(*testing.${t}).${m}`),
  ),
  ...["Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow"].map((m) => `(testing.TB).${m}`),
];

/**
 * Whether a statement list ends by jumping away for sure: a `return`, a `goto`, a labeled
 * `break` or `continue` (taken to leave the loop around it), a call of the builtin panic or of
 * a function that never returns (os.Exit, log.Fatal, t.Fatal, runtime.Goexit), or, when
 * `breakLeaves`, an unlabeled `break`; an `if`/`else` whose branches all jump, and blocks,
 * count too. Rules use it to stay silent where control
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
      return sem.isCallTo(x, ...noReturnFuncs);
    }
    default:
      return false;
  }
}

/** Where code can get a context from: a context.Context parameter, or an *http.Request's Context(). */
export interface ContextSource {
  kind: "context" | "request";
  /** The parameter's name (`ctx`, `r`). */
  name: string;
  /** How to write the context at the node: `ctx`, `r.Context()`. */
  expr: string;
  /** The function that declares the parameter. */
  fn: ast.FuncDecl | ast.FuncLit;
}

/**
 * The context available to the node whose ancestors are given: a named context.Context
 * parameter, else a named *http.Request parameter, of the innermost function that has one,
 * looking out through function literals. A literal started by `go` or `defer`, or handed to
 * an API that runs it later (`time.AfterFunc`, `t.Cleanup`, `RegisterOnShutdown`), may run
 * after the outer context is done, so detaching there can be deliberate: the search stops at
 * it (its own parameters still count). Blank and unnamed parameters do not count: the
 * function declares it does not use them.
 */
export function contextInScope(sem: SemanticModel, ancestors: readonly ast.Node[]): ContextSource | null {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const fn = ancestors[i]!;
    if (fn.kind !== "FuncDecl" && fn.kind !== "FuncLit") continue;
    let request: ContextSource | null = null;
    for (const field of fn.type.params.list) {
      for (const name of field.names) {
        if (name.name === "_") continue;
        const obj = sem.objectOf(name);
        if (obj === null) continue;
        if (namedTypeName(obj.type) === "context.Context")
          return { kind: "context", name: name.name, expr: name.name, fn };
        if (
          request === null &&
          obj.type.kind === "Pointer" &&
          namedTypeName(obj.type.elem) === "net/http.Request"
        ) {
          request = { kind: "request", name: name.name, expr: `${name.name}.Context()`, fn };
        }
      }
    }
    if (request !== null) return request;
    if (fn.kind === "FuncLit" && runsLater(sem, fn, ancestors[i - 1], ancestors[i - 2])) return null;
  }
  return null;
}

/** Whether a function literal is started by go/defer or handed to an API that calls it later. */
function runsLater(
  sem: SemanticModel,
  lit: ast.FuncLit,
  parent: ast.Node | undefined,
  grandparent: ast.Node | undefined,
): boolean {
  if (parent?.kind !== "CallExpr") return false;
  if (parent.fun === lit) return grandparent?.kind === "GoStmt" || grandparent?.kind === "DeferStmt";
  if (!parent.args.includes(lit)) return false;
  const name = sem.calleeName(parent);
  return name !== null && /(AfterFunc|Cleanup|RegisterOnShutdown)$/.test(name);
}

/**
 * Whether one of `fields` of the struct built by composite literal `lit` is assigned after
 * construction: `v := &T{...}` (or `var v = ...`, `x.f = ...`) then `v.Field = ...`. Looks in
 * the enclosing function for a local variable, in every file of the package otherwise. A
 * literal not stored in a variable or field is never set later.
 */
export function literalFieldSetLater(
  sem: SemanticModel,
  ancestors: readonly ast.Node[],
  lit: ast.CompositeLit,
  fields: readonly string[],
): boolean {
  let value: ast.Expr = lit;
  let k = ancestors.length - 1;
  for (; k >= 0; k--) {
    const a = ancestors[k]!;
    if (a.kind === "ParenExpr" || (a.kind === "UnaryExpr" && a.op === "&")) value = a;
    else break;
  }
  const holder = ancestors[k];
  let target: ast.Expr | null = null;
  if (holder?.kind === "AssignStmt" && holder.lhs.length === holder.rhs.length) {
    target = holder.lhs[holder.rhs.indexOf(value)] ?? null;
  } else if (holder?.kind === "ValueSpec" && holder.names.length === holder.values.length) {
    target = holder.names[holder.values.indexOf(value)] ?? null;
  } else if (holder?.kind === "KeyValueExpr" && holder.value === value && holder.key.kind === "Ident") {
    target = holder.key;
  }
  if (target === null) return false;
  target = unparen(target);
  const id = target.kind === "Ident" ? target : target.kind === "SelectorExpr" ? target.sel : null;
  const obj = id === null ? null : sem.objectOf(id);
  if (obj === null || obj.kind !== "Var") return false;
  const refersToTarget = (x: ast.Expr): boolean => {
    x = unparen(x);
    const i = x.kind === "Ident" ? x : x.kind === "SelectorExpr" ? x.sel : null;
    return i !== null && sem.objectOf(i) === obj;
  };
  const local = !obj.isField && obj.parent !== null && obj.parent !== obj.pkg?.scope;
  const fn = local ? enclosingFunc(ancestors) : null;
  const roots: ast.Node[] = fn !== null ? [fn] : sem.checked.files.map((f) => f.file);
  let found = false;
  for (const root of roots) {
    inspect(root, (n) => {
      if (found) return false;
      if (n.kind !== "AssignStmt") return true;
      for (const lhs of n.lhs) {
        const l = unparen(lhs);
        if (l.kind === "SelectorExpr" && fields.includes(l.sel.name) && refersToTarget(l.x)) found = true;
      }
      return true;
    });
    if (found) return true;
  }
  return false;
}

/**
 * Whether x names a parameter of the innermost enclosing function when that function is an
 * unexported declaration: only this package calls it, so what the parameter holds (a wrapped
 * error or not, say) is decided by callers a rule does not see from here.
 */
export function isUnexportedFuncParam(
  sem: SemanticModel,
  ancestors: readonly ast.Node[],
  x: ast.Expr,
): boolean {
  const e = unparen(x);
  if (e.kind !== "Ident") return false;
  const obj = sem.objectOf(e);
  if (obj === null || obj.kind !== "Var" || !obj.isParam) return false;
  const fn = enclosingFunc(ancestors);
  if (fn === null || fn.kind !== "FuncDecl" || isExported(fn.name.name)) return false;
  return obj.pos >= fn.type.params.pos && obj.pos < fn.type.params.end;
}

/**
 * The parent of every node below `root`. Built per function body by the rules that need it: a
 * package-wide index costs more than the few bodies they look into.
 */
export function parentMap(root: ast.Node): Map<ast.Node, ast.Node> {
  const out = new Map<ast.Node, ast.Node>();
  const stack: ast.Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    forEachChild(n, (c) => {
      out.set(c, n);
      stack.push(c);
    });
  }
  return out;
}

/**
 * Whether the node `p` directly enclosing the place `x` writes to it or exposes it to writes:
 * x assigned to, incremented, used as a range key or value, or its address taken.
 */
export function writesPlace(p: ast.Node, x: ast.Node): boolean {
  switch (p.kind) {
    case "AssignStmt":
      return p.lhs.includes(x as ast.Expr);
    case "IncDecStmt":
      return true;
    case "RangeStmt":
      return p.key === x || p.value === x;
    case "UnaryExpr":
      return p.op === "&";
    default:
      return false;
  }
}
