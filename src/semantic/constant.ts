// Exact constant values, modelled on go/constant.
//
// Integers are bigints. Floats are exact rationals (numerator/denominator bigints), as
// go/constant keeps them while they are small enough; a rational whose numerator or
// denominator grows past maxExp bits is rounded to a 512-bit mantissa, as go/constant then
// switches to a 512-bit big.Float. Complex values pair two Int or Float values. Strings are
// Go byte strings (one UTF-16 unit per byte; see strconv.ts).

import { quote, runeCount, unquote, unquoteRune } from "./strconv.js";

export type Constant = UnknownVal | BoolVal | StringVal | IntVal | FloatVal | ComplexVal;
/** An Int or Float value: the parts of a complex value. */
export type RealVal = IntVal | FloatVal;
export type ConstantKind = Constant["kind"];

export class UnknownVal {
  readonly kind = "Unknown";
}

export class BoolVal {
  readonly kind = "Bool";
  constructor(readonly value: boolean) {}
}

export class StringVal {
  readonly kind = "String";
  /** The bytes of the string, one UTF-16 unit per byte. */
  constructor(readonly value: string) {}
}

export class IntVal {
  readonly kind = "Int";
  constructor(readonly value: bigint) {}
}

export class FloatVal {
  readonly kind = "Float";
  /** num/den in lowest terms; den > 0. */
  constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}
}

export class ComplexVal {
  readonly kind = "Complex";
  constructor(
    readonly re: RealVal,
    readonly im: RealVal,
  ) {}
}

/** The literal kinds of go/token (and of the AST's BasicLit). */
export type LiteralKind = "INT" | "FLOAT" | "IMAG" | "CHAR" | "STRING";

/**
 * Operators: the Go binary operators, plus "/=" which (as token.QUO_ASSIGN in go/constant)
 * asks for truncated integer division of two Int values; "/" of two Ints is exact and
 * gives a Float.
 */
export type ConstantOp = "+" | "-" | "*" | "/" | "/=" | "%" | "&" | "|" | "^" | "&^" | "&&" | "||";
export type CompareOp = "==" | "!=" | "<" | "<=" | ">" | ">=";

/** Bit size past which a rational is rounded, and the precision it is rounded to (go/constant). */
const maxExp = 4 << 10;
const prec = 512;

export const unknown = new UnknownVal();
const trueVal = new BoolVal(true);
const falseVal = new BoolVal(false);
const smallInts: IntVal[] = [];
for (let i = 0; i <= 16; i++) smallInts.push(new IntVal(BigInt(i)));
const intZero = smallInts[0]!;

// ---- construction ----

export function makeUnknown(): UnknownVal {
  return unknown;
}

export function makeBool(b: boolean): BoolVal {
  return b ? trueVal : falseVal;
}

/** A string constant from a byte string. */
export function makeString(bytes: string): StringVal {
  return new StringVal(bytes);
}

export function makeInt(x: bigint | number): IntVal {
  if (typeof x === "number") {
    if (x >= 0 && x <= 16 && Number.isInteger(x)) return smallInts[x]!;
    return new IntVal(BigInt(x));
  }
  if (x >= 0n && x <= 16n) return smallInts[Number(x)]!;
  return new IntVal(x);
}

/** A Float from a float64; infinities and NaN give Unknown, -0 gives 0 (like go/constant). */
export function makeFloat64(x: number): FloatVal | UnknownVal {
  if (!Number.isFinite(x)) return unknown;
  if (x === 0) return new FloatVal(0n, 1n);
  const [num, den] = float64ToRat(x);
  return makeRat(num, den);
}

/** The Float num/den (den ≠ 0), normalized and bounded in size. */
export function makeFloat(num: bigint, den: bigint): FloatVal | UnknownVal {
  if (den === 0n) return unknown;
  return makeRat(num, den);
}

/** A complex value re + im·i from Int or Float parts; Unknown if either part is. */
export function makeComplex(re: Constant, im: Constant): ComplexVal | UnknownVal {
  if ((re.kind !== "Int" && re.kind !== "Float") || (im.kind !== "Int" && im.kind !== "Float")) {
    return unknown;
  }
  return new ComplexVal(re, im);
}

