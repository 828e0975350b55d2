// Field and method lookup, method sets and selections against Go 1.19: the expected lines
// were printed by types.NewMethodSet, types.LookupFieldOrMethod and types.Info.Selections for
// this package, type-checked as example.com/p:
//
//   type Inner struct { X int; y string }
//   func (Inner) M1()
//   func (*Inner) M2(a int) bool
//   type Inner2 struct{ X int }
//   func (Inner2) M3()
//   type Outer struct { Inner; *Inner2; Z bool }
//   type Amb struct { Inner; Inner2 }
//   type Deep struct { Outer; X string }
//   type RW interface { io.Reader; io.Writer; Close() error }
//   type PtrT *Inner
//   type E struct{ RW }
//   type Coll struct { Inner; M1 int }
//   type G[T any] struct{ v T }
//   func (g *G[T]) Get() T
//   type GI = G[int]

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  fieldIndex,
  lookupFieldOrMethod,
  MethodSetCache,
  missingMethod,
  newMethodSet,
  Selection,
} from "../src/semantic/lookup.js";
import { implementsError } from "../src/semantic/predicates.js";
import { instantiate } from "../src/semantic/subst.js";
import {
  type Interface,
  type Named,
  Pointer,
  Slice,
  type Struct,
  type Type,
  universeAnyType,
  universeByte,
} from "../src/semantic/types.js";
import { objectString, selectionString, typeString } from "../src/semantic/typestring.js";
import { universeError } from "../src/semantic/universe.js";
import {
  bool,
  embed,
  field,
  iface,
  imethod,
  int,
  method,
  named,
  namedIface,
  param,
  pkg,
  sig,
  string,
  struct,
  tparam,
  types,
} from "./semantic-helpers.js";

const p = pkg("example.com/p");
const io = pkg("io");
const bytes = new Slice(universeByte);
const rw = () => sig([param("p", bytes)], [param("n", int), param("err", universeError)]);
const reader = namedIface(io, "Reader", [imethod(io, "Read", rw())]);
const writer = namedIface(io, "Writer", [imethod(io, "Write", rw())]);

const inner = named(p, "Inner", struct([field("X", int, p), field("y", string, p)]));
method(inner, "M1", sig([]));
method(inner, "M2", sig([param("a", int)], types(bool)), true);
const inner2 = named(p, "Inner2", struct([field("X", int, p)]));
method(inner2, "M3", sig([]));
const outer = named(
  p,
  "Outer",
  struct([embed(inner, p), embed(new Pointer(inner2), p), field("Z", bool, p)]),
);
const amb = named(p, "Amb", struct([embed(inner, p), embed(inner2, p)]));
const deep = named(p, "Deep", struct([embed(outer, p), field("X", string, p)]));
const rwNamed = namedIface(p, "RW", [imethod(p, "Close", sig([], types(universeError)))], [reader, writer]);
const ptrT = named(p, "PtrT", new Pointer(inner));
const e = named(p, "E", struct([embed(rwNamed, p)]));
const coll = named(p, "Coll", struct([embed(inner, p), field("M1", int, p)]));
const g = named(p, "G");
{
  const T = tparam(p, "T", universeAnyType);
  g.typeParams = [T];
  g.underlying = struct([field("v", T, p)]);
  const T1 = tparam(p, "T", universeAnyType);
  const get = sig([], types(T1));
  method(g, "Get", get, true);
  get.recv = param("g", new Pointer(instantiate(g, [T1])));
  get.recvTypeParams = [T1];
}
const gi = instantiate(g, [int]) as Named;

const byName: Record<string, Type> = {
  Inner: inner,
  Inner2: inner2,
  Outer: outer,
  Amb: amb,
  Deep: deep,
  RW: rwNamed,
  PtrT: ptrT,
  E: e,
  Coll: coll,
  GI: gi,
};
const typ = (s: string): Type => (s.startsWith("*") ? new Pointer(byName[s.slice(1)]!) : byName[s]!);
const idx = (index: readonly number[] | null) => `[${(index ?? []).join(" ")}]`;

