// The type checker's entry point and state (go/types' Checker and Config.Check): checks the
// files of one package, recording what go/types' Info records. Errors in the checked code
// never stop it: whatever cannot be typed gets the invalid type, and checking goes on.

import type * as ast from "../../syntax/ast.js";
import type { Constant } from "../constant.js";
import { Selection, type SelectionKind } from "../lookup.js";
import type { TypeName } from "../objects.js";
import { type Func, type Obj, Package, type Var } from "../objects.js";
import { isUntyped } from "../predicates.js";
import { Scope } from "../scope.js";
import { type Basic, emptyTuple, type Signature, type Type } from "../types.js";
import "../universe.js";
import type { DeclInfo } from "./decl.js";
import { type Info, Mode, modeNames, newInfo, type Operand, type TypeAndValue } from "./info.js";
import { collectObjects, packageObjects } from "./resolver.js";

export type { Info, Instance, ModeName, TypeAndValue } from "./info.js";

import { incDecOperand } from "./stmt.js";

export { incDecOperand };

export interface CheckConfig {
  /** Resolves an import path (as written in this package) to a checked package; null when unavailable. */
  importer: (path: string) => Package | null;
  /** Check declarations only, not function bodies (for imported packages). */
  ignoreFuncBodies?: boolean;
  /** Language version of the package's module, e.g. "1.21". */
  goVersion?: string;
  /** Names of the files, parallel to `files`: the `file` of the objects they declare. */
  fileNames?: readonly string[];
  /**
   * The package is checked only to serve its importers, who read it through its exported
   * objects: nothing is recorded (Info stays empty), and only the exported package-level objects,
   * every method and what they refer to are typed (no importer can reach the rest).
   */
  forImporters?: boolean;
}

/** A type error, at a byte offset of a file. */
export interface TypeCheckError {
  file: string;
  pos: number;
  message: string;
}

export interface CheckResult {
  pkg: Package;
  info: Info;
  errors: TypeCheckError[];
}

/** The recorded type of an untyped expression until its final type is known. */
export interface UntypedInfo {
  /** The expression is the left operand of a non-constant shift: it must end up an integer. */
  isLhs: boolean;
  mode: number;
  type: Basic;
  val: Constant | null;
}

/** A file being checked: its scope and name. */
export interface FileInfo {
  scope: Scope;
  name: string;
  file: ast.File;
}

/** Most errors recorded per package: later ones are only follow-ups. */
const maxErrors = 1000;

export class Checker {
  /** The package's files, as checking adds them (Info's records are found from them). */
  readonly files: FileInfo[] = [];
  readonly info: Info = newInfo(this.files, (n) => (n.kind === "IncDecStmt" ? incDecOperand(n) : undefined));
  readonly errors: TypeCheckError[] = [];
  /** Package-level objects (and methods) with their declarations. */
  readonly objMap = new Map<Obj, DeclInfo>();
  /** Methods by receiver base type name, until the type is declared. */
  methods: Map<TypeName, Func[]> | null = null;
  /** Untyped expressions, recorded once their final type is known. */
  readonly untyped = new Map<ast.Expr, UntypedInfo>();
  /** Variables declared without a type, until their initializer gives them one. */
  readonly untypedVars = new Set<Var>();
  /** Function bodies and other work for after the package-level declarations. */
  readonly delayed: (() => void)[] = [];
  /** Blank receiver type parameters, which are not declared in a scope. */
  readonly recvTParamMap = new Map<ast.Ident, Type>();
  /** Shared TypeAndValue records by type and mode, for expressions that are not constants. */
  private readonly sharedRecords = new Map<Type, TypeAndValue[]>();
  /** Whether the Info maps are filled (not for a package checked for its importers). */
  readonly recording: boolean;

  // ---- the environment: where the checker is ----
  scope: Scope;
  /** The declaration whose initializer or body is being checked. */
  decl: DeclInfo | null = null;
  /** The value of iota in a constant declaration, else null. */
  iota: Constant | null = null;
  /** The signature of the function whose body is being checked. */
  sig: Signature | null = null;
  /** Name of the file being checked. */
  fileName = "";
  /** The function body has labels. */
  hasLabel = false;
  /** The expression being checked has a call or a channel receive (for len/cap constants). */
  hasCallOrRecv = false;

  constructor(
    readonly pkg: Package,
    readonly config: CheckConfig,
  ) {
    this.scope = pkg.scope;
    this.recording = config.forImporters !== true;
  }

  // ---- errors ----

  error(pos: number, message: string): void {
    if (this.errors.length < maxErrors) this.errors.push({ file: this.fileName, pos, message });
  }

  errorAt(node: ast.Node | null, message: string): void {
    this.error(node === null ? -1 : node.pos, message);
  }

  // ---- recording ----

  recordTypeAndValue(e: ast.Expr, mode: number, type: Type, val: Constant | null): void {
    if (mode === Mode.Invalid || !this.recording) return;
    if (mode === Mode.Constant) {
      this.info.types.set(e, { mode: "constant", type, value: val });
      return;
    }
    // Records without a value are shared by every expression of the same type and mode: a
    // package has millions of expressions and few distinct pairs, and each record kept alive
    // until the rules are done is garbage-collection work.
    let byMode = this.sharedRecords.get(type);
    if (byMode === undefined) {
      byMode = [];
      this.sharedRecords.set(type, byMode);
    }
    let tv = byMode[mode];
    if (tv === undefined) {
      tv = Object.freeze({ mode: modeNames[mode]!, type, value: null });
      byMode[mode] = tv;
    }
    this.info.types.set(e, tv);
  }

