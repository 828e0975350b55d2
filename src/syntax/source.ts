// A Go source file: its bytes, its name, and the line table that turns byte offsets into the
// line and byte column Go tools report.

const utf8 = new TextDecoder("utf-8");
const utf8Encoder = new TextEncoder();

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in bytes like gc and go vet. */
  column: number;
}

export class SourceFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  private lineStarts: number[] | null = null;

  constructor(name: string, src: Uint8Array | string) {
    this.name = name;
    this.bytes = typeof src === "string" ? utf8Encoder.encode(src) : src;
  }

  /** Decodes the UTF-8 bytes in [start, end) to a string. */
  decode(start: number, end: number): string {
    return utf8.decode(this.bytes.subarray(start, end));
  }

  /** The byte offsets at which each line starts. */
  lines(): number[] {
    if (this.lineStarts === null) {
      const starts = [0];
      const bytes = this.bytes;
      // Like go/token, a final newline does not start a line: the end of the file is still
      // on the last line (which is where gc reports errors at EOF).
      let i = bytes.indexOf(10);
      while (i >= 0 && i + 1 < bytes.length) {
        starts.push(i + 1);
        i = bytes.indexOf(10, i + 1);
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  /** The 1-based line of an offset (clamped to the file). */
  lineOf(offset: number): number {
    const starts = this.lines();
    const off = Math.max(0, Math.min(offset, this.bytes.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Line and byte column of an offset (clamped to the file). */
  position(offset: number): Position {
    const line = this.lineOf(offset);
    const off = Math.max(0, Math.min(offset, this.bytes.length));
    return { line, column: off - this.lines()[line - 1]! + 1 };
  }

  /** `name:line:col`, the prefix of every diagnostic. */
  format(offset: number): string {
    const p = this.position(offset);
    return `${this.name}:${p.line}:${p.column}`;
  }
}