const expected = `
MSET Inner 1
  method (example.com/p.Inner) M1() [0] false
MSET *Inner 2
  method (*example.com/p.Inner) M1() [0] true
  method (*example.com/p.Inner) M2(a int) bool [1] true
MSET Outer 2
  method (example.com/p.Outer) M1() [0 0] false
  method (example.com/p.Outer) M3() [1 0] true
MSET *Outer 3
  method (*example.com/p.Outer) M1() [0 0] true
  method (*example.com/p.Outer) M2(a int) bool [0 1] true
  method (*example.com/p.Outer) M3() [1 0] true
MSET Amb 2
  method (example.com/p.Amb) M1() [0 0] false
  method (example.com/p.Amb) M3() [1 0] false
MSET *Amb 3
  method (*example.com/p.Amb) M1() [0 0] true
  method (*example.com/p.Amb) M2(a int) bool [0 1] true
  method (*example.com/p.Amb) M3() [1 0] true
MSET Deep 2
  method (example.com/p.Deep) M1() [0 0 0] false
  method (example.com/p.Deep) M3() [0 1 0] true
MSET *Deep 3
  method (*example.com/p.Deep) M1() [0 0 0] true
  method (*example.com/p.Deep) M2(a int) bool [0 0 1] true
  method (*example.com/p.Deep) M3() [0 1 0] true
MSET RW 3
  method (example.com/p.RW) Close() error [0] true
  method (example.com/p.RW) Read(p []byte) (n int, err error) [1] true
  method (example.com/p.RW) Write(p []byte) (n int, err error) [2] true
MSET *RW 0
MSET E 3
  method (example.com/p.E) Close() error [0 0] true
  method (example.com/p.E) Read(p []byte) (n int, err error) [0 1] true
  method (example.com/p.E) Write(p []byte) (n int, err error) [0 2] true
MSET *E 3
  method (*example.com/p.E) Close() error [0 0] true
  method (*example.com/p.E) Read(p []byte) (n int, err error) [0 1] true
  method (*example.com/p.E) Write(p []byte) (n int, err error) [0 2] true
MSET PtrT 0
MSET Coll 0
MSET *Coll 1
  method (*example.com/p.Coll) M2(a int) bool [0 1] true
MSET GI 0
MSET *GI 1
  method (*example.com/p.G[int]) Get() int [0] true
LOOKUP Outer X false: nil [1 0] false
LOOKUP Outer X true: nil [1 0] false
LOOKUP Outer y false: field y string [0 1] false
LOOKUP Outer y true: field y string [0 1] false
LOOKUP Outer M1 false: func (example.com/p.Inner).M1() [0 0] false
LOOKUP Outer M1 true: func (example.com/p.Inner).M1() [0 0] false
LOOKUP Outer M2 false: nil [] true
LOOKUP Outer M2 true: func (*example.com/p.Inner).M2(a int) bool [0 1] false
LOOKUP Outer M3 false: func (example.com/p.Inner2).M3() [1 0] true
LOOKUP Outer M3 true: func (example.com/p.Inner2).M3() [1 0] true
LOOKUP Outer Z false: field Z bool [2] false
LOOKUP Outer Z true: field Z bool [2] false
LOOKUP Outer Read false: nil [] false
LOOKUP Outer Read true: nil [] false
LOOKUP Outer Close false: nil [] false
LOOKUP Outer Close true: nil [] false
LOOKUP Outer Inner false: field Inner example.com/p.Inner [0] false
LOOKUP Outer Inner true: field Inner example.com/p.Inner [0] false
LOOKUP Outer Inner2 false: field Inner2 *example.com/p.Inner2 [1] false
LOOKUP Outer Inner2 true: field Inner2 *example.com/p.Inner2 [1] false
LOOKUP Outer _ false: nil [] false
LOOKUP Outer _ true: nil [] false
LOOKUP *Outer X false: nil [1 0] false
LOOKUP *Outer X true: nil [1 0] false
LOOKUP *Outer y false: field y string [0 1] true
LOOKUP *Outer y true: field y string [0 1] true
LOOKUP *Outer M1 false: func (example.com/p.Inner).M1() [0 0] true
LOOKUP *Outer M1 true: func (example.com/p.Inner).M1() [0 0] true
LOOKUP *Outer M2 false: func (*example.com/p.Inner).M2(a int) bool [0 1] true
LOOKUP *Outer M2 true: func (*example.com/p.Inner).M2(a int) bool [0 1] true
LOOKUP *Outer M3 false: func (example.com/p.Inner2).M3() [1 0] true
LOOKUP *Outer M3 true: func (example.com/p.Inner2).M3() [1 0] true
LOOKUP *Outer Z false: field Z bool [2] true
LOOKUP *Outer Z true: field Z bool [2] true
LOOKUP *Outer Read false: nil [] false
LOOKUP *Outer Read true: nil [] false
LOOKUP *Outer Close false: nil [] false
LOOKUP *Outer Close true: nil [] false
LOOKUP *Outer Inner false: field Inner example.com/p.Inner [0] true
LOOKUP *Outer Inner true: field Inner example.com/p.Inner [0] true
LOOKUP *Outer Inner2 false: field Inner2 *example.com/p.Inner2 [1] true
LOOKUP *Outer Inner2 true: field Inner2 *example.com/p.Inner2 [1] true
LOOKUP *Outer _ false: nil [] false
LOOKUP *Outer _ true: nil [] false
LOOKUP Amb X false: nil [1 0] false
LOOKUP Amb X true: nil [1 0] false
LOOKUP Amb y false: field y string [0 1] false
LOOKUP Amb y true: field y string [0 1] false
LOOKUP Amb M1 false: func (example.com/p.Inner).M1() [0 0] false
LOOKUP Amb M1 true: func (example.com/p.Inner).M1() [0 0] false
LOOKUP Amb M2 false: nil [] true
LOOKUP Amb M2 true: func (*example.com/p.Inner).M2(a int) bool [0 1] false
LOOKUP Amb M3 false: func (example.com/p.Inner2).M3() [1 0] false
LOOKUP Amb M3 true: func (example.com/p.Inner2).M3() [1 0] false
LOOKUP Amb Z false: nil [] false
LOOKUP Amb Z true: nil [] false
LOOKUP Amb Read false: nil [] false
LOOKUP Amb Read true: nil [] false
LOOKUP Amb Close false: nil [] false
LOOKUP Amb Close true: nil [] false
LOOKUP Amb Inner false: field Inner example.com/p.Inner [0] false
LOOKUP Amb Inner true: field Inner example.com/p.Inner [0] false
LOOKUP Amb Inner2 false: field Inner2 example.com/p.Inner2 [1] false
LOOKUP Amb Inner2 true: field Inner2 example.com/p.Inner2 [1] false
LOOKUP Amb _ false: nil [] false
LOOKUP Amb _ true: nil [] false
LOOKUP Deep X false: field X string [1] false
LOOKUP Deep X true: field X string [1] false
LOOKUP Deep y false: field y string [0 0 1] false
LOOKUP Deep y true: field y string [0 0 1] false
LOOKUP Deep M1 false: func (example.com/p.Inner).M1() [0 0 0] false
LOOKUP Deep M1 true: func (example.com/p.Inner).M1() [0 0 0] false
LOOKUP Deep M2 false: nil [] true
LOOKUP Deep M2 true: func (*example.com/p.Inner).M2(a int) bool [0 0 1] false
LOOKUP Deep M3 false: func (example.com/p.Inner2).M3() [0 1 0] true
LOOKUP Deep M3 true: func (example.com/p.Inner2).M3() [0 1 0] true
LOOKUP Deep Z false: field Z bool [0 2] false
LOOKUP Deep Z true: field Z bool [0 2] false
LOOKUP Deep Read false: nil [] false
LOOKUP Deep Read true: nil [] false
LOOKUP Deep Close false: nil [] false
LOOKUP Deep Close true: nil [] false
LOOKUP Deep Inner false: field Inner example.com/p.Inner [0 0] false
LOOKUP Deep Inner true: field Inner example.com/p.Inner [0 0] false
LOOKUP Deep Inner2 false: field Inner2 *example.com/p.Inner2 [0 1] false
LOOKUP Deep Inner2 true: field Inner2 *example.com/p.Inner2 [0 1] false
LOOKUP Deep _ false: nil [] false
LOOKUP Deep _ true: nil [] false
LOOKUP PtrT X false: field X int [0] true
LOOKUP PtrT X true: field X int [0] true
LOOKUP PtrT y false: field y string [1] true
LOOKUP PtrT y true: field y string [1] true
LOOKUP PtrT M1 false: nil [] false
LOOKUP PtrT M1 true: nil [] false
LOOKUP PtrT M2 false: nil [] false
LOOKUP PtrT M2 true: nil [] false
LOOKUP PtrT M3 false: nil [] false
LOOKUP PtrT M3 true: nil [] false
LOOKUP PtrT Z false: nil [] false
LOOKUP PtrT Z true: nil [] false
LOOKUP PtrT Read false: nil [] false
LOOKUP PtrT Read true: nil [] false
LOOKUP PtrT Close false: nil [] false
LOOKUP PtrT Close true: nil [] false
LOOKUP PtrT Inner false: nil [] false
LOOKUP PtrT Inner true: nil [] false
LOOKUP PtrT Inner2 false: nil [] false
LOOKUP PtrT Inner2 true: nil [] false
LOOKUP PtrT _ false: nil [] false
LOOKUP PtrT _ true: nil [] false
LOOKUP E X false: nil [] false
LOOKUP E X true: nil [] false
LOOKUP E y false: nil [] false
LOOKUP E y true: nil [] false
LOOKUP E M1 false: nil [] false
LOOKUP E M1 true: nil [] false
LOOKUP E M2 false: nil [] false
LOOKUP E M2 true: nil [] false
LOOKUP E M3 false: nil [] false
LOOKUP E M3 true: nil [] false
LOOKUP E Z false: nil [] false
LOOKUP E Z true: nil [] false
LOOKUP E Read false: func (io.Reader).Read(p []byte) (n int, err error) [0 1] false
LOOKUP E Read true: func (io.Reader).Read(p []byte) (n int, err error) [0 1] false
LOOKUP E Close false: func (example.com/p.RW).Close() error [0 0] false
LOOKUP E Close true: func (example.com/p.RW).Close() error [0 0] false
LOOKUP E Inner false: nil [] false
LOOKUP E Inner true: nil [] false
LOOKUP E Inner2 false: nil [] false
LOOKUP E Inner2 true: nil [] false
LOOKUP E _ false: nil [] false
LOOKUP E _ true: nil [] false
LOOKUP *E X false: nil [] false
LOOKUP *E X true: nil [] false
LOOKUP *E y false: nil [] false
LOOKUP *E y true: nil [] false
LOOKUP *E M1 false: nil [] false
LOOKUP *E M1 true: nil [] false
LOOKUP *E M2 false: nil [] false
LOOKUP *E M2 true: nil [] false
LOOKUP *E M3 false: nil [] false
LOOKUP *E M3 true: nil [] false
LOOKUP *E Z false: nil [] false
LOOKUP *E Z true: nil [] false
LOOKUP *E Read false: func (io.Reader).Read(p []byte) (n int, err error) [0 1] true
LOOKUP *E Read true: func (io.Reader).Read(p []byte) (n int, err error) [0 1] true
LOOKUP *E Close false: func (example.com/p.RW).Close() error [0 0] true
LOOKUP *E Close true: func (example.com/p.RW).Close() error [0 0] true
LOOKUP *E Inner false: nil [] false
LOOKUP *E Inner true: nil [] false
LOOKUP *E Inner2 false: nil [] false
LOOKUP *E Inner2 true: nil [] false
LOOKUP *E _ false: nil [] false
LOOKUP *E _ true: nil [] false
LOOKUP RW X false: nil [] false
LOOKUP RW X true: nil [] false
LOOKUP RW y false: nil [] false
LOOKUP RW y true: nil [] false
LOOKUP RW M1 false: nil [] false
LOOKUP RW M1 true: nil [] false
LOOKUP RW M2 false: nil [] false
LOOKUP RW M2 true: nil [] false
LOOKUP RW M3 false: nil [] false
LOOKUP RW M3 true: nil [] false
LOOKUP RW Z false: nil [] false
LOOKUP RW Z true: nil [] false
LOOKUP RW Read false: func (io.Reader).Read(p []byte) (n int, err error) [1] false
LOOKUP RW Read true: func (io.Reader).Read(p []byte) (n int, err error) [1] false
LOOKUP RW Close false: func (example.com/p.RW).Close() error [0] false
LOOKUP RW Close true: func (example.com/p.RW).Close() error [0] false
LOOKUP RW Inner false: nil [] false
LOOKUP RW Inner true: nil [] false
LOOKUP RW Inner2 false: nil [] false
LOOKUP RW Inner2 true: nil [] false
LOOKUP RW _ false: nil [] false
LOOKUP RW _ true: nil [] false
LOOKUP *RW X false: nil [] false
LOOKUP *RW X true: nil [] false
LOOKUP *RW y false: nil [] false
LOOKUP *RW y true: nil [] false
LOOKUP *RW M1 false: nil [] false
LOOKUP *RW M1 true: nil [] false
LOOKUP *RW M2 false: nil [] false
LOOKUP *RW M2 true: nil [] false
LOOKUP *RW M3 false: nil [] false
LOOKUP *RW M3 true: nil [] false
LOOKUP *RW Z false: nil [] false
LOOKUP *RW Z true: nil [] false
LOOKUP *RW Read false: nil [] false
LOOKUP *RW Read true: nil [] false
LOOKUP *RW Close false: nil [] false
LOOKUP *RW Close true: nil [] false
LOOKUP *RW Inner false: nil [] false
LOOKUP *RW Inner true: nil [] false
LOOKUP *RW Inner2 false: nil [] false
LOOKUP *RW Inner2 true: nil [] false
LOOKUP *RW _ false: nil [] false
LOOKUP *RW _ true: nil [] false
LOOKUP Coll X false: field X int [0 0] false
LOOKUP Coll X true: field X int [0 0] false
LOOKUP Coll y false: field y string [0 1] false
LOOKUP Coll y true: field y string [0 1] false
LOOKUP Coll M1 false: field M1 int [1] false
LOOKUP Coll M1 true: field M1 int [1] false
LOOKUP Coll M2 false: nil [] true
LOOKUP Coll M2 true: func (*example.com/p.Inner).M2(a int) bool [0 1] false
LOOKUP Coll M3 false: nil [] false
LOOKUP Coll M3 true: nil [] false
LOOKUP Coll Z false: nil [] false
LOOKUP Coll Z true: nil [] false
LOOKUP Coll Read false: nil [] false
LOOKUP Coll Read true: nil [] false
LOOKUP Coll Close false: nil [] false
LOOKUP Coll Close true: nil [] false
LOOKUP Coll Inner false: field Inner example.com/p.Inner [0] false
LOOKUP Coll Inner true: field Inner example.com/p.Inner [0] false
LOOKUP Coll Inner2 false: nil [] false
LOOKUP Coll Inner2 true: nil [] false
LOOKUP Coll _ false: nil [] false
LOOKUP Coll _ true: nil [] false
`;

