// A recursive-descent Go parser that builds the tree of ast.ts. Its grammar decisions, error
// recovery and comment attachment follow go/parser (Go 1.19 and later syntax), so that the trees
// compare node for node with go/parser's. It never throws: errors are collected, and input that
// nests too deeply ends the parse with an error instead of overflowing the stack.

import type * as ast from "./ast.js";
import * as T from "./scanner.js";
import { Scanner, tokenString } from "./scanner.js";
import { SourceFile } from "./source.js";

export interface ParseOptions {
  /**
   * "imports" stops after the import declarations (for loading packages); "declarations" skips
   * the statements of function bodies (each body is an empty block with its braces' positions),
   * for packages that are checked for their declarations only.
   */
  mode?: "full" | "imports" | "declarations";
  /** Stop after this many errors (go/parser's default is 10). */
  maxErrors?: number;
}

export interface SyntaxDiagnostic {
  pos: number;
  line: number;
  column: number;
  message: string;
}

export interface ParseResult {
  file: ast.File;
  source: SourceFile;
  errors: SyntaxDiagnostic[];
}

/** Formats a diagnostic as `file:line:col: message`, like gc. */
export function formatDiagnostic(filename: string, d: SyntaxDiagnostic): string {
  return `${filename}:${d.line}:${d.column}: ${d.message}`;
}

/** Parses one Go source file. Never throws. */
export function parseFile(
  filename: string,
  src: Uint8Array | string,
  options: ParseOptions = {},
): ParseResult {
  const source = new SourceFile(filename, src);
  const p = new Parser(source, options.maxErrors ?? 10, options.mode === "declarations");
  let file: ast.File;
  try {
    file = p.parseFile(options.mode === "imports");
  } catch (e) {
    if (e instanceof RangeError) {
      // The JavaScript stack ran out before our own nesting limit: report, do not crash.
      p.forceError(p.scanPos(), "exceeded max nesting depth");
    } else if (!(e instanceof Bailout)) {
      throw e;
    }
    file = p.partialFile();
  }
  return { file, source, errors: p.errors };
}

/** Thrown to abandon a parse (too many errors, or nesting too deep); caught in parseFile. */
class Bailout {}

/**
 * Deepest nesting of expressions, types, statements and composite literal values. go/parser
 * allows 100,000; real code never comes near 1,000, and a lower limit keeps every parse within
 * the JavaScript stack.
 */
const MAX_NEST = 1000;

type StmtMode = 0 | 1 | 2;
const BASIC: StmtMode = 0;
const LABEL_OK: StmtMode = 1;
const RANGE_OK: StmtMode = 2;

const stmtStart = new Set([
  T.BREAK,
  T.CONST,
  T.CONTINUE,
  T.DEFER,
  T.FALLTHROUGH,
  T.FOR,
  T.GO,
  T.GOTO,
  T.IF,
  T.RETURN,
  T.SELECT,
  T.SWITCH,
  T.TYPE,
  T.VAR,
]);
const declStart = new Set([T.CONST, T.TYPE, T.VAR]);
const exprEnd = new Set([T.COMMA, T.COLON, T.SEMICOLON, T.RPAREN, T.RBRACK, T.RBRACE]);

const litKinds: Record<number, ast.LitKind> = {
  [T.INT]: "INT",
  [T.FLOAT]: "FLOAT",
  [T.IMAG]: "IMAG",
  [T.CHAR]: "CHAR",
  [T.STRING]: "STRING",
};

/** A parameter as parsed before names and types are distributed (go/parser's `field`). */
interface ParamField {
  name: ast.Ident | null;
  type: ast.Expr | null;
}

class Parser {
  readonly errors: SyntaxDiagnostic[] = [];
  private readonly source: SourceFile;
  private readonly scanner: Scanner;
  private readonly maxErrors: number;
  private readonly skipBodies: boolean;

  // current token
  private tok = T.EOF;
  private pos = 0;
  private lit = "";
  private tokEnd = 0;
  /** Line of the current token; 0 before the first, so a leading comment is never a line comment. */
  private line = 0;

  // comments
  private comments: ast.CommentGroup[] = [];
  private leadComment: ast.CommentGroup | null = null;
  private lineComment: ast.CommentGroup | null = null;

  // error recovery
  private syncPos = 0;
  private syncCnt = 0;

  /** < 0 in control clauses (composite literals need parentheses), >= 0 otherwise. */
  private exprLev = 0;
  private nestLev = 0;

  // partial results, kept for a bailout
  private fileDoc: ast.CommentGroup | null = null;
  private packagePos = -1;
  private packageName: ast.Ident | null = null;
  private decls: ast.Decl[] = [];
  private imports: ast.ImportSpec[] = [];

  constructor(source: SourceFile, maxErrors: number, skipBodies: boolean) {
    this.source = source;
    this.maxErrors = maxErrors;
    this.skipBodies = skipBodies;
    this.scanner = new Scanner(source, (pos, msg) => this.error(pos, msg));
    this.next();
  }

  // ---- errors ----

  private error(pos: number, message: string): void {
    const n = this.errors.length;
    // Like go/parser: one error per line; the rest are likely follow-on errors.
    if (n > 0 && this.errors[n - 1]!.line === this.source.lineOf(pos)) return;
    if (n >= this.maxErrors) throw new Bailout();
    const { line, column } = this.source.position(pos);
    this.errors.push({ pos, line, column, message });
  }

  /** Records an error even past the limit (used once, when abandoning the parse). */
  forceError(pos: number, message: string): void {
    const { line, column } = this.source.position(pos);
    this.errors.push({ pos, line, column, message });
  }

  scanPos(): number {
    return this.pos;
  }

  private errorExpected(pos: number, what: string): void {
    let msg = `expected ${what}`;
    if (pos === this.pos) {
      if (this.tok === T.SEMICOLON && this.lit === "\n") msg += ", found newline";
      else if (T.isLiteral(this.tok)) msg += `, found ${this.lit}`;
      else msg += `, found '${tokenString[this.tok]}'`;
    }
    this.error(pos, msg);
  }

  private expect(tok: number): number {
    const pos = this.pos;
    if (this.tok !== tok) this.errorExpected(pos, `'${tokenString[tok]}'`);
    this.next(); // make progress
    return pos;
  }

  /** Like expect, but returns -1 when the token is missing (go/parser's expect2). */
  private expect2(tok: number): number {
    let pos = -1;
    if (this.tok === tok) pos = this.pos;
    else this.errorExpected(this.pos, `'${tokenString[tok]}'`);
    this.next();
    return pos;
  }

  private expectClosing(tok: number, context: string): number {
    if (this.tok !== tok && this.tok === T.SEMICOLON && this.lit === "\n") {
      this.error(this.pos, `missing ',' before newline in ${context}`);
      this.next();
    }
    return this.expect(tok);
  }

  private expectSemi(): void {
    // semicolon is optional before a closing ')' or '}'
    if (this.tok !== T.RPAREN && this.tok !== T.RBRACE) {
      switch (this.tok) {
        case T.COMMA:
          // permit a ',' instead of a ';' but complain
          this.errorExpected(this.pos, "';'");
          this.next();
          break;
        case T.SEMICOLON:
          this.next();
          break;
        default:
          this.errorExpected(this.pos, "';'");
          this.advance(stmtStart);
      }
    }
  }

  private atComma(context: string, follow: number): boolean {
    if (this.tok === T.COMMA) return true;
    if (this.tok !== follow) {
      let msg = "missing ','";
      if (this.tok === T.SEMICOLON && this.lit === "\n") msg += " before newline";
      this.error(this.pos, `${msg} in ${context}`);
      return true; // "insert" comma and continue
    }
    return false;
  }

  /** Skips to a token of `to`, making sure the parser progresses (go/parser's advance). */
  private advance(to: Set<number>): void {
    for (; this.tok !== T.EOF; this.next()) {
      if (to.has(this.tok)) {
        if (this.pos === this.syncPos && this.syncCnt < 10) {
          this.syncCnt++;
          return;
        }
        if (this.pos > this.syncPos) {
          this.syncPos = this.pos;
          this.syncCnt = 0;
          return;
        }
      }
    }
  }

  /**
   * Counts one level of nesting; callers decrement nestLev when they return. (No try/finally:
   * an exception ends the whole parse, so the count need not be restored.)
   */
  private enter(): void {
    if (++this.nestLev > MAX_NEST) {
      this.forceError(this.pos, "exceeded max nesting depth");
      throw new Bailout();
    }
  }

  // ---- tokens and comments ----

  private next0(): void {
    const s = this.scanner;
    s.next();
    this.tok = s.tok;
    this.pos = s.pos;
    this.lit = s.lit;
    this.tokEnd = s.end;
    this.line = s.tokLine;
  }

  private consumeComment(): [ast.Comment, number] {
    let endline = this.line;
    if (this.lit.charCodeAt(1) === 42) {
      for (let i = 0; i < this.lit.length; i++) if (this.lit.charCodeAt(i) === 10) endline++;
    }
    const comment: ast.Comment = { kind: "Comment", pos: this.pos, end: this.tokEnd, text: this.lit };
    this.next0();
    return [comment, endline];
  }

  private consumeCommentGroup(n: number): [ast.CommentGroup, number] {
    const list: ast.Comment[] = [];
    let endline = this.line;
    while (this.tok === T.COMMENT && this.line <= endline + n) {
      const [c, e] = this.consumeComment();
      list.push(c);
      endline = e;
    }
    const group: ast.CommentGroup = {
      kind: "CommentGroup",
      pos: list[0]!.pos,
      end: list[list.length - 1]!.end,
      list,
    };
    this.comments.push(group);
    return [group, endline];
  }

