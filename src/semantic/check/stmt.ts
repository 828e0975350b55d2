// Statements and function bodies (go/types' stmt.go, labels.go, the statement part of
// assignments.go): scopes for blocks and clauses, := with redeclaration, range clauses
// (including integers and functions, Go 1.22 and 1.23), switches, type switches with a
// variable per clause, select, and labels.

import type * as ast from "../../syntax/ast.js";
import type { Constant } from "../constant.js";
import { Label, type Obj, Var } from "../objects.js";
import {
  allBoolean,
  coreType,
  hasNil,
  isComparable,
  isInteger,
  isString,
  isUntyped,
  under,
} from "../predicates.js";
import { BasicKind, invalidType, type Signature, Typ, type Type, universeRune } from "../types.js";
import type { Checker } from "./checker.js";
import { type DeclInfo, declStmt, initVar } from "./decl.js";
import {
  assignment,
  assignVar,
  assignVars,
  binary,
  comparison,
  convertUntyped,
  expr,
  initVars,
  rawExpr,
  unparen,
  use,
  useLHS,
} from "./expr.js";
import { Mode, Operand } from "./info.js";
import { varType } from "./typexpr.js";

const typInt = Typ[BasicKind.Int]!;
const typBool = Typ[BasicKind.Bool]!;

/** Checks a function body with the function's signature (its scope holds the parameters). */
export function funcBody(
  check: Checker,
  decl: DeclInfo | null,
  sig: Signature,
  body: ast.BlockStmt,
  iota: Constant | null,
): void {
  if (sig.scope !== null) {
    sig.scope.pos = Math.min(sig.scope.pos < 0 ? body.pos : sig.scope.pos, body.pos);
    sig.scope.end = body.end;
  }
  const scope = check.scope;
  const savedDecl = check.decl;
  const savedIota = check.iota;
  const savedSig = check.sig;
  const savedHasLabel = check.hasLabel;
  const savedFile = check.fileName;
  check.scope = sig.scope ?? check.scope;
  check.decl = decl;
  check.iota = iota;
  check.sig = sig;
  check.hasLabel = false;
  if (decl !== null) check.fileName = decl.file.name;
  stmtList(check, body.list);
  if (check.hasLabel) labels(check, body);
  check.scope = scope;
  check.decl = savedDecl;
  check.iota = savedIota;
  check.sig = savedSig;
  check.hasLabel = savedHasLabel;
  check.fileName = savedFile;
}

function stmtList(check: Checker, list: readonly ast.Stmt[]): void {
  for (const s of list) stmt(check, s);
}

function simpleStmt(check: Checker, s: ast.Stmt | null): void {
  if (s !== null) stmt(check, s);
}

const incOne = "1";

/** The literal 1 that x++ and x-- are checked with (recorded in Info.types, as go/types does). */
const incDecOnes = new WeakMap<ast.IncDecStmt, ast.BasicLit>();

/** The synthetic `1` recorded for an increment or decrement statement, if it was checked. */
export function incDecOperand(s: ast.IncDecStmt): ast.BasicLit | undefined {
  return incDecOnes.get(s);
}

