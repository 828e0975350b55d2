/**
 * gen-stdlib: turns the Go project's API listings (`../shared/go-api/go1*.txt` and `except.txt`, beside
 * the repository) into `src/semantic/stdlib/model.json`, the bundled model of the standard library that
 * lets the checker resolve imports without a Go installation.
 *
 * usage: node dist/tools/gen-stdlib.js [api-dir] [--check] [--stubs <dir>] [--verbose]
 *   api-dir        the listings folder (default: <repo root>/../shared/go-api)
 *   --check        compare with the committed model instead of writing it; exit 1 when it differs
 *   --stubs <dir>  also write each stub as <dir>/<import path>/stub.go, to run gofmt or go/types on them
 *   --verbose      print the choices made for ambiguous package names and other notes
 *
 * The format of the model is described by `src/semantic/stdlib/model.ts`. In short, each package gets a
 * Go stub file (declarations without bodies) that the project's own parser and checker read like source,
 * plus side tables of the release that added each symbol and of deprecations.
 *
 * How the listings become declarations (the listings are per-symbol lines, see the shared folder's
 * README):
 * - Platform: the model is for linux/amd64 with cgo (the default of a native Go install). Lines without
 *   a platform and lines for `linux-amd64` or `linux-amd64-cgo` are kept; lines only for other platforms
 *   are dropped.
 * - Changes: a line listed in except.txt is dropped; when a symbol has several forms, the one from the
 *   newest release wins. A symbol whose every form is excepted no longer exists and is dropped.
 * - Promoted methods: the listings give a type's whole method set, including methods promoted from
 *   embedded fields. A method that exactly one embedded field provides, with the same signature, is left
 *   to promotion so that the checker sees the method's real owner (`(*bufio.Writer).Flush` when called
 *   through a `bufio.ReadWriter`), unless `DECLARED_OVERRIDES` says the type declares it itself.
 * - Interfaces: the listings flatten embedded interfaces into the method set; the stubs list the methods,
 *   which gives the same interface type.
 * - Struct fields are listed in the listings' (alphabetical) order: the declaration order is not known.
 * - Qualified names (`template.FuncMap`) are resolved to the one package with that name that declares the
 *   symbol; see `resolveQualified` for the rule when several do.
 * - Type parameters `$0`, `$1` get conventional names: S for `~[]E` constraints, E for their element,
 *   M for `~map[K]V` constraints, K and V for its key and value, T otherwise (numbered when repeated).
 * - Hidden parts: the listings mark interfaces with unexported methods; they never show unexported
 *   struct fields, so only structs that show no exported field are marked (see model.ts).
 * - What the listings lack is supplied by the small tables below (`TYPE_OVERRIDES`, `FIELD_OVERRIDES`,
 *   `UNEXPORTED_DECLS`, `CONST_VALUES`, `DECLARED_OVERRIDES`, `EMPTY_PACKAGES`, `INTERNAL_PACKAGES`),
 *   each entry checked against Go's sources. The generator fails, naming the symbol, when the listings
 *   mention a name that neither they nor the tables declare.
 */

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PackageModel, StdlibModel } from "../src/semantic/stdlib/model.js";

/** Bumped when the shape of model.json changes. */
export const MODEL_FORMAT = 1;

// ---------------------------------------------------------------------------------------------------------
// Facts the listings lack

/**
 * Interfaces whose type set the listings cannot show: cmd/api prints constraint interfaces by their
 * method set only, so `cmp.Ordered` appears as `interface {}`. Body text as in Go's src/cmp/cmp.go.
 */
const TYPE_OVERRIDES: Record<string, string> = {
  "cmp.Ordered":
    "interface {\n\t~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string\n}",
};

/**
 * Field types the listings print incompletely: cmd/api writes an anonymous struct type as just `struct`.
 * Other anonymous structs in the listings (`Done() <-chan struct`, `Cancel <-chan struct`) are
 * `struct{}`, which is what a bare `struct` becomes. From Go's src/runtime/mstats.go.
 */
const FIELD_OVERRIDES: Record<string, string> = {
  "runtime.MemStats.BySize": "[61]struct {\n\t\tSize uint32\n\t\tMallocs uint64\n\t\tFrees uint64\n\t}",
};

interface HiddenDecl {
  /** The declaration, written in the stub of the package that holds it; `{io}.Writer` names io's Writer. */
  decl: string;
  /** Whether the type has parts the checker cannot see (unexported fields or methods). */
  hidden?: "fields" | "methods";
}

/**
 * Unexported types that exported signatures mention (`func N[Int intType](Int) Int`, `var NoBody noBody`).
 * The listings give no definition; these are from Go's sources (math/rand/v2/rand.go,
 * encoding/json/v2/arshal_funcs.go, net/http/http.go, testing/testing.go, unicode/letter.go), with the
 * methods that make them satisfy the interfaces they are used as. Keyed by `<import path>.<name>`.
 */
const UNEXPORTED_DECLS: Record<string, HiddenDecl> = {
  "math/rand/v2.intType": {
    decl: "type intType interface {\n\t~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr\n}",
  },
  "encoding/json/v2.typedArshalers": { decl: "type typedArshalers[Coder any] struct{}", hidden: "fields" },
  // `var NoBody noBody`: its methods make it an io.ReadCloser and an io.WriterTo.
  "net/http.noBody": {
    decl: "type noBody struct{}\nfunc (noBody) Read([]uint8) (int, error)\nfunc (noBody) Close() error\nfunc (noBody) WriteTo({io}.Writer) (int64, error)",
  },
  "net/http.contextKey": {
    decl: "type contextKey struct{}\nfunc (*contextKey) String() string",
    hidden: "fields",
  },
  "testing.testDeps": { decl: "type testDeps interface{}", hidden: "methods" },
  "unicode.d": { decl: "type d [MaxCase]int32" },
  // `var BigEndian bigEndian` and friends: they are ByteOrder and AppendByteOrder values.
  "encoding/binary.bigEndian": { decl: byteOrder("bigEndian") },
  "encoding/binary.littleEndian": { decl: byteOrder("littleEndian") },
  // native_endian_little.go (linux/amd64 is little-endian); it needs littleEndian in the stub.
  "encoding/binary.nativeEndian": { decl: "type nativeEndian struct {\n\tlittleEndian\n}" },
  "encoding/gob.typeId": { decl: "type typeId int32" },
  // Its one method takes a pointer to a type of the internal package encoding/json/internal.
  "encoding/json/jsontext.exporter": { decl: "type exporter struct{}" },
  // database/sql/driver's ValueConverter and Result values.
  "database/sql/driver.boolType": { decl: valueConverter("boolType", true) },
  "database/sql/driver.int32Type": { decl: valueConverter("int32Type", false) },
  "database/sql/driver.stringType": { decl: valueConverter("stringType", false) },
  "database/sql/driver.defaultConverter": { decl: valueConverter("defaultConverter", false) },
  "database/sql/driver.noRows": {
    decl: "type noRows struct{}\nfunc (noRows) LastInsertId() (int64, error)\nfunc (noRows) RowsAffected() (int64, error)",
  },
};

