// Build constraints: which .go files of a directory belong to a build, as go/build decides it.
//
// A file is excluded by its name (`x_windows.go`, `x_arm64.go`, `x_linux_arm64.go`, also before
// `_test`), or by its header: a `//go:build` expression, or, when there is none, legacy
// `// +build` lines (space = OR, comma = AND, `!` = NOT, several lines AND-ed), which count only
// in the run of // comments and blank lines that a blank line separates from the package clause.
//
// The build context follows the go command's defaults, with these choices for a tool that reads
// source without building it:
//
// - GOOS/GOARCH: option, then the GOOS/GOARCH environment variables, then linux/amd64 (not the
//   host: the code analysed is usually deployed on Linux whatever the developer's machine).
// - cgo: option, then CGO_ENABLED=1/0, then on when the target platform supports cgo. The go
//   command enables cgo by default for native builds with a C compiler, which is how such code is
//   built in production; files that `import "C"` then load (their C.* names have unknown types).
// - Release tags go1.1 … go1.N: the go command enables every release tag of its toolchain; we
//   enable those up to the Go version of the module being loaded (its go directive), so that a
//   file guarded by `//go:build go1.22` is analysed only in modules that may use Go 1.22. Without
//   a module, up to the newest Go release the standard library model knows.
// - Tool tags: `gc`, the default GOEXPERIMENT experiments of the target architecture (regabi),
//   GOEXPERIMENT's own list, and the architecture feature levels (`amd64.v1`, GOAMD64...) of Go 1.22+.

import { diagnostic, type LoadDiagnostic } from "./diagnostic.js";
import { goMinorVersion } from "./goversion.js";

/** Every GOOS value ever known; used for file name matching (go/build's knownOS, Go 1.21+). */
export const KNOWN_OS: ReadonlySet<string> = new Set([
  "aix",
  "android",
  "darwin",
  "dragonfly",
  "freebsd",
  "hurd",
  "illumos",
  "ios",
  "js",
  "linux",
  "nacl",
  "netbsd",
  "openbsd",
  "plan9",
  "solaris",
  "wasip1",
  "windows",
  "zos",
]);

/** The GOOS values matched by the `unix` tag. */
export const UNIX_OS: ReadonlySet<string> = new Set([
  "aix",
  "android",
  "darwin",
  "dragonfly",
  "freebsd",
  "hurd",
  "illumos",
  "ios",
  "linux",
  "netbsd",
  "openbsd",
  "solaris",
]);

/** Every GOARCH value ever known; used for file name matching. */
export const KNOWN_ARCH: ReadonlySet<string> = new Set([
  "386",
  "amd64",
  "amd64p32",
  "arm",
  "armbe",
  "arm64",
  "arm64be",
  "loong64",
  "mips",
  "mipsle",
  "mips64",
  "mips64le",
  "mips64p32",
  "mips64p32le",
  "ppc",
  "ppc64",
  "ppc64le",
  "riscv",
  "riscv64",
  "s390",
  "s390x",
  "sparc",
  "sparc64",
  "wasm",
]);

/** GOOS/GOARCH pairs on which cgo is supported (internal/platform, Go 1.22+). */
export const CGO_SUPPORTED: ReadonlySet<string> = new Set([
  "aix/ppc64",
  "android/386",
  "android/amd64",
  "android/arm",
  "android/arm64",
  "darwin/amd64",
  "darwin/arm64",
  "dragonfly/amd64",
  "freebsd/386",
  "freebsd/amd64",
  "freebsd/arm",
  "freebsd/arm64",
  "freebsd/riscv64",
  "illumos/amd64",
  "ios/amd64",
  "ios/arm64",
  "linux/386",
  "linux/amd64",
  "linux/arm",
  "linux/arm64",
  "linux/loong64",
  "linux/mips",
  "linux/mips64",
  "linux/mips64le",
  "linux/mipsle",
  "linux/ppc64le",
  "linux/riscv64",
  "linux/s390x",
  "linux/sparc64",
  "netbsd/386",
  "netbsd/amd64",
  "netbsd/arm",
  "netbsd/arm64",
  "openbsd/386",
  "openbsd/amd64",
  "openbsd/arm",
  "openbsd/arm64",
  "openbsd/mips64",
  "openbsd/riscv64",
  "solaris/amd64",
  "windows/386",
  "windows/amd64",
  "windows/arm64",
]);

