// The universe scope and package unsafe: predeclared types, constants, nil and built-in
// functions, including those added after Go 1.19 (clear, min, max; unsafe.String,
// StringData, SliceData).

import { makeBool, makeInt } from "./constant.js";
import { Builtin, Const, Func, Nil, type Obj, TypeName, Unsafe, Var } from "./objects.js";
import { Universe } from "./scope.js";
import {
  BasicKind,
  comparableInterface,
  emptyTuple,
  Interface,
  Named,
  Signature,
  Tuple,
  Typ,
  universeAnyType,
  universeByte,
  universeRune,
} from "./types.js";

export { Unsafe } from "./objects.js";
export { Universe } from "./scope.js";
export { universeByte, universeRune } from "./types.js";

/** Built-in functions, numbered. */
export const BuiltinId = {
  Append: 0,
  Cap: 1,
  Clear: 2,
  Close: 3,
  Complex: 4,
  Copy: 5,
  Delete: 6,
  Imag: 7,
  Len: 8,
  Make: 9,
  Max: 10,
  Min: 11,
  New: 12,
  Panic: 13,
  Print: 14,
  Println: 15,
  Real: 16,
  Recover: 17,
  // package unsafe
  Add: 18,
  Alignof: 19,
  Offsetof: 20,
  Sizeof: 21,
  Slice: 22,
  SliceData: 23,
  String: 24,
  StringData: 25,
} as const;
export type BuiltinId = (typeof BuiltinId)[keyof typeof BuiltinId];

export interface BuiltinInfo {
  name: string;
  /** Minimum number of arguments. */
  nargs: number;
  /** More arguments may follow. */
  variadic: boolean;
  /** A call may stand alone as a statement (its result, if any, may be dropped). */
  statement: boolean;
  /** Declared in package unsafe. */
  unsafe: boolean;
}

function info(name: string, nargs: number, variadic: boolean, statement: boolean): BuiltinInfo {
  return { name, nargs, variadic, statement, unsafe: name[0]! >= "A" && name[0]! <= "Z" };
}

/** Arity and kind of each built-in function, indexed by BuiltinId. */
export const builtinInfo: readonly BuiltinInfo[] = [
  info("append", 1, true, false),
  info("cap", 1, false, false),
  info("clear", 1, false, true),
  info("close", 1, false, true),
  info("complex", 2, false, false),
  info("copy", 2, false, true),
  info("delete", 2, false, true),
  info("imag", 1, false, false),
  info("len", 1, false, false),
  info("make", 1, true, false),
  info("max", 1, true, false),
  info("min", 1, true, false),
  info("new", 1, false, false),
  info("panic", 1, false, true),
  info("print", 0, true, true),
  info("println", 0, true, true),
  info("real", 1, false, false),
  info("recover", 0, false, true),
  info("Add", 2, false, false),
  info("Alignof", 1, false, false),
  info("Offsetof", 1, false, false),
  info("Sizeof", 1, false, false),
  info("Slice", 2, false, false),
  info("SliceData", 1, false, false),
  info("String", 2, false, false),
  info("StringData", 1, false, false),
];

/** Declares a predeclared object: exported names go into package unsafe. */
function def(obj: Obj): void {
  if (obj.exported()) {
    obj.pkg = Unsafe;
    Unsafe.scope.insert(obj);
  } else {
    Universe.insert(obj);
  }
}

for (const t of Typ) {
  // "invalid type" and the untyped kinds have no name a program can write.
  if (!t.name.includes(" ")) def(new TypeName("", -1, null, t.name, t));
}
def(new TypeName("", -1, null, "byte", universeByte));
def(new TypeName("", -1, null, "rune", universeRune));

/** The predeclared alias `any`; its type is universeAnyType. */
export const universeAny = new TypeName("", -1, null, "any", universeAnyType);
def(universeAny);

function makeError(): Named {
  const obj = new TypeName("", -1, null, "error", null);
  const typ = new Named(obj);
  const recv = new Var("", -1, null, "", typ);
  const res = new Var("", -1, null, "", Typ[BasicKind.String]!);
  const errorMethod = new Func(
    "",
    -1,
    null,
    "Error",
    new Signature(recv, emptyTuple, new Tuple([res]), false),
  );
  typ.underlying = new Interface([errorMethod]);
  def(obj);
  return typ;
}

/** The predeclared interface `error`. */
export const universeError: Named = makeError();

/** The predeclared constraint `comparable`. */
export const universeComparable = new TypeName("", -1, null, "comparable", null);
universeComparable.type = new Named(universeComparable, comparableInterface);
def(universeComparable);

def(new Const("", -1, null, "true", Typ[BasicKind.UntypedBool]!, makeBool(true)));
def(new Const("", -1, null, "false", Typ[BasicKind.UntypedBool]!, makeBool(false)));

/** The predeclared `iota`; the checker gives each constant declaration its own value. */
export const universeIota = new Const("", -1, null, "iota", Typ[BasicKind.UntypedInt]!, makeInt(0));
def(universeIota);

/** The predeclared `nil`. */
export const universeNil = new Nil("", -1, null, "nil", Typ[BasicKind.UntypedNil]!);
def(universeNil);

for (let id = 0; id < builtinInfo.length; id++) def(new Builtin(builtinInfo[id]!.name, id));
