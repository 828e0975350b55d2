// Sizes against Go 1.19: the compiler's layout (reflect sizes, alignments and field offsets
// of these types in a compiled program) and go/types' SizesFor("gc", "amd64") of the same
// declarations, which in Go 1.19 neither rounds struct sizes up to their alignment nor pads
// a final zero-size field:
//
//   type S1 struct { a int64; b byte }
//   type S2 struct { a int64; z struct{} }
//   type S3 struct { b byte; z [0]int64 }
//   type S4 struct { z struct{} }
//   type S5 struct { a bool; b int64; c bool }
//   type S6 struct { a, c bool; b int64 }
//   type S7 struct { a byte; b int16; c int32; d complex64; e complex128; f string; g []int
//                    h map[int]int; i interface{}; j *int; k chan int; l func(); m unsafe.Pointer
//                    n uintptr; o [3]byte }
//   type S8 struct { x [3]S1; y [0]S1; zz struct{ a, b int32 } }
//   type S9 struct { a byte; _ atomic.Int64; mu sync.Mutex; t time.Time }
//   type S10 struct { a [5]struct { x int32; y byte } }
//   type S11 struct { a int32; b [0]byte }
//   type S12 struct{}
//   type S13 [4]complex64
//   type S14 struct { a uint8; b float32; c [2]int16 }

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { under } from "../src/semantic/predicates.js";
import { gcSizes, stdSizes119 } from "../src/semantic/sizes.js";
import {
  ArrayType,
  BasicKind,
  Chan,
  Interface,
  MapType,
  Pointer,
  Slice,
  Typ,
  type Type,
  universeByte,
} from "../src/semantic/types.js";
import { bool, field, int, int64, named, pkg, sig, string, struct } from "./semantic-helpers.js";

const main = pkg("main");
const atomic = pkg("sync/atomic");
const sync = pkg("sync");
const time = pkg("time");
const k = (kind: number) => Typ[kind]!;
const f = (name: string, t: Type) => field(name, t, main);

const s1 = named(main, "S1", struct([f("a", int64), f("b", universeByte)]));
const noCopy = named(atomic, "noCopy", struct([]));
const align64 = named(atomic, "align64", struct([]));
const atomicInt64 = named(
  atomic,
  "Int64",
  struct([field("_", noCopy, atomic), field("_", align64, atomic), field("v", int64, atomic)]),
);
const mutex = named(
  sync,
  "Mutex",
  struct([field("state", k(BasicKind.Int32), sync), field("sema", k(BasicKind.Uint32), sync)]),
);
const location = named(time, "Location", struct([]));
const timeT = named(
  time,
  "Time",
  struct([
    field("wall", k(BasicKind.Uint64), time),
    field("ext", int64, time),
    field("loc", new Pointer(location), time),
  ]),
);

const types: [string, Type][] = [
  ["S1", s1],
  ["S2", struct([f("a", int64), f("z", struct([]))])],
  ["S3", struct([f("b", universeByte), f("z", new ArrayType(int64, 0))])],
  ["S4", struct([f("z", struct([]))])],
  ["S5", struct([f("a", bool), f("b", int64), f("c", bool)])],
  ["S6", struct([f("a", bool), f("c", bool), f("b", int64)])],
  [
    "S7",
    struct([
      f("a", universeByte),
      f("b", k(BasicKind.Int16)),
      f("c", k(BasicKind.Int32)),
      f("d", k(BasicKind.Complex64)),
      f("e", k(BasicKind.Complex128)),
      f("f", string),
      f("g", new Slice(int)),
      f("h", new MapType(int, int)),
      f("i", new Interface()),
      f("j", new Pointer(int)),
      f("k", new Chan("both", int)),
      f("l", sig([])),
      f("m", k(BasicKind.UnsafePointer)),
      f("n", k(BasicKind.Uintptr)),
      f("o", new ArrayType(universeByte, 3)),
    ]),
  ],
  [
    "S8",
    struct([
      f("x", new ArrayType(s1, 3)),
      f("y", new ArrayType(s1, 0)),
      f("zz", struct([f("a", k(BasicKind.Int32)), f("b", k(BasicKind.Int32))])),
    ]),
  ],
  ["S9", struct([f("a", universeByte), f("_", atomicInt64), f("mu", mutex), f("t", timeT)])],
  ["S10", struct([f("a", new ArrayType(struct([f("x", k(BasicKind.Int32)), f("y", universeByte)]), 5))])],
  ["S11", struct([f("a", k(BasicKind.Int32)), f("b", new ArrayType(universeByte, 0))])],
  ["S12", struct([])],
  ["S13", new ArrayType(k(BasicKind.Complex64), 4)],
  [
    "S14",
    struct([
      f("a", k(BasicKind.Uint8)),
      f("b", k(BasicKind.Float32)),
      f("c", new ArrayType(k(BasicKind.Int16), 2)),
    ]),
  ],
];

