// go.mod and go.work files, read as golang.org/x/mod/modfile reads them: a line-oriented syntax of
// directives ("verb arg arg"), factored blocks ("verb ( ... )"), // comments, and Go-quoted
// strings. Where modfile gives up on the first syntax error, this parser reports the error and
// goes on with the next line, so that one bad line costs one directive and not the whole file.
//
// Every directive keeps its position (1-based line, 1-based byte column) so that rules can point
// at it, for example at a `replace` that sends a module to a local directory.

import { diagnostic, type LoadDiagnostic } from "./diagnostic.js";
import { isValidGoVersion } from "./goversion.js";
import { canonicalModuleVersion, semverBuild, semverMajor } from "./semver.js";

export { compareGoVersions, goLanguageVersion, goMinorVersion, isValidGoVersion } from "./goversion.js";

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ModuleDirective extends Span {
  path: string;
  /** The text after "Deprecated:" in the module's comment, or null. */
  deprecated: string | null;
}

export interface GoDirective extends Span {
  /** As written: "1.19", "1.21.0", "1.22rc1". */
  version: string;
}

export interface ToolchainDirective extends Span {
  /** "go1.21.3", "local", or a custom name containing "-go1". */
  name: string;
}

export interface Require extends Span {
  path: string;
  version: string;
  /** Marked `// indirect`. */
  indirect: boolean;
}

export interface Exclude extends Span {
  path: string;
  version: string;
}

export interface Replace extends Span {
  oldPath: string;
  /** Null when every version of oldPath is replaced. */
  oldVersion: string | null;
  /** A module path, or a directory (relative to the file's directory, or absolute) when newVersion is null. */
  newPath: string;
  newVersion: string | null;
  /** The replacement is a directory on disk (`=> ../fork`), not a module version. */
  isLocal: boolean;
}

export interface Retract extends Span {
  low: string;
  high: string;
  rationale: string;
}

export interface Godebug extends Span {
  key: string;
  value: string;
}

export interface Tool extends Span {
  path: string;
}

export interface Ignore extends Span {
  path: string;
}

export interface Use extends Span {
  /** Directory of a workspace module, relative to go.work's directory or absolute. */
  path: string;
}

export interface GoMod {
  file: string;
  module: ModuleDirective | null;
  go: GoDirective | null;
  toolchain: ToolchainDirective | null;
  require: Require[];
  exclude: Exclude[];
  replace: Replace[];
  retract: Retract[];
  godebug: Godebug[];
  tool: Tool[];
  ignore: Ignore[];
  errors: LoadDiagnostic[];
}

export interface GoWork {
  file: string;
  go: GoDirective | null;
  toolchain: ToolchainDirective | null;
  godebug: Godebug[];
  use: Use[];
  replace: Replace[];
  errors: LoadDiagnostic[];
}

export interface ParseGoModOptions {
  /**
   * Parse a dependency's go.mod as the go command does (modfile.ParseLax): unknown directives
   * and the directives that only the main module obeys (replace, exclude, ...) are ignored,
   * and a go version such as "1.19.0-custom" is accepted as its leading "1.19".
   */
  lax?: boolean;
}

/** The Go version assumed for a main module whose go.mod has no go directive. */
export const DEFAULT_MAIN_MODULE_GO_VERSION = "1.16";
/** The Go version assumed for a dependency whose go.mod has no go directive. */
export const DEFAULT_DEPENDENCY_GO_VERSION = "1.11";

// ---- lexer ----

type TokenKind =
  | "eof"
  | "newline"
  | "comment" // a comment alone on its line
  | "eolcomment" // a comment after tokens on the same line; ends that line
  | "ident"
  | "string"
  | "("
  | ")"
  | "["
  | "]"
  | "{"
  | "}"
  | ",";