function stmt(check: Checker, s: ast.Stmt): void {
  switch (s.kind) {
    case "BadStmt":
    case "EmptyStmt":
      return;
    case "DeclStmt":
      declStmt(check, s.decl);
      return;
    case "LabeledStmt":
      check.hasLabel = true;
      stmt(check, s.stmt);
      return;
    case "ExprStmt": {
      const x = new Operand();
      rawExpr(check, x, s.x, null, false);
      return;
    }
    case "SendStmt": {
      const ch = new Operand();
      const val = new Operand();
      expr(check, ch, s.chan);
      expr(check, val, s.value);
      if (ch.mode === Mode.Invalid || val.mode === Mode.Invalid) return;
      const u = coreType(ch.type);
      if (u === null || u.kind !== "Chan" || u.dir === "recv") {
        check.errorAt(s, "invalid operation: cannot send");
        return;
      }
      assignment(check, val, u.elem, "send");
      return;
    }
    case "IncDecStmt": {
      const x = new Operand();
      expr(check, x, s.x);
      if (x.mode === Mode.Invalid) return;
      // go/types checks x++ as x += 1 with a literal 1 at x's position, and records it.
      const one: ast.BasicLit = {
        kind: "BasicLit",
        pos: s.x.pos,
        end: s.x.pos + 1,
        litKind: "INT",
        value: incOne,
        tv: undefined,
      };
      incDecOnes.set(s, one);
      binary(check, x, null, s.x, one, s.tok === "++" ? "+" : "-");
      if (x.mode === Mode.Invalid) return;
      assignVar(check, s.x, x);
      return;
    }
    case "AssignStmt":
      switch (s.tok) {
        case "=":
          assignVars(check, s.lhs, s.rhs);
          return;
        case ":=":
          shortVarDecl(check, s.lhs, s.rhs);
          return;
        default: {
          if (s.lhs.length !== 1 || s.rhs.length !== 1) {
            check.errorAt(s, "assignment operation requires single-valued expressions");
            return;
          }
          const op = s.tok.slice(0, -1) as ast.BinaryOp;
          const x = new Operand();
          binary(check, x, null, s.lhs[0]!, s.rhs[0]!, op);
          if (x.mode === Mode.Invalid) return;
          assignVar(check, s.lhs[0]!, x);
          return;
        }
      }
    case "GoStmt":
    case "DeferStmt": {
      const x = new Operand();
      rawExpr(check, x, s.call, null, false);
      return;
    }
    case "ReturnStmt": {
      const sig = check.sig;
      if (sig === null) return;
      const res = sig.results.vars;
      if (s.results.length === 0 && res.length > 0 && res[0]!.name !== "") {
        // A bare return with named results.
        return;
      }
      if (s.results.length > 0 || res.length > 0) initVars(check, res as Var[], s.results, s);
      return;
    }
    case "BranchStmt":
      if (s.label !== null) check.hasLabel = true;
      return;
    case "BlockStmt":
      check.openScope(s, "block");
      stmtList(check, s.list);
      check.closeScope();
      return;
    case "IfStmt": {
      check.openScope(s, "if");
      simpleStmt(check, s.init);
      const x = new Operand();
      expr(check, x, s.cond);
      if (x.mode !== Mode.Invalid && !allBoolean(x.type))
        check.errorAt(s.cond, "non-boolean condition in if statement");
      stmt(check, s.body);
      if (s.else !== null) stmt(check, s.else);
      check.closeScope();
      return;
    }
    case "SwitchStmt":
      switchStmt(check, s);
      return;
    case "TypeSwitchStmt":
      typeSwitchStmt(check, s);
      return;
    case "SelectStmt":
      for (const c of s.body.list) {
        if (c.kind !== "CommClause") continue;
        check.openScope(c, "case");
        if (c.comm !== null) stmt(check, c.comm);
        stmtList(check, c.body);
        check.closeScope();
      }
      return;
    case "ForStmt": {
      check.openScope(s, "for");
      simpleStmt(check, s.init);
      if (s.cond !== null) {
        const x = new Operand();
        expr(check, x, s.cond);
        if (x.mode !== Mode.Invalid && !allBoolean(x.type))
          check.errorAt(s.cond, "non-boolean condition in for statement");
      }
      simpleStmt(check, s.post);
      stmt(check, s.body);
      check.closeScope();
      return;
    }
    case "RangeStmt":
      rangeStmt(check, s);
      return;
    case "CaseClause":
    case "CommClause":
      check.errorAt(s, "case clause outside of switch or select");
      return;
  }
}

