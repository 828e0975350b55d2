// Go string literals and Go string values.
//
// A Go string is a sequence of bytes. The semantic model keeps Go string values (constant
// strings, struct tags) as "byte strings": JavaScript strings with one UTF-16 unit per byte,
// the same view the scanner has of a source file (see src/syntax/source.ts). Literal source
// text comes in that form too. Output meant for people or for comparison with Go tools
// (quoted tags in type strings, constant strings) is ordinary text: UTF-8 sequences decoded.

const lowerHex = "0123456789abcdef";

/** Width in bytes of the rune decoded by the last call of decodeRune. */
let decodedWidth = 1;

export const RuneError = 0xfffd;
export const MaxRune = 0x10ffff;

/**
 * Decodes the UTF-8 sequence of the byte string s at i, like utf8.DecodeRuneInString: an
 * invalid or truncated sequence, an overlong form or a surrogate gives RuneError of width 1.
 * The width is left in decodedWidth.
 */
function decodeRune(s: string, i: number): number {
  const b0 = s.charCodeAt(i);
  if (b0 < 0x80) {
    decodedWidth = 1;
    return b0;
  }
  decodedWidth = 1;
  const n = s.length - i;
  if (b0 < 0xc2 || b0 > 0xf4 || n < 2) return RuneError;
  const b1 = s.charCodeAt(i + 1);
  if ((b1 & 0xc0) !== 0x80) return RuneError;
  if (b0 < 0xe0) {
    decodedWidth = 2;
    return ((b0 & 0x1f) << 6) | (b1 & 0x3f);
  }
  if (n < 3) return RuneError;
  const b2 = s.charCodeAt(i + 2);
  if ((b2 & 0xc0) !== 0x80) return RuneError;
  if (b0 < 0xf0) {
    const r = ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
    if (r < 0x800 || (r >= 0xd800 && r <= 0xdfff)) return RuneError;
    decodedWidth = 3;
    return r;
  }
  if (n < 4) return RuneError;
  const b3 = s.charCodeAt(i + 3);
  if ((b3 & 0xc0) !== 0x80) return RuneError;
  const r = ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
  if (r < 0x10000 || r > MaxRune) return RuneError;
  decodedWidth = 4;
  return r;
}

/** The UTF-8 encoding of rune r as a byte string; invalid runes encode as U+FFFD. */
export function encodeRune(r: number): string {
  if (r < 0 || r > MaxRune || (r >= 0xd800 && r <= 0xdfff)) r = RuneError;
  if (r < 0x80) return String.fromCharCode(r);
  if (r < 0x800) return String.fromCharCode(0xc0 | (r >> 6), 0x80 | (r & 0x3f));
  if (r < 0x10000) {
    return String.fromCharCode(0xe0 | (r >> 12), 0x80 | ((r >> 6) & 0x3f), 0x80 | (r & 0x3f));
  }
  return String.fromCharCode(
    0xf0 | (r >> 18),
    0x80 | ((r >> 12) & 0x3f),
    0x80 | ((r >> 6) & 0x3f),
    0x80 | (r & 0x3f),
  );
}

/** Text of a Go byte string: UTF-8 decoded, each invalid byte giving U+FFFD (like Go's range). */
export function bytesToText(s: string): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s;
  let out = "";
  for (let i = 0; i < s.length; i += decodedWidth) out += String.fromCodePoint(decodeRune(s, i));
  return out;
}

/** The byte string (UTF-8) of a text. */
export function textToBytes(text: string): string {
  let out = "";
  for (const ch of text) out += encodeRune(ch.codePointAt(0)!);
  return out;
}

/** Number of runes (UTF-8 sequences, an invalid byte counting as one) in a byte string. */
export function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i += decodedWidth) {
    decodeRune(s, i);
    n++;
  }
  return n;
}

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  return printable.test(String.fromCodePoint(r));
}

function hex(n: number, digits: number): string {
  let s = "";
  for (let i = digits - 1; i >= 0; i--) s += lowerHex[(n >> (4 * i)) & 0xf];
  return s;
}

/**
 * strconv.Quote of a byte string: a double-quoted Go literal with Go's escapes for
 * non-printable runes and invalid bytes; printable runes appear as text.
 */
export function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i += decodedWidth) {
    const r = decodeRune(s, i);
    if (decodedWidth === 1 && r === RuneError) {
      out += `\\x${hex(s.charCodeAt(i), 2)}`;
      continue;
    }
    if (r === 0x22 || r === 0x5c) {
      out += `\\${String.fromCharCode(r)}`;
      continue;
    }
    if (isPrint(r)) {
      out += String.fromCodePoint(r);
      continue;
    }
    switch (r) {
      case 0x07:
        out += "\\a";
        break;
      case 0x08:
        out += "\\b";
        break;
      case 0x0c:
        out += "\\f";
        break;
      case 0x0a:
        out += "\\n";
        break;
      case 0x0d:
        out += "\\r";
        break;
      case 0x09:
        out += "\\t";
        break;
      case 0x0b:
        out += "\\v";
        break;
      default:
        if (r < 0x20 || r === 0x7f) out += `\\x${hex(r, 2)}`;
        else if (r < 0x10000) out += `\\u${hex(r, 4)}`;
        else out += `\\U${hex(r, 8)}`;
    }
  }
  return `${out}"`;
}

