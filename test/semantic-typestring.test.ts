// typeString and objectString against Go 1.19: the expected strings were printed by
// types.TypeString(t, nil) and types.ObjectString for the declarations quoted in each case,
// type-checked as package example.com/p.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Const, Func, Label, PkgName, TypeName, Var } from "../src/semantic/objects.js";
import { under } from "../src/semantic/predicates.js";
import { instantiate, namedMethod } from "../src/semantic/subst.js";
import {
  ArrayType,
  BasicKind,
  Chan,
  emptyInterface,
  Interface,
  MapType,
  type Named,
  Pointer,
  type Signature,
  Slice,
  Tuple,
  Typ,
  type Type,
  universeAnyType,
  universeByte,
  universeRune,
} from "../src/semantic/types.js";
import { objectString, relativeTo, signatureString, typeString } from "../src/semantic/typestring.js";
import { Universe, Unsafe, universeComparable, universeError } from "../src/semantic/universe.js";
import {
  bool,
  embed,
  field,
  float64,
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
  union,
} from "./semantic-helpers.js";

const p = pkg("example.com/p");
const io = pkg("io");
const http = pkg("net/http");
const atomic = pkg("sync/atomic");
const bytes = new Slice(universeByte);
const comparable = universeComparable.type;

// io.Reader and io.Writer
const reader = namedIface(io, "Reader", [
  imethod(io, "Read", sig([param("p", bytes)], [param("n", int), param("err", universeError)])),
]);
const writer = namedIface(io, "Writer", [
  imethod(io, "Write", sig([param("p", bytes)], [param("n", int), param("err", universeError)])),
]);
const response = named(http, "Response", struct([]));
const client = named(http, "Client", struct([]));

// type List[T any] struct { next *List[T]; val T }
// func (l *List[T]) Push(v T) *List[T]
// func (l List[T]) Len() int
const list = named(p, "List");
{
  const T = tparam(p, "T", universeAnyType);
  list.typeParams = [T];
  list.underlying = struct([field("next", new Pointer(instantiate(list, [T])), p), field("val", T, p)]);
  const T1 = tparam(p, "T", universeAnyType);
  const push = sig([param("v", T1)], types(new Pointer(instantiate(list, [T1]))));
  method(list, "Push", push, true);
  push.recv = param("l", new Pointer(instantiate(list, [T1])));
  push.recvTypeParams = [T1];
  const T2 = tparam(p, "T", universeAnyType);
  const len = sig([], types(int));
  method(list, "Len", len);
  len.recv = param("l", instantiate(list, [T2]));
  len.recvTypeParams = [T2];
}

// type Pair[K comparable, V any] struct { k K; v V }
const pair = named(p, "Pair");
{
  const K = tparam(p, "K", comparable, 0);
  const V = tparam(p, "V", universeAnyType, 1);
  pair.typeParams = [K, V];
  pair.underlying = struct([field("k", K, p), field("v", V, p)]);
}

// type Number interface { ~int | ~int64 | float64 }
const number = named(p, "Number");
number.underlying = iface([], [union([true, int], [true, Typ[BasicKind.Int64]!], [false, float64])]);

// type MyInt int; func (MyInt) String() string; func (*MyInt) Set(s string)
const myInt = named(p, "MyInt", int);
method(myInt, "String", sig([], types(string)));
method(myInt, "Set", sig([param("s", string)]), true);

// type Pointer[T any] struct { _ [0]*T; _ noCopy; v unsafe.Pointer }
// func (x *Pointer[T]) Load() *T
const atomicPointer = named(atomic, "Pointer");
{
  const T = tparam(atomic, "T", universeAnyType);
  atomicPointer.typeParams = [T];
  const noCopy = named(atomic, "noCopy", struct([]));
  atomicPointer.underlying = struct([
    field("_", new ArrayType(new Pointer(T), 0), atomic),
    field("_", noCopy, atomic),
    field("v", Typ[BasicKind.UnsafePointer]!, atomic),
  ]);
  const T1 = tparam(atomic, "T", universeAnyType);
  const load = sig([], types(new Pointer(T1)));
  method(atomicPointer, "Load", load, true);
  load.recv = param("x", new Pointer(instantiate(atomicPointer, [T1])));
  load.recvTypeParams = [T1];
}