  /** Advances to the next non-comment token, grouping comments and noting lead/line comments. */
  private next(): void {
    this.leadComment = null;
    this.lineComment = null;
    const prevLine = this.line;
    this.next0();
    if (this.tok === T.COMMENT) {
      let comment: ast.CommentGroup | null = null;
      let endline: number;
      if (this.line === prevLine) {
        // on the same line as the previous token: not a lead comment, maybe a line comment
        [comment, endline] = this.consumeCommentGroup(0);
        if (this.line !== endline || this.tok === T.EOF) this.lineComment = comment;
      }
      endline = -1;
      while (this.tok === T.COMMENT) [comment, endline] = this.consumeCommentGroup(1);
      if (endline + 1 === this.line) this.leadComment = comment;
    }
  }

  // ---- identifiers and lists ----

  private parseIdent(): ast.Ident {
    const pos = this.pos;
    let name = "_";
    if (this.tok === T.IDENT) {
      name = this.lit;
      const end = this.tokEnd;
      this.next();
      return newIdent(pos, end, name);
    }
    this.expect(T.IDENT);
    return newIdent(pos, pos + 1, name);
  }

  private parseIdentList(): ast.Ident[] {
    const list = [this.parseIdent()];
    while (this.tok === T.COMMA) {
      this.next();
      list.push(this.parseIdent());
    }
    return list;
  }

  private parseExprList(): ast.Expr[] {
    const list = [this.checkExpr(this.parseExpr())];
    while (this.tok === T.COMMA) {
      this.next();
      list.push(this.checkExpr(this.parseExpr()));
    }
    return list;
  }

  /** An expression that must be a value, not a type (go/parser's parseRhs). */
  private parseRhs(): ast.Expr {
    return this.checkExpr(this.parseExpr());
  }

  /** An expression that may also be a type, but not `[...]T` (go/parser's parseRhsOrType). */
  private parseRhsOrType(): ast.Expr {
    return this.checkExprOrType(this.parseExpr());
  }

  /** Reports x when it is a type where a value is required. */
  private checkExpr(x: ast.Expr): ast.Expr {
    switch (unparen(x).kind) {
      case "BadExpr":
      case "Ident":
      case "BasicLit":
      case "FuncLit":
      case "CompositeLit":
      case "SelectorExpr":
      case "IndexExpr":
      case "IndexListExpr":
      case "SliceExpr":
      case "TypeAssertExpr":
      case "CallExpr":
      case "StarExpr":
      case "UnaryExpr":
      case "BinaryExpr":
        return x;
      default:
        this.errorExpected(x.pos, "expression");
        return bad(x.pos, this.safePos(x.end));
    }
  }

  /** Reports x when it is the raw type `[...]T` outside a composite literal. */
  private checkExprOrType(x: ast.Expr): ast.Expr {
    const t = unparen(x);
    if (t.kind === "ArrayType" && t.len !== null && t.len.kind === "Ellipsis") {
      this.error(t.len.pos, "expected array length, found '...'");
      return bad(x.pos, this.safePos(x.end));
    }
    return x;
  }

  private safePos(pos: number): number {
    return Math.min(pos, this.source.bytes.length);
  }

  // ---- types ----

  private parseType(): ast.Expr {
    const typ = this.tryIdentOrType();
    if (typ === null) {
      const pos = this.pos;
      this.errorExpected(pos, "type");
      this.advance(exprEnd);
      return bad(pos, this.pos);
    }
    return typ;
  }

  private parseQualifiedIdent(ident: ast.Ident | null): ast.Expr {
    const typ = this.parseTypeName(ident);
    if (this.tok === T.LBRACK) return this.parseTypeInstance(typ);
    return typ;
  }

  private parseTypeName(ident: ast.Ident | null): ast.Ident | ast.SelectorExpr {
    const x = ident ?? this.parseIdent();
    if (this.tok === T.PERIOD) {
      // x is a package name
      this.next();
      const sel = this.parseIdent();
      return { kind: "SelectorExpr", pos: x.pos, end: sel.end, x, sel, tv: undefined };
    }
    return x;
  }

  private parseArrayType(lbrack: number, len: ast.Expr | null): ast.ArrayType {
    if (len === null) {
      this.exprLev++;
      // always permit ellipsis for more fault-tolerant parsing
      if (this.tok === T.ELLIPSIS) {
        len = { kind: "Ellipsis", pos: this.pos, end: this.pos + 3, elt: null, tv: undefined };
        this.next();
      } else if (this.tok !== T.RBRACK) {
        len = this.parseRhs();
      }
      this.exprLev--;
    }
    if (this.tok === T.COMMA) {
      // Trailing commas are accepted in type parameter lists but not in array types.
      this.error(this.pos, "unexpected comma; expecting ]");
      this.next();
    }
    this.expect(T.RBRACK);
    const elt = this.parseType();
    return { kind: "ArrayType", pos: lbrack, end: elt.end, len, elt, tv: undefined };
  }

  /** After `x [`: an array or slice field type (`x [N]E`, `x []E`) or an instance `x[P, Q]`. */
  private parseArrayFieldOrTypeInstance(x: ast.Ident): [ast.Ident | null, ast.Expr] {
    const lbrack = this.expect(T.LBRACK);
    let trailingComma = -1;
    const args: ast.Expr[] = [];
    if (this.tok !== T.RBRACK) {
      this.exprLev++;
      args.push(this.parseRhs());
      while (this.tok === T.COMMA) {
        const comma = this.pos;
        this.next();
        if (this.tok === T.RBRACK) {
          trailingComma = comma;
          break;
        }
        args.push(this.parseRhs());
      }
      this.exprLev--;
    }
    const rbrack = this.expect(T.RBRACK);
    if (args.length === 0) {
      // x []E
      const elt = this.parseType();
      return [x, { kind: "ArrayType", pos: lbrack, end: elt.end, len: null, elt, tv: undefined }];
    }
    // x [P]E or x[P]
    if (args.length === 1) {
      const elt = this.tryIdentOrType();
      if (elt !== null) {
        if (trailingComma >= 0) this.error(trailingComma, "unexpected comma; expecting ]");
        return [x, { kind: "ArrayType", pos: lbrack, end: elt.end, len: args[0]!, elt, tv: undefined }];
      }
    }
    // x[P], x[P1, P2], ...
    return [null, packIndexExpr(x, lbrack, args, rbrack)];
  }

  private parseFieldDecl(): ast.Field {
    const doc = this.leadComment;
    let names: ast.Ident[] = [];
    let typ: ast.Expr;
    switch (this.tok) {
      case T.IDENT: {
        const name = this.parseIdent();
        if (
          this.tok === T.PERIOD ||
          this.tok === T.STRING ||
          this.tok === T.SEMICOLON ||
          this.tok === T.RBRACE
        ) {
          // embedded type
          typ = name;
          if (this.tok === T.PERIOD) typ = this.parseQualifiedIdent(name);
        } else {
          // name1, name2, ... T
          names = [name];
          while (this.tok === T.COMMA) {
            this.next();
            names.push(this.parseIdent());
          }
          // Careful dance: an embedded instance T[P1, P2] or a field T of array type []E / [P]E.
          if (names.length === 1 && this.tok === T.LBRACK) {
            const [n, t] = this.parseArrayFieldOrTypeInstance(name);
            typ = t;
            if (n === null) names = [];
          } else {
            typ = this.parseType();
          }
        }
        break;
      }
      case T.MUL: {
        const star = this.pos;
        this.next();
        let x: ast.Expr;
        if (this.tok === T.LPAREN) {
          // *(T)
          this.error(this.pos, "cannot parenthesize embedded type");
          this.next();
          x = this.parseQualifiedIdent(null);
          if (this.tok === T.RPAREN) this.next();
        } else {
          x = this.parseQualifiedIdent(null);
        }
        typ = { kind: "StarExpr", pos: star, end: x.end, x, tv: undefined };
        break;
      }
      case T.LPAREN: {
        this.error(this.pos, "cannot parenthesize embedded type");
        this.next();
        if (this.tok === T.MUL) {
          // (*T)
          const star = this.pos;
          this.next();
          const x = this.parseQualifiedIdent(null);
          typ = { kind: "StarExpr", pos: star, end: x.end, x, tv: undefined };
        } else {
          typ = this.parseQualifiedIdent(null);
        }
        if (this.tok === T.RPAREN) this.next();
        break;
      }
      default: {
        const pos = this.pos;
        this.errorExpected(pos, "field name or embedded type");
        this.advance(exprEnd);
        typ = bad(pos, this.pos);
      }
    }
    let tag: ast.BasicLit | null = null;
    if (this.tok === T.STRING) {
      tag = {
        kind: "BasicLit",
        pos: this.pos,
        end: this.tokEnd,
        litKind: "STRING",
        value: this.lit,
        tv: undefined,
      };
      this.next();
    }
    this.expectSemi(); // call before accessing lineComment
    return makeField(doc, names, typ, tag, this.lineComment);
  }

  private parseStructType(): ast.StructType {
    const pos = this.expect(T.STRUCT);
    const lbrace = this.expect(T.LBRACE);
    const list: ast.Field[] = [];
    // a field declaration cannot start with '(' but is accepted here for better errors
    while (this.tok === T.IDENT || this.tok === T.MUL || this.tok === T.LPAREN) {
      list.push(this.parseFieldDecl());
    }
    const rbrace = this.expect(T.RBRACE);
    return {
      kind: "StructType",
      pos,
      end: rbrace + 1,
      fields: { kind: "FieldList", pos: lbrace, end: rbrace + 1, opening: lbrace, list, closing: rbrace },
      tv: undefined,
    };
  }

  private parsePointerType(): ast.StarExpr {
    const star = this.expect(T.MUL);
    const x = this.parseType();
    return { kind: "StarExpr", pos: star, end: x.end, x, tv: undefined };
  }

