// Constant values: literals, arithmetic, conversions and formatting. Expected strings are
// go/constant's String and ExactString as printed by Go 1.19's go/types for the same
// constant declarations (the declaration is quoted in each case).

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  binaryOp,
  bitLenOf,
  boolVal,
  type Constant,
  compare,
  constantString,
  exactString,
  float32Val,
  float64Val,
  formatG,
  int64Val,
  makeBool,
  makeFloat,
  makeFloat64,
  makeFromLiteral,
  makeImag,
  makeInt,
  makeString,
  makeUnknown,
  real,
  shift,
  sign,
  stringVal,
  toComplex,
  toFloat,
  toInt,
  uint64Val,
  unaryOp,
} from "../src/semantic/constant.js";
import { constConversion, representableConst } from "../src/semantic/predicates.js";
import { bytesToText, quote, textToBytes, unquote, unquoteRune } from "../src/semantic/strconv.js";
import { BasicKind, Typ } from "../src/semantic/types.js";

const lit = (s: string) => {
  if (s.startsWith('"') || s.startsWith("`")) return makeFromLiteral(textToBytes(s), "STRING");
  if (s.startsWith("'")) return makeFromLiteral(textToBytes(s), "CHAR");
  if (s.endsWith("i")) return makeFromLiteral(s, "IMAG");
  if (/^0[xX].*[pP]|[.eE]/.test(s) && !/^0[xX][0-9a-fA-F_]*$/.test(s)) return makeFromLiteral(s, "FLOAT");
  return makeFromLiteral(s, "INT");
};
const int = (n: number | bigint) => makeInt(n);
const typed = (x: Constant, k: number) => {
  const r = representableConst(x, Typ[k]!);
  assert.ok(r !== null, `${constantString(x)} not representable`);
  return r;
};
const check = (x: Constant, str: string, exact = str) => {
  assert.equal(constantString(x), str);
  assert.equal(exactString(x), exact);
};
const pi = lit("3.14159265358979323846264338327950288419716939937510582097494459");

describe("integer constants", () => {
  test("shifts and bounds", () => {
    check(shift(int(1), "<<", 62), "4611686018427387904"); // 1 << 62
    check(binaryOp(shift(int(1), "<<", 64), "-", int(1)), "18446744073709551615"); // 1<<64 - 1
    check(unaryOp("-", shift(int(1), "<<", 63)), "-9223372036854775808"); // -1 << 63
    check(shift(int(1), "<<", 100), "1267650600228229401496703205376");
    check(shift(int(-8), ">>", 1), "-4");
    check(shift(int(-1), ">>", 70), "-1"); // int64(-1) >> 70
  });

  test("division, remainder and bit operations", () => {
    check(binaryOp(int(7), "/=", int(2)), "3");
    check(binaryOp(int(-7), "/=", int(2)), "-3");
    check(binaryOp(int(-7), "%", int(3)), "-1");
    check(binaryOp(int(7), "/", int(2)), "3.5", "7/2"); // exact division gives a Float
    check(unaryOp("^", int(0)), "-1"); // ^0
    check(unaryOp("^", int(0), 8), "255"); // ^uint8(0)
    check(unaryOp("^", int(5), 32), "4294967290"); // ^uint32(5)
    check(binaryOp(lit("0x7fff_ffff"), "&^", lit("0xff")), "2147483392");
    check(binaryOp(lit("'a'"), "+", int(1)), "98");
    assert.equal(binaryOp(int(1), "/", int(0)).kind, "Unknown");
  });

  test("literals", () => {
    check(lit("0755"), "493");
    check(lit("0o17"), "15");
    check(lit("0b1010"), "10");
    check(lit("0X_FF"), "255");
    check(lit("1_000_000"), "1000000");
    check(lit("18446744073709551616"), "18446744073709551616");
    assert.equal(makeFromLiteral("1__0", "INT").kind, "Unknown");
    assert.equal(makeFromLiteral("09", "INT").kind, "Unknown");
    assert.equal(makeFromLiteral("0x", "INT").kind, "Unknown");
  });

  test("accessors", () => {
    const max = binaryOp(shift(int(1), "<<", 64), "-", int(1));
    assert.equal(uint64Val(max), 18446744073709551615n);
    assert.equal(int64Val(max), null);
    assert.equal(int64Val(int(-5)), -5n);
    assert.equal(bitLenOf(max), 64);
    assert.equal(bitLenOf(shift(int(1), "<<", 100)), 101);
    assert.equal(bitLenOf(int(-255)), 8);
    assert.equal(sign(int(-3)), -1);
    assert.equal(sign(makeInt(0)), 0);
  });
});