const cases: [string, Type, string][] = [
  ["var A1 *http.Response", new Pointer(response), "*net/http.Response"],
  [
    "var A2 func(x int) (string, error)",
    sig([param("x", int)], types(string, universeError)),
    "func(x int) (string, error)",
  ],
  [
    'var A3 struct { a int "tag"; b string `json:"b,omitempty"`; io.Reader; *http.Client; c, d byte; e rune; _ float32; t string "a\\tb\\"c\\x00é\\u2028" }',
    struct(
      [
        field("a", int, p),
        field("b", string, p),
        embed(reader, p),
        embed(new Pointer(client), p),
        field("c", universeByte, p),
        field("d", universeByte, p),
        field("e", universeRune, p),
        field("_", Typ[BasicKind.Float32]!, p),
        field("t", string, p),
      ],
      ["tag", 'json:"b,omitempty"', "", "", "", "", "", "", 'a\tb"c\x00\xc3\xa9\xe2\x80\xa8'],
    ),
    'struct{a int "tag"; b string "json:\\"b,omitempty\\""; io.Reader; *net/http.Client; c byte; d byte; e rune; _ float32; t string "a\\tb\\"c\\x00é\\u2028"}',
  ],
  [
    "var A4 interface{ Read(p []byte) (n int, err error) }",
    under(reader),
    "interface{Read(p []byte) (n int, err error)}",
  ],
  ["var A5 map[string]int", new MapType(string, int), "map[string]int"],
  ["var A6 <-chan int", new Chan("recv", int), "<-chan int"],
  ["var A7 chan<- int", new Chan("send", int), "chan<- int"],
  ["var A8 []interface{}", new Slice(emptyInterface), "[]interface{}"],
  ["var A8b []interface{} (a fresh empty interface)", new Slice(new Interface()), "[]interface{}"],
  ["var A9 []any", new Slice(universeAnyType), "[]any"],
  ["var A10 chan (<-chan int)", new Chan("both", new Chan("recv", int)), "chan (<-chan int)"],
  ["var A11 chan<- chan int", new Chan("send", new Chan("both", int)), "chan<- chan int"],
  ["var A12 <-chan <-chan int", new Chan("recv", new Chan("recv", int)), "<-chan <-chan int"],
  ["var A13 [4][]*int", new ArrayType(new Slice(new Pointer(int)), 4), "[4][]*int"],
  ["var A14 unsafe.Pointer", Typ[BasicKind.UnsafePointer]!, "unsafe.Pointer"],
  ["var A15 func(...int)", sig(types(new Slice(int)), [], true), "func(...int)"],
  [
    "var A16 func(a, b int, c ...string) int",
    sig([param("a", int), param("b", int), param("c", new Slice(string))], types(int), true),
    "func(a int, b int, c ...string) int",
  ],
  ["var A17 func() (x int)", sig([], [param("x", int)]), "func() (x int)"],
  [
    "var A18 func(int, string) (int, error)",
    sig(types(int, string), types(int, universeError)),
    "func(int, string) (int, error)",
  ],
  [
    "var A19 interface{ any; io.Writer; M(); m(int) bool; comparable }",
    iface(
      [imethod(p, "m", sig(types(int), types(bool))), imethod(p, "M", sig([]))],
      [universeAnyType, writer, comparable],
    ),
    "interface{M(); m(int) bool; any; io.Writer; comparable}",
  ],
  ["var A20 struct{}", struct([]), "struct{}"],
  ["var A21 interface{}", iface([]), "interface{}"],
  ["var A22 atomic.Pointer[int]", instantiate(atomicPointer, [int]), "sync/atomic.Pointer[int]"],
  [
    "underlying of atomic.Pointer[int]",
    under(instantiate(atomicPointer, [int])),
    "struct{_ [0]*int; _ sync/atomic.noCopy; v unsafe.Pointer}",
  ],
  ["var A23 List[string]", instantiate(list, [string]), "example.com/p.List[string]"],
  [
    "underlying of List[string]",
    under(instantiate(list, [string])),
    "struct{next *example.com/p.List[string]; val string}",
  ],
  [
    "var A24 func(func(int) bool) func() (int, int)",
    sig(types(sig(types(int), types(bool))), types(sig([], types(int, int)))),
    "func(func(int) bool) func() (int, int)",
  ],
  [
    "var A25 map[[2]int]struct{ x, y float64 }",
    new MapType(new ArrayType(int, 2), struct([field("x", float64, p), field("y", float64, p)])),
    "map[[2]int]struct{x float64; y float64}",
  ],
  ["var A26 [1 << 40]byte", new ArrayType(universeByte, 1n << 40n), "[1099511627776]byte"],
  ["var A26b [1 << 62]byte", new ArrayType(universeByte, 1n << 62n), "[4611686018427387904]byte"],
  ["var A27 complex64", Typ[BasicKind.Complex64]!, "complex64"],
  ["var A29 error", universeError, "error"],
  ["underlying of error", under(universeError), "interface{Error() string}"],
  ["var A30 any", universeAnyType, "any"],
  ["var A31 = 'x'", universeRune, "rune"],
  ["var A37 []byte", bytes, "[]byte"],
  ["var A38 []rune", new Slice(universeRune), "[]rune"],
  ["var A39 = []uint8{}", new Slice(Typ[BasicKind.Uint8]!), "[]uint8"],
  [
    "var A40 func(s []byte, t ...byte)",
    sig([param("s", bytes), param("t", bytes)], [], true),
    "func(s []byte, t ...byte)",
  ],
  [
    "var A41 interface{ int | ~string; M() }",
    iface([imethod(p, "M", sig([]))], [union([false, int], [true, string])]),
    "interface{M(); int|~string}",
  ],
  [
    "var A42 Pair[int, List[*Pair[string, bool]]]",
    instantiate(pair, [int, instantiate(list, [new Pointer(instantiate(pair, [string, bool]))])]),
    "example.com/p.Pair[int, example.com/p.List[*example.com/p.Pair[string, bool]]]",
  ],
  [
    "underlying of Pair[int, List[*Pair[string, bool]]]",
    under(instantiate(pair, [int, instantiate(list, [new Pointer(instantiate(pair, [string, bool]))])])),
    "struct{k int; v example.com/p.List[*example.com/p.Pair[string, bool]]}",
  ],
  [
    "var A44 struct{ List[int]; *Pair[int, int] }",
    struct([embed(instantiate(list, [int]), p), embed(new Pointer(instantiate(pair, [int, int])), p)]),
    "struct{example.com/p.List[int]; *example.com/p.Pair[int, int]}",
  ],
  [
    "var A45 struct{ a struct{ b int } }",
    struct([field("a", struct([field("b", int, p)]), p)]),
    "struct{a struct{b int}}",
  ],
  ["untyped int", Typ[BasicKind.UntypedInt]!, "untyped int"],
  ["untyped nil", Typ[BasicKind.UntypedNil]!, "untyped nil"],
  ["tuple", new Tuple(types(int, universeError)), "(int, error)"],
  ["named tuple", new Tuple([param("n", int), param("err", universeError)]), "(n int, err error)"],
  ["empty tuple", new Tuple([]), "()"],
  ["generic type", list, "example.com/p.List[T any]"],
  ["underlying of generic type", under(list), "struct{next *example.com/p.List[T]; val T}"],
  ["generic type with two constraints", pair, "example.com/p.Pair[K comparable, V any]"],
  ["type Number interface{ ~int | ~int64 | float64 }", under(number), "interface{~int|~int64|float64}"],
  ["comparable", comparable, "comparable"],
  ["underlying of comparable", under(comparable), "interface{comparable}"],
  ["append's signature", sig(types(bytes, string), types(bytes), true), "func([]byte, string...) []byte"],
  ["invalid type", Typ[BasicKind.Invalid]!, "invalid type"],
];

