// Mutations of Go source for the parser fuzzer. A mutant is a real file with a few edits, each
// chosen at random: token- and byte-level deletions, duplications, swaps, truncations and
// insertions; random Go tokens; deep nesting and long chains (the inputs that overflow the stack
// of a recursive-descent parser or make it quadratic); huge tokens; bytes a Go file should not
// hold (invalid UTF-8, NUL, a BOM in the middle); and token runs spliced from another file.
// Mutant i of seed S depends only on (S, i) and the corpus, so any mutant can be rebuilt alone.

import { Random } from "./random.js";
import { splitTokens, type TokenSpans } from "./tokens.js";

export interface CorpusFile {
  name: string;
  bytes: Uint8Array;
}

export interface Mutant {
  /** The corpus file it was made from. */
  source: string;
  /** What was done, in order of position, e.g. `nest:paren-expr×100000@5123`. */
  ops: string[];
  bytes: Uint8Array;
  /** Parse with `mode: "imports"` instead of a full parse. */
  importsOnly: boolean;
}

/** Replace src[start, end) with `bytes`. */
interface Edit {
  start: number;
  end: number;
  bytes: Uint8Array;
  op: string;
}

const encoder = new TextEncoder();
const utf8 = (s: string): Uint8Array => encoder.encode(s);

const KEYWORDS = [
  "break",
  "case",
  "chan",
  "const",
  "continue",
  "default",
  "defer",
  "else",
  "fallthrough",
  "for",
  "func",
  "go",
  "goto",
  "if",
  "import",
  "interface",
  "map",
  "package",
  "range",
  "return",
  "select",
  "struct",
  "switch",
  "type",
  "var",
];

const PUNCTUATION = [
  "+",
  "-",
  "*",
  "/",
  "%",
  "&",
  "|",
  "^",
  "<<",
  ">>",
  "&^",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "<<=",
  ">>=",
  "&^=",
  "&&",
  "||",
  "<-",
  "++",
  "--",
  "==",
  "<",
  ">",
  "=",
  "!",
  "~",
  "!=",
  "<=",
  ">=",
  ":=",
  "...",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ",",
  ";",
  ".",
  ":",
];

const OTHER_TOKENS = [
  "x",
  "_",
  "T",
  "int",
  "any",
  "comparable",
  "iota",
  "nil",
  "true",
  "error",
  "0",
  "1.5",
  "0x1p-2",
  "1i",
  "0b101",
  "0o17",
  "017",
  "1_000",
  ".5e+3",
  "'a'",
  "'\\n'",
  "'\\u00e9'",
  '"s"',
  '"\\x00"',
  "`raw`",
  "\n",
  "\n\n",
  "//c\n",
  "/*c*/",
  "/*\n*/",
  "//go:build x\n",
  "// +build x\n",
  "//go:noinline\n",
  "\\",
  "@",
  "#",
  "$",
  "?",
  "é",
  "\u00a0",
  "\u2028",
];

const ALL_TOKENS = [...KEYWORDS, ...PUNCTUATION, ...OTHER_TOKENS].map(utf8);

/** Byte sequences that are not valid UTF-8 or that Go rejects in source. */
const BAD_BYTES: readonly (readonly number[])[] = [
  [0x00],
  [0xef, 0xbb, 0xbf], // BOM, legal only at the very start
  [0xff],
  [0xfe],
  [0x80], // stray continuation byte
  [0xc0, 0x80], // overlong NUL
  [0xe2, 0x82], // truncated 3-byte sequence
  [0xed, 0xa0, 0x80], // UTF-16 surrogate
  [0xf4, 0x90, 0x80, 0x80], // beyond U+10FFFF
  [0xf0, 0x9f, 0x98], // truncated emoji
  [0x0d], // lone CR
  [0x1b],
];

/**
 * Repeated forms: `open` n times, then `core`, then `close` n times. With an empty `close` the
 * result is unbalanced, which exercises recovery from deep nesting as well as its acceptance.
 */
interface Nest {
  name: string;
  open: string;
  core: string;
  close: string;
}