describe("float constants", () => {
  test("untyped", () => {
    check(lit("0.1"), "0.1", "1/10");
    check(binaryOp(lit("1.0"), "/", int(3)), "0.333333", "1/3");
    check(binaryOp(lit("7.0"), "/", int(2)), "3.5", "7/2");
    check(lit("1e100"), "1e+100", `1${"0".repeat(100)}`);
    check(lit("1e-10"), "1e-10", "1/10000000000");
    check(lit("123456789.0"), "1.23457e+08", "123456789");
    check(
      pi,
      "3.14159",
      `314159265358979323846264338327950288419716939937510582097494459/1${"0".repeat(62)}`,
    );
    check(lit("1.5"), "1.5", "3/2");
    check(lit("100000.0"), "100000");
    check(lit("1000000.0"), "1e+06", "1000000");
    check(lit("0.0001"), "0.0001", "1/10000");
    check(lit("0.00001"), "1e-05", "1/100000");
    check(lit("1234565.0"), "1.23456e+06", "1234565"); // ties round to even
    check(lit("2.5e-5"), "2.5e-05", "1/40000");
    check(binaryOp(binaryOp(int(1), "/", lit("3.0")), "*", int(3)), "1");
    check(lit("1e20"), "1e+20", "100000000000000000000");
    check(lit("1e21"), "1e+21", "1000000000000000000000");
    check(lit("0.5e-4"), "5e-05", "1/20000");
    check(unaryOp("-", lit("0.0")), "0");
  });

  test("beyond float64", () => {
    check(lit("1e400"), "1e+400", `1${"0".repeat(400)}`);
    check(unaryOp("-", lit("1e-400")), "-1e-400", `-1/1${"0".repeat(400)}`);
    const e = lit("2.71828182845904523536028747135266249775724709369995957496696763");
    const x = binaryOp(binaryOp(e, "*", lit("1e300")), "*", lit("1e300"));
    assert.equal(constantString(x), "2.71828e+600");
    assert.equal(
      exactString(x),
      `271828182845904523536028747135266249775724709369995957496696763${"0".repeat(538)}`,
    );
    assert.equal(float64Val(x), Number.POSITIVE_INFINITY);
  });

  test("math constants", () => {
    // math.MaxFloat64 = 0x1p1023 * (1 + (1 - 0x1p-52))
    const maxF64 = binaryOp(
      lit("0x1p1023"),
      "*",
      binaryOp(int(1), "+", binaryOp(int(1), "-", lit("0x1p-52"))),
    );
    assert.equal(constantString(maxF64), "1.79769e+308");
    assert.equal(exactString(maxF64), ((2n ** 53n - 1n) * 2n ** 971n).toString());
    assert.equal(float64Val(maxF64), Number.MAX_VALUE);
    // math.SmallestNonzeroFloat64 = 0x1p-1022 * 0x1p-52
    const tiny = binaryOp(lit("0x1p-1022"), "*", lit("0x1p-52"));
    assert.equal(constantString(tiny), "4.94066e-324");
    assert.equal(exactString(tiny), `1/${2n ** 1074n}`);
    assert.equal(float64Val(tiny), 5e-324);
    check(lit("0x1p-1074"), "4.94066e-324", `1/${2n ** 1074n}`);
    // math.MaxFloat32 = 0x1p127 * (1 + (1 - 0x1p-23))
    const maxF32 = binaryOp(
      lit("0x1p127"),
      "*",
      binaryOp(int(1), "+", binaryOp(int(1), "-", lit("0x1p-23"))),
    );
    check(typed(maxF32, BasicKind.Float32), "3.40282e+38", "340282346638528859811704183484516925440");
  });

  test("typed floats are rounded", () => {
    check(typed(lit("0.1"), BasicKind.Float32), "0.1", "13421773/134217728");
    check(typed(lit("0.1"), BasicKind.Float64), "0.1", "3602879701896397/36028797018963968");
    check(
      typed(binaryOp(shift(int(1), "<<", 24), "+", int(1)), BasicKind.Float32),
      "1.67772e+07",
      "16777216",
    );
    check(typed(lit("1e23"), BasicKind.Float64), "1e+23", "99999999999999991611392");
    assert.equal(representableConst(lit("1e400"), Typ[BasicKind.Float64]!), null);
    assert.equal(representableConst(lit("1e39"), Typ[BasicKind.Float32]!), null);
    // 2^128 - 2^103 is exactly halfway between MaxFloat32 and 2^128: rounds to even, overflows.
    assert.equal(float32Val(lit("340282356779733661637539395458142568448")), Number.POSITIVE_INFINITY);
    assert.equal(float32Val(lit("340282356779733661637539395458142568447")), 3.4028234663852886e38);
  });

  test("float64 rounding is correct", () => {
    assert.equal(float64Val(lit("0.1")), 0.1);
    assert.equal(float64Val(lit("2.2250738585072011e-308")), 2.225073858507201e-308); // subnormal boundary
    assert.equal(float64Val(lit("9007199254740993")), 9007199254740992); // tie: even
    assert.equal(float64Val(lit("9007199254740995")), 9007199254740996);
    assert.equal(float64Val(lit("1e-400")), 0);
    assert.equal(float64Val(lit("2.4703282292062328e-324")), 5e-324); // just above half the smallest subnormal
    for (const s of [
      "1.7976931348623157e308",
      "4.9406564584124654e-324",
      "123.456",
      "6.02214076e23",
      "1e-5",
    ]) {
      assert.equal(float64Val(lit(s)), Number(s), s);
    }
  });

  test("literals", () => {
    check(lit("0x1p-2"), "0.25", "1/4");
    check(lit("0x1.8p3"), "12");
    check(lit("0X_1FFFP-16"), "0.124985", "8191/65536");
    check(lit(".5"), "0.5", "1/2");
    check(lit("1."), "1");
    check(lit("1_0.2_5"), "10.25", "41/4");
    assert.equal(makeFromLiteral("0x1.8", "FLOAT").kind, "Unknown"); // hex mantissa needs an exponent
    assert.equal(makeFromLiteral("1e", "FLOAT").kind, "Unknown");
  });

  test("huge rationals are rounded to 512 bits", () => {
    const third = binaryOp(int(1), "/", int(3));
    let x: Constant = third;
    for (let i = 0; i < 12; i++) x = binaryOp(x, "*", binaryOp(third, "+", lit("1e-300")));
    assert.equal(x.kind, "Float");
    if (x.kind === "Float") assert.ok(x.den.toString(2).length <= 4200);
    assert.equal(constantString(x), "6.27225e-07");
  });
});