/** The byte orders of encoding/binary/binary.go. */
function byteOrder(name: string): string {
  const methods = [16, 32, 64].flatMap((n) => [
    `func (${name}) Uint${n}([]uint8) uint${n}`,
    `func (${name}) PutUint${n}([]uint8, uint${n})`,
    `func (${name}) AppendUint${n}([]uint8, uint${n}) []uint8`,
  ]);
  return [
    `type ${name} struct{}`,
    ...methods,
    `func (${name}) String() string`,
    `func (${name}) GoString() string`,
  ].join("\n");
}

/** The converters of database/sql/driver/types.go. */
function valueConverter(name: string, stringer: boolean): string {
  const lines = [`type ${name} struct{}`, `func (${name}) ConvertValue(interface{}) (Value, error)`];
  if (stringer) lines.push(`func (${name}) String() string`);
  return lines.join("\n");
}

/**
 * Constants whose value line except.txt removed without a later listing giving one: text/scanner.GoTokens
 * is still 1012 (printed by a Go 1.19 program; Go's current src/text/scanner/scanner.go computes it from
 * the same flags).
 */
const CONST_VALUES: Record<string, string> = {
  "text/scanner.GoTokens": "1012",
};

/**
 * Methods that a type declares although an embedded field provides one with the same signature: the
 * listings cannot tell them from promoted methods, and they must stay declared to keep their owner.
 * Found by listing the methods declared in Go 1.19's sources that the promotion rule would drop, plus
 * crypto/ecdsa's (*PrivateKey).Bytes from Go 1.25 (src/crypto/ecdsa/ecdsa.go).
 */
const DECLARED_OVERRIDES = new Set([
  "crypto/ecdsa.(*PrivateKey).Bytes",
  "debug/dwarf.(*ArrayType).Size",
  "debug/dwarf.(*QualType).Size",
  "debug/dwarf.(*TypedefType).Size",
  "image.(*NYCbCrA).At",
  "image.(*NYCbCrA).ColorModel",
  "image.(*NYCbCrA).Opaque",
  "image.(*NYCbCrA).RGBA64At",
  "image.(*NYCbCrA).SubImage",
  "image/color.NYCbCrA.RGBA",
  "testing/quick.(*CheckEqualError).Error",
  "text/template/parse.(*DotNode).Type",
  "text/template/parse.(*IfNode).Copy",
  "text/template/parse.(*NilNode).Type",
  "text/template/parse.(*RangeNode).Copy",
  "text/template/parse.(*WithNode).Copy",
]);

/**
 * Standard packages without exported API, which the listings therefore omit; programs import them for
 * their side effects (`import _ "time/tzdata"`). The package list of Go 1.19 (`go list std`) has no other
 * package missing from the model except unsafe, which the checker provides.
 */
const EMPTY_PACKAGES: Record<string, string> = {
  "runtime/race": "1.1",
  "time/tzdata": "1.15",
};

interface InternalPackage {
  path: string;
  /** The release whose listing first mentions the package (encoding/json's v2 API, in go1.27.txt). */
  added: string;
  decls: Record<string, HiddenDecl>;
}

/**
 * Internal packages that exported signatures mention (`jsonopts.Options`): user code cannot import them,
 * but their types must be one type across the packages that share them. Keyed by package name.
 * From Go's src/encoding/json/internal/jsonopts/options.go: `Options` is an interface whose one method
 * takes a type from another internal package, so only the json packages can implement it.
 */
const INTERNAL_PACKAGES: Record<string, InternalPackage> = {
  jsonopts: {
    path: "encoding/json/internal/jsonopts",
    added: "1.27",
    decls: { Options: { decl: "type Options interface{}", hidden: "methods" } },
  },
};

// ---------------------------------------------------------------------------------------------------------
// Reading and parsing the listings

/** A release as its minor number: go1.txt is 0, go1.21.txt is 21. */
type Release = number;

const releaseName = (r: Release): string => `1.${r}`;

interface Line {
  pkg: string;
  platform: string;
  feature: string;
  release: Release;
  excepted: boolean;
}