describe("typeString", () => {
  for (const [decl, t, want] of cases) test(decl, () => assert.equal(typeString(t), want));

  test("generic signatures", () => {
    // func Map[T, U any, V Number](xs []T, f func(T) U, v V) []U
    const T = tparam(p, "T", universeAnyType, 0);
    const U = tparam(p, "U", universeAnyType, 1);
    const V = tparam(p, "V", number, 2);
    const map = sig(
      [param("xs", new Slice(T)), param("f", sig(types(T), types(U))), param("v", V)],
      types(new Slice(U)),
    );
    map.typeParams = [T, U, V];
    assert.equal(typeString(map), "func[T, U any, V example.com/p.Number](xs []T, f func(T) U, v V) []U");
    // func Sum[N Number](xs ...N) (s N)
    const N = tparam(p, "N", number);
    const sum = sig([param("xs", new Slice(N))], [param("s", N)], true);
    sum.typeParams = [N];
    assert.equal(typeString(sum), "func[N example.com/p.Number](xs ...N) (s N)");
    // func Keys[M ~map[K]V, K comparable, V any](m M) []K
    const K = tparam(p, "K", comparable, 1);
    const V2 = tparam(p, "V", universeAnyType, 2);
    const M = tparam(p, "M", union([true, new MapType(K, V2)]), 0);
    const keys = sig([param("m", M)], types(new Slice(K)));
    keys.typeParams = [M, K, V2];
    assert.equal(typeString(keys), "func[M ~map[K]V, K comparable, V any](m M) []K");
  });

  test("type parameter lists with explicit and implicit interfaces", () => {
    // type G[T interface{ ~[]E }, E any] struct{}
    const E = tparam(p, "E", universeAnyType, 1);
    const T = tparam(p, "T", iface([], [union([true, new Slice(E)])]), 0);
    const g = named(p, "G", struct([]));
    g.typeParams = [T, E];
    assert.equal(typeString(g), "example.com/p.G[T interface{~[]E}, E any]");
    // type H[T int | string] struct{}
    const h = named(p, "H", struct([]));
    h.typeParams = [tparam(p, "T", union([false, int], [false, string]))];
    assert.equal(typeString(h), "example.com/p.H[T int|string]");
    // an implicit interface that is not a single element
    assert.equal(typeString(new Interface([], [int, string], true)), "/* implicit */ interface{int; string}");
  });

  test("methods of instances", () => {
    const ls = instantiate(list, [string]) as Named;
    const pushType = namedMethod(ls, 0).type as Signature;
    assert.equal(typeString(pushType), "func(v string) *example.com/p.List[string]");
    assert.equal(
      objectString(namedMethod(ls, 0)),
      "func (*example.com/p.List[string]).Push(v string) *example.com/p.List[string]",
    );
    assert.equal(objectString(namedMethod(ls, 1)), "func (example.com/p.List[string]).Len() int");
    assert.equal(
      objectString(list.methods[0]!),
      "func (*example.com/p.List[T]).Push(v T) *example.com/p.List[T]",
    );
    const ap = instantiate(atomicPointer, [int]) as Named;
    assert.equal(typeString(namedMethod(ap, 0).type), "func() *int");
    assert.equal(objectString(namedMethod(ap, 0)), "func (*sync/atomic.Pointer[int]).Load() *int");
  });

  test("qualifiers", () => {
    const t = new MapType(myInt, new Pointer(response));
    assert.equal(typeString(t, relativeTo(p)), "map[MyInt]*net/http.Response");
    assert.equal(
      typeString(t, (q) => q.name),
      "map[p.MyInt]*http.Response",
    );
    assert.equal(
      typeString(Typ[BasicKind.UnsafePointer]!, () => ""),
      "Pointer",
    );
    assert.equal(signatureString(sig([param("x", myInt)], types(bool)), relativeTo(p)), "(x MyInt) bool");
  });
});