/** lhs := rhs, declaring the new variables and assigning the redeclared ones. */
function shortVarDecl(check: Checker, lhs: readonly ast.Expr[], rhs: readonly ast.Expr[]): void {
  const scope = check.scope;
  const seen = new Set<string>();
  const lhsVars: Var[] = [];
  const newVars: Var[] = [];
  for (const e of lhs) {
    if (e.kind !== "Ident") {
      useLHS(check, [e]);
      check.errorAt(e, "non-name on left side of :=");
      lhsVars.push(new Var(check.fileName, e.pos, check.pkg, "_", null));
      check.untypedVars.add(lhsVars[lhsVars.length - 1]!);
      continue;
    }
    const name = e.name;
    if (name !== "_") {
      if (seen.has(name)) {
        check.errorAt(e, `${name} repeated on left side of :=`);
        const dummy = new Var(check.fileName, e.pos, check.pkg, "_", null);
        check.untypedVars.add(dummy);
        lhsVars.push(dummy);
        continue;
      }
      seen.add(name);
    }
    const alt = scope.lookup(name);
    if (alt !== null) {
      check.recordUse(e, alt);
      if (alt.kind === "Var") {
        lhsVars.push(alt);
      } else {
        check.errorAt(e, `cannot assign to ${name}`);
        const dummy = new Var(check.fileName, e.pos, check.pkg, "_", null);
        check.untypedVars.add(dummy);
        lhsVars.push(dummy);
      }
      continue;
    }
    const obj = new Var(check.fileName, e.pos, check.pkg, name, null);
    check.untypedVars.add(obj);
    lhsVars.push(obj);
    if (name !== "_") newVars.push(obj);
    check.recordDef(e, obj);
  }
  initVars(check, lhsVars, rhs, null);
  for (const v of lhsVars) check.untypedVars.delete(v);
  const scopePos = rhs.length > 0 ? rhs[rhs.length - 1]!.end : -1;
  for (const obj of newVars) check.declare(scope, null, obj, scopePos);
}

function switchStmt(check: Checker, s: ast.SwitchStmt): void {
  check.openScope(s, "switch");
  simpleStmt(check, s.init);
  const x = new Operand();
  if (s.tag !== null) {
    expr(check, x, s.tag);
    assignment(check, x, null, "switch expression");
    if (x.mode !== Mode.Invalid && !isComparable(x.type) && !hasNil(x.type)) {
      check.errorAt(s.tag, "cannot switch on value");
      x.mode = Mode.Invalid;
    }
  } else {
    x.mode = Mode.Constant;
    x.type = typBool;
    x.val = null;
    x.expr = null;
  }
  for (const c of s.body.list) {
    if (c.kind !== "CaseClause") continue;
    if (c.list !== null) caseValues(check, x, c.list);
    check.openScope(c, "case");
    stmtList(check, c.body);
    check.closeScope();
  }
  check.closeScope();
}

function caseValues(check: Checker, x: Operand, values: readonly ast.Expr[]): void {
  const v = new Operand();
  const res = new Operand();
  const tag = new Operand();
  for (const e of values) {
    expr(check, v, e);
    if (x.mode === Mode.Invalid || v.mode === Mode.Invalid) continue;
    convertUntyped(check, v, x.type);
    if (v.mode === Mode.Invalid) continue;
    res.set(v);
    tag.set(x);
    if (tag.val === null && tag.mode === Mode.Constant) {
      // The implicit `true` of a switch without tag: never a constant comparison.
      tag.mode = Mode.Value;
    }
    comparison(check, res, tag, "==");
  }
}