  private parseDotsType(): ast.Ellipsis {
    const pos = this.expect(T.ELLIPSIS);
    const elt = this.parseType();
    return { kind: "Ellipsis", pos, end: elt.end, elt, tv: undefined };
  }

  private parseParamDecl(name: ast.Ident | null, typeSetsOK: boolean): ParamField {
    const f: ParamField = { name: null, type: null };
    let tok = this.tok;
    if (name !== null) {
      tok = T.IDENT; // force the IDENT case below
    } else if (typeSetsOK && this.tok === T.TILDE) {
      // "~" ...
      return { name: null, type: this.embeddedElem(null) };
    }
    switch (tok) {
      case T.IDENT:
        f.name = name ?? this.parseIdent();
        switch (this.tok) {
          case T.IDENT:
          case T.MUL:
          case T.ARROW:
          case T.FUNC:
          case T.CHAN:
          case T.MAP:
          case T.STRUCT:
          case T.INTERFACE:
          case T.LPAREN:
            // name type
            f.type = this.parseType();
            break;
          case T.LBRACK: {
            // name "[" type1, ..., typeN "]" or name "[" n "]" type
            const [n, t] = this.parseArrayFieldOrTypeInstance(f.name);
            f.name = n;
            f.type = t;
            break;
          }
          case T.ELLIPSIS:
            // name "..." type
            f.type = this.parseDotsType();
            return f; // don't allow ...type "|" ...
          case T.PERIOD:
            // name "." ...
            f.type = this.parseQualifiedIdent(f.name);
            f.name = null;
            break;
          case T.TILDE:
            if (typeSetsOK) {
              f.type = this.embeddedElem(null);
              return f;
            }
            break;
          case T.OR:
            if (typeSetsOK) {
              f.type = this.embeddedElem(f.name);
              f.name = null;
              return f;
            }
            break;
        }
        break;
      case T.MUL:
      case T.ARROW:
      case T.FUNC:
      case T.LBRACK:
      case T.CHAN:
      case T.MAP:
      case T.STRUCT:
      case T.INTERFACE:
      case T.LPAREN:
        // type
        f.type = this.parseType();
        break;
      case T.ELLIPSIS:
        // "..." type (always accepted)
        f.type = this.parseDotsType();
        return f;
      default:
        this.errorExpected(this.pos, "')'");
        this.advance(exprEnd);
    }
    // [name] type "|"
    if (typeSetsOK && this.tok === T.OR && f.type !== null) f.type = this.embeddedElem(f.type);
    return f;
  }

  private parseParameterList(name0: ast.Ident | null, typ0: ast.Expr | null, closing: number): ast.Field[] {
    // Type parameters are the only parameter list closed by ']'; type sets are ok there.
    const tparams = closing === T.RBRACK;
    const pos = name0 !== null ? name0.pos : this.pos;
    const list: ParamField[] = [];
    let named = 0; // parameters with an explicit name and type
    while (name0 !== null || (this.tok !== closing && this.tok !== T.EOF)) {
      let par: ParamField;
      if (typ0 !== null) {
        if (tparams) typ0 = this.embeddedElem(typ0);
        par = { name: name0, type: typ0 };
      } else {
        par = this.parseParamDecl(name0, tparams);
      }
      name0 = null; // first name was consumed if present
      typ0 = null; // first type was consumed if present
      if (par.name !== null || par.type !== null) {
        list.push(par);
        if (par.name !== null && par.type !== null) named++;
      }
      if (!this.atComma("parameter list", closing)) break;
      this.next();
    }
    if (list.length === 0) return [];

    // distribute parameter types
    if (named === 0) {
      // all unnamed => found names are type names
      for (const par of list) {
        if (par.name !== null) {
          par.type = par.name;
          par.name = null;
        }
      }
      if (tparams) this.error(pos, "type parameters must be named");
    } else if (named !== list.length) {
      // some named => all must be named
      let ok = true;
      let typ: ast.Expr | null = null;
      let missingName = pos;
      for (let i = list.length - 1; i >= 0; i--) {
        const par = list[i]!;
        if (par.type !== null) {
          typ = par.type;
          if (par.name === null) {
            ok = false;
            missingName = par.type.pos;
            par.name = newIdent(typ.pos, typ.pos + 1, "_");
          }
        } else if (typ !== null) {
          par.type = typ;
        } else {
          // only a name
          ok = false;
          missingName = par.name!.pos;
          par.type = bad(par.name!.pos, this.pos);
        }
      }
      if (!ok) {
        if (tparams) this.error(missingName, "type parameters must be named");
        else this.error(pos, "mixed named and unnamed parameters");
      }
    }

    const params: ast.Field[] = [];
    if (named === 0) {
      // types only
      for (const par of list) params.push(makeField(null, [], par.type!, null, null));
      return params;
    }
    // named parameters with types; consecutive names sharing one type node form one field
    let names: ast.Ident[] = [];
    let typ: ast.Expr | null = null;
    for (const par of list) {
      if (par.type !== typ) {
        if (names.length > 0) params.push(makeField(null, names, typ!, null, null));
        names = [];
        typ = par.type;
      }
      names.push(par.name!);
    }
    if (names.length > 0) params.push(makeField(null, names, typ!, null, null));
    return params;
  }

  /** Parses `[T any]` when the current token is `[`; null otherwise or when the list is empty. */
  private parseTypeParams(): ast.FieldList | null {
    if (this.tok !== T.LBRACK) return null;
    const opening = this.pos;
    this.next();
    const list = this.parseParameterList(null, null, T.RBRACK);
    const rbrack = this.expect(T.RBRACK);
    const tparams: ast.FieldList = {
      kind: "FieldList",
      pos: opening,
      end: rbrack + 1,
      opening,
      list,
      closing: rbrack,
    };
    // Type parameter lists must not be empty.
    if (numFields(tparams) === 0) {
      this.error(rbrack, "empty type parameter list");
      return null;
    }
    return tparams;
  }

  /** Parses `(params)`. */
  private parseParameters(): ast.FieldList {
    const opening = this.expect(T.LPAREN);
    const fields = this.tok !== T.RPAREN ? this.parseParameterList(null, null, T.RPAREN) : [];
    const rparen = this.expect(T.RPAREN);
    return { kind: "FieldList", pos: opening, end: rparen + 1, opening, list: fields, closing: rparen };
  }

  private parseResult(): ast.FieldList | null {
    if (this.tok === T.LPAREN) return this.parseParameters();
    const typ = this.tryIdentOrType();
    if (typ !== null) {
      const field = makeField(null, [], typ, null, null);
      return { kind: "FieldList", pos: field.pos, end: field.end, opening: -1, list: [field], closing: -1 };
    }
    return null;
  }

  private parseFuncType(): ast.FuncType {
    const pos = this.expect(T.FUNC);
    const tparams = this.parseTypeParams();
    const params = this.parseParameters();
    if (tparams !== null) this.error(tparams.pos, "function type must have no type parameters");
    const results = this.parseResult();
    return funcType(pos, null, params, results);
  }

  private parseMethodSpec(): ast.Field {
    const doc = this.leadComment;
    let names: ast.Ident[] = [];
    let typ: ast.Expr;
    const x = this.parseTypeName(null);
    if (x.kind === "Ident") {
      const ident = x;
      if (this.tok === T.LBRACK) {
        // generic method or embedded instantiated type
        const lbrack = this.pos;
        this.next();
        this.exprLev++;
        const x0 = this.parseExpr();
        this.exprLev--;
        if (x0.kind === "Ident" && this.tok !== T.COMMA && this.tok !== T.RBRACK) {
          // generic method m[T any]: interface methods have no type parameters; parsed for
          // recovery and a precise error.
          const list = this.parseParameterList(x0, null, T.RBRACK);
          const rbrack = this.expect(T.RBRACK);
          this.error(lbrack, "interface method must have no type parameters");
          const tparams: ast.FieldList = {
            kind: "FieldList",
            pos: lbrack,
            end: rbrack + 1,
            opening: lbrack,
            list,
            closing: rbrack,
          };
          const params = this.parseParameters();
          const results = this.parseResult();
          names = [ident];
          typ = funcType(-1, tparams, params, results);
        } else {
          // embedded instantiated type
          const list = [x0];
          if (this.atComma("type argument list", T.RBRACK)) {
            this.exprLev++;
            this.next();
            while (this.tok !== T.RBRACK && this.tok !== T.EOF) {
              list.push(this.parseType());
              if (!this.atComma("type argument list", T.RBRACK)) break;
              this.next();
            }
            this.exprLev--;
          }
          const rbrack = this.expectClosing(T.RBRACK, "type argument list");
          typ = packIndexExpr(ident, lbrack, list, rbrack);
        }
      } else if (this.tok === T.LPAREN) {
        // ordinary method
        names = [ident];
        const params = this.parseParameters();
        const results = this.parseResult();
        typ = funcType(-1, null, params, results);
      } else {
        // embedded type
        typ = x;
      }
    } else {
      // embedded, possibly instantiated type
      typ = x;
      if (this.tok === T.LBRACK) typ = this.parseTypeInstance(typ);
    }
    // The line comment is added by the caller: the field may be joined with more terms by '|'.
    return makeField(doc, names, typ, null, null);
  }

  private embeddedElem(x: ast.Expr | null): ast.Expr {
    let e = x ?? this.embeddedTerm();
    while (this.tok === T.OR) {
      const opPos = this.pos;
      this.next();
      const y = this.embeddedTerm();
      e = { kind: "BinaryExpr", pos: e.pos, end: y.end, x: e, opPos, op: "|", y, tv: undefined };
    }
    return e;
  }