describe("objectString", () => {
  const v = (name: string, t: Type) => {
    const o = new Var("", -1, p, name, t);
    p.scope.insert(o);
    return o;
  };
  test("package-level objects", () => {
    assert.equal(objectString(v("A1", new Pointer(response))), "var example.com/p.A1 *net/http.Response");
    assert.equal(objectString(v("A29", universeError)), "var example.com/p.A29 error");
    const k1 = new Const("", -1, p, "K1", Typ[BasicKind.UntypedInt]!, { kind: "Unknown" });
    p.scope.insert(k1);
    assert.equal(objectString(k1), "const example.com/p.K1 untyped int");
    const k4 = new Const("", -1, p, "K4", myInt, { kind: "Unknown" });
    p.scope.insert(k4);
    assert.equal(objectString(k4), "const example.com/p.K4 example.com/p.MyInt");
    assert.equal(objectString(myInt.obj), "type example.com/p.MyInt int");
    assert.equal(
      objectString(list.obj),
      "type example.com/p.List[T any] struct{next *example.com/p.List[T]; val T}",
    );
    assert.equal(objectString(number.obj), "type example.com/p.Number interface{~int|~int64|float64}");
    const alias = new TypeName("", -1, p, "Alias", new MapType(string, myInt));
    p.scope.insert(alias);
    assert.equal(objectString(alias), "type example.com/p.Alias = map[string]example.com/p.MyInt");
    // Go 1.19 prints the type parameters of an alias of an instance (type GI = G[int]).
    const gi = new TypeName("", -1, p, "GI", instantiate(pair, [int, int]));
    p.scope.insert(gi);
    assert.equal(
      objectString(gi),
      "type example.com/p.GI[K comparable, V any] = example.com/p.Pair[int, int]",
    );
    assert.equal(objectString(myInt.methods[0]!), "func (example.com/p.MyInt).String() string");
    assert.equal(objectString(myInt.methods[1]!), "func (*example.com/p.MyInt).Set(s string)");
    const f = new Func("", -1, p, "use", sig([param("o", myInt)]));
    p.scope.insert(f);
    assert.equal(objectString(f), "func example.com/p.use(o example.com/p.MyInt)");
  });

  test("local objects, fields and labels", () => {
    assert.equal(objectString(new Var("", -1, p, "a", int)), "var a int");
    assert.equal(objectString(field("X", int, p)), "field X int");
    assert.equal(objectString(new Label("", -1, p, "L")), "label L");
    assert.equal(objectString(new PkgName("", -1, p, "str", pkg("strings"))), 'package str ("strings")');
    assert.equal(objectString(new PkgName("", -1, p, "strings", pkg("strings"))), "package strings");
    const T = tparam(p, "T", universeAnyType);
    assert.equal(objectString(T.obj), "type parameter T any");
    // An interface method: its receiver is the interface.
    const m = imethod(p, "M", sig([]));
    iface([m]);
    assert.equal(objectString(m), "func (interface).M()");
    const read = (under(reader) as Interface).methods[0]!;
    assert.equal(objectString(read), "func (io.Reader).Read(p []byte) (n int, err error)");
  });

  test("predeclared objects", () => {
    assert.equal(objectString(Universe.lookup("any")!), "type any = interface{}");
    assert.equal(objectString(Universe.lookup("error")!), "type error interface{Error() string}");
    assert.equal(objectString(Universe.lookup("comparable")!), "type comparable interface{comparable}");
    assert.equal(objectString(Universe.lookup("int")!), "type int");
    assert.equal(objectString(Universe.lookup("byte")!), "type byte");
    assert.equal(objectString(Universe.lookup("true")!), "const true untyped bool");
    assert.equal(objectString(Universe.lookup("nil")!), "nil");
    assert.equal(objectString(Universe.lookup("len")!), "builtin len");
    assert.equal(objectString(Unsafe.scope.lookup("Pointer")!), "type unsafe.Pointer");
    assert.equal(objectString(Unsafe.scope.lookup("Sizeof")!), "builtin unsafe.Sizeof");
  });
});