interface Token {
  kind: TokenKind;
  text: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function isEOL(k: TokenKind): boolean {
  return k === "eof" || k === "newline" || k === "eolcomment";
}

const punct = new Set(["(", ")", "[", "]", "{", "}", ","]);
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const space = /^\s$/u;

function isIdentChar(c: string): boolean {
  if (c === " " || punct.has(c)) return false;
  return !space.test(c) && printable.test(c);
}

function utf8Len(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

function tokenize(file: string, text: string, errors: LoadDiagnostic[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let col = 1;
  // Whether anything but blanks precedes the current position on its line: decides whether a
  // comment is a line of its own or a suffix of the line's directive.
  let lineHasToken = false;

  const advance = (): string => {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    i += ch.length;
    if (ch === "\n") {
      line++;
      col = 1;
      lineHasToken = false;
    } else {
      col += utf8Len(cp);
    }
    return ch;
  };
  const peek = (): string => {
    if (i >= text.length) return "";
    return String.fromCodePoint(text.codePointAt(i)!);
  };
  const push = (kind: TokenKind, start: number, sl: number, sc: number) => {
    tokens.push({ kind, text: text.slice(start, i), line: sl, column: sc, endLine: line, endColumn: col });
  };
  // After a lexical error the rest of the line is dropped; the line still ends with a newline
  // token so that the parser sees a complete (if shortened) line.
  // The tokens already read on the line are dropped too: a half line would only add a second,
  // misleading error ("usage: ...") to the first.
  const skipLine = () => {
    while (i < text.length && text[i] !== "\n") advance();
    while (
      tokens.length > 0 &&
      tokens[tokens.length - 1]!.line === line &&
      tokens[tokens.length - 1]!.kind !== "newline"
    ) {
      tokens.pop();
    }
  };

  while (i < text.length) {
    const c = peek();
    if (c === " " || c === "\t" || c === "\r") {
      advance();
      continue;
    }
    const start = i;
    const sl = line;
    const sc = col;
    if (text.startsWith("//", i)) {
      const suffix = lineHasToken;
      while (i < text.length && text[i] !== "\n") advance();
      let end = i;
      if (end > start && text[end - 1] === "\r") end--;
      tokens.push({
        kind: suffix ? "eolcomment" : "comment",
        text: text.slice(start, end),
        line: sl,
        column: sc,
        endLine: line,
        endColumn: col,
      });
      // Like modfile, a comment token takes its newline with it.
      if (i < text.length) advance();
      continue;
    }
    if (text.startsWith("/*", i)) {
      errors.push(diagnostic(file, sl, sc, "mod files must use // comments (not /* */ comments)"));
      skipLine();
      continue;
    }
    lineHasToken = true;
    if (c === "\n") {
      advance();
      tokens.push({ kind: "newline", text: "\n", line: sl, column: sc, endLine: sl, endColumn: sc + 1 });
      continue;
    }
    if (punct.has(c)) {
      advance();
      push(c as TokenKind, start, sl, sc);
      continue;
    }
    if (c === '"' || c === "`") {
      advance();
      let ok = false;
      while (i < text.length) {
        const d = peek();
        if (d === "\n") break;
        advance();
        if (d === c) {
          ok = true;
          break;
        }
        if (d === "\\" && c === '"' && i < text.length && peek() !== "\n") advance();
      }
      if (!ok) {
        errors.push(
          diagnostic(
            file,
            i >= text.length ? sl : line,
            i >= text.length ? sc : col,
            i >= text.length ? "unexpected EOF in string" : "unexpected newline in string",
          ),
        );
        skipLine();
        continue;
      }
      push("string", start, sl, sc);
      continue;
    }
    if (!isIdentChar(c)) {
      errors.push(diagnostic(file, sl, sc, `unexpected input character ${quoteRune(c)}`));
      skipLine();
      continue;
    }
    let bad = false;
    while (i < text.length && isIdentChar(peek())) {
      if (text.startsWith("//", i)) break;
      if (text.startsWith("/*", i)) {
        errors.push(diagnostic(file, line, col, "mod files must use // comments (not /* */ comments)"));
        bad = true;
        break;
      }
      advance();
    }
    if (bad) {
      skipLine();
      continue;
    }
    push("ident", start, sl, sc);
  }
  tokens.push({ kind: "eof", text: "", line, column: col, endLine: line, endColumn: col });
  return tokens;
}

function quoteRune(c: string): string {
  const cp = c.codePointAt(0)!;
  if (cp < 0x20 || cp === 0x7f) return `'\\x${cp.toString(16).padStart(2, "0")}'`;
  return `'${c}'`;
}

// ---- syntax: lines and blocks ----

interface Line {
  tokens: Token[];
  /** Texts of the whole-line comments just before the line. */
  before: string[];
  /** Text of the comment at the end of the line, if any. */
  suffix: string[];
}

interface Block {
  tokens: Token[];
  before: string[];
  lines: Line[];
}

type Stmt = { kind: "line"; line: Line } | { kind: "block"; block: Block };

class SyntaxParser {
  private i = 0;
  readonly stmts: Stmt[] = [];

  constructor(
    private readonly file: string,
    private readonly toks: Token[],
    private readonly errors: LoadDiagnostic[],
  ) {}

  private peek(): Token {
    return this.toks[this.i]!;
  }

  private lex(): Token {
    const t = this.toks[this.i]!;
    if (t.kind !== "eof") this.i++;
    return t;
  }

  parseFile(): void {
    let pending: string[] = [];
    for (;;) {
      const t = this.peek();
      switch (t.kind) {
        case "newline":
          this.lex();
          pending = [];
          break;
        case "comment":
          this.lex();
          pending.push(t.text);
          break;
        case "eof":
          return;
        case "eolcomment":
          // Only possible right after a dropped (erroneous) token run; nothing to attach to.
          this.lex();
          break;
        default:
          this.parseStmt(pending);
          pending = [];
      }
    }
  }

  private parseStmt(before: string[]): void {
    const tokens: Token[] = [this.lex()];
    for (;;) {
      const t = this.lex();
      if (isEOL(t.kind)) {
        this.stmts.push({
          kind: "line",
          line: { tokens, before, suffix: t.kind === "eolcomment" ? [t.text] : [] },
        });
        return;
      }
      if (t.kind === "(") {
        const next = this.peek();
        if (isEOL(next.kind)) {
          this.stmts.push({ kind: "block", block: this.parseBlock(tokens, before) });
          return;
        }
        if (next.kind === ")") {
          const rparen = this.lex();
          if (isEOL(this.peek().kind)) {
            this.lex();
            this.stmts.push({ kind: "block", block: { tokens, before, lines: [] } });
            return;
          }
          tokens.push(t, rparen);
          continue;
        }
      }
      tokens.push(t);
    }
  }

  private parseBlock(tokens: Token[], before: string[]): Block {
    const block: Block = { tokens, before, lines: [] };
    let comments: string[] = [];
    for (;;) {
      const t = this.peek();
      switch (t.kind) {
        case "eolcomment":
        case "newline":
          this.lex();
          break;
        case "comment":
          this.lex();
          comments.push(t.text);
          break;
        case "eof": {
          const first = tokens[0]!;
          this.errors.push(
            diagnostic(
              this.file,
              t.line,
              t.column,
              `syntax error (unterminated block started at ${this.file}:${first.line}:${first.column})`,
            ),
          );
          return block;
        }
        case ")": {
          this.lex();
          const after = this.peek();
          if (!isEOL(after.kind)) {
            this.errors.push(
              diagnostic(
                this.file,
                after.line,
                after.column,
                "syntax error (expected newline after closing paren)",
              ),
            );
            while (!isEOL(this.peek().kind)) this.lex();
          }
          this.lex();
          return block;
        }
        default: {
          const lineTokens: Token[] = [];
          let end: Token;
          for (;;) {
            end = this.lex();
            if (isEOL(end.kind)) break;
            lineTokens.push(end);
          }
          block.lines.push({
            tokens: lineTokens,
            before: comments,
            suffix: end.kind === "eolcomment" ? [end.text] : [],
          });
          comments = [];
          if (end.kind === "eof") return this.unterminated(block, end);
        }
      }
    }
  }

  private unterminated(block: Block, eof: Token): Block {
    const first = block.tokens[0]!;
    this.errors.push(
      diagnostic(
        this.file,
        eof.line,
        eof.column,
        `syntax error (unterminated block started at ${this.file}:${first.line}:${first.column})`,
      ),
    );
    return block;
  }
}

function parseSyntax(file: string, src: string | Uint8Array, errors: LoadDiagnostic[]): Stmt[] {
  const text = typeof src === "string" ? src : new TextDecoder("utf-8").decode(src);
  const p = new SyntaxParser(file, tokenize(file, text, errors), errors);
  p.parseFile();
  return p.stmts;
}

function spanOf(tokens: Token[]): Span {
  const first = tokens[0]!;
  const last = tokens[tokens.length - 1]!;
  return { line: first.line, column: first.column, endLine: last.endLine, endColumn: last.endColumn };
}

// ---- strings and versions ----

const simpleEscapes: Record<string, string> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  '"': '"',
};

/** strconv.Unquote for a double-quoted Go string; null if malformed. */
export function unquoteGoString(s: string): string | null {
  if (s.length < 2 || s[0] !== '"' || s[s.length - 1] !== '"') return null;
  const body = s.slice(1, -1);
  let out = "";
  const bytes: number[] = [];
  const flushBytes = () => {
    if (bytes.length > 0) {
      out += new TextDecoder("utf-8").decode(new Uint8Array(bytes));
      bytes.length = 0;
    }
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '"' || c === "\n") return null;
    if (c !== "\\") {
      flushBytes();
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) return null;
    if (e in simpleEscapes) {
      flushBytes();
      out += simpleEscapes[e];
      continue;
    }
    if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return null;
      const v = Number.parseInt(hex, 16);
      i += n;
      if (e === "x") {
        bytes.push(v);
        continue;
      }
      if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return null;
      flushBytes();
      out += String.fromCodePoint(v);
      continue;
    }
    if (e >= "0" && e <= "7") {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) return null;
      const v = Number.parseInt(oct, 8);
      if (v > 255) return null;
      bytes.push(v);
      i += 2;
      continue;
    }
    return null;
  }
  flushBytes();
  return out;
}