// [type, compiler size, alignment, field offsets, go/types 1.19 size, alignment, field offsets]
const expected: [string, number, number, string, number, number, string][] = [
  ["S1", 16, 8, " 0 8", 9, 8, " 0 8"],
  ["S2", 16, 8, " 0 8", 8, 8, " 0 8"],
  ["S3", 16, 8, " 0 8", 8, 8, " 0 8"],
  ["S4", 0, 1, " 0", 0, 1, " 0"],
  ["S5", 24, 8, " 0 8 16", 17, 8, " 0 8 16"],
  ["S6", 16, 8, " 0 1 8", 16, 8, " 0 1 8"],
  [
    "S7",
    144,
    8,
    " 0 2 4 8 16 32 48 72 80 96 104 112 120 128 136",
    139,
    8,
    " 0 2 4 8 16 32 48 72 80 96 104 112 120 128 136",
  ],
  ["S8", 56, 8, " 0 48 48", 56, 8, " 0 48 48"],
  ["S9", 48, 8, " 0 8 16 24", 48, 8, " 0 8 16 24"],
  ["S10", 40, 4, " 0", 37, 4, " 0"],
  ["S11", 8, 4, " 0 4", 4, 4, " 0 4"],
  ["S12", 0, 1, "", 0, 1, ""],
  ["S13", 32, 4, "", 32, 4, ""],
  ["S14", 12, 4, " 0 4 8", 12, 4, " 0 4 8"],
];

const offsets = (sizes: typeof gcSizes, t: Type) => {
  const u = under(t);
  return u.kind === "Struct"
    ? sizes
        .offsetsof(u.fields)
        .map((o) => ` ${o}`)
        .join("")
    : "";
};

describe("sizes match Go 1.19", () => {
  for (let i = 0; i < types.length; i++) {
    const [name, t] = types[i]!;
    const [ename, size, align, offs, stdSize, stdAlign, stdOffs] = expected[i]!;
    test(`${name}: gc compiler`, () => {
      assert.equal(name, ename);
      assert.deepEqual([gcSizes.sizeof(t), gcSizes.alignof(t), offsets(gcSizes, t)], [size, align, offs]);
    });
    test(`${name}: go/types 1.19 StdSizes`, () => {
      assert.deepEqual(
        [stdSizes119.sizeof(t), stdSizes119.alignof(t), offsets(stdSizes119, t)],
        [stdSize, stdAlign, stdOffs],
      );
    });
  }
});

describe("sizes of basic and reference types", () => {
  const cases: [Type, number, number][] = [
    [bool, 1, 1],
    [int, 8, 8],
    [k(BasicKind.Int8), 1, 1],
    [k(BasicKind.Uint16), 2, 2],
    [k(BasicKind.Float32), 4, 4],
    [k(BasicKind.Complex64), 8, 4],
    [k(BasicKind.Complex128), 16, 8],
    [string, 16, 8],
    [new Slice(int), 24, 8],
    [new Interface(), 16, 8],
    [new MapType(string, int), 8, 8],
    [new Chan("both", int), 8, 8],
    [sig([]), 8, 8],
    [k(BasicKind.UnsafePointer), 8, 8],
  ];
  for (const [t, size, align] of cases) {
    test(`${t.kind} ${t.kind === "Basic" ? t.name : ""}`, () => {
      assert.equal(gcSizes.sizeof(t), size);
      assert.equal(gcSizes.alignof(t), align);
    });
  }
  test("offsetof follows a path of embedded fields", () => {
    const outer = struct([f("a", universeByte), f("s", s1)]);
    assert.equal(gcSizes.offsetof(outer, [1, 1]), 16);
    assert.equal(gcSizes.offsetof(outer, [0]), 0);
  });
  test("huge arrays", () => {
    assert.equal(gcSizes.sizeof(new ArrayType(universeByte, 1n << 40n)), 2 ** 40);
    assert.equal(gcSizes.sizeof(new ArrayType(int64, 1n << 62n)), -1);
    assert.equal(gcSizes.sizeof(new ArrayType(struct([]), 1n << 62n)), 0);
  });
});
