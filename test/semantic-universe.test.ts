// The universe and unsafe scopes, scopes with position-aware lookups, and objects.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Worker } from "node:worker_threads";
import { Color, Const, isAlias, isExported, type Obj, objectId, Var } from "../src/semantic/objects.js";
import { identical, under } from "../src/semantic/predicates.js";
import { type LookupResult, Scope } from "../src/semantic/scope.js";
import { BasicKind, invalidType, Typ, universeAnyType } from "../src/semantic/types.js";
import { typeString } from "../src/semantic/typestring.js";
import {
  BuiltinId,
  builtinInfo,
  Universe,
  Unsafe,
  universeAny,
  universeByte,
  universeComparable,
  universeError,
  universeIota,
  universeNil,
  universeRune,
} from "../src/semantic/universe.js";
import { int, pkg } from "./semantic-helpers.js";

describe("universe", () => {
  test("predeclared names, as in Go 1.21+ (clear, min, max added)", () => {
    assert.deepEqual(
      Universe.names(),
      [
        "any append bool byte cap clear close comparable complex complex128 complex64 copy delete error false",
        "float32 float64 imag int int16 int32 int64 int8 iota len make max min new nil panic print println real",
        "recover rune string true uint uint16 uint32 uint64 uint8 uintptr",
      ]
        .join(" ")
        .split(" "),
    );
    assert.deepEqual(Unsafe.scope.names(), [
      "Add",
      "Alignof",
      "Offsetof",
      "Pointer",
      "Sizeof",
      "Slice",
      "SliceData",
      "String",
      "StringData",
    ]);
  });

  test("objects", () => {
    assert.equal(Universe.lookup("any"), universeAny);
    assert.equal(universeAny.type, universeAnyType);
    assert.equal(Universe.lookup("error")!.type, universeError);
    assert.equal(Universe.lookup("comparable"), universeComparable);
    assert.equal(Universe.lookup("iota"), universeIota);
    assert.equal(Universe.lookup("nil"), universeNil);
    assert.equal(universeNil.type, Typ[BasicKind.UntypedNil]);
    assert.equal(Universe.lookup("int")!.type, int);
    assert.equal(Universe.lookup("byte")!.type, universeByte);
    assert.equal(Universe.lookup("rune")!.type, universeRune);
    const t = Universe.lookup("true")!;
    assert.ok(t.kind === "Const" && t.val.kind === "Bool" && t.val.value);
    assert.equal(Universe.lookup("Pointer"), null);
    const up = Unsafe.scope.lookup("Pointer")!;
    assert.equal(up.pkg, Unsafe);
    assert.equal(up.type, Typ[BasicKind.UnsafePointer]);
    assert.equal(Unsafe.complete, true);
    for (const o of [t, universeAny, up]) assert.equal(o.color, Color.Black);
    assert.equal(Universe.lookup("invalid type"), null);
    assert.equal(Universe.lookup("untyped int"), null);
  });

  test("error has one method, Error() string", () => {
    const u = under(universeError);
    assert.ok(u.kind === "Interface");
    assert.equal(u.methods.length, 1);
    const m = u.methods[0]!;
    assert.equal(m.name, "Error");
    assert.equal(m.pkg, null);
    assert.equal(typeString(m.type), "func() string");
  });

  test("byte and rune are identical to uint8 and int32 but print as themselves", () => {
    assert.ok(identical(universeByte, Typ[BasicKind.Uint8]!));
    assert.ok(identical(universeRune, Typ[BasicKind.Int32]!));
    assert.equal(typeString(universeByte), "byte");
    const typeName = (s: Scope, name: string) => {
      const o = s.lookup(name);
      assert.ok(o !== null && o.kind === "TypeName");
      return o;
    };
    assert.equal(isAlias(typeName(Universe, "byte")), true);
    assert.equal(isAlias(typeName(Universe, "any")), true);
    assert.equal(isAlias(typeName(Universe, "int")), false);
    assert.equal(isAlias(typeName(Universe, "error")), false);
    assert.equal(isAlias(typeName(Unsafe.scope, "Pointer")), false);
  });

  test("builtins", () => {
    const len = Universe.lookup("len")!;
    assert.ok(len.kind === "Builtin");
    assert.equal(len.builtinId, BuiltinId.Len);
    assert.equal(len.type, invalidType);
    const sizeof = Unsafe.scope.lookup("Sizeof")!;
    assert.ok(sizeof.kind === "Builtin" && sizeof.builtinId === BuiltinId.Sizeof && sizeof.pkg === Unsafe);
    assert.deepEqual(builtinInfo[BuiltinId.Append], {
      name: "append",
      nargs: 1,
      variadic: true,
      statement: false,
      unsafe: false,
    });
    assert.equal(builtinInfo[BuiltinId.Copy]!.statement, true);
    assert.equal(builtinInfo[BuiltinId.Max]!.variadic, true);
    assert.equal(builtinInfo[BuiltinId.StringData]!.unsafe, true);
    assert.equal(builtinInfo.length, Object.keys(BuiltinId).length);
    for (const [name, id] of Object.entries(BuiltinId)) {
      const info = builtinInfo[id]!;
      assert.equal(info.name.toLowerCase(), name.toLowerCase());
      assert.equal((info.unsafe ? Unsafe.scope : Universe).lookup(info.name)?.kind, "Builtin");
    }
  });
});