  private embeddedTerm(): ast.Expr {
    if (this.tok === T.TILDE) {
      const pos = this.pos;
      this.next();
      const x = this.parseType();
      return { kind: "UnaryExpr", pos, end: x.end, op: "~", x, tv: undefined };
    }
    const t = this.tryIdentOrType();
    if (t === null) {
      const pos = this.pos;
      this.errorExpected(pos, "~ term or type");
      this.advance(exprEnd);
      return bad(pos, this.pos);
    }
    return t;
  }

  private parseInterfaceType(): ast.InterfaceType {
    const pos = this.expect(T.INTERFACE);
    const lbrace = this.expect(T.LBRACE);
    const list: ast.Field[] = [];
    for (;;) {
      if (this.tok === T.IDENT) {
        const f = this.parseMethodSpec();
        if (f.names.length === 0) {
          f.type = this.embeddedElem(f.type);
          f.end = f.type.end;
        }
        this.expectSemi();
        f.comment = this.lineComment;
        list.push(f);
      } else if (this.tok === T.TILDE) {
        const typ = this.embeddedElem(null);
        this.expectSemi();
        list.push(makeField(null, [], typ, null, this.lineComment));
      } else {
        const t = this.tryIdentOrType();
        if (t === null) break;
        const typ = this.embeddedElem(t);
        this.expectSemi();
        list.push(makeField(null, [], typ, null, this.lineComment));
      }
    }
    const rbrace = this.expect(T.RBRACE);
    return {
      kind: "InterfaceType",
      pos,
      end: rbrace + 1,
      methods: { kind: "FieldList", pos: lbrace, end: rbrace + 1, opening: lbrace, list, closing: rbrace },
      tv: undefined,
    };
  }

  private parseMapType(): ast.MapType {
    const pos = this.expect(T.MAP);
    this.expect(T.LBRACK);
    const key = this.parseType();
    this.expect(T.RBRACK);
    const value = this.parseType();
    return { kind: "MapType", pos, end: value.end, key, value, tv: undefined };
  }

  private parseChanType(): ast.ChanType {
    const pos = this.pos;
    let dir: ast.ChanDir = "both";
    let arrow = -1;
    if (this.tok === T.CHAN) {
      this.next();
      if (this.tok === T.ARROW) {
        arrow = this.pos;
        this.next();
        dir = "send";
      }
    } else {
      arrow = this.expect(T.ARROW);
      this.expect(T.CHAN);
      dir = "recv";
    }
    const value = this.parseType();
    return { kind: "ChanType", pos, end: value.end, arrow, dir, value, tv: undefined };
  }

  private parseTypeInstance(typ: ast.Expr): ast.Expr {
    const opening = this.expect(T.LBRACK);
    this.exprLev++;
    const list: ast.Expr[] = [];
    while (this.tok !== T.RBRACK && this.tok !== T.EOF) {
      list.push(this.parseType());
      if (!this.atComma("type argument list", T.RBRACK)) break;
      this.next();
    }
    this.exprLev--;
    const closing = this.expectClosing(T.RBRACK, "type argument list");
    if (list.length === 0) {
      this.errorExpected(closing, "type argument list");
      return {
        kind: "IndexExpr",
        pos: typ.pos,
        end: closing + 1,
        x: typ,
        lbrack: opening,
        index: bad(opening + 1, closing),
        rbrack: closing,
        tv: undefined,
      };
    }
    return packIndexExpr(typ, opening, list, closing);
  }

  private tryIdentOrType(): ast.Expr | null {
    this.enter();
    const x = this.tryIdentOrTypeInner();
    this.nestLev--;
    return x;
  }

  private tryIdentOrTypeInner(): ast.Expr | null {
    switch (this.tok) {
      case T.IDENT: {
        const typ = this.parseTypeName(null);
        if (this.tok === T.LBRACK) return this.parseTypeInstance(typ);
        return typ;
      }
      case T.LBRACK: {
        const lbrack = this.expect(T.LBRACK);
        return this.parseArrayType(lbrack, null);
      }
      case T.STRUCT:
        return this.parseStructType();
      case T.MUL:
        return this.parsePointerType();
      case T.FUNC:
        return this.parseFuncType();
      case T.INTERFACE:
        return this.parseInterfaceType();
      case T.MAP:
        return this.parseMapType();
      case T.CHAN:
      case T.ARROW:
        return this.parseChanType();
      case T.LPAREN: {
        const lparen = this.pos;
        this.next();
        const x = this.parseType();
        const rparen = this.expect(T.RPAREN);
        return { kind: "ParenExpr", pos: lparen, end: rparen + 1, x, tv: undefined };
      }
    }
    return null;
  }

  // ---- blocks ----

  private parseStmtList(): ast.Stmt[] {
    const list: ast.Stmt[] = [];
    while (this.tok !== T.CASE && this.tok !== T.DEFAULT && this.tok !== T.RBRACE && this.tok !== T.EOF) {
      list.push(this.parseStmt());
    }
    return list;
  }

  private parseBlockStmt(): ast.BlockStmt {
    const lbrace = this.expect(T.LBRACE);
    const list = this.parseStmtList();
    const rbrace = this.expect2(T.RBRACE);
    return blockStmt(lbrace, list, rbrace);
  }

  // ---- expressions ----

  private parseFuncTypeOrLit(): ast.Expr {
    const typ = this.parseFuncType();
    if (this.tok !== T.LBRACE) return typ; // function type only
    this.exprLev++;
    const body = this.parseBlockStmt();
    this.exprLev--;
    return { kind: "FuncLit", pos: typ.pos, end: body.end, type: typ, body, tv: undefined };
  }

  private parseOperand(): ast.Expr {
    switch (this.tok) {
      case T.IDENT:
        return this.parseIdent();
      case T.INT:
      case T.FLOAT:
      case T.IMAG:
      case T.CHAR:
      case T.STRING: {
        const x: ast.BasicLit = {
          kind: "BasicLit",
          pos: this.pos,
          end: this.tokEnd,
          litKind: litKinds[this.tok]!,
          value: this.lit,
          tv: undefined,
        };
        this.next();
        return x;
      }
      case T.LPAREN: {
        const lparen = this.pos;
        this.next();
        this.exprLev++;
        const x = this.parseRhsOrType(); // types may be parenthesized: (some type)
        this.exprLev--;
        const rparen = this.expect(T.RPAREN);
        return { kind: "ParenExpr", pos: lparen, end: rparen + 1, x, tv: undefined };
      }
      case T.FUNC:
        return this.parseFuncTypeOrLit();
    }
    const typ = this.tryIdentOrType(); // could be the type of a composite literal or conversion
    if (typ !== null) return typ;
    const pos = this.pos;
    this.errorExpected(pos, "operand");
    this.advance(stmtStart);
    return bad(pos, this.pos);
  }

  private parseSelector(x: ast.Expr): ast.Expr {
    const sel = this.parseIdent();
    return { kind: "SelectorExpr", pos: x.pos, end: sel.end, x, sel, tv: undefined };
  }

  private parseTypeAssertion(x: ast.Expr): ast.Expr {
    this.expect(T.LPAREN);
    let type: ast.Expr | null = null;
    if (this.tok === T.TYPE) {
      // type switch: type == null
      this.next();
    } else {
      type = this.parseType();
    }
    const rparen = this.expect(T.RPAREN);
    return { kind: "TypeAssertExpr", pos: x.pos, end: rparen + 1, x, type, tv: undefined };
  }

  private parseIndexOrSliceOrInstance(x: ast.Expr): ast.Expr {
    const lbrack = this.expect(T.LBRACK);
    if (this.tok === T.RBRACK) {
      // empty index: accepted for tolerance, with an error
      this.errorExpected(this.pos, "operand");
      const rbrack = this.pos;
      this.next();
      return {
        kind: "IndexExpr",
        pos: x.pos,
        end: rbrack + 1,
        x,
        lbrack,
        index: bad(rbrack, rbrack),
        rbrack,
        tv: undefined,
      };
    }
    this.exprLev++;
    const index: (ast.Expr | null)[] = [null, null, null];
    const colons = [-1, -1];
    const args: ast.Expr[] = [];
    if (this.tok !== T.COLON) {
      // An index or a type instance: we cannot know which yet.
      index[0] = this.parseRhsOrType();
    }
    let ncolons = 0;
    if (this.tok === T.COLON) {
      // slice expression
      while (this.tok === T.COLON && ncolons < 2) {
        colons[ncolons] = this.pos;
        ncolons++;
        this.next();
        if (this.tok !== T.COLON && this.tok !== T.RBRACK && this.tok !== T.EOF) {
          index[ncolons] = this.parseRhs();
        }
      }
    } else if (this.tok === T.COMMA) {
      // instance expression
      args.push(index[0]!);
      while (this.tok === T.COMMA) {
        this.next();
        if (this.tok !== T.RBRACK && this.tok !== T.EOF) args.push(this.parseType());
      }
    }
    this.exprLev--;
    const rbrack = this.expect(T.RBRACK);
    if (ncolons > 0) {
      let slice3 = false;
      if (ncolons === 2) {
        slice3 = true;
        // 2nd and 3rd index are required in a 3-index slice
        if (index[1] === null) {
          this.error(colons[0]!, "2nd index required in 3-index slice");
          index[1] = bad(colons[0]! + 1, colons[1]!);
        }
        if (index[2] === null) {
          this.error(colons[1]!, "3rd index required in 3-index slice");
          index[2] = bad(colons[1]! + 1, rbrack);
        }
      }
      return {
        kind: "SliceExpr",
        pos: x.pos,
        end: rbrack + 1,
        x,
        low: index[0]!,
        high: index[1]!,
        max: index[2]!,
        slice3,
        tv: undefined,
      };
    }
    return packIndexExpr(x, lbrack, args.length === 0 ? [index[0]!] : args, rbrack);
  }