const NESTS: readonly Nest[] = [
  { name: "paren-expr", open: "(", core: "x", close: ")" },
  { name: "paren-open", open: "(", core: "", close: "" },
  { name: "brace-open", open: "{", core: "", close: "" },
  { name: "bracket-open", open: "[", core: "", close: "" },
  { name: "block", open: "{", core: "", close: "}" },
  { name: "block-nl", open: "{\n", core: "x++\n", close: "}\n" },
  { name: "composite", open: "T{", core: "", close: "}" },
  { name: "composite-elided", open: "{", core: "1", close: "}," },
  { name: "index", open: "a[", core: "0", close: "]" },
  { name: "call", open: "f(", core: "", close: ")" },
  { name: "slice-type", open: "[]", core: "int", close: "" },
  { name: "array-type", open: "[1]", core: "int", close: "" },
  { name: "pointer", open: "*", core: "x", close: "" },
  { name: "recv", open: "<-", core: "c", close: "" },
  { name: "chan-type", open: "chan ", core: "int", close: "" },
  { name: "recv-chan-type", open: "<-chan ", core: "int", close: "" },
  { name: "map-type", open: "map[int]", core: "int", close: "" },
  { name: "map-key", open: "map[", core: "int", close: "]int" },
  { name: "func-type", open: "func() ", core: "int", close: "" },
  { name: "func-param", open: "func(", core: "int", close: ")" },
  { name: "func-lit", open: "func(){", core: "", close: "}()" },
  { name: "struct-type", open: "struct{ x ", core: "int", close: "}" },
  { name: "interface-type", open: "interface{ ", core: "M()", close: "}" },
  { name: "generic-inst", open: "G[", core: "int", close: "]" },
  { name: "neg", open: "-", core: "x", close: "" },
  { name: "not", open: "!", core: "x", close: "" },
  { name: "xor", open: "^", core: "x", close: "" },
  { name: "addr", open: "&", core: "x", close: "" },
  { name: "plus", open: "+", core: "x", close: "" },
  { name: "tilde", open: "~", core: "x", close: "" },
  { name: "selector", open: "", core: "x", close: ".x" },
  { name: "call-chain", open: "", core: "f", close: "()" },
  { name: "index-chain", open: "", core: "a", close: "[0]" },
  { name: "slice-chain", open: "", core: "a", close: "[1:2]" },
  { name: "assert-chain", open: "", core: "x", close: ".(T)" },
  { name: "binary-chain", open: "", core: "x", close: " + x" },
  { name: "logic-chain", open: "", core: "x", close: " || x && x" },
  { name: "right-paren-chain", open: "x + (", core: "x", close: ")" },
  { name: "string-concat", open: "", core: '"a"', close: ' + "a"' },
  { name: "if", open: "if x {\n", core: "", close: "}\n" },
  { name: "else-if", open: "if x {}", core: "", close: " else if x {}" },
  { name: "for", open: "for {\n", core: "", close: "}\n" },
  { name: "switch", open: "switch {\ncase x:\n", core: "", close: "}\n" },
  { name: "select", open: "select {\ncase <-c:\n", core: "", close: "}\n" },
  { name: "labels", open: "L: ", core: "x++", close: "" },
  { name: "go-defer", open: "go ", core: "f()", close: "" },
  { name: "case-list", open: "", core: "switch {", close: "\ncase x:" },
  { name: "statements", open: "", core: "", close: "x := 1\n" },
  { name: "commas", open: "", core: "x", close: ", x" },
  { name: "semicolons", open: "", core: "", close: ";" },
  { name: "newlines", open: "", core: "", close: "\n" },
  { name: "comments", open: "", core: "", close: "/**/" },
  { name: "type-params", open: "", core: "type G[T any", close: ", T any" },
  { name: "paren-type", open: "(", core: "int", close: ")" },
];

/** Tokens of interest for huge single tokens. */
const HUGE: readonly { name: string; head: string; body: string; tail: string }[] = [
  { name: "ident", head: "", body: "a", tail: "" },
  { name: "number", head: "1", body: "0", tail: "" },
  { name: "hex", head: "0x", body: "f", tail: "" },
  { name: "separators", head: "1", body: "_0", tail: "" },
  { name: "exponent", head: "1e", body: "9", tail: "" },
  { name: "string", head: '"', body: "a", tail: '"' },
  { name: "string-open", head: '"', body: "a", tail: "" },
  { name: "escapes", head: '"', body: "\\", tail: "" },
  { name: "raw-string", head: "`", body: "a\n", tail: "`" },
  { name: "raw-open", head: "`", body: "a", tail: "" },
  { name: "rune-open", head: "'", body: "a", tail: "" },
  { name: "block-comment-open", head: "/*", body: "*", tail: "" },
  { name: "line-comment", head: "//", body: "a", tail: "\n" },
  { name: "unicode-ident", head: "é", body: "é", tail: "" },
];