describe("complex constants", () => {
  test("arithmetic", () => {
    check(lit("2i"), "(0 + 2i)");
    const c2 = binaryOp(int(1), "+", lit("2i"));
    check(c2, "(1 + 2i)");
    const c3 = binaryOp(int(3), "-", lit("1i"));
    check(binaryOp(c2, "*", c3), "(5 + 5i)");
    check(binaryOp(c2, "/", c3), "(0.1 + 0.7i)", "(1/10 + 7/10i)");
    check(binaryOp(lit("1.5i"), "*", lit("1.5i")), "(-2.25 + 0i)", "(-9/4 + 0i)");
    check(toComplex(int(1)), "(1 + 0i)");
    check(
      typed(binaryOp(lit("0.1"), "+", lit("0.2i")), BasicKind.Complex64),
      "(0.1 + 0.2i)",
      "(13421773/134217728 + 13421773/67108864i)",
    );
    check(makeImag(int(3)), "(0 + 3i)");
    check(lit("0x10i"), "(0 + 16i)");
    check(lit("0123i"), "(0 + 123i)"); // decimal, for backward compatibility
  });

  test("conversions", () => {
    assert.equal(toFloat(binaryOp(lit("1.5i"), "*", lit("1.5i"))).kind, "Float");
    assert.equal(toFloat(lit("2i")).kind, "Unknown");
    assert.equal(constantString(toInt(binaryOp(int(4), "+", lit("0i")))), "4");
    assert.equal(constantString(real(binaryOp(int(1), "+", lit("2i")))), "1");
    assert.equal(compare(lit("2i"), "==", binaryOp(int(0), "+", lit("2i"))), true);
  });
});