/** modfile's parseString: a quoted token is unquoted; an unquoted one may not contain quotes. */
function parseString(tok: string): { value: string } | { error: string } {
  if (tok.startsWith('"')) {
    const v = unquoteGoString(tok);
    return v === null ? { error: "invalid quoted string: invalid syntax" } : { value: v };
  }
  if (/["'`]/.test(tok)) return { error: "invalid quoted string: unquoted string cannot contain quote" };
  return { value: tok };
}

/** Splits a module path into its prefix and its major-version suffix ("/v2", ".v1" for gopkg.in). */
export function splitPathVersion(path: string): { prefix: string; pathMajor: string; ok: boolean } {
  if (path.startsWith("gopkg.in/")) {
    let i = path.length;
    if (path.endsWith("-unstable")) i -= "-unstable".length;
    while (i > 0 && path[i - 1]! >= "0" && path[i - 1]! <= "9") i--;
    if (i <= 1 || path[i - 1] !== "v" || path[i - 2] !== ".")
      return { prefix: path, pathMajor: "", ok: false };
    const pathMajor = path.slice(i - 2);
    if (pathMajor.length <= 2 || (pathMajor[2] === "0" && pathMajor !== ".v0")) {
      return { prefix: path, pathMajor: "", ok: false };
    }
    return { prefix: path.slice(0, i - 2), pathMajor, ok: true };
  }
  let i = path.length;
  let dot = false;
  while (i > 0 && ((path[i - 1]! >= "0" && path[i - 1]! <= "9") || path[i - 1] === ".")) {
    if (path[i - 1] === ".") dot = true;
    i--;
  }
  if (i <= 1 || i === path.length || path[i - 1] !== "v" || path[i - 2] !== "/") {
    return { prefix: path, pathMajor: "", ok: true };
  }
  const pathMajor = path.slice(i - 2);
  if (dot || pathMajor.length <= 2 || pathMajor[2] === "0" || pathMajor === "/v1") {
    return { prefix: path, pathMajor: "", ok: false };
  }
  return { prefix: path.slice(0, i - 2), pathMajor, ok: true };
}

/** module.CheckPathMajor: the version's major must match the path's /vN suffix. */
function checkPathMajor(v: string, pathMajor: string): string | null {
  let pm = pathMajor;
  if (pm.startsWith(".v") && pm.endsWith("-unstable")) pm = pm.slice(0, -"-unstable".length);
  // Old pseudo-versions of gopkg.in/x.v1 modules were generated as v0.0.0-...
  if (v.startsWith("v0.0.0-") && pm === ".v1") return null;
  const m = semverMajor(v);
  if (pm === "") {
    if (m === "v0" || m === "v1" || semverBuild(v) === "+incompatible") return null;
    pm = "v0 or v1";
  } else if (pm[0] === "/" || pm[0] === ".") {
    if (m === pm.slice(1)) return null;
    pm = pm.slice(1);
  }
  return `version "${v}" invalid: should be ${pm}, not ${m}`;
}

function parseVersion(verb: string, path: string, tok: string): { value: string } | { error: string } {
  const prefix = path === "" ? `${verb}: ` : `${verb} ${path}: `;
  const s = parseString(tok);
  if ("error" in s) return { error: `${prefix}version ${JSON.stringify(tok)} invalid: ${s.error}` };
  const cv = canonicalModuleVersion(s.value);
  if (cv === "")
    return { error: `${prefix}version ${JSON.stringify(s.value)} invalid: must be of the form v1.2.3` };
  return { value: cv };
}

/** modfile.IsDirectoryPath: relative and rooted paths (Unix or Windows) are directories. */
export function isDirectoryPath(p: string): boolean {
  return (
    p.startsWith("./") ||
    p.startsWith("../") ||
    p.startsWith("/") ||
    p.startsWith(".\\") ||
    p.startsWith("..\\") ||
    p.startsWith("\\") ||
    /^[A-Za-z]:/.test(p)
  );
}

/** go.mod's go directive: "1.21", "1.21.0", "1.22rc1". */
const goVersionRE = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/;
/** What lax parsing salvages from a malformed go version: its leading "1.N". */
const laxGoVersionRE = /^v?(([1-9][0-9]*)\.(0|[1-9][0-9]*))([^0-9].*)$/;
const toolchainRE = /^local$|(^|-)go1/;

function directiveComment(line: Line, block: Block | null): string {
  let texts = [...line.before, ...line.suffix];
  if (block !== null && texts.length === 0) texts = block.before;
  return texts
    .filter((t) => t.startsWith("//"))
    .map((t) => t.slice(2).trim())
    .join("\n");
}

function parseDeprecation(line: Line, block: Block | null): string | null {
  const text = directiveComment(line, block);
  const m = /(?:^|\n\n)Deprecated: *([\s\S]*?)(?:$|\n\n)/.exec(text);
  return m === null ? null : m[1]!;
}

function isIndirect(line: Line): boolean {
  if (line.suffix.length === 0) return false;
  const f = line.suffix[0]!.slice(2).trim().split(/\s+/);
  return f[0] === "indirect" || f[0]!.startsWith("indirect;");
}

function parseReplace(args: string[], span: Span): { replace: Replace } | { error: string } {
  const usage =
    "usage: replace module/path [v1.2.3] => other/module v1.4\n\t or replace module/path [v1.2.3] => ../local/directory";
  const arrow = args.length >= 2 && args[1] === "=>" ? 1 : 2;
  if (args.length < arrow + 2 || args.length > arrow + 3 || args[arrow] !== "=>") return { error: usage };
  const s = parseString(args[0]!);
  if ("error" in s) return s;
  const { ok, pathMajor } = splitPathVersion(s.value);
  if (!ok) return { error: `replace ${s.value}: invalid module path` };
  let oldVersion: string | null = null;
  if (arrow === 2) {
    const v = parseVersion("replace", s.value, args[1]!);
    if ("error" in v) return v;
    const bad = checkPathMajor(v.value, pathMajor);
    if (bad !== null) return { error: `replace ${s.value}: ${bad}` };
    oldVersion = v.value;
  }
  const ns = parseString(args[arrow + 1]!);
  if ("error" in ns) return ns;
  let newVersion: string | null = null;
  if (args.length === arrow + 2) {
    if (!isDirectoryPath(ns.value)) {
      if (ns.value.includes("@")) {
        return { error: "replacement module must match format 'path version', not 'path@version'" };
      }
      return {
        error:
          "replacement module without version must be directory path (rooted or starting with ./ or ../)",
      };
    }
  } else {
    const nv = parseVersion("replace", ns.value, args[arrow + 2]!);
    if ("error" in nv) return nv;
    if (isDirectoryPath(ns.value)) {
      return { error: `replacement module directory path ${JSON.stringify(ns.value)} cannot have version` };
    }
    newVersion = nv.value;
  }
  return {
    replace: {
      ...span,
      oldPath: s.value,
      oldVersion,
      newPath: ns.value,
      newVersion,
      isLocal: newVersion === null,
    },
  };
}

function parseVersionInterval(
  args: string[],
): { low: string; high: string; rest: string[] } | { error: string } {
  if (args.length === 0 || args[0] === "(") return { error: "expected '[' or version" };
  if (args[0] !== "[") {
    const v = parseVersion("retract", "", args[0]!);
    if ("error" in v) return v;
    return { low: v.value, high: v.value, rest: args.slice(1) };
  }
  if (args.length < 2) return { error: "expected version after '['" };
  const low = parseVersion("retract", "", args[1]!);
  if ("error" in low) return low;
  if (args[2] !== ",") return { error: "expected ',' after version" };
  if (args.length < 4) return { error: "expected version after ','" };
  const high = parseVersion("retract", "", args[3]!);
  if ("error" in high) return high;
  if (args[4] !== "]") return { error: "expected ']' after version" };
  return { low: low.value, high: high.value, rest: args.slice(5) };
}

/** A directive's arguments are token texts; a `( )` pair in mid-line arrives as two tokens. */
function argTexts(tokens: Token[]): string[] {
  return tokens.map((t) => t.text);
}

// ---- go.mod ----

const goModBlockVerbs = new Set([
  "module",
  "godebug",
  "require",
  "exclude",
  "replace",
  "retract",
  "tool",
  "ignore",
]);
const laxVerbs = new Set(["go", "module", "retract", "require"]);

export function parseGoMod(file: string, src: string | Uint8Array, options: ParseGoModOptions = {}): GoMod {
  const strict = options.lax !== true;
  const mod: GoMod = {
    file,
    module: null,
    go: null,
    toolchain: null,
    require: [],
    exclude: [],
    replace: [],
    retract: [],
    godebug: [],
    tool: [],
    ignore: [],
    errors: [],
  };
  const stmts = parseSyntax(file, src, mod.errors);
  for (const st of stmts) {
    if (st.kind === "line") {
      const { tokens } = st.line;
      addGoModDirective(mod, null, st.line, tokens[0]!.text, tokens.slice(1), strict);
      continue;
    }
    const b = st.block;
    const verb = b.tokens[0]!.text;
    if (b.tokens.length > 1 || !goModBlockVerbs.has(verb)) {
      if (strict) {
        const t = b.tokens[0]!;
        mod.errors.push(
          diagnostic(file, t.line, t.column, `unknown block type: ${argTexts(b.tokens).join(" ")}`),
        );
      }
      continue;
    }
    for (const l of b.lines) addGoModDirective(mod, b, l, verb, l.tokens, strict);
  }
  return mod;
}

function addGoModDirective(
  mod: GoMod,
  block: Block | null,
  line: Line,
  verb: string,
  argToks: Token[],
  strict: boolean,
): undefined {
  if (!strict && !laxVerbs.has(verb)) return;
  const span = spanOf(line.tokens);
  const args = argTexts(argToks);
  // Returns undefined so that `return error(...)` reports and leaves the directive in one step.
  const error = (message: string): undefined => {
    mod.errors.push(diagnostic(mod.file, span.line, span.column, message));
  };
  switch (verb) {
    case "go": {
      if (mod.go !== null) return error("repeated go statement");
      if (args.length !== 1) return error("go directive expects exactly one argument");
      let version = args[0]!;
      // The pattern is modfile's; the validity check adds what the go command rejects later
      // ("1.21.0rc1": release candidates of patch releases do not exist).
      if (!goVersionRE.test(version) || !isValidGoVersion(version)) {
        const m = strict ? null : laxGoVersionRE.exec(version);
        if (m === null) return error(`invalid go version '${version}': must match format 1.23`);
        version = m[1]!;
      }
      mod.go = { ...span, version };
      return;
    }
    case "toolchain": {
      if (mod.toolchain !== null) return error("repeated toolchain statement");
      if (args.length !== 1) return error("toolchain directive expects exactly one argument");
      if (!toolchainRE.test(args[0]!)) {
        return error(`invalid toolchain version '${args[0]}': must match format go1.23 or local`);
      }
      mod.toolchain = { ...span, name: args[0]! };
      return;
    }
    case "module": {
      if (mod.module !== null) return error("repeated module statement");
      if (args.length !== 1) return error("usage: module module/path");
      const s = parseString(args[0]!);
      if ("error" in s) return error(s.error);
      mod.module = { ...span, path: s.value, deprecated: parseDeprecation(line, block) };
      return;
    }
    case "require":
    case "exclude": {
      if (args.length !== 2) return error(`usage: ${verb} module/path v1.2.3`);
      const s = parseString(args[0]!);
      if ("error" in s) return error(s.error);
      const v = parseVersion(verb, s.value, args[1]!);
      if ("error" in v) return error(v.error);
      const { ok, pathMajor } = splitPathVersion(s.value);
      if (!ok) return error(`${verb} ${s.value}: invalid module path`);
      const bad = checkPathMajor(v.value, pathMajor);
      if (bad !== null) return error(`${verb} ${s.value}: ${bad}`);
      if (verb === "require") {
        mod.require.push({ ...span, path: s.value, version: v.value, indirect: isIndirect(line) });
      } else {
        mod.exclude.push({ ...span, path: s.value, version: v.value });
      }
      return;
    }
    case "replace": {
      const r = parseReplace(args, span);
      if ("error" in r) return error(r.error);
      mod.replace.push(r.replace);
      return;
    }
    case "retract": {
      const vi = parseVersionInterval(args);
      if ("error" in vi) {
        // A dependency's retractions in a syntax this parser does not know are not its user's problem.
        if (strict) error(vi.error);
        return;
      }
      if (vi.rest.length > 0 && strict) {
        return error(`unexpected token after version: ${JSON.stringify(vi.rest[0])}`);
      }
      mod.retract.push({ ...span, low: vi.low, high: vi.high, rationale: directiveComment(line, block) });
      return;
    }
    case "godebug": {
      const kv = parseGodebug(args);
      if (kv === null) return error("usage: godebug key=value");
      mod.godebug.push({ ...span, ...kv });
      return;
    }
    case "tool":
    case "ignore": {
      if (args.length !== 1) return error(`usage: ${verb} ${verb === "tool" ? "module/path" : "./dir"}`);
      const s = parseString(args[0]!);
      if ("error" in s) return error(s.error);
      if (verb === "tool") mod.tool.push({ ...span, path: s.value });
      else mod.ignore.push({ ...span, path: s.value });
      return;
    }
    default:
      return error(`unknown directive: ${verb}`);
  }
}

function parseGodebug(args: string[]): { key: string; value: string } | null {
  if (args.length !== 1 || /["`',]/.test(args[0]!)) return null;
  const eq = args[0]!.indexOf("=");
  if (eq < 0) return null;
  return { key: args[0]!.slice(0, eq), value: args[0]!.slice(eq + 1) };
}

/** The Go version a module's code is written for: its go directive, else the go command's default. */
export function moduleGoVersion(mod: GoMod, main = true): string {
  if (mod.go !== null && isValidGoVersion(mod.go.version)) return mod.go.version;
  return main ? DEFAULT_MAIN_MODULE_GO_VERSION : DEFAULT_DEPENDENCY_GO_VERSION;
}

// ---- go.work ----

const goWorkBlockVerbs = new Set(["godebug", "use", "replace"]);

export function parseGoWork(file: string, src: string | Uint8Array): GoWork {
  const work: GoWork = { file, go: null, toolchain: null, godebug: [], use: [], replace: [], errors: [] };
  const stmts = parseSyntax(file, src, work.errors);
  for (const st of stmts) {
    if (st.kind === "line") {
      addGoWorkDirective(work, st.line, st.line.tokens[0]!.text, st.line.tokens.slice(1));
      continue;
    }
    const b = st.block;
    const verb = b.tokens[0]!.text;
    if (b.tokens.length > 1 || !goWorkBlockVerbs.has(verb)) {
      const t = b.tokens[0]!;
      work.errors.push(
        diagnostic(file, t.line, t.column, `unknown block type: ${argTexts(b.tokens).join(" ")}`),
      );
      continue;
    }
    for (const l of b.lines) addGoWorkDirective(work, l, verb, l.tokens);
  }
  return work;
}

function addGoWorkDirective(work: GoWork, line: Line, verb: string, argToks: Token[]): undefined {
  const span = spanOf(line.tokens);
  const args = argTexts(argToks);
  const error = (message: string): undefined => {
    work.errors.push(diagnostic(work.file, span.line, span.column, message));
  };
  switch (verb) {
    case "go":
      if (work.go !== null) return error("repeated go statement");
      if (args.length !== 1) return error("go directive expects exactly one argument");
      if (!goVersionRE.test(args[0]!) || !isValidGoVersion(args[0]!))
        return error(`invalid go version '${args[0]}': must match format 1.23`);
      work.go = { ...span, version: args[0]! };
      return;
    case "toolchain":
      if (work.toolchain !== null) return error("repeated toolchain statement");
      if (args.length !== 1) return error("toolchain directive expects exactly one argument");
      if (!toolchainRE.test(args[0]!)) {
        return error(`invalid toolchain version '${args[0]}': must match format go1.23 or local`);
      }
      work.toolchain = { ...span, name: args[0]! };
      return;
    case "godebug": {
      const kv = parseGodebug(args);
      if (kv === null) return error("usage: godebug key=value");
      work.godebug.push({ ...span, ...kv });
      return;
    }
    case "use": {
      if (args.length !== 1) return error("usage: use local/dir");
      const s = parseString(args[0]!);
      if ("error" in s) return error(s.error);
      work.use.push({ ...span, path: s.value });
      return;
    }
    case "replace": {
      const r = parseReplace(args, span);
      if ("error" in r) return error(r.error);
      work.replace.push(r.replace);
      return;
    }
    default:
      return error(`unknown directive: ${verb}`);
  }
}
