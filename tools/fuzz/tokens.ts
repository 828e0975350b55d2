// A rough Go token splitter for the mutator. It only has to find plausible token boundaries in
// any byte string (valid Go or not), so it is independent of the parser under test: a scanner
// bug must not hide the inputs that would show it. It never fails and is linear in the input.

export interface TokenSpans {
  /** Start offsets of the tokens, ascending. */
  starts: Uint32Array;
  /** End offsets (exclusive); ends[i] ≤ starts[i + 1]. */
  ends: Uint32Array;
  count: number;
}

const OPERATORS = [
  "&^=",
  "<<=",
  ">>=",
  "...",
  "&&",
  "||",
  "<-",
  "++",
  "--",
  "==",
  "!=",
  "<=",
  ">=",
  ":=",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "<<",
  ">>",
  "&^",
].map((op) => Array.from(op, (c) => c.charCodeAt(0)));

function isIdentByte(c: number): boolean {
  // Bytes ≥ 0x80 are taken as identifier bytes: Go identifiers may hold any Unicode letter, and
  // keeping a multi-byte sequence in one token avoids splitting it for no reason.
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x5f ||
    c >= 0x80
  );
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Skips a quoted literal starting at `i` (at the quote); stops at a newline when `oneLine`. */
function skipQuoted(src: Uint8Array, i: number, quote: number, oneLine: boolean): number {
  const n = src.length;
  i++;
  while (i < n) {
    const c = src[i]!;
    if (c === quote) return i + 1;
    if (oneLine && c === 0x0a) return i;
    if (c === 0x5c && quote !== 0x60) i++;
    i++;
  }
  return n;
}

export function splitTokens(src: Uint8Array): TokenSpans {
  const n = src.length;
  let starts = new Uint32Array(Math.max(16, n >>> 2));
  let ends = new Uint32Array(starts.length);
  let count = 0;
  let i = 0;
  while (i < n) {
    const c = src[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (isIdentByte(c)) {
      // Identifiers, keywords and numbers; a number's `.`, exponent sign and `p`/`e` are glued
      // on when they follow a digit, which is close enough for choosing cut points.
      const digit = c >= 0x30 && c <= 0x39;
      i++;
      while (i < n) {
        const d = src[i]!;
        if (isIdentByte(d)) i++;
        else if (digit && d === 0x2e) i++;
        else if (digit && (d === 0x2b || d === 0x2d) && (src[i - 1]! | 0x20) === 0x65) i++;
        else if (digit && (d === 0x2b || d === 0x2d) && (src[i - 1]! | 0x20) === 0x70) i++;
        else break;
      }
    } else if (c === 0x22 || c === 0x27) {
      i = skipQuoted(src, i, c, true);
    } else if (c === 0x60) {
      i = skipQuoted(src, i, c, false);
    } else if (c === 0x2f && src[i + 1] === 0x2f) {
      i += 2;
      while (i < n && src[i] !== 0x0a) i++;
    } else if (c === 0x2f && src[i + 1] === 0x2a) {
      i += 2;
      while (i < n && !(src[i] === 0x2a && src[i + 1] === 0x2f)) i++;
      i = Math.min(n, i + 2);
    } else {
      let len = 1;
      for (const op of OPERATORS) {
        if (op.length > len && op.every((b, k) => src[i + k] === b)) {
          len = op.length;
          break;
        }
      }
      // `OPERATORS` is ordered longest first, so the first match is the longest.
      i += len;
    }
    if (count === starts.length) {
      const grow = (a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> => {
        const b = new Uint32Array(a.length * 2);
        b.set(a);
        return b;
      };
      starts = grow(starts);
      ends = grow(ends);
    }
    starts[count] = start;
    ends[count] = i;
    count++;
  }
  return { starts, ends, count };
}