describe("method sets and lookups match go/types", () => {
  const lines = expected.trim().split("\n");
  const msetTypes = "Inner,*Inner,Outer,*Outer,Amb,*Amb,Deep,*Deep,RW,*RW,E,*E,PtrT,Coll,*Coll,GI,*GI".split(
    ",",
  );
  const lookupTypes = "Outer,*Outer,Amb,Deep,PtrT,E,*E,RW,*RW,Coll".split(",");
  const names = "X,y,M1,M2,M3,Z,Read,Close,Inner,Inner2,_".split(",");
  const got: string[] = [];
  for (const tn of msetTypes) {
    const ms = newMethodSet(typ(tn));
    got.push(`MSET ${tn} ${ms.list.length}`);
    for (const s of ms.list) got.push(`  ${selectionString(s)} ${idx(s.index)} ${s.indirect}`);
  }
  for (const tn of lookupTypes) {
    for (const name of names) {
      for (const addr of [false, true]) {
        const r = lookupFieldOrMethod(typ(tn), addr, p, name);
        const os = r.obj === null ? "nil" : objectString(r.obj);
        got.push(`LOOKUP ${tn} ${name} ${addr}: ${os} ${idx(r.index)} ${r.indirect}`);
      }
    }
  }
  for (let i = 0; i < lines.length; i++) {
    const want = lines[i]!;
    test(want, () => assert.equal(got[i], want));
  }
  test("nothing more", () => assert.equal(got.length, lines.length));
});