  private parseCallOrConversion(fun: ast.Expr): ast.CallExpr {
    const lparen = this.expect(T.LPAREN);
    this.exprLev++;
    const args: ast.Expr[] = [];
    let ellipsis = -1;
    while (this.tok !== T.RPAREN && this.tok !== T.EOF && ellipsis < 0) {
      args.push(this.parseRhsOrType()); // builtins may expect a type: make(some type, ...)
      if (this.tok === T.ELLIPSIS) {
        ellipsis = this.pos;
        this.next();
      }
      if (!this.atComma("argument list", T.RPAREN)) break;
      this.next();
    }
    this.exprLev--;
    const rparen = this.expectClosing(T.RPAREN, "argument list");
    return {
      kind: "CallExpr",
      pos: fun.pos,
      end: rparen + 1,
      fun,
      lparen,
      args,
      ellipsis,
      rparen,
      tv: undefined,
    };
  }

  private parseValue(): ast.Expr {
    if (this.tok === T.LBRACE) return this.parseLiteralValue(null);
    return this.checkExpr(this.parseExpr());
  }

  private parseElement(): ast.Expr {
    const x = this.parseValue();
    if (this.tok === T.COLON) {
      this.next();
      const value = this.parseValue();
      return { kind: "KeyValueExpr", pos: x.pos, end: value.end, key: x, value, tv: undefined };
    }
    return x;
  }

  private parseLiteralValue(type: ast.Expr | null): ast.CompositeLit {
    this.enter();
    const lbrace = this.expect(T.LBRACE);
    const elts: ast.Expr[] = [];
    this.exprLev++;
    while (this.tok !== T.RBRACE && this.tok !== T.EOF) {
      elts.push(this.parseElement());
      if (!this.atComma("composite literal", T.RBRACE)) break;
      this.next();
    }
    this.exprLev--;
    const rbrace = this.expectClosing(T.RBRACE, "composite literal");
    this.nestLev--;
    return {
      kind: "CompositeLit",
      pos: type !== null ? type.pos : lbrace,
      end: rbrace + 1,
      type,
      lbrace,
      elts,
      rbrace,
      incomplete: false,
      tv: undefined,
    };
  }

  private parsePrimaryExpr(x: ast.Expr | null): ast.Expr {
    let e = x ?? this.parseOperand();
    for (;;) {
      switch (this.tok) {
        case T.PERIOD:
          this.next();
          if (this.tok === T.IDENT) {
            e = this.parseSelector(this.checkExprOrType(e));
          } else if (this.tok === T.LPAREN) {
            e = this.parseTypeAssertion(this.checkExpr(e));
          } else {
            const pos = this.pos;
            this.errorExpected(pos, "selector or type assertion");
            if (this.tok !== T.RBRACE) this.next(); // make progress
            const sel: ast.Ident = newIdent(pos, pos + 1, "_");
            e = { kind: "SelectorExpr", pos: e.pos, end: sel.end, x: e, sel, tv: undefined };
          }
          break;
        case T.LBRACK:
          e = this.parseIndexOrSliceOrInstance(this.checkExpr(e));
          break;
        case T.LPAREN:
          e = this.parseCallOrConversion(this.checkExprOrType(e));
          break;
        case T.LBRACE: {
          // Does '{' start a composite literal or a block? The operand may be a parenthesized
          // literal type: accepted, with an error.
          const t = unparen(e);
          switch (t.kind) {
            case "BadExpr":
            case "Ident":
            case "SelectorExpr":
            case "IndexExpr":
            case "IndexListExpr":
              if (this.exprLev < 0) return e;
              break; // possibly a composite literal type
            case "ArrayType":
            case "StructType":
            case "MapType":
              break; // a composite literal type
            default:
              return e;
          }
          if (t !== e) this.error(t.pos, "cannot parenthesize type in composite literal");
          e = this.parseLiteralValue(e);
          break;
        }
        default:
          return e;
      }
    }
  }

  private parseUnaryExpr(): ast.Expr {
    this.enter();
    const x = this.parseUnaryExprInner();
    this.nestLev--;
    return x;
  }

  private parseUnaryExprInner(): ast.Expr {
    switch (this.tok) {
      case T.ADD:
      case T.SUB:
      case T.NOT:
      case T.XOR:
      case T.AND:
      case T.TILDE: {
        const pos = this.pos;
        const op = tokenString[this.tok] as ast.UnaryOp;
        this.next();
        const x = this.checkExpr(this.parseUnaryExpr());
        return { kind: "UnaryExpr", pos, end: x.end, op, x, tv: undefined };
      }
      case T.ARROW: {
        // channel type or receive expression
        let arrow = this.pos;
        this.next();
        const x = this.parseUnaryExpr();
        if (x.kind === "ChanType") {
          // (<-type): re-associate the arrow with the channel type parsed already:
          //   <- (chan T)    =>  (<-chan T)
          //   <- (chan<- T)  =>  (<-chan (<-T))
          let dir: ast.ChanDir = "send";
          let typ: ast.Expr = x;
          while (typ.kind === "ChanType" && dir === "send") {
            if (typ.dir === "recv") {
              // error: (<-type) is (<-(<-chan T))
              this.errorExpected(typ.arrow, "'chan'");
            }
            const nextArrow = typ.arrow;
            typ.pos = arrow;
            typ.arrow = arrow;
            arrow = nextArrow;
            dir = typ.dir;
            typ.dir = "recv";
            typ = typ.value;
          }
          if (dir === "send") this.errorExpected(arrow, "channel type");
          return x;
        }
        // <-(expr)
        const operand = this.checkExpr(x);
        return { kind: "UnaryExpr", pos: arrow, end: operand.end, op: "<-", x: operand, tv: undefined };
      }
      case T.MUL: {
        // pointer type or unary "*" expression
        const pos = this.pos;
        this.next();
        const x = this.checkExprOrType(this.parseUnaryExpr());
        return { kind: "StarExpr", pos, end: x.end, x, tv: undefined };
      }
    }
    return this.parsePrimaryExpr(null);
  }

  /** Binary expressions of precedence >= prec1; `check` requires value operands. */
  private parseBinaryExpr(x: ast.Expr | null, prec1: number, check: boolean): ast.Expr {
    let e = x ?? this.parseUnaryExpr();
    for (;;) {
      const op = this.tok;
      const oprec = T.precedence[op]!;
      if (oprec < prec1) return e;
      const opPos = this.expect(op);
      let y = this.parseBinaryExpr(null, oprec + 1, check);
      if (check) {
        e = this.checkExpr(e);
        y = this.checkExpr(y);
      }
      e = {
        kind: "BinaryExpr",
        pos: e.pos,
        end: y.end,
        x: e,
        opPos,
        op: tokenString[op] as ast.BinaryOp,
        y,
        tv: undefined,
      };
    }
  }

  private parseExpr(): ast.Expr {
    return this.parseBinaryExpr(null, 1, true);
  }

  // ---- statements ----

  private parseSimpleStmt(mode: StmtMode): [ast.Stmt, boolean] {
    const x = this.parseExprList();
    switch (this.tok) {
      case T.DEFINE:
      case T.ASSIGN:
      case T.ADD_ASSIGN:
      case T.SUB_ASSIGN:
      case T.MUL_ASSIGN:
      case T.QUO_ASSIGN:
      case T.REM_ASSIGN:
      case T.AND_ASSIGN:
      case T.OR_ASSIGN:
      case T.XOR_ASSIGN:
      case T.SHL_ASSIGN:
      case T.SHR_ASSIGN:
      case T.AND_NOT_ASSIGN: {
        // assignment statement, possibly part of a range clause
        const tokPos = this.pos;
        const tok = this.tok;
        this.next();
        let y: ast.Expr[];
        let isRange = false;
        if (mode === RANGE_OK && this.tok === T.RANGE && (tok === T.DEFINE || tok === T.ASSIGN)) {
          const pos = this.pos;
          this.next();
          const rx = this.parseRhs();
          y = [{ kind: "UnaryExpr", pos, end: rx.end, op: "range" as ast.UnaryOp, x: rx, tv: undefined }];
          isRange = true;
        } else {
          y = this.parseExprList();
        }
        if (tok === T.DEFINE) {
          for (const l of x)
            if (l.kind !== "Ident") this.errorExpected(l.pos, "identifier on left side of :=");
        }
        const as: ast.AssignStmt = {
          kind: "AssignStmt",
          pos: x[0]!.pos,
          end: y[y.length - 1]!.end,
          lhs: x,
          tokPos,
          tok: tokenString[tok] as ast.AssignOp,
          rhs: y,
        };
        return [as, isRange];
      }
    }
    if (x.length > 1) this.errorExpected(x[0]!.pos, "1 expression"); // continue with first expression
    const x0 = x[0]!;
    switch (this.tok) {
      case T.COLON: {
        // labeled statement
        const colon = this.pos;
        this.next();
        if (mode === LABEL_OK && x0.kind === "Ident") {
          const stmt = this.parseStmt();
          return [{ kind: "LabeledStmt", pos: x0.pos, end: stmt.end, label: x0, stmt }, false];
        }
        this.error(colon, "illegal label declaration");
        return [{ kind: "BadStmt", pos: x0.pos, end: colon + 1 }, false];
      }
      case T.ARROW: {
        // send statement
        const arrow = this.pos;
        this.next();
        const value = this.parseRhs();
        return [{ kind: "SendStmt", pos: x0.pos, end: value.end, chan: x0, arrow, value }, false];
      }
      case T.INC:
      case T.DEC: {
        const s: ast.IncDecStmt = {
          kind: "IncDecStmt",
          pos: x0.pos,
          end: this.pos + 2,
          x: x0,
          tok: this.tok === T.INC ? "++" : "--",
        };
        this.next();
        return [s, false];
      }
    }
    return [{ kind: "ExprStmt", pos: x0.pos, end: x0.end, x: x0 }, false];
  }