/** The newest Go release the standard library model describes; release tags default up to it. */
export const LATEST_GO_VERSION = "1.27";

// ---- expressions ----

export type Constraint =
  | { kind: "tag"; tag: string }
  | { kind: "not"; x: Constraint }
  | { kind: "and"; x: Constraint; y: Constraint }
  | { kind: "or"; x: Constraint; y: Constraint };

export interface ConstraintError {
  /** Offset of the problem in the expression text (after `//go:build `). */
  offset: number;
  message: string;
}

const tag = (t: string): Constraint => ({ kind: "tag", tag: t });

/** Letters, digits, `_` and `.`, as constraint.isValidTag. */
const tagChar = /[\p{L}\p{Nd}_.]/u;
const tagRun = /^[\p{L}\p{Nd}_.]+/u;

/** The go command refuses expressions longer than this; it also keeps us from deep recursion. */
const MAX_TOKENS = 1000;

class ExprParser {
  private i = 0;
  private tok = "";
  private isTag = false;
  private pos = 0;
  private count = 0;
  error: ConstraintError | null = null;

  constructor(private readonly s: string) {}

  parse(): Constraint | null {
    const x = this.or();
    if (x === null) return null;
    if (this.tok !== "") return this.fail(this.pos, `unexpected token ${this.tok}`);
    return x;
  }

  private fail(offset: number, message: string): null {
    if (this.error === null) this.error = { offset, message };
    return null;
  }

  private or(): Constraint | null {
    let x = this.and();
    while (x !== null && this.tok === "||") {
      const y = this.and();
      x = y === null ? null : { kind: "or", x, y };
    }
    return x;
  }

  private and(): Constraint | null {
    let x = this.not();
    while (x !== null && this.tok === "&&") {
      const y = this.not();
      x = y === null ? null : { kind: "and", x, y };
    }
    return x;
  }

  private not(): Constraint | null {
    if (!this.lex()) return null;
    if (this.tok === "!") {
      if (!this.lex()) return null;
      if (this.tok === "!") return this.fail(this.pos, "double negation not allowed");
      const x = this.atom();
      return x === null ? null : { kind: "not", x };
    }
    return this.atom();
  }

  private atom(): Constraint | null {
    if (this.tok === "(") {
      const pos = this.pos;
      const x = this.or();
      if (x === null) {
        if (this.error?.message === "unexpected end of expression")
          this.error.message = "missing close paren";
        return null;
      }
      // (A method call, because TypeScript keeps the narrowing of this.tok to "(" across or().)
      if (!this.at(")")) return this.fail(pos, "missing close paren");
      if (!this.lex()) return null;
      return x;
    }
    if (!this.isTag) {
      if (this.tok === "") return this.fail(this.pos, "unexpected end of expression");
      return this.fail(this.pos, `unexpected token ${this.tok}`);
    }
    const t = this.tok;
    if (!this.lex()) return null;
    return tag(t);
  }

  private at(t: string): boolean {
    return this.tok === t;
  }

  private lex(): boolean {
    if (++this.count > MAX_TOKENS) {
      this.fail(this.i, "build expression too large");
      return false;
    }
    this.isTag = false;
    const s = this.s;
    while (this.i < s.length && (s[this.i] === " " || s[this.i] === "\t")) this.i++;
    if (this.i >= s.length) {
      this.tok = "";
      this.pos = this.i;
      return true;
    }
    const c = s[this.i]!;
    if (c === "(" || c === ")" || c === "!") {
      this.pos = this.i++;
      this.tok = c;
      return true;
    }
    if (c === "&" || c === "|") {
      if (s[this.i + 1] !== c) {
        this.fail(this.i, `invalid syntax at ${c}`);
        return false;
      }
      this.pos = this.i;
      this.i += 2;
      this.tok = c + c;
      return true;
    }
    const m = tagRun.exec(s.slice(this.i));
    if (m === null) {
      this.fail(this.i, `invalid syntax at ${String.fromCodePoint(s.codePointAt(this.i)!)}`);
      return false;
    }
    this.pos = this.i;
    this.i += m[0].length;
    this.tok = m[0];
    this.isTag = true;
    return true;
  }
}

/** The expression of a `//go:build` line, or null if the line is not one. */
function splitGoBuild(line: string): string | null {
  if (line.endsWith("\n")) line = line.slice(0, -1);
  if (line.includes("\n") || !line.startsWith("//go:build")) return null;
  const rest = line.trim().slice("//go:build".length);
  const trimmed = rest.trim();
  if (rest.length === trimmed.length && rest !== "") return null;
  return trimmed;
}

