// Language features newer than the Go 1.19 oracle (range over integers and functions, min,
// max, clear) and robustness: the expected types follow the Go specification, as later
// go/types releases record them.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkSource, exprType, identInfo } from "./check-helpers.js";

describe("Go 1.21-1.23 features", () => {
  const c = checkSource(`package p
type N int
func seq(yield func(int, string) bool) {}
func f(n N, m map[string]int, s []int) {
	for i := range 10 {
		_ = i
	}
	for j := range n {
		_ = j
	}
	for k, v := range seq {
		_, _ = k, v
	}
	lo := min(1, 2.5)
	hi := max(n, 3)
	clear(m)
	clear(s)
	_, _ = lo, hi
}
`);
  it("records no errors", () => assert.deepEqual(c.errors, []));
  it("range over an untyped constant gives int", () => assert.equal(identInfo(c, "i"), "def Var int"));
  it("range over a typed integer gives its type", () => assert.equal(identInfo(c, "j"), "def Var p.N"));
  it("range over a function gives the yield parameters", () => {
    assert.equal(identInfo(c, "k"), "def Var int");
    assert.equal(identInfo(c, "v"), "def Var string");
  });
  it("min of constants is a constant, of its default type once assigned", () =>
    assert.equal(exprType(c, "min(1, 2.5)"), "float64 constant"));
  it("max with a typed operand has its type", () => {
    assert.equal(exprType(c, "max(n, 3)"), "p.N value");
    assert.equal(exprType(c, "max"), "func(p.N, p.N) p.N builtin");
  });
  it("clear records its argument type", () =>
    assert.equal(exprType(c, "clear"), "func(map[string]int) builtin"));
});

describe("robustness", () => {
  it("a type whose size depends on itself terminates", () => {
    const c = checkSource("package p\ntype T [len(T{})]int\nvar x T\n");
    assert.match(identInfo(c, "x"), /^def Var p\.T$/);
  });
  it("inference that would build an infinite type reports it cannot infer", () => {
    // go/types' own test (infer testdata): P = Q = func(Q) P would double on every substitution
    const c = checkSource("package p\nfunc f3[P, Q interface{ func(Q) P }]() {}\nfunc _() { f3() }\n");
    assert.ok(c.errors.some((e) => /cannot infer/.test(e.message)));
  });
  it("initialization cycles give invalid types, not hangs", () => {
    const c = checkSource("package p\nvar a = b\nvar b = a\nconst c = d\nconst d = c\n");
    assert.equal(identInfo(c, "a"), "def Var invalid type");
  });
  it("a chain of ten thousand additions is checked", () => {
    const terms = Array.from({ length: 10000 }, (_, i) => `x${i % 3}`).join(" + ");
    const c = checkSource(`package p\nvar x0, x1, x2 string\nvar s = ${terms}\n`);
    assert.deepEqual(c.errors, []);
    assert.equal(identInfo(c, "s"), "def Var string");
  });
  it("undefined names and missing imports leave invalid types and go on", () => {
    const c = checkSource(`package p
import "example.com/missing"
func f() int {
	y := missing.Thing(1)
	z := undefinedName + 1
	_, _ = y, z
	return 2
}
`);
    assert.equal(identInfo(c, "y"), "def Var invalid type");
    assert.equal(identInfo(c, "missing"), "use PkgName invalid type");
    assert.equal(exprType(c, "2"), "int constant");
  });
  it("cgo's C package: every member is unknown", () => {
    const c = checkSource(`package p
import "C"
func f() { x := C.int(1); _ = x }
`);
    assert.equal(identInfo(c, "x"), "def Var invalid type");
  });
});
