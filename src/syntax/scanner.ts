// The Go scanner: tokens, literals, comments and automatic semicolon insertion, with go/scanner's
// rules and error messages. It reads the file's bytes directly (positions are byte offsets, as in
// Go tools); bytes >= 0x80 are validated as UTF-8 and decoded only where they occur. Identifiers
// are interned, so the names that recur in every file are allocated once.

import type { SourceFile } from "./source.js";

// Token kinds. Plain numbers keep the hot comparisons cheap.
export const EOF: number = 0;
export const ILLEGAL: number = 1;
export const COMMENT: number = 2;
export const IDENT: number = 3;
export const INT: number = 4;
export const FLOAT: number = 5;
export const IMAG: number = 6;
export const CHAR: number = 7;
export const STRING: number = 8;
// operators
export const ADD: number = 10;
export const SUB: number = 11;
export const MUL: number = 12;
export const QUO: number = 13;
export const REM: number = 14;
export const AND: number = 15;
export const OR: number = 16;
export const XOR: number = 17;
export const SHL: number = 18;
export const SHR: number = 19;
export const AND_NOT: number = 20;
export const ADD_ASSIGN: number = 21;
export const SUB_ASSIGN: number = 22;
export const MUL_ASSIGN: number = 23;
export const QUO_ASSIGN: number = 24;
export const REM_ASSIGN: number = 25;
export const AND_ASSIGN: number = 26;
export const OR_ASSIGN: number = 27;
export const XOR_ASSIGN: number = 28;
export const SHL_ASSIGN: number = 29;
export const SHR_ASSIGN: number = 30;
export const AND_NOT_ASSIGN: number = 31;
export const LAND: number = 32;
export const LOR: number = 33;
export const ARROW: number = 34;
export const INC: number = 35;
export const DEC: number = 36;
export const EQL: number = 37;
export const LSS: number = 38;
export const GTR: number = 39;
export const ASSIGN: number = 40;
export const NOT: number = 41;
export const NEQ: number = 42;
export const LEQ: number = 43;
export const GEQ: number = 44;
export const DEFINE: number = 45;
export const ELLIPSIS: number = 46;
export const LPAREN: number = 47;
export const LBRACK: number = 48;
export const LBRACE: number = 49;
export const COMMA: number = 50;
export const PERIOD: number = 51;
export const RPAREN: number = 52;
export const RBRACK: number = 53;
export const RBRACE: number = 54;
export const SEMICOLON: number = 55;
export const COLON: number = 56;
export const TILDE: number = 57;
// keywords
export const BREAK: number = 60;
export const CASE: number = 61;
export const CHAN: number = 62;
export const CONST: number = 63;
export const CONTINUE: number = 64;
export const DEFAULT: number = 65;
export const DEFER: number = 66;
export const ELSE: number = 67;
export const FALLTHROUGH: number = 68;
export const FOR: number = 69;
export const FUNC: number = 70;
export const GO: number = 71;
export const GOTO: number = 72;
export const IF: number = 73;
export const IMPORT: number = 74;
export const INTERFACE: number = 75;
export const MAP: number = 76;
export const PACKAGE: number = 77;
export const RANGE: number = 78;
export const RETURN: number = 79;
export const SELECT: number = 80;
export const STRUCT: number = 81;
export const SWITCH: number = 82;
export const TYPE: number = 83;
export const VAR: number = 84;
export const TOKEN_COUNT: number = 85;