/** The expression text of a `// +build` line, or null if the line is not one. */
function splitPlusBuild(line: string): string | null {
  if (line.endsWith("\n")) line = line.slice(0, -1);
  if (line.includes("\n") || !line.startsWith("//")) return null;
  const body = line.slice(2).trim();
  if (!body.startsWith("+build")) return null;
  const rest = body.slice("+build".length);
  const trimmed = rest.trim();
  if (rest.length === trimmed.length && rest !== "") return null;
  return trimmed;
}

export function isGoBuildLine(line: string): boolean {
  return splitGoBuild(line) !== null;
}

export function isPlusBuildLine(line: string): boolean {
  return splitPlusBuild(line) !== null;
}

/** Parses a `//go:build` expression (the text after `//go:build`). */
export function parseConstraintExpr(text: string): { expr: Constraint } | { error: ConstraintError } {
  const p = new ExprParser(text);
  const x = p.parse();
  if (x === null) return { error: p.error ?? { offset: 0, message: "invalid build expression" } };
  return { expr: x };
}

function isValidTag(word: string): boolean {
  if (word === "") return false;
  for (const c of word) if (!tagChar.test(c)) return false;
  return true;
}

/**
 * The expression of a `// +build` line's text: fields OR-ed, comma-separated terms AND-ed, `!`
 * negates. Malformed terms become the tag "ignore", which no build sets, as in go/build.
 */
export function parsePlusBuildExpr(text: string): Constraint {
  let x: Constraint | null = null;
  for (const clause of text.split(/\s+/).filter((f) => f !== "")) {
    let y: Constraint | null = null;
    for (let lit of clause.split(",")) {
      let z: Constraint;
      if (lit.startsWith("!!") || lit === "!") {
        z = tag("ignore");
      } else {
        const neg = lit.startsWith("!");
        if (neg) lit = lit.slice(1);
        z = isValidTag(lit) ? tag(lit) : tag("ignore");
        if (neg) z = { kind: "not", x: z };
      }
      y = y === null ? z : { kind: "and", x: y, y: z };
    }
    x = x === null ? y : { kind: "or", x, y: y! };
  }
  return x ?? tag("ignore");
}

/**
 * Parses a constraint line: `//go:build expr` or `// +build terms`. Returns null when the line is
 * neither.
 */
export function parseConstraintLine(line: string): { expr: Constraint } | { error: ConstraintError } | null {
  const goBuild = splitGoBuild(line);
  if (goBuild !== null) return parseConstraintExpr(goBuild);
  const plus = splitPlusBuild(line);
  if (plus !== null) return { expr: parsePlusBuildExpr(plus) };
  return null;
}

/** Evaluates every operand (no short cut), like constraint.Expr.Eval, so `ok` sees all tags. */
export function evalConstraint(x: Constraint, ok: (tag: string) => boolean): boolean {
  switch (x.kind) {
    case "tag":
      return ok(x.tag);
    case "not":
      return !evalConstraint(x.x, ok);
    case "and": {
      const a = evalConstraint(x.x, ok);
      const b = evalConstraint(x.y, ok);
      return a && b;
    }
    case "or": {
      const a = evalConstraint(x.x, ok);
      const b = evalConstraint(x.y, ok);
      return a || b;
    }
  }
}

/** The expression in `//go:build` syntax, parenthesized as constraint.Expr.String does. */
export function constraintString(x: Constraint): string {
  switch (x.kind) {
    case "tag":
      return x.tag;
    case "not": {
      const s = constraintString(x.x);
      return x.x.kind === "and" || x.x.kind === "or" ? `!(${s})` : `!${s}`;
    }
    case "and":
      return `${paren(x.x, "or")} && ${paren(x.y, "or")}`;
    case "or":
      return `${paren(x.x, "and")} || ${paren(x.y, "and")}`;
  }
}

function paren(x: Constraint, kind: "and" | "or"): string {
  const s = constraintString(x);
  return x.kind === kind ? `(${s})` : s;
}

// ---- build context ----