function typeSwitchStmt(check: Checker, s: ast.TypeSwitchStmt): void {
  check.openScope(s, "type switch");
  simpleStmt(check, s.init);
  let lhs: ast.Ident | null = null;
  let rhs: ast.Expr | null = null;
  const guard = s.assign;
  if (guard.kind === "ExprStmt") {
    rhs = guard.x;
  } else if (
    guard.kind === "AssignStmt" &&
    guard.lhs.length === 1 &&
    guard.rhs.length === 1 &&
    guard.tok === ":="
  ) {
    const id = guard.lhs[0]!;
    if (id.kind === "Ident") {
      lhs = id;
      if (id.name === "_") {
        check.errorAt(id, "no new variable on left side of :=");
        lhs = null;
      } else {
        check.recordDef(id, null);
      }
    }
    rhs = guard.rhs[0]!;
  }
  if (rhs === null || rhs.kind !== "TypeAssertExpr" || rhs.type !== null) {
    check.errorAt(s, "invalid type switch guard");
    check.closeScope();
    return;
  }
  const x = new Operand();
  expr(check, x, rhs.x);
  if (x.mode === Mode.Invalid) {
    check.closeScope();
    return;
  }
  if (x.type.kind === "TypeParam" || under(x.type).kind !== "Interface") {
    check.errorAt(rhs.x, "not an interface");
  }
  const dummy = new Operand();
  for (const c of s.body.list) {
    if (c.kind !== "CaseClause") continue;
    let T: Type | null = null;
    if (c.list !== null) {
      for (const e of c.list) {
        if (isNil(check, e)) {
          T = null;
          expr(check, dummy, e);
        } else {
          T = varType(check, e);
        }
      }
    }
    check.openScope(c, "case");
    if (lhs !== null) {
      if (c.list === null || c.list.length !== 1 || T === null || (T === invalidType && c.list.length !== 1))
        T = x.type;
      const obj = new Var(check.fileName, lhs.pos, check.pkg, lhs.name, T);
      let scopePos = c.pos + "default".length;
      if (c.list !== null && c.list.length > 0) scopePos = c.list[c.list.length - 1]!.end;
      check.declare(check.scope, null, obj, scopePos);
      check.recordImplicit(c, obj);
    }
    stmtList(check, c.body);
    check.closeScope();
  }
  check.closeScope();
}

function isNil(check: Checker, e: ast.Expr): boolean {
  const u = unparen(e);
  if (u.kind !== "Ident") return false;
  const obj = check.lookup(u.name);
  return obj !== null && obj.kind === "Nil";
}

/** The key and value types of a range over a value of type t (null: none, or not rangeable). */
function rangeKeyVal(t: Type, xIsUntypedConst: boolean): { key: Type | null; val: Type | null; ok: boolean } {
  const u = coreType(t);
  if (u === null) return { key: null, val: null, ok: false };
  let v = u;
  if (v.kind === "Pointer") {
    const a = under(v.elem);
    if (a.kind === "Array") v = a;
  }
  switch (v.kind) {
    case "Basic":
      if (isString(v)) return { key: typInt, val: universeRune, ok: true };
      if (isInteger(v)) return { key: xIsUntypedConst ? typInt : t, val: null, ok: true };
      break;
    case "Array":
    case "Slice":
      return { key: typInt, val: v.elem, ok: true };
    case "Map":
      return { key: v.key, val: v.elem, ok: true };
    case "Chan":
      return { key: v.elem, val: null, ok: v.dir !== "send" };
    case "Signature": {
      // Go 1.23: func(yield func(K, V) bool).
      if (v.params.vars.length !== 1 || v.results.vars.length !== 0) break;
      const y = coreType(v.params.vars[0]!.type);
      if (y === null || y.kind !== "Signature" || y.results.vars.length !== 1 || y.params.vars.length > 2)
        break;
      const ps = y.params.vars;
      return { key: ps.length > 0 ? ps[0]!.type : null, val: ps.length > 1 ? ps[1]!.type : null, ok: true };
    }
  }
  return { key: null, val: null, ok: false };
}