/** Source spelling of each token, as go/token's String(). */
export const tokenString: string[] = new Array<string>(TOKEN_COUNT).fill("");
const spellings: [number, string][] = [
  [EOF, "EOF"],
  [ILLEGAL, "ILLEGAL"],
  [COMMENT, "COMMENT"],
  [IDENT, "IDENT"],
  [INT, "INT"],
  [FLOAT, "FLOAT"],
  [IMAG, "IMAG"],
  [CHAR, "CHAR"],
  [STRING, "STRING"],
  [ADD, "+"],
  [SUB, "-"],
  [MUL, "*"],
  [QUO, "/"],
  [REM, "%"],
  [AND, "&"],
  [OR, "|"],
  [XOR, "^"],
  [SHL, "<<"],
  [SHR, ">>"],
  [AND_NOT, "&^"],
  [ADD_ASSIGN, "+="],
  [SUB_ASSIGN, "-="],
  [MUL_ASSIGN, "*="],
  [QUO_ASSIGN, "/="],
  [REM_ASSIGN, "%="],
  [AND_ASSIGN, "&="],
  [OR_ASSIGN, "|="],
  [XOR_ASSIGN, "^="],
  [SHL_ASSIGN, "<<="],
  [SHR_ASSIGN, ">>="],
  [AND_NOT_ASSIGN, "&^="],
  [LAND, "&&"],
  [LOR, "||"],
  [ARROW, "<-"],
  [INC, "++"],
  [DEC, "--"],
  [EQL, "=="],
  [LSS, "<"],
  [GTR, ">"],
  [ASSIGN, "="],
  [NOT, "!"],
  [NEQ, "!="],
  [LEQ, "<="],
  [GEQ, ">="],
  [DEFINE, ":="],
  [ELLIPSIS, "..."],
  [LPAREN, "("],
  [LBRACK, "["],
  [LBRACE, "{"],
  [COMMA, ","],
  [PERIOD, "."],
  [RPAREN, ")"],
  [RBRACK, "]"],
  [RBRACE, "}"],
  [SEMICOLON, ";"],
  [COLON, ":"],
  [TILDE, "~"],
  [BREAK, "break"],
  [CASE, "case"],
  [CHAN, "chan"],
  [CONST, "const"],
  [CONTINUE, "continue"],
  [DEFAULT, "default"],
  [DEFER, "defer"],
  [ELSE, "else"],
  [FALLTHROUGH, "fallthrough"],
  [FOR, "for"],
  [FUNC, "func"],
  [GO, "go"],
  [GOTO, "goto"],
  [IF, "if"],
  [IMPORT, "import"],
  [INTERFACE, "interface"],
  [MAP, "map"],
  [PACKAGE, "package"],
  [RANGE, "range"],
  [RETURN, "return"],
  [SELECT, "select"],
  [STRUCT, "struct"],
  [SWITCH, "switch"],
  [TYPE, "type"],
  [VAR, "var"],
];
for (const [tok, s] of spellings) tokenString[tok] = s;

const keywords = new Map<string, number>();
for (let tok = BREAK; tok <= VAR; tok++) keywords.set(tokenString[tok]!, tok);

/** Binary operator precedence (go/token's Precedence), 0 for non-operators. */
export const precedence: Uint8Array = new Uint8Array(TOKEN_COUNT);
precedence[LOR] = 1;
precedence[LAND] = 2;
for (const t of [EQL, NEQ, LSS, LEQ, GTR, GEQ]) precedence[t] = 3;
for (const t of [ADD, SUB, OR, XOR]) precedence[t] = 4;
for (const t of [MUL, QUO, REM, SHL, SHR, AND, AND_NOT]) precedence[t] = 5;

export function isLiteral(tok: number): boolean {
  return tok >= IDENT && tok <= STRING;
}

const letterRe = /^\p{L}$/u;
const digitRe = /^\p{Nd}$/u;

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isDecimal(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function digitVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  if (l >= 97 && l <= 102) return l - 97 + 10;
  return 16;
}

export type ErrorHandler = (pos: number, message: string) => void;

export class Scanner {
  private readonly b: Uint8Array;
  private readonly file: SourceFile;
  private readonly onError: ErrorHandler;
  private readonly len: number;
  /** Offset of the next character to read. */
  private off = 0;
  private insertSemi = false;
  /** Line (1-based) of `off`, maintained as newlines are passed. */
  line = 1;

  // The current token.
  tok = EOF;
  pos = 0;
  /** Identifier name, literal source text, comment text, or "\n"/";" for semicolons. */
  lit = "";
  /** End offset of the current token (exclusive), as go/ast would compute it. */
  end = 0;
  /** Line of the token's first character. */
  tokLine = 1;

  constructor(file: SourceFile, onError: ErrorHandler) {
    this.file = file;
    this.b = file.bytes;
    this.len = this.b.length;
    this.onError = onError;
    // A byte order mark is allowed only at the very start, and skipped.
    if (this.len >= 3 && this.b[0] === 0xef && this.b[1] === 0xbb && this.b[2] === 0xbf) {
      this.off = 3;
    }
  }

  private error(pos: number, msg: string): void {
    this.onError(pos, msg);
  }

  /** Length of the UTF-8 sequence decoded by the last decodeRune or peekRune. */
  private runeSize = 1;

