// Sizes and alignments of types on 64-bit platforms.
//
// gcSizes follows the gc compiler on amd64 (what unsafe.Sizeof gives in a compiled
// program, and what go/types' SizesFor("gc", "amd64") gives since Go 1.21): a struct's size
// is rounded up to its alignment, and a non-empty struct ending in a zero-size field gets a
// byte of padding so that a pointer to that field stays inside the struct. stdSizes119
// follows Go 1.19's go/types.StdSizes, which does neither: its answers are those of the
// project's go/types oracle for unsafe.Sizeof constants.

import type { Var } from "./objects.js";
import { under } from "./predicates.js";
import { BasicInfo, BasicKind, type Type } from "./types.js";

/** Sizes in bytes of the basic types with a fixed size, indexed by BasicKind (0: none). */
const basicSizes: readonly number[] = [0, 1, 0, 1, 2, 4, 8, 0, 1, 2, 4, 8, 0, 4, 8, 8, 16];

/** Largest size, as int64 in go/types; beyond it a size is -1 (too large). */
const maxSize = 2 ** 63;

function align(x: number, a: number): number {
  const y = x + a - 1;
  return y - (y % a);
}

function isSyncAtomicAlign64(t: Type): boolean {
  if (t.kind !== "Named") return false;
  const obj = t.obj;
  if (obj.name !== "align64" || obj.pkg === null) return false;
  const p = obj.pkg.path;
  return p === "sync/atomic" || p === "runtime/internal/atomic" || p === "internal/runtime/atomic";
}

export class Sizes {
  constructor(
    readonly wordSize: number,
    readonly maxAlign: number,
    /** Lay structs and arrays out like the gc compiler (see the module comment). */
    readonly compiler: boolean,
  ) {}

  /** unsafe.Alignof: at least 1. */
  alignof(T: Type): number {
    const u = under(T);
    switch (u.kind) {
      case "Array":
        return this.alignof(u.elem);
      case "Struct": {
        // sync/atomic.align64, an empty struct, makes the struct that holds it 8-byte aligned.
        if (u.fields.length === 0 && isSyncAtomicAlign64(T)) return 8;
        let max = 1;
        for (const f of u.fields) {
          const a = this.alignof(f.type);
          if (a > max) max = a;
        }
        return max;
      }
      case "Slice":
      case "Interface":
        return this.wordSize;
      case "Basic":
        if (u.info & BasicInfo.IsString) return this.wordSize;
        break;
    }
    let a = this.sizeof(T);
    if (a < 1) return 1;
    // complex64 and complex128 are aligned like [2]float32 and [2]float64.
    if (u.kind === "Basic" && u.info & BasicInfo.IsComplex) a /= 2;
    return Math.min(a, this.maxAlign);
  }

  /** Offsets of struct fields, in order; -1 for fields beyond the largest size. */
  offsetsof(fields: readonly Var[]): number[] {
    const offsets: number[] = [];
    let offs = 0;
    for (const f of fields) {
      if (offs < 0) {
        offsets.push(-1);
        continue;
      }
      offs = align(offs, this.alignof(f.type));
      offsets.push(offs);
      const d = this.sizeof(f.type);
      offs = d >= 0 && offs + d < maxSize ? offs + d : -1;
    }
    return offsets;
  }

  /** unsafe.Sizeof; -1 for a type larger than the largest size. */
  sizeof(T: Type): number {
    const u = under(T);
    switch (u.kind) {
      case "Basic": {
        const s = basicSizes[u.basicKind] ?? 0;
        if (s > 0) return s;
        if (u.basicKind === BasicKind.String) return this.wordSize * 2;
        return this.wordSize;
      }
      case "Array": {
        const n = Number(u.len);
        if (n <= 0) return 0;
        const esize = this.sizeof(u.elem);
        if (esize < 0) return -1;
        if (this.compiler) {
          if (esize === 0) return 0;
          return esize * n < maxSize ? esize * n : -1;
        }
        const size = align(esize, this.alignof(u.elem)) * (n - 1) + esize;
        return size < maxSize ? size : -1;
      }
      case "Slice":
        return this.wordSize * 3;
      case "Struct": {
        const n = u.fields.length;
        if (n === 0) return 0;
        const offs = this.offsetsof(u.fields)[n - 1]!;
        let size = this.sizeof(u.fields[n - 1]!.type);
        if (offs < 0 || size < 0) return -1;
        if (!this.compiler) return offs + size;
        if (offs > 0 && size === 0) size = 1;
        const total = align(offs + size, this.alignof(T));
        return total < maxSize ? total : -1;
      }
      case "Interface":
        return this.wordSize * 2;
      default:
        return this.wordSize;
    }
  }

  /** unsafe.Offsetof of the field reached from struct type T by a path of field indices. */
  offsetof(T: Type, index: readonly number[]): number {
    let o = 0;
    let t = T;
    for (const i of index) {
      const s = under(t);
      if (s.kind !== "Struct") return -1;
      const off = this.offsetsof(s.fields)[i]!;
      if (off < 0) return -1;
      o += off;
      t = s.fields[i]!.type;
    }
    return o;
  }
}

/** The gc compiler's layout on amd64 (and every 64-bit platform gc supports). */
export const gcSizes = new Sizes(8, 8, true);

/** Go 1.19 go/types' StdSizes for amd64: what the go/types oracle reports. */
export const stdSizes119 = new Sizes(8, 8, false);