describe("fields", () => {
  test("fieldIndex finds a field by Id", () => {
    const fields = (inner.underlying as Struct).fields;
    assert.equal(fieldIndex(fields, p, "y"), 1);
    assert.equal(fieldIndex(fields, io, "y"), -1);
    assert.equal(fieldIndex(fields, io, "X"), 0);
    assert.equal(fieldIndex(fields, p, "_"), -1);
  });
});

describe("selections", () => {
  // Expected: Info.Selections printed as "selection | type of x.f".
  const sel = (s: Selection) => `${selectionString(s)} | ${typeString(s.type())}`;
  const find = (T: Type, name: string, addressable = false) => {
    const r = lookupFieldOrMethod(T, addressable, p, name);
    assert.ok(r.obj !== null && r.index !== null);
    return r;
  };
  test("o.M1 (method value through an embedded field)", () => {
    const r = find(outer, "M1");
    assert.equal(
      sel(new Selection("MethodVal", outer, r.obj!, r.index!, r.indirect)),
      "method (example.com/p.Outer) M1() | func()",
    );
  });
  test("Outer.M1 (method expression)", () => {
    const r = find(outer, "M1");
    const s = new Selection("MethodExpr", outer, r.obj!, r.index!, r.indirect);
    assert.equal(
      sel(s),
      "method expr (example.com/p.Outer) M1(example.com/p.Outer) | func(example.com/p.Outer)",
    );
  });
  test("(*Outer).M2 (method expression with a pointer receiver)", () => {
    const T = new Pointer(outer);
    const r = find(T, "M2");
    const s = new Selection("MethodExpr", T, r.obj!, r.index!, r.indirect);
    assert.equal(
      sel(s),
      "method expr (*example.com/p.Outer) M2(*example.com/p.Outer, a int) bool | func(*example.com/p.Outer, a int) bool",
    );
    assert.deepEqual([s.index, s.indirect], [[0, 1], true]);
  });
  test("po.M2 and po.Inner (through a pointer)", () => {
    const T = new Pointer(outer);
    const r = find(T, "M2");
    assert.equal(
      sel(new Selection("MethodVal", T, r.obj!, r.index!, r.indirect)),
      "method (*example.com/p.Outer) M2(a int) bool | func(a int) bool",
    );
    const f = find(T, "Inner");
    assert.equal(
      sel(new Selection("FieldVal", T, f.obj!, f.index!, f.indirect)),
      "field (*example.com/p.Outer) Inner example.com/p.Inner | example.com/p.Inner",
    );
  });
  test("r.Read and RW.Close (interface methods)", () => {
    const r = find(rwNamed, "Read");
    assert.equal(
      sel(new Selection("MethodVal", rwNamed, r.obj!, r.index!, r.indirect)),
      "method (example.com/p.RW) Read(p []byte) (n int, err error) | func(p []byte) (n int, err error)",
    );
    const c = find(rwNamed, "Close");
    assert.equal(
      sel(new Selection("MethodExpr", rwNamed, c.obj!, c.index!, c.indirect)),
      "method expr (example.com/p.RW) Close(example.com/p.RW) error | func(example.com/p.RW) error",
    );
  });
  test("g.Get and g.v on an instance", () => {
    const r = find(gi, "Get", true);
    assert.equal(
      sel(new Selection("MethodVal", gi, r.obj!, r.index!, r.indirect)),
      "method (example.com/p.G[int]) Get() int | func() int",
    );
    const v = find(gi, "v");
    assert.equal(
      sel(new Selection("FieldVal", gi, v.obj!, v.index!, v.indirect)),
      "field (example.com/p.G[int]) v int | int",
    );
  });
});