  /**
   * Decodes the UTF-8 sequence at `off` (first byte >= 0x80), reporting it when invalid or a
   * misplaced byte order mark. Returns the code point (0xFFFD when invalid).
   */
  private decodeRune(off: number): number {
    const cp = this.peekRune(off);
    if (cp < 0) {
      this.error(off, "illegal UTF-8 encoding");
      return 0xfffd;
    }
    if (cp === 0xfeff && off > 0) this.error(off, "illegal byte order mark");
    return cp;
  }

  /**
   * Checks the character at `off` for the errors go/scanner's next() reports everywhere (NUL,
   * bad UTF-8, misplaced BOM) and returns the offset after it.
   */
  private advanceChar(off: number): number {
    const c = this.b[off]!;
    if (c < 0x80) {
      if (c === 0) this.error(off, "illegal character NUL");
      else if (c === 10) this.line++;
      return off + 1;
    }
    this.decodeRune(off);
    return off + this.runeSize;
  }

  /**
   * With `{` the current token, moves to just before its matching `}` (the next token) reading bytes
   * only: braces counted outside comments, strings, runes and raw strings, newlines counted for
   * line numbers. For the declarations-only parse, which never looks inside function bodies:
   * tokenizing them was most of its time. Errors inside are not reported (nobody reads that
   * parse's errors for bodies). Without a match, the next token is EOF.
   */
  skipBlock(): void {
    const b = this.b;
    const len = this.len;
    let off = this.off;
    let line = this.line;
    let depth = 1;
    const skipQuoted = (quote: number): void => {
      // an interpreted string or a rune: up to the closing quote; a newline ends it unclosed
      off++;
      while (off < len && b[off] !== quote && b[off] !== 10)
        off += b[off] === 92 && b[off + 1] !== 10 ? 2 : 1;
      if (off < len && b[off] === quote) off++;
    };
    while (off < len) {
      const c = b[off]!;
      if (c === 10) {
        line++;
        off++;
      } else if (c === 123) {
        depth++;
        off++;
      } else if (c === 125) {
        if (--depth === 0) break;
        off++;
      } else if (c === 34 || c === 39) {
        skipQuoted(c);
      } else if (c === 96) {
        off++;
        while (off < len && b[off] !== 96) {
          if (b[off] === 10) line++;
          off++;
        }
        off++;
      } else if (c === 47 && b[off + 1] === 47) {
        off += 2;
        while (off < len && b[off] !== 10) off++;
      } else if (c === 47 && b[off + 1] === 42) {
        off += 2;
        while (off < len && !(b[off] === 42 && b[off + 1] === 47)) {
          if (b[off] === 10) line++;
          off++;
        }
        off += 2;
      } else off++;
    }
    this.off = Math.min(off, len);
    this.line = line;
    this.insertSemi = false;
  }

