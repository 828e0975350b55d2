// A Go source file as the scanner sees it: its bytes, and a "latin1" string view of them in
// which every byte is one UTF-16 unit. String offsets therefore equal byte offsets, which is
// what Go tools report (columns count bytes), and ASCII text needs no decoding at all.

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
  /** One character per byte of the file. */
  readonly text: string;
  private lineStarts: number[] | null = null;

  constructor(name: string, src: Uint8Array | string) {
    this.name = name;
    this.bytes = typeof src === "string" ? utf8Encoder.encode(src) : src;
    this.text = latin1(this.bytes);
  }

  /** Decodes the UTF-8 bytes in [start, end) to a string. */
  decode(start: number, end: number): string {
    return utf8.decode(this.bytes.subarray(start, end));
  }

  /** The byte offsets at which each line starts. */
  lines(): number[] {
    if (this.lineStarts === null) {
      const starts = [0];
      const text = this.text;
      let i = text.indexOf("\n");
      while (i >= 0) {
        starts.push(i + 1);
        i = text.indexOf("\n", i + 1);
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  /** Line and byte column of an offset (clamped to the file). */
  position(offset: number): Position {
    const starts = this.lines();
    const off = Math.max(0, Math.min(offset, this.bytes.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: off - starts[lo]! + 1 };
  }

  /** `name:line:col`, the prefix of every diagnostic. */
  format(offset: number): string {
    const p = this.position(offset);
    return `${this.name}:${p.line}:${p.column}`;
  }
}

function latin1(bytes: Uint8Array): string {
  if (typeof Buffer !== "undefined") {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  }
  let s = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 8192)));
  }
  return s;
}