describe("string and bool constants", () => {
  test("formatting", () => {
    check(lit('"hello"'), '"hello"');
    check(lit('"a\\tb\\x00\\xff\\u00e9\\u2028"'), '"a\\tb\\x00\\xffé\\u2028"');
    const digits = "0123456789".repeat(10);
    check(lit(`"${digits}"`), `"${digits.slice(0, 68)}...`, `"${digits}"`);
    const jp = "日本語".repeat(25);
    check(makeString(textToBytes(jp)), `"${jp.slice(0, 68)}...`, `"${jp}"`);
    check(binaryOp(lit('"hello"'), "+", lit('" world"')), '"hello world"');
    check(makeBool(true), "true");
    check(makeBool(false), "false");
  });

  test("comparisons", () => {
    assert.equal(compare(lit('"a"'), "<", lit('"b"')), true);
    // Bytewise: "é" (c3 a9) sorts after "z".
    assert.equal(compare(lit('"\\u00e9"'), ">", lit('"z"')), true);
    assert.equal(compare(makeBool(true), "!=", makeBool(false)), true);
    assert.equal(compare(int(1), "<", lit("1.5")), true);
    assert.equal(compare(lit("0.1"), "==", binaryOp(int(1), "/", int(10))), true);
  });

  test("conversions of integers to strings", () => {
    const str = Typ[BasicKind.String]!;
    const ui = Typ[BasicKind.UntypedInt]!;
    check(constConversion(int(65), ui, str)!, '"A"');
    check(constConversion(int(-1), ui, str)!, '"�"');
    check(constConversion(int(0xd800), ui, str)!, '"�"');
    check(constConversion(lit("0x1F600"), ui, str)!, '"😀"');
  });

  test("runes", () => {
    check(lit("'x'"), "120");
    check(lit("'\\n'"), "10");
    check(lit("'\\377'"), "255");
    check(lit("'日'"), "26085");
    check(lit("'\\U0001F600'"), "128512");
    assert.equal(makeFromLiteral("'ab'", "CHAR").kind, "Unknown");
    assert.equal(makeFromLiteral("'\\\"'", "CHAR").kind, "Unknown");
  });
});

describe("representability", () => {
  const max64 = binaryOp(shift(int(1), "<<", 64), "-", int(1));
  const cases: [number, Constant, boolean][] = [
    [BasicKind.Int8, int(127), true],
    [BasicKind.Int8, int(128), false],
    [BasicKind.Int8, int(-128), true],
    [BasicKind.Uint8, int(-1), false],
    [BasicKind.Uint, max64, true],
    [BasicKind.Uintptr, max64, true],
    [BasicKind.Uint64, binaryOp(max64, "+", int(1)), false],
    [BasicKind.Int, max64, false],
    [BasicKind.Int64, unaryOp("-", shift(int(1), "<<", 63)), true],
    [BasicKind.Int32, lit("2147483648"), false],
    [BasicKind.Int, lit("1.0"), true],
    [BasicKind.Int, lit("1.5"), false],
    [BasicKind.Int, lit("2i"), false],
    [BasicKind.Float64, lit("1i"), false],
    [BasicKind.Float64, binaryOp(int(1), "+", lit("0i")), true],
    [BasicKind.String, int(1), false],
    [BasicKind.Bool, lit('"x"'), false],
    [BasicKind.UntypedInt, shift(int(1), "<<", 600), true],
    [BasicKind.UntypedFloat, int(3), true],
  ];
  for (const [k, x, ok] of cases) {
    test(`${constantString(x)} as ${Typ[k]!.name}: ${ok}`, () => {
      assert.equal(representableConst(x, Typ[k]!) !== null, ok);
    });
  }
  test("an integer-valued float converted to an integer type becomes an Int", () => {
    assert.equal(typed(lit("3.0"), BasicKind.Int).kind, "Int");
    assert.equal(typed(int(3), BasicKind.UntypedFloat).kind, "Int"); // untyped targets keep the value
  });
});