  /** Records x's expression, or remembers it until its final type is known if it is untyped. */
  record(x: Operand): void {
    const e = x.expr;
    if (e === null || x.mode === Mode.Invalid) return;
    if (x.mode === Mode.NoValue) {
      this.recordTypeAndValue(e, Mode.NoValue, emptyTuple, null);
      return;
    }
    const t = x.type;
    if (isUntyped(t)) {
      this.untyped.set(e, {
        isLhs: false,
        mode: x.mode,
        type: t as Basic,
        val: x.mode === Mode.Constant ? x.val : null,
      });
    } else {
      this.recordTypeAndValue(e, x.mode, t, x.mode === Mode.Constant ? x.val : null);
    }
  }

  recordDef(id: ast.Ident, obj: Obj | null): void {
    if (this.recording) this.info.defs.set(id, obj);
  }

  recordUse(id: ast.Ident, obj: Obj): void {
    if (this.recording) this.info.uses.set(id, obj);
  }

  recordImplicit(node: ast.Node, obj: Obj): void {
    if (this.recording) this.info.implicits.set(node, obj);
  }

  recordScope(node: ast.Node, scope: Scope): void {
    if (this.recording) this.info.scopes.set(node, scope);
  }

  recordSelection(
    e: ast.SelectorExpr,
    kind: SelectionKind,
    recv: Type,
    obj: Var | Func,
    index: readonly number[],
    indirect: boolean,
  ): void {
    this.recordUse(e.sel, obj);
    if (this.recording) this.info.selections.set(e, new Selection(kind, recv, obj, index, indirect));
  }

  /** Records an instance for the identifier of the generic in expr (x, p.x, x[...]). */
  recordInstance(expr: ast.Expr, typeArgs: Type[], type: Type): void {
    if (!this.recording) return;
    let e = expr;
    for (;;) {
      switch (e.kind) {
        case "Ident":
          this.info.instances.set(e, { typeArgs, type });
          return;
        case "SelectorExpr":
          e = e.sel;
          break;
        case "IndexExpr":
        case "IndexListExpr":
          e = e.x;
          break;
        case "ParenExpr":
          e = e.x;
          break;
        default:
          return;
      }
    }
  }

  /** Untyped expressions left at the end keep their untyped types. */
  recordUntyped(): void {
    for (const [e, u] of this.untyped) this.recordTypeAndValue(e, u.mode, u.type, u.val);
    this.untyped.clear();
  }

  // ---- scopes ----

  openScope(node: ast.Node, comment: string): void {
    const s = new Scope(this.scope, node.pos, node.end, comment);
    this.recordScope(node, s);
    this.scope = s;
  }

  closeScope(): void {
    this.scope = this.scope.parent!;
  }

  /** Declares obj in scope (unless it is `_`), visible from scopePos, and records id's definition. */
  declare(scope: Scope, id: ast.Ident | null, obj: Obj, scopePos: number): void {
    if (obj.name !== "_") {
      const alt = scope.insert(obj);
      if (alt !== null) {
        this.error(obj.pos, `${obj.name} redeclared in this block`);
        if (id !== null) this.recordDef(id, obj);
        return;
      }
      obj.scopePos = scopePos;
    }
    if (id !== null) this.recordDef(id, obj);
  }

  lookup(name: string): Obj | null {
    return this.scope.lookupParent(name, -1);
  }

  /** Runs the delayed actions queued from index top on, including those they queue. */
  processDelayed(top: number): void {
    for (let i = top; i < this.delayed.length; i++) this.guard(this.delayed[i]!);
    this.delayed.length = top;
  }

  /**
   * Runs a package-level step (a declaration, a function body). A body nested so deeply that
   * the JavaScript stack runs out is reported, and checking goes on with the next step.
   */
  guard(step: () => void): void {
    try {
      step();
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      this.error(-1, "expression nested too deeply to check");
      this.scope = this.pkg.scope;
      this.decl = null;
      this.iota = null;
      this.sig = null;
      this.hasLabel = false;
    }
  }
}

/** Checks the files of package `path` (go/types' Config.Check). */
export function checkPackage(path: string, files: readonly ast.File[], config: CheckConfig): CheckResult {
  const name = files.length > 0 ? files[0]!.name.name : "";
  const pkg = new Package(path, name === "_" ? "_" : name);
  const check = new Checker(pkg, config);
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const fileName = config.fileNames?.[i] ?? "";
    const scope = new Scope(pkg.scope, file.pos, file.end, `file ${JSON.stringify(fileName)}`);
    check.recordScope(file, scope);
    check.files.push({ scope, name: fileName, file });
  }
  collectObjects(check);
  packageObjects(check);
  check.processDelayed(0);
  check.recordUntyped();
  pkg.complete = true;
  return { pkg, info: check.info, errors: check.errors };
}
