// Named types and generics: lazy loading, forward references, instances (cached, expanded
// on first use), substitution and type argument verification. Messages and strings were
// checked against Go 1.19's go/types.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Func, TypeName } from "../src/semantic/objects.js";
import { identical, under } from "../src/semantic/predicates.js";
import {
  instantiate,
  instantiateSignature,
  namedMethod,
  namedMethods,
  namedTypeParams,
  numMethods,
  substitute,
  verifyTypeArgs,
} from "../src/semantic/subst.js";
import {
  ArrayType,
  Chan,
  type Interface,
  invalidType,
  MapType,
  Named,
  type NamedLoader,
  Pointer,
  type Signature,
  Slice,
  type Type,
  universeAnyType,
} from "../src/semantic/types.js";
import {
  hasTerms,
  isAllTypeSet,
  isEmptyTypeSet,
  isMethodSet,
  termsString,
  typeSetOf,
} from "../src/semantic/typeset.js";
import { objectString, typeString } from "../src/semantic/typestring.js";
import { universeComparable, universeError } from "../src/semantic/universe.js";
import {
  bool,
  field,
  float64,
  iface,
  imethod,
  int,
  int64,
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

/** type List[T any] struct { next *List[T]; val T }, declared the way the checker does. */
function declareList(): Named {
  const list = named(p, `List${counter++}`);
  const T = tparam(p, "T", universeAnyType);
  list.typeParams = [T];
  // The instance List[T] is made while the underlying type is still unknown.
  const self = instantiate(list, [T]);
  list.underlying = struct([field("next", new Pointer(self), p), field("val", T, p)]);
  return list;
}
let counter = 0;

describe("instances", () => {
  test("identical type arguments give the same instance", () => {
    const list = declareList();
    assert.equal(instantiate(list, [int]), instantiate(list, [int]));
    assert.equal(instantiate(list, [new Slice(int)]), instantiate(list, [new Slice(int)]));
    assert.notEqual(instantiate(list, [int]), instantiate(list, [string]));
    // Instantiating an instance's origin through the instance works too.
    assert.equal(instantiate(instantiate(list, [int]) as Named, [int]), instantiate(list, [int]));
  });

  test("the underlying type is substituted on first use", () => {
    const list = declareList();
    const li = instantiate(list, [int]) as Named;
    assert.equal(li.expanded, false);
    const u = under(li);
    assert.equal(li.expanded, true);
    assert.equal(typeString(u), `struct{next *example.com/p.${list.obj.name}[int]; val int}`);
    // The recursive reference is the instance itself.
    assert.equal(u.kind === "Struct" && (u.fields[0]!.type as Pointer).elem, li);
    assert.equal(
      u.kind === "Struct" && u.fields[0]!.origin,
      (under(list) as { fields: unknown[] }).fields[0],
    );
    assert.deepEqual(namedTypeParams(li), list.typeParams);
  });

  test("an instance made before its origin is declared expands later", () => {
    const box = named(p, "Box");
    const T = tparam(p, "T", universeAnyType);
    box.typeParams = [T];
    const bi = instantiate(box, [string]) as Named;
    assert.equal(under(bi), invalidType);
    assert.equal(bi.expanded, false);
    box.underlying = struct([field("v", T, p)]);
    assert.equal(typeString(under(bi)), "struct{v string}");
  });

  test("wrong number of type arguments gives an invalid type", () => {
    const list = declareList();
    assert.equal(under(instantiate(list, [int, string]) as Named), invalidType);
  });

  test("methods are substituted on first use and remember their origin", () => {
    // type Stack[E any] []E; func (s *Stack[E]) Push(e E); func (s Stack[E]) Peek() (E, bool)
    const stack = named(p, "Stack");
    const E = tparam(p, "E", universeAnyType);
    stack.typeParams = [E];
    stack.underlying = new Slice(E);
    const E1 = tparam(p, "E", universeAnyType);
    const push = sig([param("e", E1)]);
    method(stack, "Push", push, true);
    push.recv = param("s", new Pointer(instantiate(stack, [E1])));
    push.recvTypeParams = [E1];
    const E2 = tparam(p, "E", universeAnyType);
    const peek = sig([], types(E2, bool));
    method(stack, "Peek", peek);
    peek.recv = param("s", instantiate(stack, [E2]));
    peek.recvTypeParams = [E2];

    const si = instantiate(stack, [float64]) as Named;
    assert.equal(numMethods(si), 2);
    assert.equal(si.instMethods, null);
    const m = namedMethod(si, 1);
    assert.equal(objectString(m), "func (example.com/p.Stack[float64]).Peek() (float64, bool)");
    assert.equal(m.origin, stack.methods[1]);
    assert.equal(namedMethod(si, 1), m);
    assert.deepEqual(
      namedMethods(si).map((f) => objectString(f)),
      [
        "func (*example.com/p.Stack[float64]).Push(e float64)",
        "func (example.com/p.Stack[float64]).Peek() (float64, bool)",
      ],
    );
    // A method added to the origin later is seen by existing instances.
    const E3 = tparam(p, "E", universeAnyType);
    const len = sig([], types(int));
    method(stack, "Len", len);
    len.recv = param("s", instantiate(stack, [E3]));
    len.recvTypeParams = [E3];
    assert.equal(objectString(namedMethod(si, 2)), "func (example.com/p.Stack[float64]).Len() int");
  });

  test("generic interfaces get the instance as receiver", () => {
    // type I[T any] interface{ M(T) T }
    const T = tparam(p, "T", universeAnyType);
    const i = namedIface(p, "I", [imethod(p, "M", sig(types(T), types(T)))]);
    i.typeParams = [T];
    const ii = instantiate(i, [int]) as Named;
    const u = under(ii);
    assert.equal(typeString(u), "interface{M(int) int}");
    assert.equal(
      u.kind === "Interface" && objectString(u.methods[0]!),
      "func (example.com/p.I[int]).M(int) int",
    );
    assert.equal(
      objectString((under(i) as { methods: Func[] }).methods[0]!),
      "func (example.com/p.I[T any]).M(T) T",
    );
  });
});

describe("named types", () => {
  test("a loader declares a type on first use, once", () => {
    let calls = 0;
    const loader: NamedLoader = {
      loadNamed(t) {
        calls++;
        t.underlying = struct([field("n", int, p)]);
        t.methods.push(new Func("", -1, p, "M", sig([], [], false, param("", t))));
      },
    };
    const obj = new TypeName("", -1, p, "Lazy", null);
    const t = new Named(obj);
    t.loader = loader;
    assert.equal(obj.type, t);
    assert.equal(calls, 0);
    assert.equal(typeString(under(t)), "struct{n int}");
    assert.equal(numMethods(t), 1);
    assert.equal(calls, 1);
    assert.equal(t.loader, null);
  });

  test("forward references resolve through chains of named types", () => {
    // type A B; type B C; type C []int, declared in that order
    const a = named(p, "A");
    const b = named(p, "B");
    const c = named(p, "C");
    a.underlying = b;
    b.underlying = c;
    assert.equal(under(a), invalidType); // C is not declared yet
    assert.equal(a.underlying, b);
    c.underlying = new Slice(int);
    assert.equal(typeString(under(a)), "[]int");
    assert.equal(a.underlying, c.underlying);
    assert.equal(b.underlying, c.underlying);
  });

  test("cycles give invalid types", () => {
    // type X Y; type Y X
    const x = named(p, "X");
    const y = named(p, "Y");
    x.underlying = y;
    y.underlying = x;
    assert.equal(under(x), invalidType);
    assert.equal(under(y), invalidType);
  });
});

describe("substitution", () => {
  const T = tparam(p, "T", universeAnyType, 0);
  const U = tparam(p, "U", universeAnyType, 1);
  const sub = (t: Type) => typeString(substitute(t, [T, U], [int, new Pointer(string)]));

  test("every kind of type", () => {
    assert.equal(sub(new MapType(T, new Slice(U))), "map[int][]*string");
    assert.equal(sub(new Chan("recv", new ArrayType(T, 3))), "<-chan [3]int");
    assert.equal(sub(sig([param("t", T)], [param("u", U)])), "func(t int) (u *string)");
    assert.equal(sub(sig([param("ts", new Slice(T))], [], true)), "func(ts ...int)");
    assert.equal(
      sub(struct([field("a", T, p), field("b", U, p)], ["x", "y"])),
      'struct{a int "x"; b *string "y"}',
    );
    assert.equal(
      sub(iface([imethod(p, "M", sig(types(T)))], [union([true, U])])),
      "interface{M(int); ~*string}",
    );
    assert.equal(sub(new Pointer(new Pointer(U))), "***string");
  });

  test("unchanged types are shared", () => {
    const t = new MapType(string, new Slice(int));
    assert.equal(substitute(t, [T], [int]), t);
    const s = sig([param("x", int)], types(new Slice(T)));
    const s2 = substitute(s, [T], [int]) as Signature;
    assert.equal(s2.params, s.params);
    assert.notEqual(s2.results, s.results);
    assert.equal(substitute(T, [], []), T);
  });

  test("instances inside substituted types", () => {
    const list = declareList();
    const t = substitute(new Slice(instantiate(list, [new Pointer(T)])), [T], [int]);
    assert.equal(t.kind === "Slice" && t.elem, instantiate(list, [new Pointer(int)]));
    assert.equal(typeString(t), `[]example.com/p.${list.obj.name}[*int]`);
  });

  test("generic functions", () => {
    // func Map[T, U any](xs []T, f func(T) U) []U
    const map = sig([param("xs", new Slice(T)), param("f", sig(types(T), types(U)))], types(new Slice(U)));
    map.typeParams = [T, U];
    const inst = instantiateSignature(map, [int, string]);
    assert.equal(typeString(inst), "func(xs []int, f func(int) string) []string");
    assert.equal(inst.typeParams.length, 0);
    assert.equal(typeString(map), "func[T, U any](xs []T, f func(T) U) []U");
    assert.equal(instantiate(map, [int, string]).kind, "Signature");
    assert.ok(identical(instantiateSignature(map, [int, string]), inst));
  });
});

describe("type sets", () => {
  test("method sets and constraints", () => {
    const ts = (t: Type) => typeSetOf(under(t) as Interface);
    assert.equal(isMethodSet(ts(universeError)), true);
    assert.equal(isAllTypeSet(ts(universeAnyType)), true);
    assert.equal(isMethodSet(ts(universeComparable.type)), false);
    const num = iface([], [union([true, int], [false, string])]);
    assert.equal(isMethodSet(typeSetOf(num)), false);
    assert.equal(hasTerms(typeSetOf(num)), true);
    assert.equal(termsString(typeSetOf(num).terms), "~int | string");
    // ~int ∩ (int | string) = int; methods of embedded interfaces are merged and sorted.
    const both = iface([imethod(p, "b", sig([]))], [num, union([false, int], [false, bool]), universeError]);
    const bs = typeSetOf(both);
    assert.equal(termsString(bs.terms), "int");
    assert.deepEqual(
      bs.methods.map((m) => m.name),
      ["Error", "b"],
    );
    // comparable ∩ ~[]int: no comparable type remains.
    const none = iface([], [universeComparable.type, union([true, new Slice(int)])]);
    assert.equal(isEmptyTypeSet(typeSetOf(none)), true);
    // comparable ∩ (int | []int) keeps int.
    assert.equal(
      termsString(
        typeSetOf(iface([], [universeComparable.type, union([false, int], [false, new Slice(int)])])).terms,
      ),
      "int",
    );
    // ~T where T is not its own underlying type denotes no type.
    const myInt = named(p, "MyIntTS", int);
    assert.equal(termsString(typeSetOf(iface([], [union([true, myInt], [false, string])])).terms), "string");
    assert.equal(termsString(typeSetOf(iface([], [union([true, int], [false, myInt])])).terms), "~int");
  });
});

describe("type argument verification", () => {
  // type Number interface{ ~int | ~int64 | float64 }
  const number = named(p, "Number");
  number.underlying = iface([], [union([true, int], [true, int64], [false, float64])]);

  test("constraints are satisfied", () => {
    const N = tparam(p, "N", number);
    assert.equal(verifyTypeArgs([N], [int]), null);
    assert.deepEqual(verifyTypeArgs([N], [new Slice(int)]), {
      index: 0,
      message: "[]int does not implement example.com/p.Number ([]int missing in ~int | ~int64 | float64)",
    });
  });

  test("constraints that mention other type parameters are substituted", () => {
    // func Keys[M ~map[K]V, K comparable, V any]; Keys[map[string]int, int, int]
    const K = tparam(p, "K", universeComparable.type, 1);
    const V = tparam(p, "V", universeAnyType, 2);
    const M = tparam(p, "M", union([true, new MapType(K, V)]), 0);
    assert.equal(verifyTypeArgs([M, K, V], [new MapType(string, int), string, int]), null);
    assert.deepEqual(verifyTypeArgs([M, K, V], [new MapType(string, int), int, int]), {
      index: 0,
      message: "map[string]int does not implement ~map[int]int (map[string]int missing in ~map[int]int)",
    });
    assert.deepEqual(verifyTypeArgs([M, K, V], [new MapType(sig([]), int), sig([]), int]), {
      index: 1,
      message: "func() does not implement comparable",
    });
  });

  test("pointer constraints with methods", () => {
    // func Ptr[T any, P interface{ *T; Set(string) }](); type X struct{}; func (*X) Set(string)
    const x = named(p, "X", struct([]));
    method(x, "Set", sig(types(string)), true);
    const T2 = tparam(p, "T", universeAnyType, 0);
    const P = tparam(p, "P", iface([imethod(p, "Set", sig(types(string)))], [new Pointer(T2)]), 1);
    assert.equal(verifyTypeArgs([T2, P], [x, new Pointer(x)]), null);
    assert.equal(
      verifyTypeArgs([T2, P], [x, new Pointer(int)])?.message,
      "*int does not implement interface{Set(string); *example.com/p.X} (missing method Set)",
    );
    assert.equal(
      verifyTypeArgs([T2, P], [int, new Pointer(x)])?.message,
      "*example.com/p.X does not implement interface{Set(string); *int} (*example.com/p.X missing in *int)",
    );
  });
});