function repeat(s: string, n: number): string {
  return s.length === 0 ? "" : s.repeat(n);
}

/** The largest nesting depth a mutation builds; "100,000 nested parentheses" is the stated bar. */
const MAX_DEPTH = 100_000;

export class Mutator {
  private readonly tokenCache = new Map<number, TokenSpans>();

  constructor(private readonly corpus: readonly CorpusFile[]) {
    if (corpus.length === 0) throw new Error("the fuzz corpus is empty");
  }

  private tokens(index: number): TokenSpans {
    let spans = this.tokenCache.get(index);
    if (spans === undefined) {
      spans = splitTokens(this.corpus[index]!.bytes);
      this.tokenCache.set(index, spans);
    }
    return spans;
  }

  /** Mutant `index` of the run seeded with `seed`. */
  mutant(seed: number, index: number): Mutant {
    const rng = new Random(seed, index);
    const fileIndex = rng.int(this.corpus.length);
    const file = this.corpus[fileIndex]!;
    const src = file.bytes;
    const toks = this.tokens(fileIndex);
    // Mostly one or two edits: a mutant far from real Go mostly tests the first error's recovery.
    let n = 1;
    while (n < 8 && rng.chance(0.45)) n++;
    const edits: Edit[] = [];
    // An edit may come out empty (a swap of overlapping runs); the mutant must differ somehow.
    for (let k = 0; k < n || edits.length === 0; k++) edits.push(...this.edit(rng, src, toks));
    return {
      source: file.name,
      ...apply(src, edits),
      importsOnly: rng.chance(0.05),
    };
  }