describe("scopes", () => {
  const p = pkg("example.com/scopes");
  const v = (name: string, pos: number, scopePos = -1) => {
    const o = new Var("f.go", pos, p, name, int);
    o.scopePos = scopePos;
    return o;
  };

  test("insert returns the object already declared", () => {
    const s = new Scope(null, 0, 100, "test");
    const a = v("a", 1);
    assert.equal(s.insert(a), null);
    assert.equal(a.parent, s);
    assert.equal(s.insert(v("a", 2)), a);
    assert.equal(s.lookup("a"), a);
    assert.equal(s.lookup("b"), null);
    assert.equal(s.len(), 1);
  });

  test("lookupParent sees local names only after their declaration", () => {
    // func f() { x := 1; { y := x; x := 2 } }  (offsets: body 10..100, block 40..90)
    const fn = new Scope(p.scope, 10, 100, "function");
    fn.isFunc = true;
    const x1 = v("x", 12, 18);
    fn.insert(x1);
    const block = new Scope(fn, 40, 90, "block");
    const y = v("y", 42, 50);
    block.insert(y);
    const x2 = v("x", 52, 58);
    block.insert(x2);
    const out: LookupResult = { scope: null };
    assert.equal(block.lookupParent("x", 45, out), x1);
    assert.equal(out.scope, fn);
    assert.equal(block.lookupParent("x", 60, out), x2);
    assert.equal(out.scope, block);
    assert.equal(block.lookupParent("x", -1), x2);
    assert.equal(block.lookupParent("y", 45), null);
    assert.equal(block.lookupParent("int", 45, out), Universe.lookup("int"));
    assert.equal(out.scope, Universe);
    assert.equal(block.lookupParent("nope", 45, out), null);
    assert.equal(out.scope, null);
  });

  test("children, extents and innermost", () => {
    const file = new Scope(p.scope, 0, 200, "file");
    const fn = new Scope(file, 10, 100, "function");
    const b1 = new Scope(fn, 20, 40, "b1");
    const b2 = new Scope(fn, 50, 90, "b2");
    assert.deepEqual(fn.children, [b1, b2]);
    assert.equal(b2.number, 2);
    assert.equal(file.innermost(55), b2);
    assert.equal(file.innermost(45), fn);
    assert.equal(file.innermost(150), file);
    assert.equal(file.innermost(250), null);
    assert.equal(b1.contains(40), false);
    assert.ok(!Universe.children.includes(p.scope));
  });

  test("squash merges a scope into its parent", () => {
    const body = new Scope(null, 0, 100, "body");
    const params = new Scope(body, 0, 100, "params");
    const inner = new Scope(params, 10, 20, "inner");
    const a = v("a", 1);
    const b = v("b", 2);
    body.insert(a);
    params.insert(v("a", 3));
    params.insert(b);
    const conflicts: [Obj, Obj][] = [];
    params.squash((obj, alt) => conflicts.push([obj, alt]));
    assert.equal(body.lookup("b"), b);
    assert.equal(b.parent, body);
    assert.equal(conflicts.length, 1);
    assert.equal(conflicts[0]![1], a);
    assert.deepEqual(body.children, [inner]);
    assert.equal(params.len(), 0);
  });

  test("lazy objects are resolved once, on lookup", () => {
    const s = new Scope(null, -1, -1, "lazy");
    let calls = 0;
    const resolver = {
      resolveObject(scope: Scope, name: string) {
        calls++;
        assert.equal(scope, s);
        return new Const("", -1, p, name, int, { kind: "Unknown" });
      },
    };
    assert.ok(s.insertLazy("K", resolver));
    assert.ok(!s.insertLazy("K", resolver));
    assert.equal(calls, 0);
    assert.deepEqual(s.names(), ["K"]);
    const k = s.lookup("K")!;
    assert.equal(k.parent, s);
    assert.equal(s.lookup("K"), k);
    assert.equal(calls, 1);
    assert.equal(s.insert(v("K", 1)), k);
  });
});