describe("formatG (fmt %.6g)", () => {
  const cases: [number, string][] = [
    [1.5, "1.5"],
    [100000, "100000"],
    [1e6, "1e+06"],
    [123456789, "1.23457e+08"],
    [0.0001, "0.0001"],
    [0.00001, "1e-05"],
    [1e21, "1e+21"],
    [-2.5, "-2.5"],
    [1234565, "1.23456e+06"],
    [1234575, "1.23458e+06"],
    [999999.5, "1e+06"],
    [5e-324, "4.94066e-324"],
    [100, "100"],
    [0.1 + 0.2, "0.3"],
  ];
  for (const [x, s] of cases) test(`${x} → ${s}`, () => assert.equal(formatG(x, 6), s));
});

describe("Go strings", () => {
  test("quote", () => {
    assert.equal(quote(textToBytes('a\tb"c\\')), '"a\\tb\\"c\\\\"');
    assert.equal(quote("\x00\x7f\x07\x08\x0c\x0a\x0d\x0b"), '"\\x00\\x7f\\a\\b\\f\\n\\r\\v"');
    assert.equal(quote(textToBytes("é\u2028\u{1F600}\u{E0001}")), '"é\\u2028😀\\U000e0001"');
    assert.equal(quote("\xff\xc3"), '"\\xff\\xc3"');
    assert.equal(quote("\xed\xa0\x80"), '"\\xed\\xa0\\x80"'); // an encoded surrogate is invalid UTF-8
    assert.equal(quote("\xc0\x80"), '"\\xc0\\x80"'); // overlong
  });

  test("unquote", () => {
    assert.equal(unquote('"a\\tb"'), "a\tb");
    assert.equal(unquote('"\\xff\\u00e9\\U0001F600\\101"'), "\xff\xc3\xa9\xf0\x9f\x98\x80A");
    assert.equal(unquote(textToBytes('"é"')), "\xc3\xa9");
    assert.equal(unquote("`a\\n\r\nb`"), "a\\n\nb");
    assert.equal(unquote('"a'), null);
    assert.equal(unquote('"\\q"'), null);
    assert.equal(unquote('"\\\'"'), null);
    assert.equal(unquote('"\\ud800"'), null);
    assert.equal(unquote('"a\nb"'), null);
    assert.equal(unquoteRune("'\\''"), 39);
    assert.equal(unquoteRune(textToBytes("'é'")), 233);
    assert.equal(unquoteRune("''"), null);
  });

  test("bytes and text", () => {
    assert.equal(bytesToText("\xe6\x97\xa5\xff"), "日\ufffd");
    assert.equal(textToBytes("日"), "\xe6\x97\xa5");
  });

  test("accessors of bools, strings and unknowns", () => {
    assert.equal(boolVal(makeBool(true)), true);
    assert.equal(boolVal(makeUnknown()), false);
    assert.equal(stringVal(lit('"a\\xff"')), "a\xff");
    assert.equal(stringVal(makeUnknown()), "");
    assert.throws(() => stringVal(int(1)));
    assert.equal(constantString(makeUnknown()), "unknown");
    assert.equal(binaryOp(makeUnknown(), "+", int(1)).kind, "Unknown");
    assert.equal(compare(makeUnknown(), "==", int(1)), false);
  });

  test("floats from float64", () => {
    check(makeFloat64(0.1), "0.1", "3602879701896397/36028797018963968");
    assert.equal(makeFloat64(Number.NaN).kind, "Unknown");
    assert.equal(makeFloat(1n, 0n).kind, "Unknown");
    check(makeFloat(6n, -4n), "-1.5", "-3/2");
  });
});