  private edit(rng: Random, src: Uint8Array, toks: TokenSpans): Edit[] {
    const len = src.length;
    const count = toks.count;
    // A token index, or -1 when the file has no tokens (then byte offsets are used).
    const tok = (): number => (count === 0 ? -1 : rng.int(count));
    const tokStart = (t: number): number => (t < 0 ? rng.int(len + 1) : toks.starts[t]!);
    const tokEnd = (t: number): number => (t < 0 ? tokStart(t) : toks.ends[t]!);
    // A run of a few tokens starting at a random one, as a byte range.
    const tokRun = (): [number, number] => {
      const t = tok();
      if (t < 0) return [0, 0];
      const u = Math.min(count - 1, t + rng.logUniform(16) - 1);
      return [toks.starts[t]!, toks.ends[u]!];
    };
    const byteRun = (): [number, number] => {
      const a = rng.int(len + 1);
      return [a, Math.min(len, a + rng.logUniform(64))];
    };
    const at = (): number => (rng.chance(0.7) ? tokStart(tok()) : rng.int(len + 1));
    const insert = (pos: number, bytes: Uint8Array, op: string): Edit => ({
      start: pos,
      end: pos,
      bytes,
      op,
    });
    const kind = rng.int(100);
    if (kind < 12) {
      const [a, b] = tokRun();
      return [{ start: a, end: b, bytes: new Uint8Array(0), op: "delete-tokens" }];
    }
    if (kind < 20) {
      const [a, b] = tokRun();
      const pos = rng.chance(0.5) ? b : tokStart(tok());
      return [insert(pos, src.slice(a, b), "duplicate-tokens")];
    }
    if (kind < 28) {
      const [a, b] = tokRun();
      const [c, d] = tokRun();
      if (b <= c) return swap(src, a, b, c, d, "swap-tokens");
      if (d <= a) return swap(src, c, d, a, b, "swap-tokens");
      return [];
    }
    if (kind < 32) {
      const pos = tokStart(tok());
      return [{ start: pos, end: len, bytes: new Uint8Array(0), op: "truncate-tokens" }];
    }
    if (kind < 42) {
      const parts: Uint8Array[] = [];
      const m = rng.logUniform(6);
      for (let i = 0; i < m; i++) {
        if (i > 0 && rng.chance(0.5)) parts.push(utf8(" "));
        parts.push(rng.pick(ALL_TOKENS));
      }
      return [insert(at(), concat(parts), "insert-tokens")];
    }
    if (kind < 48) {
      const t = tok();
      return [{ start: tokStart(t), end: tokEnd(t), bytes: rng.pick(ALL_TOKENS), op: "replace-token" }];
    }
    if (kind < 54) {
      const [a, b] = byteRun();
      return [{ start: a, end: b, bytes: new Uint8Array(0), op: "delete-bytes" }];
    }
    if (kind < 58) {
      const [a, b] = byteRun();
      return [insert(rng.int(len + 1), src.slice(a, b), "duplicate-bytes")];
    }
    if (kind < 61) {
      const [a, b] = byteRun();
      const [c, d] = byteRun();
      if (b <= c) return swap(src, a, b, c, d, "swap-bytes");
      if (d <= a) return swap(src, c, d, a, b, "swap-bytes");
      return [];
    }
    if (kind < 63) {
      return [{ start: rng.int(len + 1), end: len, bytes: new Uint8Array(0), op: "truncate-bytes" }];
    }
    if (kind < 67) {
      const pos = rng.int(len + 1);
      const b = new Uint8Array(rng.logUniform(4));
      for (let i = 0; i < b.length; i++) b[i] = rng.int(256);
      return [{ start: pos, end: Math.min(len, pos + b.length), bytes: b, op: "random-bytes" }];
    }
    if (kind < 70) {
      // One flipped bit turns a token into a near miss (a quote into a hash, `{` into `[`...).
      const pos = rng.int(Math.max(1, len));
      if (len === 0) return [];
      const b = Uint8Array.of(src[pos]! ^ (1 << rng.int(8)));
      return [{ start: pos, end: pos + 1, bytes: b, op: "flip-bit" }];
    }
    if (kind < 76) {
      const seq = Uint8Array.from(rng.pick(BAD_BYTES));
      const pos = rng.int(len + 1);
      return [insert(pos, seq, `bad-bytes:${[...seq].map((b) => b.toString(16)).join(".")}`)];
    }
    if (kind < 88) {
      const nest = rng.pick(NESTS);
      const depth = rng.chance(0.15) ? MAX_DEPTH : rng.logUniform(MAX_DEPTH);
      const text = repeat(nest.open, depth) + nest.core + repeat(nest.close, depth);
      return [insert(at(), utf8(text), `nest:${nest.name}×${depth}`)];
    }
    if (kind < 92) {
      const huge = rng.pick(HUGE);
      const size = rng.logUniform(1_000_000);
      const text = huge.head + repeat(huge.body, size) + huge.tail;
      return [insert(at(), utf8(text), `huge:${huge.name}×${size}`)];
    }
    // Splice a token run of another corpus file in, or put it in place of one of ours.
    const otherIndex = rng.int(this.corpus.length);
    const other = this.corpus[otherIndex]!.bytes;
    const otherToks = this.tokens(otherIndex);
    let piece: Uint8Array;
    if (otherToks.count === 0) {
      piece = other.slice(0, 64);
    } else {
      const t = rng.int(otherToks.count);
      const u = Math.min(otherToks.count - 1, t + rng.logUniform(64) - 1);
      piece = other.slice(otherToks.starts[t]!, otherToks.ends[u]!);
    }
    if (rng.chance(0.5)) return [insert(at(), piece, "splice")];
    const [a, b] = tokRun();
    return [{ start: a, end: b, bytes: piece, op: "splice-replace" }];
  }
}

function swap(src: Uint8Array, a: number, b: number, c: number, d: number, op: string): Edit[] {
  return [
    { start: a, end: b, bytes: src.slice(c, d), op },
    { start: c, end: d, bytes: src.slice(a, b), op },
  ];
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Applies the edits to `src`. Edits are ordered by position and an edit that overlaps an earlier
 * one is dropped (half a swap then stays, as a replacement, which is as good a mutation).
 */
function apply(src: Uint8Array, edits: readonly Edit[]): { bytes: Uint8Array; ops: string[] } {
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.start - y.e.start || x.e.end - y.e.end || x.i - y.i)
    .map((x) => x.e);
  const parts: Uint8Array[] = [];
  const ops: string[] = [];
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) continue;
    parts.push(src.subarray(pos, e.start), e.bytes);
    ops.push(`${e.op}@${e.start}`);
    pos = e.end;
  }
  parts.push(src.subarray(pos));
  return { bytes: concat(parts), ops };
}