  private parseCallExpr(callType: string): ast.CallExpr | null {
    const x = this.parseRhsOrType(); // could be a conversion: (some type)(x)
    if (x.kind === "CallExpr") return x;
    if (x.kind !== "BadExpr") {
      // only report error if it's a new one
      this.error(x.end, `function must be invoked in ${callType} statement`);
    }
    return null;
  }

  private parseGoOrDeferStmt(kind: "GoStmt" | "DeferStmt"): ast.Stmt {
    const keyword = kind === "GoStmt" ? "go" : "defer";
    const pos = this.expect(kind === "GoStmt" ? T.GO : T.DEFER);
    const call = this.parseCallExpr(keyword);
    this.expectSemi();
    if (call === null) return { kind: "BadStmt", pos, end: pos + keyword.length };
    return { kind, pos, end: call.end, call };
  }

  private parseReturnStmt(): ast.ReturnStmt {
    const pos = this.pos;
    this.expect(T.RETURN);
    let results: ast.Expr[] = [];
    if (this.tok !== T.SEMICOLON && this.tok !== T.RBRACE) results = this.parseExprList();
    this.expectSemi();
    const end = results.length > 0 ? results[results.length - 1]!.end : pos + 6;
    return { kind: "ReturnStmt", pos, end, results };
  }

  private parseBranchStmt(tok: number): ast.BranchStmt {
    const pos = this.expect(tok);
    let label: ast.Ident | null = null;
    if (tok !== T.FALLTHROUGH && this.tok === T.IDENT) label = this.parseIdent();
    this.expectSemi();
    const spelling = tokenString[tok] as ast.BranchStmt["tok"];
    return {
      kind: "BranchStmt",
      pos,
      end: label !== null ? label.end : pos + spelling.length,
      tok: spelling,
      label,
    };
  }

  private makeExpr(s: ast.Stmt | null, want: string): ast.Expr | null {
    if (s === null) return null;
    if (s.kind === "ExprStmt") return this.checkExpr(s.x);
    const found = s.kind === "AssignStmt" ? "assignment" : "simple statement";
    this.error(s.pos, `expected ${want}, found ${found} (missing parentheses around composite literal?)`);
    return bad(s.pos, s.end);
  }

  private parseIfHeader(): [ast.Stmt | null, ast.Expr] {
    if (this.tok === T.LBRACE) {
      this.error(this.pos, "missing condition in if statement");
      return [null, bad(this.pos, this.pos)];
    }
    const prevLev = this.exprLev;
    this.exprLev = -1;
    let init: ast.Stmt | null = null;
    if (this.tok !== T.SEMICOLON) {
      // accept potential variable declaration but complain
      if (this.tok === T.VAR) {
        this.next();
        this.error(this.pos, "var declaration not allowed in 'IF' initializer");
      }
      init = this.parseSimpleStmt(BASIC)[0];
    }
    let condStmt: ast.Stmt | null = null;
    let semiPos = -1;
    let semiLit = "";
    if (this.tok !== T.LBRACE) {
      if (this.tok === T.SEMICOLON) {
        semiPos = this.pos;
        semiLit = this.lit;
        this.next();
      } else {
        this.expect(T.SEMICOLON);
      }
      if (this.tok !== T.LBRACE) condStmt = this.parseSimpleStmt(BASIC)[0];
    } else {
      condStmt = init;
      init = null;
    }
    let cond: ast.Expr | null = null;
    if (condStmt !== null) {
      cond = this.makeExpr(condStmt, "boolean expression");
    } else if (semiPos >= 0) {
      if (semiLit === "\n") this.error(semiPos, "unexpected newline, expecting { after if clause");
      else this.error(semiPos, "missing condition in if statement");
    }
    if (cond === null) cond = bad(this.pos, this.pos);
    this.exprLev = prevLev;
    return [init, cond];
  }

  private parseIfStmt(): ast.IfStmt {
    this.enter();
    const pos = this.expect(T.IF);
    const [init, cond] = this.parseIfHeader();
    const body = this.parseBlockStmt();
    let elseStmt: ast.Stmt | null = null;
    if (this.tok === T.ELSE) {
      this.next();
      if (this.tok === T.IF) {
        elseStmt = this.parseIfStmt();
      } else if (this.tok === T.LBRACE) {
        elseStmt = this.parseBlockStmt();
        this.expectSemi();
      } else {
        this.errorExpected(this.pos, "if statement or block");
        elseStmt = { kind: "BadStmt", pos: this.pos, end: this.pos };
      }
    } else {
      this.expectSemi();
    }
    this.nestLev--;
    return {
      kind: "IfStmt",
      pos,
      end: elseStmt !== null ? elseStmt.end : body.end,
      init,
      cond,
      body,
      else: elseStmt,
    };
  }

  private parseCaseClause(typeSwitch: boolean): ast.CaseClause {
    const pos = this.pos;
    let list: ast.Expr[] | null = null;
    if (this.tok === T.CASE) {
      this.next();
      list = typeSwitch ? this.parseTypeList() : this.parseExprList();
    } else {
      this.expect(T.DEFAULT);
    }
    const colon = this.expect(T.COLON);
    const body = this.parseStmtList();
    const end = body.length > 0 ? body[body.length - 1]!.end : colon + 1;
    return { kind: "CaseClause", pos, end, list, colon, body };
  }

  private parseTypeList(): ast.Expr[] {
    const list = [this.parseType()];
    while (this.tok === T.COMMA) {
      this.next();
      list.push(this.parseType());
    }
    return list;
  }

  private isTypeSwitchGuard(s: ast.Stmt | null): boolean {
    if (s === null) return false;
    if (s.kind === "ExprStmt") return isTypeSwitchAssert(s.x);
    if (
      s.kind === "AssignStmt" &&
      s.lhs.length === 1 &&
      s.rhs.length === 1 &&
      isTypeSwitchAssert(s.rhs[0]!)
    ) {
      if (s.tok === "=") {
        // permit v = x.(type) but complain
        this.error(s.tokPos, "expected ':=', found '='");
        return true;
      }
      return s.tok === ":=";
    }
    return false;
  }

  private parseSwitchStmt(): ast.Stmt {
    const pos = this.expect(T.SWITCH);
    let s1: ast.Stmt | null = null;
    let s2: ast.Stmt | null = null;
    if (this.tok !== T.LBRACE) {
      const prevLev = this.exprLev;
      this.exprLev = -1;
      if (this.tok !== T.SEMICOLON) s2 = this.parseSimpleStmt(BASIC)[0];
      if (this.tok === T.SEMICOLON) {
        this.next();
        s1 = s2;
        s2 = null;
        if (this.tok !== T.LBRACE) s2 = this.parseSimpleStmt(BASIC)[0];
      }
      this.exprLev = prevLev;
    }
    const typeSwitch = this.isTypeSwitchGuard(s2);
    const lbrace = this.expect(T.LBRACE);
    const list: ast.Stmt[] = [];
    while (this.tok === T.CASE || this.tok === T.DEFAULT) list.push(this.parseCaseClause(typeSwitch));
    const rbrace = this.expect(T.RBRACE);
    this.expectSemi();
    const body = blockStmt(lbrace, list, rbrace);
    if (typeSwitch) {
      return { kind: "TypeSwitchStmt", pos, end: body.end, init: s1, assign: s2!, body };
    }
    return {
      kind: "SwitchStmt",
      pos,
      end: body.end,
      init: s1,
      tag: this.makeExpr(s2, "switch expression"),
      body,
    };
  }

  private parseCommClause(): ast.CommClause {
    const pos = this.pos;
    let comm: ast.Stmt | null = null;
    if (this.tok === T.CASE) {
      this.next();
      let lhs = this.parseExprList();
      if (this.tok === T.ARROW) {
        // send statement
        if (lhs.length > 1) this.errorExpected(lhs[0]!.pos, "1 expression");
        const arrow = this.pos;
        this.next();
        const value = this.parseRhs();
        comm = { kind: "SendStmt", pos: lhs[0]!.pos, end: value.end, chan: lhs[0]!, arrow, value };
      } else if (this.tok === T.ASSIGN || this.tok === T.DEFINE) {
        // receive statement with assignment
        if (lhs.length > 2) {
          this.errorExpected(lhs[0]!.pos, "1 or 2 expressions");
          lhs = lhs.slice(0, 2);
        }
        const tokPos = this.pos;
        const tok = this.tok === T.ASSIGN ? "=" : ":=";
        this.next();
        const rhs = this.parseRhs();
        comm = { kind: "AssignStmt", pos: lhs[0]!.pos, end: rhs.end, lhs, tokPos, tok, rhs: [rhs] };
      } else {
        // lhs must be a single receive operation
        if (lhs.length > 1) this.errorExpected(lhs[0]!.pos, "1 expression");
        comm = { kind: "ExprStmt", pos: lhs[0]!.pos, end: lhs[0]!.end, x: lhs[0]! };
      }
    } else {
      this.expect(T.DEFAULT);
    }
    const colon = this.expect(T.COLON);
    const body = this.parseStmtList();
    const end = body.length > 0 ? body[body.length - 1]!.end : colon + 1;
    return { kind: "CommClause", pos, end, comm, colon, body };
  }

  private parseSelectStmt(): ast.SelectStmt {
    const pos = this.expect(T.SELECT);
    const lbrace = this.expect(T.LBRACE);
    const list: ast.Stmt[] = [];
    while (this.tok === T.CASE || this.tok === T.DEFAULT) list.push(this.parseCommClause());
    const rbrace = this.expect(T.RBRACE);
    this.expectSemi();
    const body = blockStmt(lbrace, list, rbrace);
    return { kind: "SelectStmt", pos, end: body.end, body };
  }