  /** Scans the next token into tok/pos/lit/end. */
  next(): void {
    const src = this.b;
    let off = this.off;
    // skip white space
    for (;;) {
      const c = src[off]!;
      if (c === 32 || c === 9 || c === 13) off++;
      else if (c === 10 && !this.insertSemi) {
        off++;
        this.line++;
      } else break;
    }
    this.pos = off;
    this.tokLine = this.line;
    if (off >= this.len) {
      this.off = off;
      if (this.insertSemi) {
        this.insertSemi = false;
        this.setTok(SEMICOLON, "\n", off);
        return;
      }
      this.setTok(EOF, "", off);
      return;
    }
    const c = src[off]!;
    if (isAsciiLetter(c) || (c >= 0x80 && this.isLetterAt(off))) {
      const end = this.scanIdentifierEnd(off);
      this.off = end;
      let name: string;
      let tok: number;
      if (this.identAscii) {
        const slot = internAscii(this.b, off, end, this.identHash);
        name = internNames[slot]!;
        tok = internToks[slot]!;
      } else {
        name = this.file.decode(off, end);
        tok = IDENT;
      }
      if (tok !== IDENT) {
        this.insertSemi = tok === BREAK || tok === CONTINUE || tok === FALLTHROUGH || tok === RETURN;
        this.tok = tok;
        this.lit = name;
        this.end = end;
        return;
      }
      this.insertSemi = true;
      this.tok = IDENT;
      this.lit = name;
      this.end = end;
      return;
    }
    if (isDecimal(c) || (c === 46 && isDecimal(src[off + 1]!))) {
      this.insertSemi = true;
      this.scanNumber(off);
      return;
    }
    off++;
    let insertSemi = false;
    let tok: number;
    switch (c) {
      case 10:
        // only reached when insertSemi was set
        this.insertSemi = false;
        this.off = off;
        this.line++;
        this.setTok(SEMICOLON, "\n", this.pos);
        return;
      case 34: // "
        this.insertSemi = true;
        this.scanString(off);
        return;
      case 39: // '
        this.insertSemi = true;
        this.scanRune(off);
        return;
      case 96: // `
        this.insertSemi = true;
        this.scanRawString(off);
        return;
      case 58: // :
        if (src[off]! === 61) {
          off++;
          tok = DEFINE;
        } else tok = COLON;
        break;
      case 46: // .
        if (src[off]! === 46 && src[off + 1]! === 46) {
          off += 2;
          tok = ELLIPSIS;
        } else tok = PERIOD;
        break;
      case 44:
        tok = COMMA;
        break;
      case 59:
        this.off = off;
        this.insertSemi = false;
        this.setTok(SEMICOLON, ";", off);
        return;
      case 40:
        tok = LPAREN;
        break;
      case 41:
        insertSemi = true;
        tok = RPAREN;
        break;
      case 91:
        tok = LBRACK;
        break;
      case 93:
        insertSemi = true;
        tok = RBRACK;
        break;
      case 123:
        tok = LBRACE;
        break;
      case 125:
        insertSemi = true;
        tok = RBRACE;
        break;
      case 43: // +
        if (src[off]! === 43) {
          off++;
          insertSemi = true;
          tok = INC;
        } else if (src[off]! === 61) {
          off++;
          tok = ADD_ASSIGN;
        } else tok = ADD;
        break;
      case 45: // -
        if (src[off]! === 45) {
          off++;
          insertSemi = true;
          tok = DEC;
        } else if (src[off]! === 61) {
          off++;
          tok = SUB_ASSIGN;
        } else tok = SUB;
        break;
      case 42: // *
        if (src[off]! === 61) {
          off++;
          tok = MUL_ASSIGN;
        } else tok = MUL;
        break;
      case 47: {
        // /
        const c2 = src[off]!;
        if (c2 === 47 || c2 === 42) {
          const start = off - 1;
          if (this.insertSemi && this.findLineEnd(start)) {
            // The newline implied by the comment ends the statement; the comment itself
            // is scanned next time.
            this.insertSemi = false;
            this.off = start;
            this.setTok(SEMICOLON, "\n", start);
            return;
          }
          // Like go/scanner: after a comment no semicolon is pending (had a newline followed, it
          // was inserted above). This also keeps findLineEnd from rescanning a run of comments.
          this.insertSemi = false;
          this.scanComment(start);
          return;
        }
        if (c2 === 61) {
          off++;
          tok = QUO_ASSIGN;
        } else tok = QUO;
        break;
      }
      case 37:
        if (src[off]! === 61) {
          off++;
          tok = REM_ASSIGN;
        } else tok = REM;
        break;
      case 94:
        if (src[off]! === 61) {
          off++;
          tok = XOR_ASSIGN;
        } else tok = XOR;
        break;
      case 60: {
        // <
        const c2 = src[off]!;
        if (c2 === 45) {
          off++;
          tok = ARROW;
        } else if (c2 === 60) {
          off++;
          if (src[off]! === 61) {
            off++;
            tok = SHL_ASSIGN;
          } else tok = SHL;
        } else if (c2 === 61) {
          off++;
          tok = LEQ;
        } else tok = LSS;
        break;
      }
      case 62: {
        // >
        const c2 = src[off]!;
        if (c2 === 62) {
          off++;
          if (src[off]! === 61) {
            off++;
            tok = SHR_ASSIGN;
          } else tok = SHR;
        } else if (c2 === 61) {
          off++;
          tok = GEQ;
        } else tok = GTR;
        break;
      }
      case 61:
        if (src[off]! === 61) {
          off++;
          tok = EQL;
        } else tok = ASSIGN;
        break;
      case 33:
        if (src[off]! === 61) {
          off++;
          tok = NEQ;
        } else tok = NOT;
        break;
      case 38: {
        // &
        const c2 = src[off]!;
        if (c2 === 94) {
          off++;
          if (src[off]! === 61) {
            off++;
            tok = AND_NOT_ASSIGN;
          } else tok = AND_NOT;
        } else if (c2 === 61) {
          off++;
          tok = AND_ASSIGN;
        } else if (c2 === 38) {
          off++;
          tok = LAND;
        } else tok = AND;
        break;
      }
      case 124:
        if (src[off]! === 61) {
          off++;
          tok = OR_ASSIGN;
        } else if (src[off]! === 124) {
          off++;
          tok = LOR;
        } else tok = OR;
        break;
      case 126:
        tok = TILDE;
        break;
      default: {
        // illegal character
        let cp = c;
        off = this.pos;
        if (c >= 0x80) {
          cp = this.decodeRune(off);
          off += this.runeSize;
        } else {
          off++;
        }
        if (c === 0) this.error(this.pos, "illegal character NUL");
        if (cp !== 0xfeff) {
          this.error(this.pos, `invalid character ${formatRune(cp)}`);
        }
        insertSemi = this.insertSemi; // preserve insertSemi info
        this.off = off;
        this.insertSemi = insertSemi;
        this.setTok(ILLEGAL, this.file.decode(this.pos, off), off);
        return;
      }
    }
    this.off = off;
    this.insertSemi = insertSemi;
    this.tok = tok;
    this.lit = tokenString[tok]!;
    this.end = off;
  }