function unhex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** Result of the last unquoteCharAt: the decoded value and whether it is a single byte. */
let charValue = 0;
let charIsByte = false;
let charNext = 0;

/**
 * strconv.UnquoteChar on the byte string s at i, inside a literal quoted with quote: decodes
 * one character or escape into charValue (a rune, or a byte when charIsByte) and the index
 * after it into charNext. Returns false on a syntax error.
 */
function unquoteCharAt(s: string, i: number, quoteChar: number): boolean {
  const c = s.charCodeAt(i);
  if (c === quoteChar && (quoteChar === 0x27 || quoteChar === 0x22)) return false;
  if (c >= 0x80) {
    const r = decodeRune(s, i);
    charValue = r;
    charIsByte = false;
    charNext = i + decodedWidth;
    return true;
  }
  if (c !== 0x5c) {
    charValue = c;
    charIsByte = false;
    charNext = i + 1;
    return true;
  }
  if (i + 1 >= s.length) return false;
  const e = s.charCodeAt(i + 1);
  i += 2;
  charIsByte = false;
  switch (e) {
    case 0x61: // a
      charValue = 7;
      break;
    case 0x62: // b
      charValue = 8;
      break;
    case 0x66: // f
      charValue = 12;
      break;
    case 0x6e: // n
      charValue = 10;
      break;
    case 0x72: // r
      charValue = 13;
      break;
    case 0x74: // t
      charValue = 9;
      break;
    case 0x76: // v
      charValue = 11;
      break;
    case 0x78: // x
    case 0x75: // u
    case 0x55: {
      // U
      const n = e === 0x78 ? 2 : e === 0x75 ? 4 : 8;
      if (i + n > s.length) return false;
      let v = 0;
      for (let j = 0; j < n; j++) {
        const d = unhex(s.charCodeAt(i + j));
        if (d < 0) return false;
        v = v * 16 + d;
      }
      i += n;
      if (e === 0x78) {
        charValue = v;
        charIsByte = true;
        break;
      }
      if (v > MaxRune || (v >= 0xd800 && v <= 0xdfff)) return false;
      charValue = v;
      break;
    }
    case 0x30:
    case 0x31:
    case 0x32:
    case 0x33:
    case 0x34:
    case 0x35:
    case 0x36:
    case 0x37: {
      let v = e - 0x30;
      if (i + 2 > s.length) return false;
      for (let j = 0; j < 2; j++) {
        const d = s.charCodeAt(i + j) - 0x30;
        if (d < 0 || d > 7) return false;
        v = v * 8 + d;
      }
      i += 2;
      if (v > 255) return false;
      charValue = v;
      charIsByte = true;
      break;
    }
    case 0x5c:
      charValue = 0x5c;
      break;
    case 0x27:
    case 0x22:
      if (e !== quoteChar) return false;
      charValue = e;
      break;
    default:
      return false;
  }
  charNext = i;
  return true;
}

/**
 * strconv.Unquote of a Go string literal given as a byte string (quotes included): the
 * value as a byte string, or null if the literal is malformed. Raw strings drop carriage
 * returns, as the Go spec requires.
 */
export function unquote(lit: string): string | null {
  const n = lit.length;
  if (n < 2) return null;
  const q = lit.charCodeAt(0);
  if (q !== lit.charCodeAt(n - 1)) return null;
  const body = lit.slice(1, n - 1);
  if (q === 0x60) {
    if (body.includes("`")) return null;
    return body.includes("\r") ? body.replaceAll("\r", "") : body;
  }
  if (q !== 0x22) return null;
  if (!body.includes("\\") && !body.includes('"') && !body.includes("\n")) return body;
  let out = "";
  for (let i = 0; i < body.length; ) {
    const c = body.charCodeAt(i);
    if (c === 0x0a) return null;
    if (c >= 0x80) {
      // Copy the bytes as they are: a string literal may hold any UTF-8 text.
      out += body[i];
      i++;
      continue;
    }
    if (!unquoteCharAt(body, i, q)) return null;
    out += charIsByte || charValue < 0x80 ? String.fromCharCode(charValue) : encodeRune(charValue);
    i = charNext;
  }
  return out;
}

/**
 * The rune value of a Go rune literal given as a byte string (quotes included), or null if
 * it is malformed.
 */
export function unquoteRune(lit: string): number | null {
  const n = lit.length;
  if (n < 3 || lit.charCodeAt(0) !== 0x27 || lit.charCodeAt(n - 1) !== 0x27) return null;
  const body = lit.slice(1, n - 1);
  if (!unquoteCharAt(body, 0, 0x27)) return null;
  if (charNext !== body.length) return null;
  return charValue;
}