export interface BuildContext {
  goos: string;
  goarch: string;
  cgoEnabled: boolean;
  /** Always "gc": the files gccgo alone builds are not the common case. */
  compiler: string;
  /** User tags (`-tags`). */
  buildTags: readonly string[];
  /** Tags of the toolchain configuration: experiments and architecture feature levels. */
  toolTags: readonly string[];
  /** go1.1 … go1.N. */
  releaseTags: readonly string[];
}

export interface BuildContextOptions {
  goos?: string;
  goarch?: string;
  cgoEnabled?: boolean;
  buildTags?: readonly string[];
  /** The Go version whose release tags apply, e.g. a module's "1.21.0"; default LATEST_GO_VERSION. */
  goVersion?: string;
  /**
   * Tool tags instead of the computed ones (experiments, architecture levels): a toolchain's
   * own list, as `go list -f '{{context.ToolTags}}'` prints it, reproduces that toolchain.
   */
  toolTags?: readonly string[];
  /** Environment for GOOS, GOARCH, CGO_ENABLED, GOEXPERIMENT, GOAMD64...; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** go1.1 … go1.N for the language version of goVersion (at least go1.1, as every toolchain has it). */
export function releaseTagsFor(goVersion: string): string[] {
  let n = goMinorVersion(goVersion);
  if (n < 1) n = goMinorVersion(LATEST_GO_VERSION);
  const tags: string[] = [];
  for (let i = 1; i <= n; i++) tags.push(`go1.${i}`);
  return tags;
}

/** Architectures whose register ABI experiments are on by default (internal/buildcfg). */
const regabiArchs = new Set(["amd64", "arm64", "ppc64", "ppc64le", "riscv64", "loong64"]);

function experimentTags(goarch: string, goexperiment: string): string[] {
  const on = new Set<string>();
  if (regabiArchs.has(goarch)) {
    on.add("regabiwrappers");
    on.add("regabiargs");
  }
  for (let name of goexperiment.split(",")) {
    name = name.trim();
    if (name === "" || name === "none") continue;
    const off = name.startsWith("no");
    const exp = off ? name.slice(2) : name;
    const names = exp === "regabi" ? ["regabiwrappers", "regabiargs"] : [exp];
    for (const e of names) {
      if (off) on.delete(e);
      else on.add(e);
    }
  }
  return [...on].map((e) => `goexperiment.${e}`);
}

/** Feature-level tags such as amd64.v1 (Go 1.22's gogoarchTags), from GOAMD64, GOARM, GO386... */
function archLevelTags(goarch: string, env: Readonly<Record<string, string | undefined>>): string[] {
  const levels = (prefix: string, all: string[], chosen: string): string[] => {
    const i = all.indexOf(chosen);
    return all.slice(0, Math.max(i, 0) + 1).map((l) => `${prefix}.${l}`);
  };
  switch (goarch) {
    case "amd64":
      return levels("amd64", ["v1", "v2", "v3", "v4"], env.GOAMD64 ?? "v1");
    case "arm":
      return levels("arm", ["5", "6", "7"], (env.GOARM ?? "7").split(",")[0]!);
    case "386":
      return (env.GO386 ?? "sse2") === "sse2" ? ["386.sse2"] : [];
    case "ppc64":
    case "ppc64le":
      return levels(goarch, ["power8", "power9", "power10"], env.GOPPC64 ?? "power8");
    case "mips":
    case "mipsle":
    case "mips64":
    case "mips64le": {
      const v = env[goarch.startsWith("mips64") ? "GOMIPS64" : "GOMIPS"] ?? "hardfloat";
      return [`${goarch}.${v}`];
    }
    default:
      return [];
  }
}

export function newBuildContext(options: BuildContextOptions = {}): BuildContext {
  const env = options.env ?? process.env;
  const goos = options.goos || env.GOOS || "linux";
  const goarch = options.goarch || env.GOARCH || "amd64";
  let cgoEnabled = options.cgoEnabled;
  if (cgoEnabled === undefined) {
    if (env.CGO_ENABLED === "1") cgoEnabled = true;
    else if (env.CGO_ENABLED === "0") cgoEnabled = false;
    else cgoEnabled = CGO_SUPPORTED.has(`${goos}/${goarch}`);
  }
  return {
    goos,
    goarch,
    cgoEnabled,
    compiler: "gc",
    buildTags: [...(options.buildTags ?? [])],
    toolTags: options.toolTags
      ? [...options.toolTags]
      : [...experimentTags(goarch, env.GOEXPERIMENT ?? ""), ...archLevelTags(goarch, env)],
    releaseTags: releaseTagsFor(options.goVersion ?? LATEST_GO_VERSION),
  };
}

/** The same context with the release tags of another Go version (each module has its own). */
export function withGoVersion(ctx: BuildContext, goVersion: string): BuildContext {
  return { ...ctx, releaseTags: releaseTagsFor(goVersion) };
}

/** Whether a build tag is satisfied, as go/build's matchTag. */
export function matchTag(ctx: BuildContext, name: string): boolean {
  if (ctx.cgoEnabled && name === "cgo") return true;
  if (name === ctx.goos || name === ctx.goarch || name === ctx.compiler) return true;
  if (ctx.goos === "android" && name === "linux") return true;
  if (ctx.goos === "illumos" && name === "solaris") return true;
  if (ctx.goos === "ios" && name === "darwin") return true;
  if (name === "unix" && UNIX_OS.has(ctx.goos)) return true;
  if (name === "boringcrypto") name = "goexperiment.boringcrypto";
  return ctx.buildTags.includes(name) || ctx.toolTags.includes(name) || ctx.releaseTags.includes(name);
}

/**
 * Whether a file name's _GOOS, _GOARCH or _GOOS_GOARCH suffix (before an optional _test and the
 * extension) matches the context, as go/build's goodOSArchFile. A name with no prefix before the
 * first _ ("linux.go", "_linux.go" after trimming) carries no constraint.
 */
export function matchFileName(ctx: BuildContext, name: string): boolean {
  const dot = name.indexOf(".");
  let base = dot < 0 ? name : name.slice(0, dot);
  const us = base.indexOf("_");
  if (us < 0) return true;
  base = base.slice(us);
  const l = base.split("_");
  if (l.length > 0 && l[l.length - 1] === "test") l.pop();
  const n = l.length;
  if (n >= 2 && KNOWN_OS.has(l[n - 2]!) && KNOWN_ARCH.has(l[n - 1]!)) {
    return matchTag(ctx, l[n - 1]!) && matchTag(ctx, l[n - 2]!);
  }
  if (n >= 1 && (KNOWN_OS.has(l[n - 1]!) || KNOWN_ARCH.has(l[n - 1]!))) return matchTag(ctx, l[n - 1]!);
  return true;
}

// ---- file headers ----

export interface ConstraintLine {
  /** The line as written (trimmed). */
  text: string;
  /** 1-based line number. */
  line: number;
  /** 1-based byte column of the comment. */
  column: number;
}

export interface FileHeader {
  /** The `//go:build` line, if any (the first one when there are several). */
  goBuild: ConstraintLine | null;
  /** `// +build` lines that count: those before the header's last blank line. */
  plusBuild: ConstraintLine[];
  /** A second `//go:build` line, which makes the file invalid. */
  extraGoBuild: ConstraintLine | null;
  /** Saw `//go:binary-only-package`. */
  binaryOnly: boolean;
  /** Byte offset where the header ends: the first text that is neither comment nor blank. */
  end: number;
}

const SLASH = 0x2f;
const STAR = 0x2a;

function isSpaceByte(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0b || b === 0x0c;
}

const utf8 = new TextDecoder("utf-8");
const encoder = new TextEncoder();

/**
 * Reads the comments before the package clause the way go/build does (parseFileHeader): line by
 * line, through blank lines, line comments and block comments, stopping at the first other text.
 * This is not Go parsing; it only needs to find the constraint lines.
 */
export function readFileHeader(src: Uint8Array | string): FileHeader {
  const buf = typeof src === "string" ? encoder.encode(src) : src;
  const header: FileHeader = { goBuild: null, plusBuild: [], extraGoBuild: null, binaryOnly: false, end: 0 };
  let plusEnd = 0; // offset just after the last blank line seen before the header ends
  let ended = false; // saw a line that is not blank and not a // comment
  let inSlashStar = false;
  // `+build` lines with the offset of their line, kept until we know where the header's last
  // blank line is: only lines before it count.
  const candidates: { cl: ConstraintLine; offset: number }[] = [];
  let p = 0;
  let lineNo = 0;
  while (p < buf.length) {
    lineNo++;
    const nl = buf.indexOf(0x0a, p);
    const lineEnd = nl < 0 ? buf.length : nl;
    const next = nl < 0 ? buf.length : nl + 1;
    // go/build's reader drops a leading byte order mark; columns still count its bytes.
    let a = p === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : p;
    let b = lineEnd;
    while (a < b && isSpaceByte(buf[a]!)) a++;
    while (b > a && isSpaceByte(buf[b - 1]!)) b--;
    const lineStart = p;
    p = next;
    if (a === b && !ended) {
      plusEnd = next;
      continue;
    }
    const isSlashSlash = buf[a] === SLASH && buf[a + 1] === SLASH;
    if (!isSlashSlash) ended = true;
    if (!inSlashStar && isSlashSlash) {
      const text = utf8.decode(buf.subarray(a, b));
      const cl = { text, line: lineNo, column: a - lineStart + 1 };
      if (splitGoBuild(text) !== null) {
        if (header.goBuild === null) header.goBuild = cl;
        else if (header.extraGoBuild === null) header.extraGoBuild = cl;
      } else if (text === "//go:binary-only-package") {
        header.binaryOnly = true;
      } else if (text.includes("+build")) {
        candidates.push({ cl, offset: lineStart });
      }
    }
    // Skip the comments on the line; stop at anything else.
    let q = a;
    let stop = false;
    while (q < b) {
      if (inSlashStar) {
        let k = q;
        while (k + 1 < b && !(buf[k] === STAR && buf[k + 1] === SLASH)) k++;
        if (k + 1 < b) {
          inSlashStar = false;
          q = k + 2;
          while (q < b && isSpaceByte(buf[q]!)) q++;
          continue;
        }
        break;
      }
      if (buf[q] === SLASH && buf[q + 1] === SLASH) break;
      if (buf[q] === SLASH && buf[q + 1] === STAR) {
        inSlashStar = true;
        q += 2;
        while (q < b && isSpaceByte(buf[q]!)) q++;
        continue;
      }
      stop = true;
      break;
    }
    if (stop) {
      header.end = lineStart;
      break;
    }
    header.end = p;
  }
  for (const { cl, offset } of candidates) {
    if (offset < plusEnd && splitPlusBuild(cl.text) !== null) header.plusBuild.push(cl);
  }
  return header;
}

export interface BuildMatch {
  /** The file belongs to the build. */
  match: boolean;
  /** A malformed constraint (the file is then left out, as the go command reports it invalid). */
  error: { line: number; column: number; message: string } | null;
}

/** Whether a file's header admits it in the build context, as go/build's shouldBuild. */
export function matchHeader(ctx: BuildContext, header: FileHeader): BuildMatch {
  if (header.extraGoBuild !== null) {
    const { line, column } = header.extraGoBuild;
    return { match: false, error: { line, column, message: "multiple //go:build comments" } };
  }
  const ok = (t: string) => matchTag(ctx, t);
  if (header.goBuild !== null) {
    const gb = header.goBuild;
    const text = splitGoBuild(gb.text)!;
    const r = parseConstraintExpr(text);
    if ("error" in r) {
      // Point at the offending character: the expression starts after "//go:build" and blanks.
      const exprStart = gb.text.length - text.length;
      const col = gb.column + encoder.encode(gb.text.slice(0, exprStart)).length + r.error.offset;
      return {
        match: false,
        error: { line: gb.line, column: col, message: `parsing //go:build line: ${r.error.message}` },
      };
    }
    return { match: evalConstraint(r.expr, ok), error: null };
  }
  let match = true;
  for (const pb of header.plusBuild) {
    if (!evalConstraint(parsePlusBuildExpr(splitPlusBuild(pb.text)!), ok)) match = false;
  }
  return { match, error: null };
}

/**
 * Whether the file `name` (a base name) with content `src` is part of the build: its name's
 * OS/architecture suffix, then its header's constraints. Files whose names start with `_` or `.`
 * are never part of a build. A malformed constraint is returned as a diagnostic for `path`.
 */
export function matchFile(
  ctx: BuildContext,
  path: string,
  name: string,
  src: Uint8Array | string,
): { match: boolean; diagnostic: LoadDiagnostic | null } {
  if (name.startsWith("_") || name.startsWith(".")) return { match: false, diagnostic: null };
  if (!matchFileName(ctx, name)) return { match: false, diagnostic: null };
  const r = matchHeader(ctx, readFileHeader(src));
  const d = r.error === null ? null : diagnostic(path, r.error.line, r.error.column, r.error.message);
  return { match: r.match, diagnostic: d };
}