  private parseForStmt(): ast.Stmt {
    const pos = this.expect(T.FOR);
    let s1: ast.Stmt | null = null;
    let s2: ast.Stmt | null = null;
    let s3: ast.Stmt | null = null;
    let isRange = false;
    // for a range clause: key, value, token and the ranged expression
    let rangeLhs: ast.Expr[] = [];
    let rangeTok: "" | "=" | ":=" = "";
    let rangeTokPos = -1;
    let rangeX: ast.Expr | null = null;
    if (this.tok !== T.LBRACE) {
      const prevLev = this.exprLev;
      this.exprLev = -1;
      if (this.tok !== T.SEMICOLON) {
        if (this.tok === T.RANGE) {
          // "for range x" (no lhs)
          this.next();
          rangeX = this.parseRhs();
          isRange = true;
        } else {
          [s2, isRange] = this.parseSimpleStmt(RANGE_OK);
          if (isRange && s2.kind === "AssignStmt") {
            rangeLhs = s2.lhs;
            rangeTok = s2.tok as "=" | ":=";
            rangeTokPos = s2.tokPos;
            rangeX = (s2.rhs[0] as ast.UnaryExpr).x;
          }
        }
      }
      if (!isRange && this.tok === T.SEMICOLON) {
        this.next();
        s1 = s2;
        s2 = null;
        if (this.tok !== T.SEMICOLON) s2 = this.parseSimpleStmt(BASIC)[0];
        this.expectSemi();
        if (this.tok !== T.LBRACE) s3 = this.parseSimpleStmt(BASIC)[0];
      }
      this.exprLev = prevLev;
    }
    const body = this.parseBlockStmt();
    this.expectSemi();
    if (isRange) {
      let key: ast.Expr | null = null;
      let value: ast.Expr | null = null;
      if (rangeLhs.length > 2) {
        this.errorExpected(rangeLhs[rangeLhs.length - 1]!.pos, "at most 2 expressions");
        return { kind: "BadStmt", pos, end: body.end };
      }
      if (rangeLhs.length >= 1) key = rangeLhs[0]!;
      if (rangeLhs.length === 2) value = rangeLhs[1]!;
      return {
        kind: "RangeStmt",
        pos,
        end: body.end,
        key,
        value,
        tok: rangeTok,
        tokPos: rangeTokPos,
        x: rangeX!,
        body,
      };
    }
    return {
      kind: "ForStmt",
      pos,
      end: body.end,
      init: s1,
      cond: this.makeExpr(s2, "boolean or range expression"),
      post: s3,
      body,
    };
  }

  private parseStmt(): ast.Stmt {
    this.enter();
    const x = this.parseStmtInner();
    this.nestLev--;
    return x;
  }

  private parseStmtInner(): ast.Stmt {
    switch (this.tok) {
      case T.CONST:
      case T.TYPE:
      case T.VAR: {
        const decl = this.parseGenDecl(this.tok);
        return { kind: "DeclStmt", pos: decl.pos, end: decl.end, decl };
      }
      case T.IDENT:
      case T.INT:
      case T.FLOAT:
      case T.IMAG:
      case T.CHAR:
      case T.STRING:
      case T.FUNC:
      case T.LPAREN: // operands
      case T.LBRACK:
      case T.STRUCT:
      case T.MAP:
      case T.CHAN:
      case T.INTERFACE: // composite types
      case T.ADD:
      case T.SUB:
      case T.MUL:
      case T.AND:
      case T.XOR:
      case T.ARROW:
      case T.NOT: {
        // unary operators
        const [s] = this.parseSimpleStmt(LABEL_OK);
        // labeled statements are complete: no semicolon after them
        if (s.kind !== "LabeledStmt") this.expectSemi();
        return s;
      }
      case T.GO:
        return this.parseGoOrDeferStmt("GoStmt");
      case T.DEFER:
        return this.parseGoOrDeferStmt("DeferStmt");
      case T.RETURN:
        return this.parseReturnStmt();
      case T.BREAK:
      case T.CONTINUE:
      case T.GOTO:
      case T.FALLTHROUGH:
        return this.parseBranchStmt(this.tok);
      case T.LBRACE: {
        const s = this.parseBlockStmt();
        this.expectSemi();
        return s;
      }
      case T.IF:
        return this.parseIfStmt();
      case T.SWITCH:
        return this.parseSwitchStmt();
      case T.SELECT:
        return this.parseSelectStmt();
      case T.FOR:
        return this.parseForStmt();
      case T.SEMICOLON: {
        const implicit = this.lit === "\n";
        const s: ast.EmptyStmt = {
          kind: "EmptyStmt",
          pos: this.pos,
          end: this.pos + (implicit ? 0 : 1),
          implicit,
        };
        this.next();
        return s;
      }
      case T.RBRACE:
        // a semicolon may be omitted before a closing "}"
        return { kind: "EmptyStmt", pos: this.pos, end: this.pos, implicit: true };
      default: {
        const pos = this.pos;
        this.errorExpected(pos, "statement");
        this.advance(stmtStart);
        return { kind: "BadStmt", pos, end: this.pos };
      }
    }
  }

  // ---- declarations ----

  private parseImportSpec(doc: ast.CommentGroup | null): ast.ImportSpec {
    let name: ast.Ident | null = null;
    if (this.tok === T.PERIOD) {
      name = newIdent(this.pos, this.pos + 1, ".");
      this.next();
    } else if (this.tok === T.IDENT) {
      name = this.parseIdent();
    }
    const pos = this.pos;
    let path = "";
    let pathEnd = pos;
    if (this.tok === T.STRING) {
      path = this.lit;
      pathEnd = this.tokEnd;
      if (!isValidImport(path)) this.error(pos, `invalid import path: ${path}`);
      this.next();
    } else {
      this.expect(T.STRING);
    }
    this.expectSemi(); // call before accessing lineComment
    const pathLit: ast.BasicLit = {
      kind: "BasicLit",
      pos,
      end: pathEnd,
      litKind: "STRING",
      value: path,
      tv: undefined,
    };
    const spec: ast.ImportSpec = {
      kind: "ImportSpec",
      pos: name !== null ? name.pos : pos,
      end: pathEnd,
      doc,
      name,
      path: pathLit,
      comment: this.lineComment,
    };
    this.imports.push(spec);
    return spec;
  }

  private parseValueSpec(doc: ast.CommentGroup | null, keyword: number, iota: number): ast.ValueSpec {
    const pos = this.pos;
    const names = this.parseIdentList();
    const type = this.tryIdentOrType();
    let values: ast.Expr[] = [];
    // always permit optional initialization for more tolerant parsing
    if (this.tok === T.ASSIGN) {
      this.next();
      values = this.parseExprList();
    }
    this.expectSemi(); // call before accessing lineComment
    if (keyword === T.VAR) {
      if (type === null && values.length === 0) this.error(pos, "missing variable type or initialization");
    } else if (values.length === 0 && (iota === 0 || type !== null)) {
      this.error(pos, "missing constant value");
    }
    const end =
      values.length > 0
        ? values[values.length - 1]!.end
        : type !== null
          ? type.end
          : names[names.length - 1]!.end;
    return {
      kind: "ValueSpec",
      pos: names[0]!.pos,
      end,
      doc,
      names,
      type,
      values,
      comment: this.lineComment,
    };
  }

  private parseGenericType(
    spec: ast.TypeSpec,
    lbrack: number,
    name0: ast.Ident,
    typ0: ast.Expr | null,
  ): void {
    const list = this.parseParameterList(name0, typ0, T.RBRACK);
    const closing = this.expect(T.RBRACK);
    spec.typeParams = { kind: "FieldList", pos: lbrack, end: closing + 1, opening: lbrack, list, closing };
    // Type parameters on aliases are for the type checker to judge (generic aliases, Go 1.24).
    if (this.tok === T.ASSIGN) {
      spec.assign = this.pos;
      this.next();
    }
    spec.type = this.parseType();
  }

  private parseTypeSpec(doc: ast.CommentGroup | null): ast.TypeSpec {
    const name = this.parseIdent();
    const spec: ast.TypeSpec = {
      kind: "TypeSpec",
      pos: name.pos,
      end: name.end,
      doc,
      name,
      typeParams: null,
      assign: -1,
      type: name,
      comment: null,
    };
    if (this.tok === T.LBRACK) {
      const lbrack = this.pos;
      this.next();
      if (this.tok === T.IDENT) {
        // An array type or a type parameter list. Parse an expression x and analyze it.
        // A name followed by "[" must start an array or slice constraint (index and slice
        // expressions are never constant array lengths), so parse no further then.
        let x: ast.Expr = this.parseIdent();
        if (this.tok !== T.LBRACK) {
          this.exprLev++;
          const lhs = this.parsePrimaryExpr(x);
          x = this.parseBinaryExpr(lhs, 1, false);
          this.exprLev--;
        }
        // If x splits into a type parameter name and optional type, this is a type parameter
        // list; a lone name followed by "]" is an array length.
        const [pname, ptype] = extractName(x, this.tok === T.COMMA);
        if (pname !== null && (ptype !== null || this.tok !== T.RBRACK)) {
          this.parseGenericType(spec, lbrack, pname, ptype);
        } else {
          spec.type = this.parseArrayType(lbrack, x);
        }
      } else {
        spec.type = this.parseArrayType(lbrack, null);
      }
    } else {
      if (this.tok === T.ASSIGN) {
        // type alias
        spec.assign = this.pos;
        this.next();
      }
      spec.type = this.parseType();
    }
    spec.end = spec.type.end;
    this.expectSemi(); // call before accessing lineComment
    spec.comment = this.lineComment;
    return spec;
  }