describe("interface satisfaction", () => {
  const stringer = iface([imethod(null, "String", sig([], types(string)))]);
  test("missing methods", () => {
    assert.equal(missingMethod(outer, under(rwNamed), true)?.method.name, "Close");
    assert.equal(missingMethod(e, under(rwNamed), true), null);
    assert.equal(missingMethod(new Pointer(e), under(rwNamed), true), null);
    // M2 has a pointer receiver: *Inner has it, Inner does not.
    const m2 = iface([imethod(p, "M2", sig([param("a", int)], types(bool)))]);
    const miss = missingMethod(inner, m2, true);
    assert.equal(miss?.method.name, "M2");
    assert.equal(miss?.alt?.name, "M2");
    assert.equal(missingMethod(new Pointer(inner), m2, true), null);
    assert.equal(
      implementsError(inner, m2),
      "example.com/p.Inner does not implement interface{M2(a int) bool} (method M2 has pointer receiver)",
    );
  });
  test("wrong types and case", () => {
    const m1 = iface([imethod(p, "M1", sig([], types(int)))]);
    assert.equal(
      implementsError(inner, m1),
      "example.com/p.Inner does not implement interface{M1() int} (wrong type for method M1)\n\t\thave M1()\n\t\twant M1() int",
    );
    const lower = iface([imethod(p, "m1", sig([]))]);
    assert.equal(
      implementsError(inner, lower),
      "example.com/p.Inner does not implement interface{m1()} (missing method m1)\n\t\thave M1()\n\t\twant m1()",
    );
    assert.equal(
      implementsError(inner, stringer),
      "example.com/p.Inner does not implement interface{String() string} (missing method String)",
    );
  });
  test("interfaces and pointers to interfaces", () => {
    assert.equal(implementsError(rwNamed, under(reader)), null);
    assert.equal(
      implementsError(reader, rwNamed),
      "io.Reader does not implement example.com/p.RW (missing method Close)",
    );
    assert.equal(
      implementsError(new Pointer(reader), under(reader)),
      "*io.Reader does not implement interface{Read(p []byte) (n int, err error)} (type *io.Reader is pointer to interface, not interface)",
    );
    assert.equal(
      implementsError(int, new Pointer(reader)),
      "int does not implement *io.Reader (type *io.Reader is pointer to interface, not interface)",
    );
    assert.equal(implementsError(int, string), "int does not implement string (string is not an interface)");
  });
  test("the method set cache", () => {
    const cache = new MethodSetCache();
    const a = cache.get(new Pointer(outer));
    assert.equal(cache.get(new Pointer(outer)), a);
    assert.equal(cache.get(outer).list.length, 2);
    assert.equal(a.list.length, 3);
    assert.equal(a.lookup(p, "M2")?.obj.name, "M2");
    assert.equal(a.lookup(p, "M4"), null);
    assert.equal(newMethodSet(new Pointer(rwNamed)).list.length, 0);
  });
});

function under(t: Type): Interface {
  const u = (t as Named).underlying;
  assert.ok(u !== null && u.kind === "Interface");
  return u;
}