/** The complex value x·i for an Int or Float x. */
export function makeImag(x: Constant): Constant {
  if (x.kind === "Unknown") return x;
  return makeComplex(intZero, x);
}

function makeRat(num: bigint, den: bigint): FloatVal {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num < 0n ? -num : num, den);
  if (g !== 1n) {
    num /= g;
    den /= g;
  }
  if (bitLen(num) >= maxExp || bitLen(den) >= maxExp) return roundRat(num, den);
  return new FloatVal(num, den);
}

/** Rounds num/den (lowest terms) to a prec-bit mantissa times a power of two. */
function roundRat(num: bigint, den: bigint): FloatVal {
  const neg = num < 0n;
  const a = neg ? -num : num;
  const shift = prec - (bitLen(a) - bitLen(den));
  let n = a;
  let d = den;
  if (shift >= 0) n <<= BigInt(shift);
  else d <<= BigInt(-shift);
  const m = roundHalfEven(n, d);
  let rn = neg ? -m : m;
  let rd = 1n;
  if (shift >= 0) rd <<= BigInt(shift);
  else rn <<= BigInt(-shift);
  const g = gcd(m, rd);
  if (g !== 1n) {
    rn /= g;
    rd /= g;
  }
  return new FloatVal(rn, rd);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** Number of bits of |x| (0 for 0). */
export function bitLenBig(x: bigint): number {
  if (x < 0n) x = -x;
  if (x < 0x100000000n) return 32 - Math.clz32(Number(x));
  if (x < 0x10000000000000000n) return 64 - Math.clz32(Number(x >> 32n));
  const s = x.toString(16);
  return (s.length - 1) * 4 + 32 - Math.clz32(Number.parseInt(s[0]!, 16));
}
const bitLen = bitLenBig;

function roundHalfEven(n: bigint, d: bigint): bigint {
  let q = n / d;
  const r2 = (n - q * d) * 2n;
  if (r2 > d || (r2 === d && (q & 1n) === 1n)) q += 1n;
  return q;
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** The exact rational value of a finite float64. */
function float64ToRat(x: number): [bigint, bigint] {
  f64[0] = x;
  const bits = u64[0]!;
  const neg = bits >> 63n === 1n;
  const e = Number((bits >> 52n) & 0x7ffn);
  let m = bits & 0xfffffffffffffn;
  let exp: number;
  if (e === 0) exp = -1074;
  else {
    m |= 0x10000000000000n;
    exp = e - 1075;
  }
  if (neg) m = -m;
  if (exp >= 0) return [m << BigInt(exp), 1n];
  return [m, 1n << BigInt(-exp)];
}

/**
 * num/den (den > 0) rounded to the nearest binary floating-point number with mbits
 * mantissa bits whose smallest (subnormal) unit is 2^minExp and which overflows at 2^maxE:
 * (53, -1074, 1024) for float64, (24, -149, 128) for float32. Rounds half to even, like
 * big.Rat's Float64 and Float32.
 */
function ratToFloat(num: bigint, den: bigint, mbits: number, minExp: number, maxE: number): number {
  if (num === 0n) return 0;
  const neg = num < 0n;
  const a = neg ? -num : num;
  // Binary exponent e with 2^(e-1) <= a/den < 2^e.
  let e = bitLen(a) - bitLen(den);
  if (e >= 0 ? a >= den << BigInt(e) : a << BigInt(-e) >= den) e++;
  if (e > maxE + 1) return neg ? -Infinity : Infinity;
  let lsb = e - mbits;
  if (lsb < minExp) lsb = minExp;
  let n = a;
  let d = den;
  if (lsb < 0) n <<= BigInt(-lsb);
  else d <<= BigInt(lsb);
  const q = roundHalfEven(n, d);
  if (bitLen(q) + lsb > maxE) return neg ? -Infinity : Infinity;
  const f = ldexp(Number(q), lsb);
  return neg ? -f : f;
}

/** x·2^e, exact whenever the result is representable. */
function ldexp(x: number, e: number): number {
  while (e > 1000) {
    x *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    // Scale in two steps so that no intermediate product is a subnormal that loses bits.
    if (e < -2000) {
      x *= 2 ** -1000;
      e += 1000;
    } else {
      const h = Math.trunc(e / 2);
      return x * 2 ** h * 2 ** (e - h);
    }
  }
  return x * 2 ** e;
}

// ---- literals ----

/**
 * The value of a Go literal, given as source text with one UTF-16 unit per byte (the
 * scanner's latin1 view). Unknown if the literal is malformed (go/constant.MakeFromLiteral).
 */
export function makeFromLiteral(lit: string, kind: LiteralKind): Constant {
  switch (kind) {
    case "INT": {
      const v = parseIntLit(lit);
      return v === null ? unknown : makeInt(v);
    }
    case "FLOAT":
      return parseFloatLit(lit) ?? unknown;
    case "IMAG": {
      if (!lit.endsWith("i")) return unknown;
      const im = parseFloatLit(lit.slice(0, -1));
      return im === null ? unknown : makeComplex(intZero, im);
    }
    case "CHAR": {
      const r = unquoteRune(lit);
      return r === null ? unknown : makeInt(r);
    }
    case "STRING": {
      const s = unquote(lit);
      return s === null ? unknown : makeString(s);
    }
  }
}

const intLitRe =
  /^(?:0[xX]_?[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*|0[bB]_?[01]+(?:_[01]+)*|0[oO]?_?[0-7]+(?:_[0-7]+)*|[1-9](?:_?[0-9])*|0)$/;

function parseIntLit(lit: string): bigint | null {
  if (!intLitRe.test(lit)) return null;
  let s = lit.includes("_") ? lit.replaceAll("_", "") : lit;
  if (s.length > 1 && s[0] === "0" && s[1]! >= "0" && s[1]! <= "9") s = `0o${s.slice(1)}`;
  return BigInt(s);
}

const decFloatRe = /^([0-9_]*)(?:\.([0-9_]*))?(?:[eE]([+-]?[0-9_]+))?$/;
const hexFloatRe = /^0[xX]([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?(?:[pP]([+-]?[0-9_]+))?$/;

/** Exponents beyond which a literal is refused rather than expanded into a huge bigint. */
const maxLiteralExp = 1_000_000;

/** A float literal (or the mantissa of an imaginary literal) as an exact Float. */
function parseFloatLit(lit: string): FloatVal | null {
  if (lit.length === 0) return null;
  if (/^0[bBoO]/.test(lit)) {
    // Integer-valued imaginary literals such as 0b101i.
    const v = parseIntLit(lit);
    return v === null ? null : new FloatVal(v, 1n);
  }
  let m = hexFloatRe.exec(lit);
  if (m !== null) {
    const intPart = (m[1] ?? "").replaceAll("_", "");
    const frac = (m[2] ?? "").replaceAll("_", "");
    if (intPart.length + frac.length === 0) return null;
    if (m[2] !== undefined && m[3] === undefined) return null; // a hex mantissa with a point needs p
    let exp = m[3] === undefined ? 0 : Number(m[3].replaceAll("_", ""));
    if (Math.abs(exp) > maxLiteralExp) return null;
    const mant = BigInt(`0x${intPart}${frac}` === "0x" ? "0" : `0x${intPart}${frac}`);
    exp -= 4 * frac.length;
    return exp >= 0 ? makeRat(mant << BigInt(exp), 1n) : makeRat(mant, 1n << BigInt(-exp));
  }
  m = decFloatRe.exec(lit);
  if (m === null) return null;
  const intPart = (m[1] ?? "").replaceAll("_", "");
  const frac = (m[2] ?? "").replaceAll("_", "");
  if (intPart.length + frac.length === 0) return null;
  let exp = m[3] === undefined ? 0 : Number(m[3].replaceAll("_", ""));
  if (Math.abs(exp) > maxLiteralExp) return null;
  const mant = BigInt(intPart + frac || "0");
  exp -= frac.length;
  if (mant === 0n) return new FloatVal(0n, 1n);
  return exp >= 0 ? makeRat(mant * 10n ** BigInt(exp), 1n) : makeRat(mant, 10n ** BigInt(-exp));
}

// ---- accessors ----

/** The value of a Bool; false for Unknown. */
export function boolVal(x: Constant): boolean {
  if (x.kind === "Bool") return x.value;
  if (x.kind === "Unknown") return false;
  throw new Error(`${constantString(x)} not a Bool`);
}

/** The bytes of a String; "" for Unknown. */
export function stringVal(x: Constant): string {
  if (x.kind === "String") return x.value;
  if (x.kind === "Unknown") return "";
  throw new Error(`${constantString(x)} not a String`);
}

/** The value of an Int; null for Unknown. */
export function intVal(x: Constant): bigint | null {
  if (x.kind === "Int") return x.value;
  if (x.kind === "Unknown") return null;
  throw new Error(`${constantString(x)} not an Int`);
}

/** The value of an Int if it fits in an int64 (constant.Int64Val's exact case), else null. */
export function int64Val(x: Constant): bigint | null {
  const v = intVal(x);
  return v !== null && v >= -(1n << 63n) && v < 1n << 63n ? v : null;
}

/** The value of an Int if it fits in a uint64 (constant.Uint64Val's exact case), else null. */
export function uint64Val(x: Constant): bigint | null {
  const v = intVal(x);
  return v !== null && v >= 0n && v < 1n << 64n ? v : null;
}

/** The nearest float64 to an Int or Float (±Infinity when out of range; 0 for Unknown). */
export function float64Val(x: Constant): number {
  switch (x.kind) {
    case "Int":
      return Number(x.value);
    case "Float":
      return x.den === 1n ? Number(x.num) : ratToFloat(x.num, x.den, 53, -1074, 1024);
    case "Unknown":
      return 0;
    default:
      throw new Error(`${constantString(x)} not a Float`);
  }
}

/** The nearest float32 (as a number) to an Int or Float (±Infinity when out of range). */
export function float32Val(x: Constant): number {
  switch (x.kind) {
    case "Int":
      return ratToFloat(x.value, 1n, 24, -149, 128);
    case "Float":
      return ratToFloat(x.num, x.den, 24, -149, 128);
    case "Unknown":
      return 0;
    default:
      throw new Error(`${constantString(x)} not a Float`);
  }
}

/** Number of bits of the magnitude of an Int (constant.BitLen). */
export function bitLenOf(x: Constant): number {
  if (x.kind === "Int") return bitLen(x.value);
  if (x.kind === "Unknown") return 0;
  throw new Error(`${constantString(x)} not an Int`);
}

/** -1, 0 or 1; for a complex value, 0 only if both parts are 0; 1 for Unknown. */
export function sign(x: Constant): number {
  switch (x.kind) {
    case "Int":
      return x.value < 0n ? -1 : x.value > 0n ? 1 : 0;
    case "Float":
      return x.num < 0n ? -1 : x.num > 0n ? 1 : 0;
    case "Complex":
      return sign(x.re) | sign(x.im);
    case "Unknown":
      return 1;
    default:
      throw new Error(`${constantString(x)} not numeric`);
  }
}

/** The real part of a numeric value. */
export function real(x: Constant): Constant {
  if (x.kind === "Complex") return x.re;
  if (x.kind === "Int" || x.kind === "Float" || x.kind === "Unknown") return x;
  throw new Error(`${constantString(x)} not numeric`);
}

/** The imaginary part of a numeric value. */
export function imag(x: Constant): Constant {
  if (x.kind === "Complex") return x.im;
  if (x.kind === "Int" || x.kind === "Float") return intZero;
  if (x.kind === "Unknown") return x;
  throw new Error(`${constantString(x)} not numeric`);
}

// ---- conversions ----

/** x as an Int if it has an exact integer value, else Unknown (constant.ToInt). */
export function toInt(x: Constant): Constant {
  switch (x.kind) {
    case "Int":
      return x;
    case "Float":
      return x.den === 1n ? makeInt(x.num) : unknown;
    case "Complex": {
      const re = toFloat(x);
      return re.kind === "Float" ? toInt(re) : unknown;
    }
    default:
      return unknown;
  }
}

/** x as a Float if it is numeric with no imaginary part, else Unknown (constant.ToFloat). */
export function toFloat(x: Constant): Constant {
  switch (x.kind) {
    case "Int":
      return new FloatVal(x.value, 1n);
    case "Float":
      return x;
    case "Complex":
      return sign(x.im) === 0 ? toFloat(x.re) : unknown;
    default:
      return unknown;
  }
}

/** x as a Complex if it is numeric, else Unknown (constant.ToComplex). */
export function toComplex(x: Constant): Constant {
  switch (x.kind) {
    case "Int":
    case "Float":
      return new ComplexVal(x, intZero);
    case "Complex":
      return x;
    default:
      return unknown;
  }
}

// ---- operations ----

/**
 * The unary operation op y: "+" and "-" on numbers, "^" (bitwise complement) on Ints and
 * "!" on Bools. For "^", a positive precision (in bits) makes the result that of an
 * unsigned integer of that size.
 */
export function unaryOp(op: "+" | "-" | "^" | "!", y: Constant, precision = 0): Constant {
  if (y.kind === "Unknown") return y;
  switch (op) {
    case "+":
      if (y.kind === "Int" || y.kind === "Float" || y.kind === "Complex") return y;
      break;
    case "-":
      if (y.kind === "Int") return makeInt(-y.value);
      if (y.kind === "Float") return new FloatVal(-y.num, y.den);
      if (y.kind === "Complex") {
        return makeComplex(unaryOp("-", y.re), unaryOp("-", y.im));
      }
      break;
    case "^":
      if (y.kind === "Int") {
        let z = ~y.value;
        if (precision > 0) z &= (1n << BigInt(precision)) - 1n;
        return makeInt(z);
      }
      break;
    case "!":
      if (y.kind === "Bool") return makeBool(!y.value);
      break;
  }
  throw new Error(`invalid unary operation ${op}${constantString(y)}`);
}

/** Rank of a value's representation, for matching the operands of a binary operation. */
function ord(x: Constant): number {
  switch (x.kind) {
    case "Unknown":
      return 0;
    case "Bool":
    case "String":
      return 1;
    case "Int":
      return 2;
    case "Float":
      return 3;
    case "Complex":
      return 4;
  }
}

/** x converted to the representation of rank r (> ord(x)). */
function promote(x: Constant, r: number): Constant {
  if (r === 3 && x.kind === "Int") return new FloatVal(x.value, 1n);
  if (r === 4 && (x.kind === "Int" || x.kind === "Float")) return new ComplexVal(x, intZero);
  return x;
}

/**
 * The binary operation x op y (constant.BinaryOp). The operands must be of compatible kinds;
 * an Int and a Float combine as Floats, a number and a Complex as Complexes. Division by
 * zero gives Unknown.
 */
export function binaryOp(x: Constant, op: ConstantOp, y: Constant): Constant {
  const ox = ord(x);
  const oy = ord(y);
  if (ox < oy) x = promote(x, oy);
  else if (oy < ox) y = promote(y, ox);
  if (x.kind === "Unknown" || y.kind === "Unknown") return unknown;
  switch (x.kind) {
    case "Bool":
      if (y.kind !== "Bool") break;
      if (op === "&&") return makeBool(x.value && y.value);
      if (op === "||") return makeBool(x.value || y.value);
      break;
    case "Int": {
      if (y.kind !== "Int") break;
      const a = x.value;
      const b = y.value;
      switch (op) {
        case "+":
          return makeInt(a + b);
        case "-":
          return makeInt(a - b);
        case "*":
          return makeInt(a * b);
        case "/":
          return b === 0n ? unknown : makeRat(a, b);
        case "/=":
          return b === 0n ? unknown : makeInt(a / b);
        case "%":
          return b === 0n ? unknown : makeInt(a % b);
        case "&":
          return makeInt(a & b);
        case "|":
          return makeInt(a | b);
        case "^":
          return makeInt(a ^ b);
        case "&^":
          return makeInt(a & ~b);
      }
      break;
    }
    case "Float": {
      if (y.kind !== "Float") break;
      switch (op) {
        case "+":
          return makeRat(x.num * y.den + y.num * x.den, x.den * y.den);
        case "-":
          return makeRat(x.num * y.den - y.num * x.den, x.den * y.den);
        case "*":
          return makeRat(x.num * y.num, x.den * y.den);
        case "/":
          return y.num === 0n ? unknown : makeRat(x.num * y.den, x.den * y.num);
      }
      break;
    }
    case "Complex": {
      if (y.kind !== "Complex") break;
      const a = x.re;
      const b = x.im;
      const c = y.re;
      const d = y.im;
      switch (op) {
        case "+":
          return makeComplex(binaryOp(a, "+", c), binaryOp(b, "+", d));
        case "-":
          return makeComplex(binaryOp(a, "-", c), binaryOp(b, "-", d));
        case "*": {
          const re = binaryOp(binaryOp(a, "*", c), "-", binaryOp(b, "*", d));
          const im = binaryOp(binaryOp(b, "*", c), "+", binaryOp(a, "*", d));
          return makeComplex(re, im);
        }
        case "/": {
          const s = binaryOp(binaryOp(c, "*", c), "+", binaryOp(d, "*", d));
          const re = binaryOp(binaryOp(binaryOp(a, "*", c), "+", binaryOp(b, "*", d)), "/", s);
          const im = binaryOp(binaryOp(binaryOp(b, "*", c), "-", binaryOp(a, "*", d)), "/", s);
          return makeComplex(re, im);
        }
      }
      break;
    }
    case "String":
      if (y.kind === "String" && op === "+") return makeString(x.value + y.value);
      break;
  }
  throw new Error(`invalid binary operation ${constantString(x)} ${op} ${constantString(y)}`);
}

/** x << s or x >> s for an Int x (arithmetic shift, rounding towards -∞). */
export function shift(x: Constant, op: "<<" | ">>", s: number): Constant {
  if (x.kind === "Unknown") return x;
  if (x.kind === "Int") {
    if (s === 0) return x;
    return makeInt(op === "<<" ? x.value << BigInt(s) : x.value >> BigInt(s));
  }
  throw new Error(`invalid shift ${constantString(x)} ${op} ${s}`);
}

function cmp(c: number, op: CompareOp): boolean {
  switch (op) {
    case "==":
      return c === 0;
    case "!=":
      return c !== 0;
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    case ">=":
      return c >= 0;
  }
}

/** The comparison x op y; false if either is Unknown. */
export function compare(x: Constant, op: CompareOp, y: Constant): boolean {
  const ox = ord(x);
  const oy = ord(y);
  if (ox < oy) x = promote(x, oy);
  else if (oy < ox) y = promote(y, ox);
  if (x.kind === "Unknown" || y.kind === "Unknown") return false;
  switch (x.kind) {
    case "Bool":
      if (y.kind === "Bool" && (op === "==" || op === "!=")) return cmp(x.value === y.value ? 0 : 1, op);
      break;
    case "Int":
      if (y.kind === "Int") return cmp(x.value < y.value ? -1 : x.value > y.value ? 1 : 0, op);
      break;
    case "Float":
      if (y.kind === "Float") {
        const l = x.num * y.den;
        const r = y.num * x.den;
        return cmp(l < r ? -1 : l > r ? 1 : 0, op);
      }
      break;
    case "Complex":
      if (y.kind === "Complex" && (op === "==" || op === "!=")) {
        const eq = compare(x.re, "==", y.re) && compare(x.im, "==", y.im);
        return cmp(eq ? 0 : 1, op);
      }
      break;
    case "String":
      // Byte strings compare unit by unit, which is Go's bytewise order.
      if (y.kind === "String") return cmp(x.value < y.value ? -1 : x.value > y.value ? 1 : 0, op);
      break;
  }
  throw new Error(`invalid comparison ${constantString(x)} ${op} ${constantString(y)}`);
}

// ---- formatting ----

/**
 * The short, human-readable form of go/constant's Value.String: strings quoted and cut to
 * 72 runes, floats with 6 significant digits ("%.6g"), complex values as "(re + imi)".
 */
export function constantString(x: Constant): string {
  switch (x.kind) {
    case "Unknown":
      return "unknown";
    case "Bool":
      return x.value ? "true" : "false";
    case "String": {
      const maxLen = 72;
      const s = quote(x.value);
      if (runeCount(s) <= maxLen) return s;
      let out = "";
      let n = 0;
      for (const ch of s) {
        if (n++ === maxLen - 3) break;
        out += ch;
      }
      return `${out}...`;
    }
    case "Int":
      return x.value.toString();
    case "Float":
      return floatString(x);
    case "Complex":
      return `(${constantString(x.re)} + ${constantString(x.im)}i)`;
  }
}

/** The exact form of go/constant's Value.ExactString: strings fully quoted, floats as a/b. */
export function exactString(x: Constant): string {
  switch (x.kind) {
    case "String":
      return quote(x.value);
    case "Float":
      return x.den === 1n ? x.num.toString() : `${x.num}/${x.den}`;
    case "Complex":
      return `(${exactString(x.re)} + ${exactString(x.im)}i)`;
    default:
      return constantString(x);
  }
}

function floatString(x: FloatVal): string {
  const f = ratToFloat(x.num, x.den, 53, -1074, 1024);
  if (Number.isFinite(f) && (f === 0) === (x.num === 0n)) return formatG(f, 6);
  // Out of float64 range: six significant digits and a decimal exponent, like go/constant.
  const neg = x.num < 0n;
  const { digits, exp } = decimalDigits(neg ? -x.num : x.num, x.den, 6);
  const m = Number(digits) / 10 ** (digits.length - 1);
  const e = exp - 1;
  return `${neg ? "-" : ""}${formatG(m, 6)}e${e < 0 ? "-" : "+"}${Math.abs(e)}`;
}

/**
 * The prec most significant decimal digits of n/d > 0, rounded half to even, with trailing
 * zeros removed, and the decimal point position: n/d ≈ 0.digits × 10^exp.
 */
function decimalDigits(n: bigint, d: bigint, prec: number): { digits: string; exp: number } {
  // k with 10^k <= n/d < 10^(k+1), estimated from bit lengths and then corrected exactly.
  let k = Math.floor((bitLen(n) - bitLen(d)) * Math.LOG10E * Math.LN2);
  const ge = (k: number) => (k >= 0 ? n >= d * 10n ** BigInt(k) : n * 10n ** BigInt(-k) >= d);
  while (!ge(k)) k--;
  while (ge(k + 1)) k++;
  const s = prec - 1 - k;
  let q = s >= 0 ? roundHalfEven(n * 10n ** BigInt(s), d) : roundHalfEven(n, d * 10n ** BigInt(-s));
  if (q >= 10n ** BigInt(prec)) {
    q /= 10n;
    k++;
  }
  let digits = q.toString();
  let end = digits.length;
  while (end > 1 && digits[end - 1] === "0") end--;
  digits = digits.slice(0, end);
  return { digits, exp: k + 1 };
}

/** fmt's %.{prec}g of a finite float64 (strconv.FormatFloat(x, 'g', prec, 64)). */
export function formatG(x: number, prec: number): string {
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const neg = x < 0;
  const [n, d] = float64ToRat(neg ? -x : x);
  const { digits, exp: dp } = decimalDigits(n, d, prec);
  const nd = digits.length;
  let eprec = prec;
  if (eprec > nd && nd >= dp) eprec = nd;
  const e = dp - 1;
  let out = neg ? "-" : "";
  if (e < -4 || e >= eprec) {
    out += digits[0];
    if (nd > 1) out += `.${digits.slice(1)}`;
    const ae = Math.abs(e);
    out += `e${e < 0 ? "-" : "+"}${ae < 10 ? "0" : ""}${ae}`;
    return out;
  }
  let p = prec;
  if (p > dp) p = nd;
  const frac = Math.max(p - dp, 0);
  if (dp > 0) out += digits.slice(0, dp).padEnd(dp, "0");
  else out += "0";
  if (frac > 0) {
    out += ".";
    for (let i = 0; i < frac; i++) {
      const j = dp + i;
      out += j >= 0 && j < nd ? digits[j] : "0";
    }
  }
  return out;
}