const KEPT_PLATFORMS = new Set(["", "linux-amd64", "linux-amd64-cgo"]);
const LINE_RE = /^pkg ([^ ,]+)(?: \(([^)]+)\))?, (.*?)(?: #\d+)?$/;

export interface Listings {
  files: { release: Release; text: string }[];
  except: string;
}

export function readListings(dir: string): Listings {
  const files: { release: Release; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const m = /^go1(?:\.(\d+))?\.txt$/.exec(name);
    if (m)
      files.push({
        release: m[1] === undefined ? 0 : Number(m[1]),
        text: readFileSync(path.join(dir, name), "utf8"),
      });
  }
  if (files.length === 0) throw new Error(`no go1*.txt listings in ${dir}`);
  files.sort((a, b) => a.release - b.release);
  return { files, except: readFileSync(path.join(dir, "except.txt"), "utf8") };
}

function* lines(listings: Listings): Generator<Line> {
  const excepted = new Set<string>();
  for (const raw of listings.except.split("\n")) {
    const m = LINE_RE.exec(raw.trimEnd());
    if (m) excepted.add(`${m[1]} ${m[2] ?? ""} ${m[3]}`);
  }
  for (const file of listings.files) {
    for (const raw of file.text.split("\n")) {
      const m = LINE_RE.exec(raw.trimEnd());
      if (!m) continue; // comments and blank lines
      const platform = m[2] ?? "";
      if (!KEPT_PLATFORMS.has(platform)) continue;
      const pkg = m[1]!;
      const feature = m[3]!;
      yield {
        pkg,
        platform,
        feature,
        release: file.release,
        excepted: excepted.has(`${pkg} ${platform} ${feature}`),
      };
    }
  }
}

const IDENT = "[A-Za-z_][A-Za-z0-9_]*";

interface Versioned<T> {
  release: Release;
  value: T;
}

type TypeForm =
  | { kind: "struct" }
  | { kind: "interface" }
  | { kind: "alias"; target: string }
  | { kind: "defined"; underlying: string };

interface TypeEntry {
  tparams: string | null;
  form: TypeForm;
}

interface MethodEntry {
  ptr: boolean;
  recvArgs: string | null;
  name: string;
  sig: string;
}

interface ConstEntry {
  type?: Versioned<string>;
  value?: Versioned<string>;
}

interface FieldEntry {
  embedded: boolean;
  type: string;
}

/** What the listings say about one package, every aspect in its newest form. */
class PackageListing {
  readonly consts = new Map<string, ConstEntry>();
  readonly vars = new Map<string, Versioned<string>>();
  readonly funcs = new Map<string, Versioned<string>>();
  readonly types = new Map<string, Versioned<TypeEntry>>();
  readonly fields = new Map<string, Map<string, Versioned<FieldEntry>>>();
  readonly imethods = new Map<string, Map<string, Versioned<string>>>();
  readonly ihidden = new Map<string, Versioned<true>>();
  /**
   * Interfaces known only from their member lines: the listings give no `type X interface {...}` line
   * for interfaces with unexported methods (go/ast.Expr), nor a new one when except.txt removed the old.
   */
  readonly implied = new Map<string, Versioned<TypeEntry>>();
  /** Methods by receiver base type name, then by key (`(*T).M` or `T.M`). */
  readonly methods = new Map<string, Map<string, Versioned<MethodEntry>>>();
  readonly since = new Map<string, Release>();
  readonly deprecated = new Map<string, Release>();
  constructor(readonly path: string) {}

  /** Whether the package declares `name` at package level (after the final model is settled). */
  declares(name: string): boolean {
    return this.types.has(name) || this.funcs.has(name) || this.vars.has(name) || this.consts.has(name);
  }
}

function setNewest<T>(map: Map<string, Versioned<T>>, key: string, release: Release, value: T): void {
  const old = map.get(key);
  if (!old || release >= old.release) map.set(key, { release, value });
}

function sub<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

/** Splits `Name[...]rest` into name, bracketed type parameters (or null) and the rest. */
function splitTypeHeader(s: string): { name: string; tparams: string | null; rest: string } {
  const m = new RegExp(`^(${IDENT})`).exec(s);
  if (!m) throw new Error(`bad declaration: ${s}`);
  const name = m[1]!;
  let i = name.length;
  let tparams: string | null = null;
  if (s[i] === "[") {
    const end = matchingBracket(s, i);
    tparams = s.slice(i, end + 1);
    i = end + 1;
  }
  return { name, tparams, rest: s.slice(i) };
}

/** Index of the bracket closing the one at `open`. */
function matchingBracket(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === "[" || c === "(" || c === "{") depth++;
    else if (c === "]" || c === ")" || c === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new Error(`unbalanced brackets: ${s}`);
}

const methodKey = (ptr: boolean, base: string, name: string): string =>
  ptr ? `(*${base}).${name}` : `${base}.${name}`;

/** Parses `(*T[$0]) Name...` into receiver and the text after the receiver. */
function parseReceiver(s: string): { ptr: boolean; base: string; recvArgs: string | null; rest: string } {
  const close = matchingBracket(s, 0);
  let recv = s.slice(1, close);
  const ptr = recv.startsWith("*");
  if (ptr) recv = recv.slice(1);
  const h = splitTypeHeader(recv);
  return { ptr, base: h.name, recvArgs: h.tparams, rest: s.slice(close + 2) };
}

function parseLine(pl: PackageListing, line: Line): void {
  const f = line.feature;
  const r = line.release;
  const noteSince = (key: string) => {
    const old = pl.since.get(key);
    if (old === undefined || r < old) pl.since.set(key, r);
  };

  if (f.endsWith(" //deprecated")) {
    const head = f.slice(0, -" //deprecated".length);
    let key: string;
    if (head.startsWith("method ")) {
      const rc = parseReceiver(head.slice(7));
      key = methodKey(rc.ptr, rc.base, rc.rest);
    } else {
      const [, word, rest] = /^(\w+) (.*)$/.exec(head)!;
      const h = splitTypeHeader(rest!);
      const member = /^ (?:struct|interface), (.*)$/.exec(h.rest);
      key = word === "type" && member ? `${h.name}.${member[1]}` : h.name;
    }
    if (!line.excepted) {
      const old = pl.deprecated.get(key);
      if (old === undefined || r < old) pl.deprecated.set(key, r);
    }
    return;
  }

  const kind = f.slice(0, f.indexOf(" "));
  const rest = f.slice(kind.length + 1);
  switch (kind) {
    case "const": {
      const m = CONST_RE.exec(rest);
      if (!m) break;
      const name = m[1]!;
      noteSince(name);
      if (line.excepted) return;
      const c = sub(pl.consts, name, (): ConstEntry => ({}));
      // `const X = 1` gives the value, `const X T` or `const X ideal-int` the type.
      const aspect = m[2] === undefined ? "type" : "value";
      const old = c[aspect];
      if (!old || r >= old.release) c[aspect] = { release: r, value: m[3]! };
      return;
    }
    case "var":
    case "func": {
      const m = NAMED_RE.exec(rest);
      if (!m) break;
      noteSince(m[1]!);
      // A var's type follows a space; a func's signature follows its name directly.
      if (!line.excepted) setNewest(kind === "var" ? pl.vars : pl.funcs, m[1]!, r, m[2]!.trimStart());
      return;
    }
    case "method": {
      const rc = parseReceiver(rest);
      const m = NAMED_RE.exec(rc.rest);
      if (!m) break;
      const key = methodKey(rc.ptr, rc.base, m[1]!);
      noteSince(key);
      const entry: MethodEntry = { ptr: rc.ptr, recvArgs: rc.recvArgs, name: m[1]!, sig: m[2]! };
      if (!line.excepted)
        setNewest(
          sub(pl.methods, rc.base, () => new Map()),
          key,
          r,
          entry,
        );
      return;
    }
    case "type":
      parseTypeLine(pl, line, splitTypeHeader(rest), noteSince);
      return;
  }
  throw new Error(`unknown listing line: pkg ${line.pkg}, ${f}`);
}

const CONST_RE = new RegExp(`^(${IDENT})( =)? (.*)$`);
const NAMED_RE = new RegExp(`^(${IDENT})(.*)$`);
const FIELD_RE = new RegExp(`^(${IDENT}) (.*)$`);
const IMETHOD_RE = new RegExp(`^ interface, (${IDENT})(.*)$`);

/** Parses the part of a `type` line after the type's name and type parameters. */
function parseTypeLine(
  pl: PackageListing,
  line: Line,
  h: { name: string; tparams: string | null; rest: string },
  noteSince: (key: string) => void,
): void {
  const r = line.release;
  const rest = h.rest;
  if (rest.startsWith(" struct, ")) {
    const member = rest.slice(" struct, ".length);
    let field: string;
    let entry: FieldEntry;
    if (member.startsWith("embedded ")) {
      const type = member.slice("embedded ".length);
      field = embeddedName(type);
      entry = { embedded: true, type };
    } else {
      const fm = FIELD_RE.exec(member);
      if (!fm) throw new Error(`bad field line: pkg ${line.pkg}, ${line.feature}`);
      field = fm[1]!;
      entry = { embedded: false, type: fm[2]! };
    }
    noteSince(`${h.name}.${field}`);
    if (!line.excepted)
      setNewest(
        sub(pl.fields, h.name, () => new Map()),
        field,
        r,
        entry,
      );
    return;
  }
  const hiddenMethods = rest === " interface, unexported methods";
  const im = hiddenMethods ? null : IMETHOD_RE.exec(rest);
  if (hiddenMethods || im) {
    noteSince(h.name);
    if (im) noteSince(`${h.name}.${im[1]}`);
    if (line.excepted) return;
    if (im)
      setNewest(
        sub(pl.imethods, h.name, () => new Map()),
        im[1]!,
        r,
        im[2]!,
      );
    else setNewest(pl.ihidden, h.name, r, true);
    setNewest(pl.implied, h.name, r, { tparams: h.tparams, form: { kind: "interface" } });
    return;
  }
  noteSince(h.name);
  let form: TypeForm;
  if (rest === " struct") form = { kind: "struct" };
  else if (rest.startsWith(" interface {")) form = { kind: "interface" };
  else if (rest.startsWith(" = ")) form = { kind: "alias", target: rest.slice(3) };
  else form = { kind: "defined", underlying: rest.slice(1) };
  if (!line.excepted) setNewest(pl.types, h.name, r, { tparams: h.tparams, form });
}

/** The field name of an embedded field: `*pkg.Name[T]` → `Name`. */
function embeddedName(t: string): string {
  const m = new RegExp(`^\\*?(?:${IDENT}\\.)?(${IDENT})`).exec(t);
  if (!m) throw new Error(`bad embedded field: ${t}`);
  return m[1]!;
}

/** The package name of an import path: its last element, or the one before a `/vN` suffix. */
export function packageNameOf(importPath: string): string {
  const parts = importPath.split("/");
  const last = parts[parts.length - 1]!;
  return /^v\d+$/.test(last) && parts.length > 1 ? parts[parts.length - 2]! : last;
}

// ---------------------------------------------------------------------------------------------------------
// Settling the model: what each package finally declares

function settle(pl: PackageListing, notes: string[]): void {
  for (const [name, t] of pl.implied) if (!pl.types.has(name)) pl.types.set(name, t);
  for (const [name, t] of pl.types) {
    const form = t.value.form.kind;
    if (form !== "struct") pl.fields.delete(name);
    if (form !== "interface") {
      pl.imethods.delete(name);
      pl.ihidden.delete(name);
    }
  }
  for (const name of [...pl.fields.keys()]) if (!pl.types.has(name)) pl.fields.delete(name);
  for (const name of [...pl.imethods.keys()]) if (!pl.types.has(name)) pl.imethods.delete(name);
  for (const base of [...pl.methods.keys()]) {
    const t = pl.types.get(base);
    if (!t || t.value.form.kind === "alias" || t.value.form.kind === "interface") {
      // Methods of a type that became an alias (os.FileMode = fs.FileMode) belong to the target type.
      if (!t) notes.push(`${pl.path}: methods of undeclared type ${base} dropped`);
      pl.methods.delete(base);
    }
  }
  for (const [name, c] of [...pl.consts]) {
    if (!c.type) {
      notes.push(`${pl.path}: const ${name} has a value but no type line; dropped`);
      pl.consts.delete(name);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Rendering type expressions

const PREDECLARED = new Set([
  "bool",
  "byte",
  "complex64",
  "complex128",
  "error",
  "float32",
  "float64",
  "int",
  "int8",
  "int16",
  "int32",
  "int64",
  "rune",
  "string",
  "uint",
  "uint8",
  "uint16",
  "uint32",
  "uint64",
  "uintptr",
  "any",
  "comparable",
  "func",
  "map",
  "chan",
  "struct",
  "interface",
]);

/** Every character of a listing type expression falls in one token: the last alternative takes the rest. */
const TOKEN_RE = /\$\d+|[A-Za-z_][A-Za-z0-9_]*|\d+|\.\.\.|\s+|./g;

const tokenize = (s: string): string[] => s.match(TOKEN_RE) ?? [];

const isInternal = (importPath: string): boolean =>
  Object.values(INTERNAL_PACKAGES).some((ip) => ip.path === importPath);

const isIdent = (t: string | undefined): t is string => t !== undefined && /^[A-Za-z_]/.test(t);

/**
 * Marks a package qualifier in rendered text until the stub's import names are known (`@` never occurs
 * in the listings).
 */
const qual = (importPath: string) => `@{${importPath}}`;
const QUAL_RE = /@\{([^}]*)\}/g;

interface RenderContext {
  pkg: string;
  /** `$0` → `S` for the declaration being rendered. */
  names: ReadonlyMap<string, string>;
  /** The release of the line, to prefer qualified-name candidates that existed then. */
  release: Release;
  /** Canonical mode writes every named type as `<import path>.Name`, to compare signatures. */
  canonical: boolean;
}

class ModelBuilder {
  readonly pkgs = new Map<string, PackageListing>();
  readonly byName = new Map<string, string[]>();
  readonly errors: string[] = [];
  readonly notes: string[] = [];
  /** Hidden declarations each package stub needs, by import path then name. */
  readonly hiddenNeeded = new Map<string, Set<string>>();
  private readonly resolved = new Map<string, string>();

  constructor(listings: Listings) {
    for (const line of lines(listings)) {
      parseLine(
        sub(this.pkgs, line.pkg, () => new PackageListing(line.pkg)),
        line,
      );
    }
    for (const pl of this.pkgs.values()) settle(pl, this.notes);
    for (const [p, pl] of [...this.pkgs]) {
      if (pl.types.size + pl.funcs.size + pl.vars.size + pl.consts.size === 0) this.pkgs.delete(p);
    }
    for (const p of this.pkgs.keys()) sub(this.byName, packageNameOf(p), () => []).push(p);
  }

  sinceOf(pkg: string, name: string): Release {
    return this.pkgs.get(pkg)?.since.get(name) ?? 0;
  }

  /**
   * The import path for `name.sym` written in package `from`. Candidates are the packages called `name`,
   * other than `from` itself (a package never qualifies its own names), that declare `sym`. When several
   * do (`rand.Rand`: math/rand and math/rand/v2; `template.Template`: text/template and html/template):
   * 1. keep those whose symbol existed in the release that added the referring line (Go 1.0's
   *    testing/quick cannot mean math/rand/v2 from Go 1.22);
   * 2. then prefer the longest common path prefix with `from` (html/template means text/template,
   *    not another `template` elsewhere);
   * 3. then the shorter path (math/rand before math/rand/v2), then the lexically smaller.
   */
  resolveQualified(from: string, name: string, sym: string, release: Release): string | null {
    const cacheKey = `${from} ${name}.${sym} ${release}`;
    const hit = this.resolved.get(cacheKey);
    if (hit !== undefined) return hit;
    if (name === "unsafe") return "unsafe";
    const internal = INTERNAL_PACKAGES[name];
    if (internal && sym in internal.decls) return internal.path;
    let cands = (this.byName.get(name) ?? []).filter((p) => p !== from && this.pkgs.get(p)!.declares(sym));
    if (cands.length === 0) return null;
    const all = cands;
    if (cands.length > 1) {
      const inTime = cands.filter((p) => this.sinceOf(p, sym) <= release);
      if (inTime.length > 0) cands = inTime;
    }
    if (cands.length > 1) {
      const fromParts = from.split("/");
      const common = (p: string) => {
        const parts = p.split("/");
        let i = 0;
        while (i < parts.length && i < fromParts.length && parts[i] === fromParts[i]) i++;
        return i;
      };
      cands = [...cands].sort(
        (a, b) =>
          common(b) - common(a) || a.split("/").length - b.split("/").length || (a < b ? -1 : a > b ? 1 : 0),
      );
    }
    if (all.length > 1) {
      this.notes.push(
        `${from}: ${name}.${sym} (go1.${release}) → ${cands[0]} (candidates: ${all.join(", ")})`,
      );
    }
    this.resolved.set(cacheKey, cands[0]!);
    return cands[0]!;
  }

  /** Rewrites a listing type expression into stub syntax. */
  renderType(text: string, ctx: RenderContext): string {
    const toks = tokenize(text);
    let out = "";
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (t.startsWith("$")) {
        const n = ctx.names.get(t);
        if (n === undefined) this.errors.push(`${ctx.pkg}: unbound type parameter ${t} in ${text}`);
        out += n ?? t;
      } else if (isIdent(t) && toks[i + 1] === "." && isIdent(toks[i + 2])) {
        const sym = toks[i + 2]!;
        const p = this.resolveQualified(ctx.pkg, t, sym, ctx.release);
        if (p === null) {
          this.errors.push(`${ctx.pkg}: cannot resolve ${t}.${sym} in ${text}`);
          out += `${t}.${sym}`;
        } else {
          if (isInternal(p) && !this.needHidden(p, sym)) {
            this.errors.push(`${ctx.pkg}: ${t}.${sym} is not in INTERNAL_PACKAGES`);
          }
          out += ctx.canonical ? `${p}.${sym}` : `${qual(p)}.${sym}`;
        }
        i += 2;
      } else if (t === "struct" && (toks[i + 1] ?? "").trim() === "" && toks[i + 2] !== "{") {
        out += "struct{}";
      } else if (isIdent(t) && !PREDECLARED.has(t)) {
        if (!this.pkgs.get(ctx.pkg)?.declares(t) && !this.needHidden(ctx.pkg, t)) {
          this.errors.push(`${ctx.pkg}: undeclared name ${t} in ${text}`);
        }
        out += ctx.canonical ? `${ctx.pkg}.${t}` : t;
      } else {
        out += t;
      }
    }
    return out;
  }

  /**
   * Records that the stub of `pkg` must declare `name`, an unexported type or a type of an internal
   * package, from the tables above; false when no table has it.
   */
  private needHidden(pkg: string, name: string): boolean {
    const internal = Object.values(INTERNAL_PACKAGES).find((ip) => ip.path === pkg);
    if (!(internal ? name in internal.decls : `${pkg}.${name}` in UNEXPORTED_DECLS)) return false;
    sub(this.hiddenNeeded, pkg, () => new Set()).add(name);
    return true;
  }

  /**
   * Method names of the named type `pkg.name` as the listings give them (its whole method set), for
   * recognizing promoted methods. Follows aliases.
   */
  methodSetOf(
    pkg: string,
    name: string,
    depth = 0,
  ): Map<string, { pkg: string; sig: string; release: Release }> {
    const out = new Map<string, { pkg: string; sig: string; release: Release }>();
    const pl = this.pkgs.get(pkg);
    const t = pl?.types.get(name);
    if (!pl || !t || depth > 8) return out;
    if (t.value.form.kind === "alias") {
      const target = /^\*?(?:([a-z][a-z0-9]*)\.)?([A-Za-z_][A-Za-z0-9_]*)/.exec(t.value.form.target);
      if (!target) return out;
      const tp = target[1] ? this.resolveQualified(pkg, target[1], target[2]!, t.release) : pkg;
      return tp ? this.methodSetOf(tp, target[2]!, depth + 1) : out;
    }
    for (const [m, v] of pl.imethods.get(name) ?? []) out.set(m, { pkg, sig: v.value, release: v.release });
    for (const v of pl.methods.get(name)?.values() ?? []) {
      out.set(v.value.name, { pkg, sig: v.value.sig, release: v.release });
    }
    return out;
  }

  /** Drops methods that an embedded field promotes, so that they keep their real owner. */
  dropPromoted(pl: PackageListing): void {
    for (const [base, fields] of pl.fields) {
      const ms = pl.methods.get(base);
      if (!ms) continue;
      const providers = new Map<string, { pkg: string; sig: string; release: Release }[]>();
      for (const f of fields.values()) {
        if (!f.value.embedded) continue;
        const m = /^\*?(?:([a-z][a-z0-9]*)\.)?([A-Za-z_][A-Za-z0-9_]*)/.exec(f.value.type)!;
        const fp = m[1] ? this.resolveQualified(pl.path, m[1], m[2]!, f.release) : pl.path;
        if (!fp) continue;
        for (const [mn, info] of this.methodSetOf(fp, m[2]!)) sub(providers, mn, () => []).push(info);
      }
      for (const [key, v] of [...ms]) {
        const prov = providers.get(v.value.name);
        // Two embedded fields with the method make it ambiguous: the listed one is declared.
        if (prov?.length !== 1 || v.value.recvArgs !== null) continue;
        if (DECLARED_OVERRIDES.has(`${pl.path}.${key}`)) continue;
        const p = prov[0]!;
        const canon = (pkg: string, sig: string, release: Release) =>
          this.renderType(sig, { pkg, names: new Map(), release, canonical: true });
        if (canon(pl.path, v.value.sig, v.release) === canon(p.pkg, p.sig, p.release)) {
          ms.delete(key);
          this.notes.push(`${pl.path}: ${key} left to promotion from ${p.pkg}`);
        } else {
          this.notes.push(`${pl.path}: ${key} differs from the promoted method of the same name; kept`);
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Type parameters

interface TypeParam {
  param: string;
  constraint: string;
}

function parseTypeParams(bracketed: string): TypeParam[] {
  const inner = bracketed.slice(1, -1);
  const out: TypeParam[] = [];
  let depth = 0;
  let start = 0;
  const push = (s: string) => {
    const m = /^\s*(\$\d+) (.*)$/.exec(s);
    if (!m) throw new Error(`bad type parameter: ${s}`);
    out.push({ param: m[1]!, constraint: m[2]!.trim() });
  };
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === "[" || c === "(" || c === "{") depth++;
    else if (c === "]" || c === ")" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      push(inner.slice(start, i));
      start = i + 1;
    }
  }
  push(inner.slice(start));
  return out;
}

/** Conventional names for `$0`, `$1`...: see the header comment. Avoids the package's own names. */
function nameTypeParams(
  params: TypeParam[],
  forbidden: (n: string) => boolean,
  taken: Set<string>,
): Map<string, string> {
  const role = new Map<string, string>();
  for (const p of params) {
    if (/^interface\{ ~\[\]\$\d+ \}$/.test(p.constraint)) role.set(p.param, "S");
    else if (/^interface\{ ~map\[\$\d+\]\$\d+ \}$/.test(p.constraint)) role.set(p.param, "M");
  }
  for (const p of params) {
    let m = /^interface\{ ~\[\](\$\d+) \}$/.exec(p.constraint);
    if (m && !role.has(m[1]!)) role.set(m[1]!, "E");
    m = /^interface\{ ~map\[(\$\d+)\](\$\d+) \}$/.exec(p.constraint);
    if (m) {
      if (!role.has(m[1]!)) role.set(m[1]!, "K");
      if (!role.has(m[2]!)) role.set(m[2]!, "V");
    }
  }
  const count = new Map<string, number>();
  for (const p of params) {
    const r = role.get(p.param) ?? "T";
    count.set(r, (count.get(r) ?? 0) + 1);
  }
  const next = new Map<string, number>();
  const names = new Map<string, string>();
  for (const p of params) {
    const r = role.get(p.param) ?? "T";
    let n: string;
    do {
      const k = (next.get(r) ?? 0) + 1;
      next.set(r, k);
      n = count.get(r) === 1 && k === 1 ? r : `${r}${k}`;
    } while (forbidden(n) || taken.has(n));
    taken.add(n);
    names.set(p.param, n);
  }
  return names;
}

// ---------------------------------------------------------------------------------------------------------
// Constants

/** A constant's value as a Go expression of the right kind (untyped float stays float, rune stays rune). */
function constValue(typeText: string, raw: string): string {
  const exact = /^(\S+)\s+\/\/ (\S+)$/.exec(raw);
  if (exact) {
    const [num, den] = exact[2]!.split("/");
    if (den === undefined) return `${num}.0`;
    if (/^10*$/.test(den)) return decimal(num!, den.length - 1);
    return `${num}.0 / ${den}`;
  }
  if (typeText === "ideal-float" && /^-?\d+$/.test(raw)) return `${raw}.0`;
  if (typeText === "ideal-char" && /^\d+$/.test(raw)) return runeLiteral(Number(raw));
  return raw;
}

/** `num / 10^scale` written as a decimal literal. */
function decimal(num: string, scale: number): string {
  const neg = num.startsWith("-");
  let digits = neg ? num.slice(1) : num;
  if (scale === 0) return `${num}.0`;
  digits = digits.padStart(scale + 1, "0");
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, "");
  return `${neg ? "-" : ""}${int}.${frac === "" ? "0" : frac}`;
}

/** An untyped rune constant: a rune literal, or `'\x00' + n` where no literal can spell the value. */
function runeLiteral(n: number): string {
  if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return `'\\x00' + ${n}`;
  if (n >= 0x20 && n < 0x7f && n !== 0x27 && n !== 0x5c) return `'${String.fromCharCode(n)}'`;
  if (n <= 0xff) return `'\\x${n.toString(16).padStart(2, "0")}'`;
  if (n <= 0xffff) return `'\\u${n.toString(16).padStart(4, "0")}'`;
  return `'\\U${n.toString(16).padStart(8, "0")}'`;
}

// ---------------------------------------------------------------------------------------------------------
// Writing stubs

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const sorted = <T>(m: Map<string, T>): [string, T][] => [...m].sort((a, b) => compareStrings(a[0], b[0]));

function renderStub(g: ModelBuilder, pl: PackageListing): string {
  const pkg = pl.path;
  const forbidden = (n: string) => pl.declares(n);
  const ctx = (release: Release, names: ReadonlyMap<string, string> = new Map()): RenderContext => ({
    pkg,
    names,
    release,
    canonical: false,
  });
  const tparamNames = new Map<string, { names: Map<string, string>; list: string }>();
  const typeParamList = (params: TypeParam[], names: Map<string, string>, release: Release) =>
    `[${params
      .map((p) => {
        const c = g.renderType(p.constraint, ctx(release, names));
        return `${names.get(p.param)} ${c === "interface{}" ? "any" : c}`;
      })
      .join(", ")}]`;
  /** Renders `[...](...) results` of a func or method, binding the generic method's own parameters. */
  const signature = (sig: string, release: Release, outer: Map<string, string>) => {
    if (!sig.startsWith("[")) return g.renderType(sig, ctx(release, outer));
    const end = matchingBracket(sig, 0);
    const params = parseTypeParams(sig.slice(0, end + 1));
    const names = new Map([...outer, ...nameTypeParams(params, forbidden, new Set(outer.values()))]);
    return typeParamList(params, names, release) + g.renderType(sig.slice(end + 1), ctx(release, names));
  };

  const body: string[] = [];
  if (pl.consts.size > 0) {
    body.push("const (");
    for (const [name, c] of sorted(pl.consts)) {
      const t = c.type!;
      const typed = t.value.startsWith("ideal-") ? "" : ` ${g.renderType(t.value, ctx(t.release))}`;
      const value = c.value?.value ?? CONST_VALUES[`${pkg}.${name}`];
      if (value === undefined) {
        g.errors.push(`${pkg}: const ${name} has no value line`);
        continue;
      }
      body.push(`\t${name}${typed} = ${constValue(t.value, value)}`);
    }
    body.push(")");
  }
  if (pl.vars.size > 0) {
    body.push("var (");
    for (const [name, v] of sorted(pl.vars)) body.push(`\t${name} ${g.renderType(v.value, ctx(v.release))}`);
    body.push(")");
  }
  for (const [name, t] of sorted(pl.types)) {
    const { tparams, form } = t.value;
    let names = new Map<string, string>();
    let tpl = "";
    if (tparams) {
      const params = parseTypeParams(tparams);
      names = nameTypeParams(params, forbidden, new Set());
      tpl = typeParamList(params, names, t.release);
    }
    tparamNames.set(name, { names, list: tpl });
    const override = TYPE_OVERRIDES[`${pkg}.${name}`];
    let decl: string;
    if (override !== undefined) {
      decl = `type ${name}${tpl} ${override}`;
    } else if (form.kind === "alias") {
      decl = `type ${name}${tpl} = ${g.renderType(form.target, ctx(t.release, names))}`;
    } else if (form.kind === "defined") {
      decl = `type ${name}${tpl} ${g.renderType(form.underlying, ctx(t.release, names))}`;
    } else if (form.kind === "struct") {
      const fields = sorted(pl.fields.get(name) ?? new Map<string, Versioned<FieldEntry>>());
      const rows = fields.map(([fname, f]) => {
        const ft =
          FIELD_OVERRIDES[`${pkg}.${name}.${fname}`] ?? g.renderType(f.value.type, ctx(f.release, names));
        return f.value.embedded ? `\t${ft}` : `\t${fname} ${ft}`;
      });
      decl =
        rows.length === 0
          ? `type ${name}${tpl} struct{}`
          : `type ${name}${tpl} struct {\n${rows.join("\n")}\n}`;
    } else {
      const ms = sorted(pl.imethods.get(name) ?? new Map<string, Versioned<string>>());
      const rows = ms.map(([mname, m]) => `\t${mname}${signature(m.value, m.release, names)}`);
      decl =
        rows.length === 0
          ? `type ${name}${tpl} interface{}`
          : `type ${name}${tpl} interface {\n${rows.join("\n")}\n}`;
    }
    body.push(decl);
    for (const [, m] of sorted(pl.methods.get(name) ?? new Map<string, Versioned<MethodEntry>>())) {
      const { ptr, recvArgs, name: mname, sig } = m.value;
      let recvNames = new Map<string, string>();
      let recv = name;
      if (recvArgs) {
        const args = recvArgs
          .slice(1, -1)
          .split(",")
          .map((s) => s.trim());
        const declared = [...names.values()];
        recvNames = new Map(args.map((a, i) => [a, declared[i] ?? a]));
        recv = `${name}[${args.map((a) => recvNames.get(a)).join(", ")}]`;
      }
      body.push(`func (${ptr ? "*" : ""}${recv}) ${mname}${signature(sig, m.release, recvNames)}`);
    }
  }
  for (const [name, f] of sorted(pl.funcs))
    body.push(`func ${name}${signature(f.value, f.release, new Map())}`);

  const hidden = g.hiddenNeeded.get(pkg) ?? new Set<string>();
  for (const name of hidden) {
    // A hidden declaration may mention another (nativeEndian embeds littleEndian).
    for (const w of UNEXPORTED_DECLS[`${pkg}.${name}`]?.decl.match(/\b[a-z]\w*\b/g) ?? []) {
      if (`${pkg}.${w}` in UNEXPORTED_DECLS) hidden.add(w);
    }
  }
  for (const name of [...hidden].sort()) {
    const h = UNEXPORTED_DECLS[`${pkg}.${name}`];
    if (h) body.push(h.decl.replace(/\{([a-z0-9/]+)\}/g, (_, p: string) => qual(p)));
  }
  return assembleStub(packageNameOf(pkg), body.join("\n"));
}

/** Adds the package clause and the imports the rendered body mentions, aliasing names that clash. */
function assembleStub(pkgName: string, body: string): string {
  const paths = new Set<string>();
  for (const m of body.matchAll(QUAL_RE)) paths.add(m[1]!);
  const byName = new Map<string, string[]>();
  for (const p of [...paths].sort()) sub(byName, packageNameOf(p), () => []).push(p);
  const local = new Map<string, string>();
  const used = new Set<string>();
  for (const [name, ps] of byName) {
    if (ps.length === 1) {
      local.set(ps[0]!, name);
      used.add(name);
    }
  }
  for (const [, ps] of byName) {
    if (ps.length === 1) continue;
    for (const p of ps) {
      let alias = p.replace(/[^A-Za-z0-9]/g, "");
      while (used.has(alias)) alias += "_";
      used.add(alias);
      local.set(p, alias);
    }
  }
  const imports = [...paths].sort().map((p) => {
    const l = local.get(p)!;
    return l === packageNameOf(p) ? `\t"${p}"` : `\t${l} "${p}"`;
  });
  const head = `package ${pkgName}\n`;
  const imp = imports.length === 0 ? "" : `\nimport (\n${imports.join("\n")}\n)\n`;
  return `${head}${imp}\n${body.replace(QUAL_RE, (_, p: string) => local.get(p)!)}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// The model

export interface GenerateResult {
  model: StdlibModel;
  json: string;
  notes: string[];
}

export function generate(listings: Listings): GenerateResult {
  const g = new ModelBuilder(listings);
  for (const pl of g.pkgs.values()) g.dropPromoted(pl);
  const newest = listings.files[listings.files.length - 1]!.release;
  const packages: Record<string, PackageModel> = {};
  const stubs = new Map<string, string>();
  // Render every stub first: rendering finds the hidden declarations other packages need.
  for (const [p, pl] of sorted(g.pkgs)) stubs.set(p, renderStub(g, pl));
  for (const [p, pl] of sorted(g.pkgs)) {
    const added = Math.min(...pl.since.values());
    const since: Record<string, string> = {};
    const deprecated: Record<string, string> = {};
    const exists = (key: string) => symbolExists(pl, key);
    for (const [k, r] of sorted(pl.since)) if (r !== added && exists(k)) since[k] = releaseName(r);
    for (const [k, r] of sorted(pl.deprecated)) if (exists(k)) deprecated[k] = releaseName(r);
    const hiddenFields: string[] = [];
    const hiddenMethods: string[] = [];
    for (const [name, t] of sorted(pl.types)) {
      // The listings show exported fields only; a struct that shows none has hidden state (or is empty).
      if (t.value.form.kind === "struct" && !pl.fields.has(name)) hiddenFields.push(name);
      if (t.value.form.kind === "interface" && pl.ihidden.has(name)) hiddenMethods.push(name);
    }
    for (const name of [...(g.hiddenNeeded.get(p) ?? [])].sort()) {
      const h = UNEXPORTED_DECLS[`${p}.${name}`];
      if (h?.hidden === "fields") hiddenFields.push(name);
      if (h?.hidden === "methods") hiddenMethods.push(name);
    }
    const pm: PackageModel = { name: packageNameOf(p), added: releaseName(added), src: stubs.get(p)! };
    if (Object.keys(since).length > 0) pm.since = since;
    if (Object.keys(deprecated).length > 0) pm.deprecated = deprecated;
    if (hiddenFields.length > 0) pm.hiddenFields = hiddenFields.sort();
    if (hiddenMethods.length > 0) pm.hiddenMethods = hiddenMethods.sort();
    packages[p] = pm;
  }
  for (const [name, ip] of Object.entries(INTERNAL_PACKAGES)) {
    const needed = g.hiddenNeeded.get(ip.path);
    if (!needed) continue;
    const names = [...needed].sort();
    const pm: PackageModel = {
      name,
      added: ip.added,
      internal: true,
      src: `package ${name}\n\n${names.map((n) => ip.decls[n]!.decl).join("\n")}\n`,
    };
    const hf = names.filter((n) => ip.decls[n]!.hidden === "fields");
    const hm = names.filter((n) => ip.decls[n]!.hidden === "methods");
    if (hf.length > 0) pm.hiddenFields = hf;
    if (hm.length > 0) pm.hiddenMethods = hm;
    packages[ip.path] = pm;
  }
  for (const [p, added] of Object.entries(EMPTY_PACKAGES)) {
    if (!packages[p]) packages[p] = { name: packageNameOf(p), added, src: `package ${packageNameOf(p)}\n` };
  }
  if (g.errors.length > 0) {
    throw new Error(`the listings could not be modelled:\n${[...new Set(g.errors)].join("\n")}`);
  }
  const ordered: Record<string, PackageModel> = {};
  for (const k of Object.keys(packages).sort(compareStrings)) ordered[k] = packages[k]!;
  const model: StdlibModel = {
    format: MODEL_FORMAT,
    go: releaseName(newest),
    platform: "linux/amd64",
    packages: ordered,
  };
  return { model, json: `${JSON.stringify(model)}\n`, notes: g.notes };
}

/** Whether a since/deprecated key names something the stub declares. */
function symbolExists(pl: PackageListing, key: string): boolean {
  const m = /^\(\*(\w+)\)\.(\w+)$/.exec(key);
  if (m) return pl.methods.get(m[1]!)?.has(key) ?? false;
  const dot = key.indexOf(".");
  if (dot < 0) return pl.declares(key);
  const base = key.slice(0, dot);
  const member = key.slice(dot + 1);
  return (
    (pl.fields.get(base)?.has(member) ?? false) ||
    (pl.imethods.get(base)?.has(member) ?? false) ||
    (pl.methods.get(base)?.has(key) ?? false)
  );
}

// ---------------------------------------------------------------------------------------------------------
// Command line

/** The repository root: this file runs from dist/tools/. */
export const repoRoot = (): string => fileURLToPath(new URL("../../", import.meta.url));
export const defaultApiDir = (): string => path.resolve(repoRoot(), "..", "shared", "go-api");
export const modelPath = (): string => path.join(repoRoot(), "src", "semantic", "stdlib", "model.json");

function main(argv: string[]): number {
  let apiDir = defaultApiDir();
  let check = false;
  let verbose = false;
  let stubsDir: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--check") check = true;
    else if (a === "--verbose") verbose = true;
    else if (a === "--stubs") stubsDir = argv[++i] ?? null;
    else if (a.startsWith("-")) {
      process.stderr.write(`gen-stdlib: unknown flag ${a}\n`);
      return 2;
    } else apiDir = path.resolve(a);
  }
  if (!existsSync(apiDir)) {
    process.stderr.write(`gen-stdlib: no API listings at ${apiDir}\n`);
    return 2;
  }
  let result: GenerateResult;
  try {
    result = generate(readListings(apiDir));
  } catch (e) {
    process.stderr.write(`gen-stdlib: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const { model, json, notes } = result;
  if (verbose) for (const n of notes) process.stderr.write(`note: ${n}\n`);
  if (stubsDir) {
    for (const [p, pm] of Object.entries(model.packages)) {
      const dir = path.join(stubsDir, p);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "stub.go"), pm.src);
    }
  }
  const out = modelPath();
  if (check) {
    const current = existsSync(out) ? readFileSync(out, "utf8") : "";
    if (current !== json) {
      process.stderr.write(
        `gen-stdlib: ${path.relative(repoRoot(), out)} is out of date; run npm run gen:stdlib\n`,
      );
      return 1;
    }
    return 0;
  }
  writeFileSync(out, json);
  const n = Object.keys(model.packages).length;
  process.stdout.write(`wrote ${path.relative(repoRoot(), out)}: ${n} packages, ${json.length} bytes\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exitCode = main(process.argv.slice(2));
}