  private parseGenDecl(keyword: number): ast.GenDecl {
    const doc = this.leadComment;
    const pos = this.expect(keyword);
    let lparen = -1;
    let rparen = -1;
    const specs: ast.Spec[] = [];
    if (this.tok === T.LPAREN) {
      lparen = this.pos;
      this.next();
      for (let iota = 0; this.tok !== T.RPAREN && this.tok !== T.EOF; iota++) {
        specs.push(this.parseSpec(this.leadComment, keyword, iota));
      }
      rparen = this.expect(T.RPAREN);
      this.expectSemi();
    } else {
      specs.push(this.parseSpec(null, keyword, 0));
    }
    const end = rparen >= 0 ? rparen + 1 : specs[0]!.end;
    return {
      kind: "GenDecl",
      pos,
      end,
      doc,
      tok: tokenString[keyword] as ast.GenDecl["tok"],
      lparen,
      specs,
      rparen,
    };
  }

  private parseSpec(doc: ast.CommentGroup | null, keyword: number, iota: number): ast.Spec {
    switch (keyword) {
      case T.IMPORT:
        return this.parseImportSpec(doc);
      case T.TYPE:
        return this.parseTypeSpec(doc);
      default:
        return this.parseValueSpec(doc, keyword, iota);
    }
  }

  private parseFuncDecl(): ast.FuncDecl {
    const doc = this.leadComment;
    const pos = this.expect(T.FUNC);
    let recv: ast.FieldList | null = null;
    if (this.tok === T.LPAREN) recv = this.parseParameters();
    const name = this.parseIdent();
    // Methods may have type parameters since Go 1.27 (go/parser before that rejects them).
    const tparams = this.parseTypeParams();
    const params = this.parseParameters();
    const results = this.parseResult();
    let body: ast.BlockStmt | null = null;
    if (this.tok === T.LBRACE) {
      body = this.parseBody();
      this.expectSemi();
    } else if (this.tok === T.SEMICOLON) {
      this.next();
      if (this.tok === T.LBRACE) {
        // opening { of function declaration on next line
        this.error(this.pos, "unexpected semicolon or newline before {");
        body = this.parseBody();
        this.expectSemi();
      }
    } else {
      this.expectSemi();
    }
    const type = funcType(pos, tparams, params, results);
    return { kind: "FuncDecl", pos, end: body !== null ? body.end : type.end, doc, recv, name, type, body };
  }

  private parseBody(): ast.BlockStmt {
    if (this.skipBodies) return this.skipBody();
    const lbrace = this.expect(T.LBRACE);
    const list = this.parseStmtList();
    const rbrace = this.expect2(T.RBRACE);
    return blockStmt(lbrace, list, rbrace);
  }

  /** A function body's braces, its tokens skipped: the checker of declarations never reads them. */
  private skipBody(): ast.BlockStmt {
    const lbrace = this.pos; // at '{' (parseBody's callers check)
    this.scanner.skipBlock();
    this.next0();
    if (this.tok !== T.RBRACE) return blockStmt(lbrace, [], -1);
    const rbrace = this.pos;
    this.next();
    return blockStmt(lbrace, [], rbrace);
  }

  private parseDecl(sync: Set<number>): ast.Decl {
    switch (this.tok) {
      case T.CONST:
      case T.VAR:
      case T.TYPE:
        return this.parseGenDecl(this.tok);
      case T.FUNC:
        return this.parseFuncDecl();
      default: {
        const pos = this.pos;
        this.errorExpected(pos, "declaration");
        this.advance(sync);
        return { kind: "BadDecl", pos, end: this.pos };
      }
    }
  }

  // ---- files ----

  parseFile(importsOnly: boolean): ast.File {
    // package clause
    this.fileDoc = this.leadComment;
    this.packagePos = this.expect(T.PACKAGE);
    this.packageName = this.parseIdent();
    this.expectSemi();
    // Like go/parser: a file whose package clause is broken is likely not Go at all.
    if (this.errors.length === 0) {
      while (this.tok === T.IMPORT) this.decls.push(this.parseGenDecl(T.IMPORT));
      if (!importsOnly) {
        while (this.tok !== T.EOF) this.decls.push(this.parseDecl(declStart));
      }
    }
    return this.partialFile();
  }

  /** The file as far as it was parsed (all of it, after a complete parse). */
  partialFile(): ast.File {
    const name = this.packageName ?? newIdent(this.pos, this.pos + 1, "_");
    const decls = this.decls;
    return {
      kind: "File",
      pos: this.packagePos,
      end: decls.length > 0 ? decls[decls.length - 1]!.end : name.end,
      doc: this.fileDoc,
      package: this.packagePos,
      name,
      decls,
      imports: this.imports,
      comments: this.comments,
    };
  }
}

// ---- node helpers ----

function bad(pos: number, end: number): ast.BadExpr {
  return { kind: "BadExpr", pos, end, tv: undefined };
}

function blockStmt(lbrace: number, list: ast.Stmt[], rbrace: number): ast.BlockStmt {
  // go/ast: a block without its closing brace ends at its last statement
  const end = rbrace >= 0 ? rbrace + 1 : list.length > 0 ? list[list.length - 1]!.end : lbrace + 1;
  return { kind: "BlockStmt", pos: lbrace, end, lbrace, list, rbrace };
}

function makeField(
  doc: ast.CommentGroup | null,
  names: ast.Ident[],
  type: ast.Expr,
  tag: ast.BasicLit | null,
  comment: ast.CommentGroup | null,
): ast.Field {
  const pos = names.length > 0 ? names[0]!.pos : type.pos;
  const end = tag !== null ? tag.end : type.end;
  return { kind: "Field", pos, end, doc, names, type, tag, comment };
}

function funcType(
  func: number,
  typeParams: ast.FieldList | null,
  params: ast.FieldList,
  results: ast.FieldList | null,
): ast.FuncType {
  const pos = func >= 0 ? func : params.pos;
  const end = results !== null ? results.end : params.end;
  return { kind: "FuncType", pos, end, func, typeParams, params, results, tv: undefined };
}

function numFields(list: ast.FieldList): number {
  let n = 0;
  for (const f of list.list) n += f.names.length > 0 ? f.names.length : 1;
  return n;
}

function packIndexExpr(x: ast.Expr, lbrack: number, indices: ast.Expr[], rbrack: number): ast.Expr {
  if (indices.length === 1) {
    return {
      kind: "IndexExpr",
      pos: x.pos,
      end: rbrack + 1,
      x,
      lbrack,
      index: indices[0]!,
      rbrack,
      tv: undefined,
    };
  }
  return { kind: "IndexListExpr", pos: x.pos, end: rbrack + 1, x, lbrack, indices, rbrack, tv: undefined };
}

function unparen(x: ast.Expr): ast.Expr {
  while (x.kind === "ParenExpr") x = x.x;
  return x;
}

function isTypeSwitchAssert(x: ast.Expr): boolean {
  return x.kind === "TypeAssertExpr" && x.type === null;
}

/** Whether x is certainly a type element (not also a value expression). */
function isTypeElem(x: ast.Expr): boolean {
  switch (x.kind) {
    case "ArrayType":
    case "StructType":
    case "FuncType":
    case "InterfaceType":
    case "MapType":
    case "ChanType":
      return true;
    case "BinaryExpr":
      return isTypeElem(x.x) || isTypeElem(x.y);
    case "UnaryExpr":
      return x.op === "~";
    case "ParenExpr":
      return isTypeElem(x.x);
    default:
      return false;
  }
}

/**
 * Splits x into (name, type) when x can be read as `name type` (the start of a type parameter
 * list): `P *[]int`, `P([]int)`, `P *E|F|~G`. Only when the type part is certainly a type element,
 * or when `force` is set (a comma follows). A lone name gives (name, null).
 */
function extractName(x: ast.Expr, force: boolean): [ast.Ident | null, ast.Expr | null] {
  switch (x.kind) {
    case "Ident":
      return [x, null];
    case "BinaryExpr":
      if (x.op === "*") {
        if (x.x.kind === "Ident" && (force || isTypeElem(x.y))) {
          // x = name *x.y
          return [x.x, { kind: "StarExpr", pos: x.opPos, end: x.y.end, x: x.y, tv: undefined }];
        }
      } else if (x.op === "|") {
        const [name, lhs] = extractName(x.x, force || isTypeElem(x.y));
        if (name !== null && lhs !== null) {
          // x = name lhs|x.y
          return [
            name,
            {
              kind: "BinaryExpr",
              pos: lhs.pos,
              end: x.y.end,
              x: lhs,
              opPos: x.opPos,
              op: "|",
              y: x.y,
              tv: undefined,
            },
          ];
        }
      }
      break;
    case "CallExpr":
      if (
        x.fun.kind === "Ident" &&
        x.args.length === 1 &&
        x.ellipsis < 0 &&
        (force || isTypeElem(x.args[0]!))
      ) {
        // x = name "(" x.args[0] ")"
        return [x.fun, x.args[0]!];
      }
      break;
  }
  return [null, x];
}

const illegalImportChars = new Set("!\"#$%&'()*,:;<=>?[\\]^{|}`\uFFFD");

function isValidImport(lit: string): boolean {
  let s: string;
  if (lit.length >= 2 && lit[0] === "`" && lit[lit.length - 1] === "`") {
    s = lit.slice(1, -1);
  } else if (lit.length >= 2 && lit[0] === '"' && lit[lit.length - 1] === '"') {
    try {
      s = JSON.parse(lit) as string;
    } catch {
      return false;
    }
  } else {
    return false;
  }
  if (s.length === 0) return false;
  for (const ch of s) {
    if (illegalImportChars.has(ch) || /\s/u.test(ch) || !/^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch))
      return false;
  }
  return true;
}

/** An identifier, with the checker's slots (ast.ts, ExprBase) present. */
function newIdent(pos: number, end: number, name: string): ast.Ident {
  return { kind: "Ident", pos, end, name, tv: undefined, def: undefined, use: undefined };
}
