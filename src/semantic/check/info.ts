// What the checker records about a package, shaped like go/types' Info, and the operand the
// expression checker passes around (go/types' operand).

import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";
import type { Constant } from "../constant.js";
import type { Selection } from "../lookup.js";
import type { Obj } from "../objects.js";
import type { Scope } from "../scope.js";
import { invalidType, type Type } from "../types.js";

/** go/types' operand modes, numbered for speed; modeNames gives the names. */
export const Mode = {
  Invalid: 0,
  NoValue: 1,
  Builtin: 2,
  TypExpr: 3,
  Constant: 4,
  Variable: 5,
  MapIndex: 6,
  Value: 7,
  CommaOk: 8,
  CommaErr: 9,
  CgoFunc: 10,
} as const;
export type Mode = (typeof Mode)[keyof typeof Mode];

export type ModeName =
  | "invalid"
  | "novalue"
  | "builtin"
  | "typexpr"
  | "constant"
  | "variable"
  | "mapindex"
  | "value"
  | "commaok"
  | "commaerr"
  | "cgofunc";

export const modeNames: readonly ModeName[] = [
  "invalid",
  "novalue",
  "builtin",
  "typexpr",
  "constant",
  "variable",
  "mapindex",
  "value",
  "commaok",
  "commaerr",
  "cgofunc",
];

/** The mode, type and constant value of a recorded expression (go/types' TypeAndValue). */
export interface TypeAndValue {
  /** Never "invalid": invalid expressions are not recorded, as in go/types. */
  readonly mode: ModeName;
  /** For "novalue", the empty tuple. */
  readonly type: Type;
  /** Set for constants only. */
  readonly value: Constant | null;
}

/**
 * A map from expressions to what the checker recorded about them, kept in a slot of the node
 * (ast.ts, ExprBase) instead of a hash table: a package records millions of expressions, and a
 * field write costs a fraction of a map insertion. Iteration is in the order nodes were first
 * recorded when the records keep a list of them (`listed`, for the ones analyses iterate: a
 * push per record is cheaper than a walk of the package), else in source order (a walk of the
 * package's files, for the tools that compare with go/types). A syntax tree is checked once
 * (Program parses every package it checks), so a slot always belongs to the one package that
 * checked it.
 */
export class NodeRecords<K extends ast.Expr, V> implements Iterable<[K, V]> {
  private readonly order: K[] | null;

  constructor(
    listed: boolean,
    private readonly roots: readonly { file: ast.File }[],
    /** An expression the checker made and recorded for a node of the tree (x++'s 1), if any. */
    private readonly synthetic: (node: ast.Node) => ast.Expr | undefined,
    private readonly holds: (node: ast.Node) => node is K,
    private readonly read: (node: K) => V | undefined,
    private readonly write: (node: K, value: V) => void,
  ) {
    this.order = listed ? [] : null;
  }

  get(node: K): V | undefined {
    return this.read(node);
  }

  has(node: K): boolean {
    return this.read(node) !== undefined;
  }

  set(node: K, value: V): this {
    if (this.order !== null && this.read(node) === undefined) this.order.push(node);
    this.write(node, value);
    return this;
  }

  /** Calls `f` with each recorded node and its record, in iteration order. */
  forEach(f: (value: V, node: K) => void): void {
    if (this.order !== null) {
      for (const n of this.order) f(this.read(n)!, n);
      return;
    }
    const visit = (n: ast.Node): void => {
      if (this.holds(n)) {
        const v = this.read(n);
        if (v !== undefined) f(v, n);
      }
    };
    for (const { file: root } of this.roots) {
      inspect(root, (n) => {
        visit(n);
        const made = this.synthetic(n);
        if (made !== undefined) visit(made);
        return true;
      });
    }
  }

  *[Symbol.iterator](): IterableIterator<[K, V]> {
    const found: [K, V][] = [];
    this.forEach((v, n) => {
      found.push([n, v]);
    });
    yield* found;
  }
}

const isExpr = (n: ast.Node): n is ast.Expr => "tv" in n;
const isIdent = (n: ast.Node): n is ast.Ident => n.kind === "Ident";

/** The slots' readers and writers (module functions, so that each call site sees one target). */
const readType = (e: ast.Expr): TypeAndValue | undefined => e.tv as TypeAndValue | undefined;
const writeType = (e: ast.Expr, tv: TypeAndValue): void => {
  e.tv = tv;
};
const readDef = (id: ast.Ident): Obj | null | undefined => id.def as Obj | null | undefined;
const writeDef = (id: ast.Ident, obj: Obj | null): void => {
  id.def = obj;
};
const readUse = (id: ast.Ident): Obj | undefined => id.use as Obj | undefined;
const writeUse = (id: ast.Ident, obj: Obj): void => {
  id.use = obj;
};

/** The checker's results, as go/types' Info. */
export interface Info {
  /** Expressions with their types: every expression go/types records, including type expressions. */
  types: NodeRecords<ast.Expr, TypeAndValue>;
  /** Identifiers that declare an object; null for the package clause's name, `_` assigned to, and a type switch's symbolic variable. */
  defs: NodeRecords<ast.Ident, Obj | null>;
  /** Identifiers that denote an object. */
  uses: NodeRecords<ast.Ident, Obj>;
  /** Objects declared without an identifier: ImportSpec → PkgName (unnamed import), CaseClause → Var (type switch), Field → Var (anonymous parameter). */
  implicits: Map<ast.Node, Obj>;
  selections: Map<ast.SelectorExpr, Selection>;
  /** Scopes of files, functions (keyed by their FuncType), blocks and statements. */
  scopes: Map<ast.Node, Scope>;
  /** Instantiations of generic types and functions, keyed by the identifier of the generic. */
  instances: Map<ast.Ident, Instance>;
}

export interface Instance {
  typeArgs: Type[];
  type: Type;
}

/**
 * The records of a package whose files are `files` (filled before anything is recorded), with
 * the expressions the checker makes for nodes of the tree.
 */
export function newInfo(
  files: readonly { file: ast.File }[],
  synthetic: (node: ast.Node) => ast.Expr | undefined,
): Info {
  return {
    types: new NodeRecords(false, files, synthetic, isExpr, readType, writeType),
    defs: new NodeRecords(false, files, synthetic, isIdent, readDef, writeDef),
    uses: new NodeRecords(true, files, synthetic, isIdent, readUse, writeUse),
    implicits: new Map(),
    selections: new Map(),
    scopes: new Map(),
    instances: new Map(),
  };
}

/** An expression being checked: its mode, type and, for constants, value. */
export class Operand {
  /** A Mode (a plain number, so that checks after calls that change it are not narrowed away). */
  mode: number = Mode.Invalid;
  expr: ast.Expr | null = null;
  type: Type = invalidType;
  val: Constant | null = null;
  /** For Mode.Builtin, the BuiltinId. */
  id = 0;

  set(o: Operand): void {
    this.mode = o.mode;
    this.expr = o.expr;
    this.type = o.type;
    this.val = o.val;
    this.id = o.id;
  }

  copy(): Operand {
    const o = new Operand();
    o.set(this);
    return o;
  }
}