function rangeStmt(check: Checker, s: ast.RangeStmt): void {
  const x = new Operand();
  expr(check, x, s.x);
  let key: Type | null = null;
  let val: Type | null = null;
  if (x.mode !== Mode.Invalid) {
    const untypedConst = isUntyped(x.type) && x.mode === Mode.Constant;
    if (untypedConst) convertUntyped(check, x, typInt);
    const r = rangeKeyVal(x.type, untypedConst);
    if (!r.ok) check.errorAt(s.x, "cannot range over expression");
    key = r.key;
    val = r.val;
  }
  check.openScope(s, "range");
  const lhs = [s.key, s.value];
  const rhs = [key, val];
  if (s.tok === ":=") {
    const vars: Var[] = [];
    for (let i = 0; i < 2; i++) {
      const e = lhs[i];
      if (e === null || e === undefined) continue;
      let obj: Var;
      if (e.kind === "Ident") {
        obj = new Var(check.fileName, e.pos, check.pkg, e.name, null);
        check.recordDef(e, obj);
        if (e.name !== "_") vars.push(obj);
      } else {
        check.errorAt(e, "cannot declare non-identifier");
        obj = new Var(check.fileName, e.pos, check.pkg, "_", null);
      }
      const t = rhs[i];
      if (t !== null && t !== undefined) {
        const y = new Operand();
        y.mode = Mode.Value;
        y.expr = e;
        y.type = t;
        check.untypedVars.add(obj);
        initVar(check, obj, y, "range clause");
        check.untypedVars.delete(obj);
      } else {
        obj.type = invalidType;
        obj.used = true;
      }
    }
    for (const obj of vars) check.declare(check.scope, null, obj, s.body.pos);
  } else {
    for (let i = 0; i < 2; i++) {
      const e = lhs[i];
      if (e === null || e === undefined) continue;
      const t = rhs[i];
      if (t !== null && t !== undefined) {
        const y = new Operand();
        y.mode = Mode.Value;
        y.expr = e;
        y.type = t;
        assignVar(check, e, y);
      } else {
        use(check, [e]);
      }
    }
  }
  stmt(check, s.body);
  check.closeScope();
}

// ---- labels ----

/** Declares the labels of a function body and resolves the branch statements that use them. */
function labels(check: Checker, body: ast.BlockStmt): void {
  const all = new Map<string, Label>();
  collectLabels(check, body.list, all);
  resolveBranches(check, body.list, all);
}

function collectLabels(check: Checker, list: readonly ast.Stmt[], all: Map<string, Label>): void {
  for (const s of list) collectLabelsIn(check, s, all);
}

function collectLabelsIn(check: Checker, s: ast.Stmt, all: Map<string, Label>): void {
  switch (s.kind) {
    case "LabeledStmt": {
      const name = s.label.name;
      if (name !== "_") {
        const lbl = new Label(check.fileName, s.label.pos, check.pkg, name);
        if (all.has(name)) check.errorAt(s.label, `label ${name} already declared`);
        else all.set(name, lbl);
        check.recordDef(s.label, lbl);
      } else {
        check.recordDef(s.label, null);
      }
      collectLabelsIn(check, s.stmt, all);
      return;
    }
    case "BlockStmt":
      collectLabels(check, s.list, all);
      return;
    case "IfStmt":
      collectLabelsIn(check, s.body, all);
      if (s.else !== null) collectLabelsIn(check, s.else, all);
      return;
    case "CaseClause":
    case "CommClause":
      collectLabels(check, s.body, all);
      return;
    case "SwitchStmt":
    case "TypeSwitchStmt":
    case "SelectStmt":
    case "ForStmt":
    case "RangeStmt":
      collectLabelsIn(check, s.body, all);
      return;
  }
}

function resolveBranches(check: Checker, list: readonly ast.Stmt[], all: Map<string, Label>): void {
  for (const s of list) resolveBranchesIn(check, s, all);
}

function resolveBranchesIn(check: Checker, s: ast.Stmt, all: Map<string, Label>): void {
  switch (s.kind) {
    case "BranchStmt":
      if (s.label !== null) {
        const lbl: Obj | undefined = all.get(s.label.name);
        if (lbl === undefined) check.errorAt(s.label, `label ${s.label.name} not declared`);
        else {
          (lbl as Label).used = true;
          check.recordUse(s.label, lbl);
        }
      }
      return;
    case "LabeledStmt":
      resolveBranchesIn(check, s.stmt, all);
      return;
    case "BlockStmt":
      resolveBranches(check, s.list, all);
      return;
    case "IfStmt":
      resolveBranchesIn(check, s.body, all);
      if (s.else !== null) resolveBranchesIn(check, s.else, all);
      return;
    case "CaseClause":
    case "CommClause":
      resolveBranches(check, s.body, all);
      return;
    case "SwitchStmt":
    case "TypeSwitchStmt":
    case "SelectStmt":
    case "ForStmt":
    case "RangeStmt":
      resolveBranchesIn(check, s.body, all);
      return;
  }
}