describe("objects", () => {
  const p = pkg("example.com/obj");
  test("exported names and ids", () => {
    assert.equal(isExported("Foo"), true);
    assert.equal(isExported("foo"), false);
    assert.equal(isExported("_Foo"), false);
    assert.equal(isExported("Éclair"), true);
    assert.equal(isExported("éclair"), false);
    assert.equal(objectId(p, "Foo"), "Foo");
    assert.equal(objectId(p, "foo"), "example.com/obj.foo");
    assert.equal(objectId(null, "foo"), "_.foo");
  });

  test("sameId", () => {
    const q = pkg("example.com/other");
    const f = new Var("", -1, p, "f", int);
    assert.equal(f.sameId(p, "f"), true);
    assert.equal(f.sameId(q, "f"), false);
    assert.equal(f.sameId(pkg("example.com/obj"), "f"), true); // same path, another Package object
    assert.equal(f.sameId(null, "f"), false);
    const g = new Var("", -1, p, "G", int);
    assert.equal(g.sameId(q, "G"), true);
    assert.equal(g.sameId(q, "g"), false);
  });

  test("objects created without a type are white", () => {
    const o = new Var("a.go", 7, p, "x", null);
    assert.equal(o.type, invalidType);
    assert.equal(o.color, Color.White);
    assert.equal(o.file, "a.go");
    assert.equal(o.pos, 7);
    assert.equal(o.scopePos, -1);
    assert.equal(new Var("", -1, p, "y", int).color, Color.Black);
  });
});

describe("modules", () => {
  // The modules import each other in cycles; none may use another's exports while loading,
  // whichever is imported first. Each worker thread has a module graph of its own.
  const dir = new URL("../src/semantic/", import.meta.url).href;
  const modules =
    "types objects scope universe constant strconv typeset subst predicates lookup typestring sizes";
  const firstImport = (m: string) =>
    new Promise<string>((resolve, reject) => {
      const script = `
        const { parentPort } = require("node:worker_threads");
        (async () => {
          await import("${dir}${m}.js");
          const { universeError } = await import("${dir}universe.js");
          const { under } = await import("${dir}predicates.js");
          const { typeString } = await import("${dir}typestring.js");
          parentPort.postMessage(typeString(under(universeError)));
        })();`;
      const w = new Worker(script, { eval: true });
      w.once("message", resolve);
      w.once("error", reject);
    });
  const results = modules.split(" ").map((m) => [m, firstImport(m)] as const);
  for (const [m, result] of results) {
    test(`${m}.js can be imported first`, async () => {
      assert.equal(await result, "interface{Error() string}");
    });
  }
});