  private setTok(tok: number, lit: string, end: number): void {
    this.tok = tok;
    this.lit = lit;
    this.end = end;
  }

  private isLetterAt(off: number): boolean {
    // Decode without reporting: the caller reports invalid input when it scans it.
    const cp = this.peekRune(off);
    return cp >= 0 && letterRe.test(String.fromCodePoint(cp));
  }

  /**
   * Decodes the rune at off without reporting errors: the code point, or -1 when the bytes are
   * not valid UTF-8 (overlong forms, surrogates and values past U+10FFFF included). Sets runeSize.
   */
  private peekRune(off: number): number {
    const b = this.b;
    const c0 = b[off]!;
    this.runeSize = 1;
    if (c0 < 0x80) return c0;
    const c1 = off + 1 < this.len ? b[off + 1]! : 0;
    if (c0 >= 0xc2 && c0 <= 0xdf) {
      if ((c1 & 0xc0) !== 0x80) return -1;
      this.runeSize = 2;
      return ((c0 & 0x1f) << 6) | (c1 & 0x3f);
    }
    const c2 = off + 2 < this.len ? b[off + 2]! : 0;
    if (c0 >= 0xe0 && c0 <= 0xef) {
      if ((c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80) return -1;
      const v = ((c0 & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
      if (v < 0x800 || (v >= 0xd800 && v <= 0xdfff)) return -1;
      this.runeSize = 3;
      return v;
    }
    const c3 = off + 3 < this.len ? b[off + 3]! : 0;
    if (c0 >= 0xf0 && c0 <= 0xf4) {
      if ((c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80 || (c3 & 0xc0) !== 0x80) return -1;
      const v = ((c0 & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((c2 & 0x3f) << 6) | (c3 & 0x3f);
      if (v < 0x10000 || v > 0x10ffff) return -1;
      this.runeSize = 4;
      return v;
    }
    return -1;
  }

  /** Set by scanIdentifierEnd: whether the identifier is ASCII, and its hash if so. */
  private identAscii = true;
  private identHash = 0;

  private scanIdentifierEnd(off: number): number {
    const src = this.b;
    let h = 0;
    let ascii = true;
    for (;;) {
      const c = src[off]!;
      if (isAsciiLetter(c) || isDecimal(c)) {
        h = (Math.imul(h, 31) + c) | 0;
        off++;
        continue;
      }
      if (c >= 0x80) {
        const cp = this.peekRune(off);
        if (cp >= 0) {
          const s = String.fromCodePoint(cp);
          if (letterRe.test(s) || digitRe.test(s)) {
            ascii = false;
            off += this.runeSize;
            continue;
          }
        }
      }
      this.identAscii = ascii;
      this.identHash = h;
      return off;
    }
  }

  /** Source text of [start, end) as a string (decoding UTF-8 when not ASCII). */
  private textOf(start: number, end: number, ascii: boolean): string {
    return ascii ? asciiString(this.b, start, end) : this.file.decode(start, end);
  }

  // ---- comments ----

  /**
   * Reports whether the comment(s) starting at `off` are followed by a newline before the next
   * token (so a semicolon must be inserted before them). Reads ahead without consuming.
   */
  private findLineEnd(off: number): boolean {
    const src = this.b;
    for (;;) {
      // off is at '/' of a comment
      if (src[off + 1]! === 47) return true; // line comment: ends the line
      // general comment: a newline inside it ends the line
      let close = off + 2;
      for (;;) {
        if (close + 1 >= this.len) return true; // unterminated: a line end (reported when scanned)
        const c = src[close]!;
        if (c === 10) return true;
        if (c === 42 && src[close + 1] === 47) break;
        close++;
      }
      off = close + 2;
      // skip white space other than newline
      let c = src[off]!;
      while (c === 32 || c === 9 || c === 13) c = src[++off]!;
      if (off >= this.len || c === 10) return true;
      if (c !== 47) return false;
      const c2 = src[off + 1]!;
      if (c2 !== 47 && c2 !== 42) return false;
    }
  }

  private scanComment(start: number): void {
    const src = this.b;
    let off = start + 2;
    let ascii = true;
    let numCR = 0;
    let textEnd: number;
    if (src[start + 1]! === 47) {
      // line comment; the newline is not part of it
      for (;;) {
        const c = src[off]!;
        if (off >= this.len || c === 10) break;
        if (c === 13) numCR++;
        else if (c >= 0x80 || c === 0) ascii = false;
        off = c >= 0x80 || c === 0 ? this.advanceChar(off) : off + 1;
      }
      textEnd = off;
      this.off = off;
    } else {
      let terminated = false;
      while (off < this.len) {
        const c = src[off]!;
        if (c === 42 && src[off + 1]! === 47) {
          off += 2;
          terminated = true;
          break;
        }
        if (c === 13) numCR++;
        else if (c >= 0x80 || c === 0) ascii = false;
        off = this.advanceChar(off);
      }
      if (!terminated) this.error(start, "comment not terminated");
      textEnd = off;
      this.off = off;
    }
    let text = this.textOf(start, textEnd, ascii);
    if (numCR > 0) {
      // Like go/scanner: drop a final '\r' of a line comment, then every other '\r'.
      text = text.replace(/\r/g, "");
    }
    // go/ast computes a comment's end from its text length in bytes.
    const byteLen = numCR > 0 ? textEnd - start - numCR : textEnd - start;
    this.tok = COMMENT;
    this.lit = text;
    this.end = start + byteLen;
  }

  // ---- numbers ----

  private scanDigits(off: number, base: number, state: { invalid: number; sep: number }): number {
    const src = this.b;
    if (base <= 10) {
      const max = 48 + base;
      for (;;) {
        const c = src[off]!;
        if (isDecimal(c)) {
          if (c >= max && state.invalid < 0) state.invalid = off;
          state.sep |= 1;
        } else if (c === 95) {
          state.sep |= 2;
        } else break;
        off++;
      }
    } else {
      for (;;) {
        const c = src[off]!;
        if (isHex(c)) state.sep |= 1;
        else if (c === 95) state.sep |= 2;
        else break;
        off++;
      }
    }
    return off;
  }

  private scanNumber(start: number): void {
    const src = this.b;
    let off = start;
    let tok = INT;
    let base = 10;
    let prefix = 0; // 'x', 'o', 'b', or '0' for legacy octal
    const state = { invalid: -1, sep: 0 };
    let digsep = 0;

    if (src[off]! !== 46) {
      if (src[off]! === 48) {
        off++;
        const l = src[off]! | 0x20;
        if (l === 120) {
          off++;
          base = 16;
          prefix = 120;
        } else if (l === 111) {
          off++;
          base = 8;
          prefix = 111;
        } else if (l === 98) {
          off++;
          base = 2;
          prefix = 98;
        } else {
          base = 8;
          prefix = 48;
          state.sep = 1; // leading 0
        }
      }
      off = this.scanDigits(off, base, state);
      digsep |= state.sep;
      if (src[off]! === 46) {
        if (prefix === 111 || prefix === 98) {
          this.error(off, `invalid radix point in ${litname(prefix)}`);
        }
      }
    }
    // fractional part
    if (src[off]! === 46) {
      tok = FLOAT;
      off++;
      state.sep = 0;
      off = this.scanDigits(off, base, state);
      digsep |= state.sep;
    }
    if ((digsep & 1) === 0) {
      this.error(off, `${litname(prefix)} has no digits`);
    }
    // exponent
    const e = src[off]! | 0x20;
    if (e === 101 || e === 112) {
      if (e === 101 && prefix !== 0 && prefix !== 48) {
        this.error(off, `'${String.fromCharCode(src[off]!)}' exponent requires decimal mantissa`);
      } else if (e === 112 && prefix !== 120) {
        this.error(off, `'${String.fromCharCode(src[off]!)}' exponent requires hexadecimal mantissa`);
      }
      off++;
      tok = FLOAT;
      const s = src[off]!;
      if (s === 43 || s === 45) off++;
      const expState = { invalid: -1, sep: 0 };
      off = this.scanDigits(off, 10, expState);
      digsep |= expState.sep;
      if ((expState.sep & 1) === 0) this.error(off, "exponent has no digits");
    } else if (prefix === 120 && tok === FLOAT) {
      this.error(off, "hexadecimal mantissa requires a 'p' exponent");
    }
    // suffix 'i'
    if (src[off]! === 105) {
      tok = IMAG;
      off++;
    }
    const lit = asciiString(src, start, off);
    if (tok === INT && state.invalid >= 0) {
      this.error(
        state.invalid,
        `invalid digit '${String.fromCharCode(src[state.invalid]!)}' in ${litname(prefix)}`,
      );
    }
    if ((digsep & 2) !== 0) {
      const i = invalidSep(lit);
      if (i >= 0) this.error(start + i, "'_' must separate successive digits");
    }
    this.off = off;
    this.tok = tok;
    this.lit = lit;
    this.end = off;
  }

  // ---- strings and runes ----

  /** Whether the last scanEscape was valid. */
  private escapeOk = true;

  /** Scans an escape after the backslash at off-1; returns the offset after it. */
  private scanEscape(off: number, quote: number): number {
    const src = this.b;
    const escStart = off;
    this.escapeOk = true;
    const c = src[off]!;
    let n: number;
    let base: number;
    let max: number;
    switch (c) {
      case 97:
      case 98:
      case 102:
      case 110:
      case 114:
      case 116:
      case 118:
      case 92:
        return off + 1;
      case 48:
      case 49:
      case 50:
      case 51:
      case 52:
      case 53:
      case 54:
      case 55:
        n = 3;
        base = 8;
        max = 255;
        break;
      case 120:
        off++;
        n = 2;
        base = 16;
        max = 255;
        break;
      case 117:
        off++;
        n = 4;
        base = 16;
        max = 0x10ffff;
        break;
      case 85:
        off++;
        n = 8;
        base = 16;
        max = 0x10ffff;
        break;
      default:
        if (c === quote) return off + 1;
        this.error(off, off >= this.len ? "escape sequence not terminated" : "unknown escape sequence");
        this.escapeOk = false;
        return off;
    }
    let x = 0;
    while (n > 0) {
      const d = digitVal(src[off]!);
      if (off >= this.len || d >= base) {
        if (off >= this.len) {
          this.error(off, "escape sequence not terminated");
        } else {
          const cp = this.peekRune(off);
          this.error(off, `illegal character ${formatRune(cp < 0 ? 0xfffd : cp)} in escape sequence`);
        }
        this.escapeOk = false;
        return off;
      }
      x = x * base + d;
      off++;
      n--;
    }
    if (x > max || (x >= 0xd800 && x < 0xe000)) {
      this.error(escStart, "escape sequence is invalid Unicode code point");
      this.escapeOk = false;
    }
    return off;
  }

  private scanString(off: number): void {
    const src = this.b;
    const start = off - 1;
    let ascii = true;
    for (;;) {
      const c = src[off]!;
      if (c === 10 || off >= this.len) {
        this.error(start, "string literal not terminated");
        break;
      }
      if (c === 34) {
        off++;
        break;
      }
      if (c === 92) {
        off = this.scanEscape(off + 1, 34);
        continue;
      }
      if (c >= 0x80 || c === 0) {
        ascii = false;
        off = this.advanceChar(off);
      } else off++;
    }
    this.off = off;
    this.tok = STRING;
    this.lit = this.textOf(start, off, ascii);
    this.end = off;
  }

  private scanRawString(off: number): void {
    const src = this.b;
    const start = off - 1;
    let ascii = true;
    let numCR = 0;
    for (;;) {
      if (off >= this.len) {
        this.error(start, "raw string literal not terminated");
        break;
      }
      const c = src[off]!;
      if (c === 96) {
        off++;
        break;
      }
      if (c === 13) numCR++;
      if (c >= 0x80 || c === 0) ascii = false;
      off = this.advanceChar(off);
    }
    this.off = off;
    this.tok = STRING;
    let lit = this.textOf(start, off, ascii);
    if (numCR > 0) lit = lit.replace(/\r/g, "");
    this.lit = lit;
    // go/ast: a literal ends at its position plus the byte length of its (CR-stripped) value.
    this.end = off - numCR;
  }

  private scanRune(off: number): void {
    const src = this.b;
    const start = off - 1;
    let valid = true;
    let n = 0;
    let ascii = true;
    for (;;) {
      const c = src[off]!;
      if (c === 10 || off >= this.len) {
        if (valid) {
          this.error(start, "rune literal not terminated");
          valid = false;
        }
        break;
      }
      if (c === 39) {
        off++;
        break;
      }
      n++;
      if (c === 92) {
        off = this.scanEscape(off + 1, 39);
        if (!this.escapeOk) valid = false;
        continue;
      }
      if (c >= 0x80 || c === 0) {
        ascii = false;
        off = this.advanceChar(off);
      } else off++;
    }
    if (valid && n !== 1) this.error(start, "illegal rune literal");
    this.off = off;
    this.tok = CHAR;
    this.lit = this.textOf(start, off, ascii);
    this.end = off;
  }
}

type Latin1Slicer = (this: Uint8Array, start: number, end: number) => string;
const latin1Slice: Latin1Slicer | null =
  typeof Buffer !== "undefined"
    ? (Buffer.prototype as unknown as { latin1Slice: Latin1Slicer }).latin1Slice
    : null;

/** The ASCII bytes [start, end) as a string. */
export function asciiString(b: Uint8Array, start: number, end: number): string {
  if (end - start <= 8) {
    let s = "";
    for (let i = start; i < end; i++) s += String.fromCharCode(b[i]!);
    return s;
  }
  if (latin1Slice !== null) return latin1Slice.call(b, start, end);
  return String.fromCharCode.apply(null, Array.from(b.subarray(start, end)));
}

// Identifier interning: one slot per hash value; a slot holds the last name seen with that hash
// and its token (IDENT or the keyword), so recurring names cost neither an allocation nor a
// keyword lookup.
const INTERN_BITS = 14;
const internNames: string[] = new Array<string>(1 << INTERN_BITS).fill("");
const internToks: Uint8Array = new Uint8Array(1 << INTERN_BITS);

/** Interns the ASCII identifier [start, end) with the given hash; returns its slot. */
function internAscii(b: Uint8Array, start: number, end: number, hash: number): number {
  const slot = (hash ^ (hash >>> INTERN_BITS)) & ((1 << INTERN_BITS) - 1);
  const s = internNames[slot]!;
  const n = end - start;
  if (s.length === n) {
    let i = 0;
    while (i < n && s.charCodeAt(i) === b[start + i]) i++;
    if (i === n) return slot;
  }
  const name = asciiString(b, start, end);
  internNames[slot] = name;
  internToks[slot] = keywords.get(name) ?? IDENT;
  return slot;
}

function litname(prefix: number): string {
  switch (prefix) {
    case 120:
      return "hexadecimal literal";
    case 111:
    case 48:
      return "octal literal";
    case 98:
      return "binary literal";
    default:
      return "decimal literal";
  }
}

/** Index of the first misplaced '_' in a number literal, or -1 (go/scanner's invalidSep). */
function invalidSep(x: string): number {
  let x1 = 32; // prefix char, we only care if it's 'x'
  let d = 46; // digit, one of '_', '0' (a digit), or '.' (anything else)
  let i = 0;
  // a prefix counts as a digit
  if (x.length >= 2 && x.charCodeAt(0) === 48) {
    x1 = x.charCodeAt(1) | 0x20;
    if (x1 === 120 || x1 === 111 || x1 === 98) {
      d = 48;
      i = 2;
    }
  }
  for (; i < x.length; i++) {
    const p = d;
    d = x.charCodeAt(i);
    if (d === 95) {
      if (p !== 48) return i;
    } else if (isDecimal(d) || (x1 === 120 && isHex(d))) {
      d = 48;
    } else {
      if (p === 95) return i - 1;
      d = 46;
    }
  }
  if (d === 95) return x.length - 1;
  return -1;
}

/** Formats a code point like Go's %#U: U+0040 '@'. */
export function formatRune(cp: number): string {
  const hex = cp.toString(16).toUpperCase().padStart(4, "0");
  const printable = cp >= 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp < 0xa0) && cp !== 0xfffd;
  return printable ? `U+${hex} '${String.fromCodePoint(cp)}'` : `U+${hex}`;
}
