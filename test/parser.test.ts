import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import type * as ast from "../src/syntax/ast.js";
import { formatDiagnostic, parseFile } from "../src/syntax/parser.js";
import {
  CHAR,
  COMMENT,
  EOF,
  FLOAT,
  IDENT,
  IMAG,
  INT,
  Scanner,
  SEMICOLON,
  STRING,
} from "../src/syntax/scanner.js";
import { SourceFile } from "../src/syntax/source.js";
import { inspect } from "../src/syntax/walk.js";

const syntaxDir = new URL("../../test/testdata/syntax/", import.meta.url).pathname;

function parse(src: string): ReturnType<typeof parseFile> {
  return parseFile("x.go", src);
}

function parseOk(src: string): ast.File {
  const r = parse(src);
  assert.deepEqual(
    r.errors.map((e) => formatDiagnostic("x.go", e)),
    [],
  );
  return r.file;
}

function find<K extends ast.NodeKind>(root: ast.Node, kind: K): ast.NodeOfKind<K>[] {
  const out: ast.NodeOfKind<K>[] = [];
  inspect(root, (n) => {
    if (n.kind === kind) out.push(n as ast.NodeOfKind<K>);
    return true;
  });
  return out;
}

function tokens(src: string): [number, string][] {
  const s = new Scanner(new SourceFile("x.go", src), () => {});
  const out: [number, string][] = [];
  for (s.next(); s.tok !== EOF; s.next()) out.push([s.tok, s.lit]);
  return out;
}

describe("syntax newer than Go 1.19 parses to go/parser's tree", () => {
  // The .nodes files are go/parser's preorder (kind, pos, end) for each fixture, dumped by the
  // oracle program (tools/oracle, `parse`): Go 1.19's parser already accepts these forms.
  for (const name of readdirSync(syntaxDir).filter((f) => f.endsWith(".go"))) {
    test(name, () => {
      const r = parseFile(name, readFileSync(join(syntaxDir, name)));
      assert.deepEqual(r.errors, []);
      const ours: string[] = [];
      inspect(r.file, (n) => {
        ours.push(`${n.kind} ${n.pos} ${n.end}`);
        return true;
      });
      const golden = readFileSync(join(syntaxDir, name.replace(/\.go$/, ".nodes")), "utf8")
        .trim()
        .split("\n");
      assert.deepEqual(ours, golden);
    });
  }

  test("generic type alias keeps its type parameters and '='", () => {
    const f = parseOk("package p\ntype Set[K comparable] = map[K]struct{}\n");
    const [spec] = find(f, "TypeSpec");
    assert.ok(spec);
    assert.equal(spec.typeParams?.list[0]?.names[0]?.name, "K");
    assert.ok(spec.assign > 0);
    assert.equal(spec.type.kind, "MapType");
  });

  test("generic method (Go 1.27) keeps its type parameters", () => {
    // go/parser 1.19 rejects these, so this case has no golden from it: see
    // tools/oracle/parse-differences.json.
    const f = parseOk("package p\ntype Rand struct{}\nfunc (*Rand) N[T intType](n T) T { return n }\n");
    const decl = f.decls[1] as ast.FuncDecl;
    assert.equal(decl.recv?.list.length, 1);
    assert.equal(decl.type.typeParams?.list[0]?.names[0]?.name, "T");
    assert.equal(decl.type.typeParams?.list[0]?.type.kind, "Ident");
    assert.equal(decl.type.pos, decl.pos);
  });

  test("range over an integer and over a function", () => {
    const f = parseOk(
      "package p\nfunc f(seq func(func(int) bool)) {\n\tfor i := range 10 {}\n\tfor range seq {}\n}\n",
    );
    const [a, b] = find(f, "RangeStmt");
    assert.equal(a?.key?.kind, "Ident");
    assert.equal(a?.tok, ":=");
    assert.equal(a?.x.kind, "BasicLit");
    assert.equal(b?.key, null);
    assert.equal(b?.tok, "");
    assert.equal(b?.tokPos, -1);
  });
});

describe("parser", () => {
  test("type parameters versus array lengths, as gc decides", () => {
    const f = parseOk(
      "package p\ntype A [N]int\ntype B[P any] int\ntype C[P *int,] int\ntype D [P * Q]int\n",
    );
    const specs = find(f, "TypeSpec");
    assert.deepEqual(
      specs.map((s) => [s.name.name, s.typeParams === null ? "array" : "generic"]),
      [
        ["A", "array"],
        ["B", "generic"],
        ["C", "generic"],
        ["D", "array"],
      ],
    );
  });

  test("composite literals in control clauses need parentheses", () => {
    parseOk("package p\nfunc f() {\n\tif x == (T{}) {}\n\tfor _, v := range []int{1} { _ = v }\n}\n");
    const r = parse("package p\nfunc f() {\n\tif x == T{} {}\n}\n");
    assert.ok(r.errors.length > 0);
  });

  test("method expressions, conversions of parenthesized types, labels, goto, fallthrough", () => {
    const f = parseOk(
      [
        "package p",
        "func f(t T) {",
        "\tg := (*T).Method",
        "\th := (func())(nil)",
        "L:",
        "\tfor {",
        "\t\tswitch {",
        "\t\tcase true:",
        "\t\t\tfallthrough",
        "\t\tdefault:",
        "\t\t\tbreak L",
        "\t\t}",
        "\t\tgoto L",
        "\t}",
        "\t_, _ = g, h",
        "}",
        "",
      ].join("\n"),
    );
    assert.equal(find(f, "LabeledStmt").length, 1);
    assert.deepEqual(
      find(f, "BranchStmt").map((b) => [b.tok, b.label?.name ?? null]),
      [
        ["fallthrough", null],
        ["break", "L"],
        ["goto", "L"],
      ],
    );
  });

  test("doc comments attach to declarations and fields; all comments are kept in order", () => {
    const src = [
      "//go:build linux",
      "",
      "// Package p does things.",
      "package p",
      "",
      "// T is a type.",
      "type T struct {",
      "\t// A is a field.",
      "\tA int // line comment",
      "}",
      "",
      "/* F is a function. */",
      "func F() {} //nolint:all",
      "",
    ].join("\n");
    const f = parseOk(src);
    assert.equal(f.doc?.list[0]?.text, "// Package p does things.");
    const gen = f.decls[0] as ast.GenDecl;
    assert.equal(gen.doc?.list[0]?.text, "// T is a type.");
    const field = find(f, "Field")[0]!;
    assert.equal(field.doc?.list[0]?.text, "// A is a field.");
    assert.equal(field.comment?.list[0]?.text, "// line comment");
    assert.equal((f.decls[1] as ast.FuncDecl).doc?.list[0]?.text, "/* F is a function. */");
    assert.deepEqual(
      f.comments.map((g) => g.list.map((c) => c.text).join("|")),
      [
        "//go:build linux",
        "// Package p does things.",
        "// T is a type.",
        "// A is a field.",
        "// line comment",
        "/* F is a function. */",
        "//nolint:all",
      ],
    );
  });

  test("struct tags and imports", () => {
    const f = parseOk(
      'package p\nimport (\n\tio "io"\n\t. "fmt"\n\t_ "embed"\n)\ntype T struct{ A int `json:"a"` }\n',
    );
    assert.deepEqual(
      f.imports.map((i) => [i.name?.name ?? null, i.path.value]),
      [
        ["io", '"io"'],
        [".", '"fmt"'],
        ["_", '"embed"'],
      ],
    );
    assert.equal(find(f, "Field")[0]?.tag?.value, '`json:"a"`');
  });

  test("imports mode stops after the import declarations", () => {
    const r = parseFile("x.go", 'package p\nimport "os"\nfunc f() { this is not Go }\n', { mode: "imports" });
    assert.deepEqual(r.errors, []);
    assert.equal(r.file.decls.length, 1);
    assert.equal(r.file.imports[0]?.path.value, '"os"');
  });

  test("declarations mode skips bodies whose braces hide in strings, runes and comments", () => {
    const src = [
      "package p",
      "func f() {",
      '\ts := "}{\\"}"',
      "\tr := '}'",
      "\tq := '\\''",
      "\traw := `}",
      "{{`",
      "\t// }",
      "\t/* } */",
      "\tif true { _ = s }",
      "}",
      "",
      "// Doc of g.",
      "func g(x int) int { return x }",
      "var v = 1",
      "",
    ].join("\n");
    const full = parseFile("x.go", src);
    const decls = parseFile("x.go", src, { mode: "declarations" });
    assert.deepEqual(full.errors, []);
    assert.deepEqual(decls.errors, []);
    const shape = (f: ast.File) =>
      f.decls.map((d) => [
        d.kind,
        d.pos,
        d.end,
        d.kind === "FuncDecl" ? [d.body?.pos, d.body?.end, d.doc?.pos] : null,
      ]);
    assert.deepEqual(shape(decls.file), shape(full.file));
    const [f] = decls.file.decls;
    assert.equal(f?.kind === "FuncDecl" ? f.body?.list.length : -1, 0);
    // a body never closed ends the file without a crash
    const open = parseFile("x.go", 'package p\nfunc f() { s := "{"\n', { mode: "declarations" });
    assert.equal(open.file.decls.length, 1);
  });

  test("errors are file:line:col: message in gc's words, and parsing recovers", () => {
    const r = parse("package p\nfunc f() {\n\tx := \n}\nfunc g() {}\nvar v = [...]int\n");
    const msgs = r.errors.map((e) => formatDiagnostic("x.go", e));
    // go/parser reports the same two (one error per line; the rest of line 6 is follow-on).
    assert.deepEqual(msgs, ["x.go:4:1: expected operand, found '}'", "x.go:6:1: expected ';', found 'var'"]);
    assert.deepEqual(
      r.file.decls.map((d) => d.kind),
      ["FuncDecl"],
    );
    // Recovery at the following declarations, with go/parser's exact errors for this input.
    const r2 = parse(
      "package p\nvar a = )\nfunc g() {}\nconst c\nfunc h() { return }\ntype T struct { x int; 5 }\n",
    );
    assert.deepEqual(
      r2.errors.map((e) => formatDiagnostic("x.go", e)),
      [
        "x.go:2:9: expected operand, found ')'",
        "x.go:4:1: expected ';', found 'const'",
        "x.go:6:24: expected '}', found 5",
      ],
    );
    assert.ok(r2.file.decls.some((d) => d.kind === "FuncDecl" && d.name.name === "h"));
  });

  test("100,000 nested parentheses give an error, not a crash", () => {
    const src = `package p\nvar x = ${"(".repeat(100_000)}1${")".repeat(100_000)}\n`;
    const r = parse(src);
    assert.equal(r.errors.at(-1)?.message, "exceeded max nesting depth");
  });

  test("deep nesting of every kind never overflows the stack", () => {
    for (const open of ["{", "[", "*", "<-", "-", "func() {", "if x {", "[]", "map[int]", "struct{ f "]) {
      const r = parse(`package p\nvar x = ${open.repeat(50_000)}\n`);
      assert.ok(r.errors.length > 0, open);
    }
  });

  test("a long run of comments between two tokens parses in linear time", () => {
    // Once quadratic: each comment after a token that may end a statement looked ahead across
    // the whole run (and back to the previous newline) for a line end.
    const src = `package p\nvar x = w${"/**/".repeat(200_000)}g\n`;
    const start = performance.now();
    const r = parse(src);
    assert.equal(r.errors.length, 1);
    assert.ok(performance.now() - start < 2000);
  });

  test("the error count is bounded", () => {
    const r = parse(`package p\n${"func (\n".repeat(1000)}`);
    assert.ok(r.errors.length <= 11);
  });
});

describe("scanner", () => {
  test("literal forms", () => {
    const src =
      "0x1p-2 0X_1F 0o17 0b1010 017 1_000 1e3 .5 3.i 0x1.8p1i 'a' '\\n' '\\u00e9' \"s\\t\" `raw\nstr` 'é'";
    assert.deepEqual(tokens(src), [
      [FLOAT, "0x1p-2"],
      [INT, "0X_1F"],
      [INT, "0o17"],
      [INT, "0b1010"],
      [INT, "017"],
      [INT, "1_000"],
      [FLOAT, "1e3"],
      [FLOAT, ".5"],
      [IMAG, "3.i"],
      [IMAG, "0x1.8p1i"],
      [CHAR, "'a'"],
      [CHAR, "'\\n'"],
      [CHAR, "'\\u00e9'"],
      [STRING, '"s\\t"'],
      [STRING, "`raw\nstr`"],
      [CHAR, "'é'"],
      [SEMICOLON, "\n"],
    ]);
  });

  test("automatic semicolons before newlines and line comments", () => {
    assert.deepEqual(tokens("x // c\ny /* a\nb */ z\nreturn\n"), [
      [IDENT, "x"],
      [SEMICOLON, "\n"],
      [COMMENT, "// c"],
      [IDENT, "y"],
      [SEMICOLON, "\n"],
      [COMMENT, "/* a\nb */"],
      [IDENT, "z"],
      [SEMICOLON, "\n"],
      [64 + 15, "return"],
      [SEMICOLON, "\n"],
    ]);
  });

  test("malformed literals are reported like go/scanner", () => {
    const cases: [string, string][] = [
      ["0x", "hexadecimal literal has no digits"],
      ["09", "invalid digit '9' in octal literal"],
      ["1__0", "'_' must separate successive digits"],
      ["0x1.0", "hexadecimal mantissa requires a 'p' exponent"],
      ["'ab'", "illegal rune literal"],
      ['"\\q"', "unknown escape sequence"],
      ['"abc', "string literal not terminated"],
      ["`abc", "raw string literal not terminated"],
      ["/* abc", "comment not terminated"],
      ["a\u0000", "illegal character NUL"],
      ["\u00b7", "invalid character U+00B7 '·'"],
    ];
    for (const [src, want] of cases) {
      const errors: string[] = [];
      const s = new Scanner(new SourceFile("x.go", src), (_pos, msg) => errors.push(msg));
      for (s.next(); s.tok !== EOF; s.next());
      assert.ok(errors.includes(want), `${src}: ${errors.join("; ")}`);
    }
  });

  test("invalid UTF-8 and a misplaced byte order mark", () => {
    const errors: string[] = [];
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x2f, 0x2f, 0x20, 0xff, 0x0a, 0x78, 0xef, 0xbb, 0xbf]);
    const s = new Scanner(new SourceFile("x.go", bytes), (_pos, msg) => errors.push(msg));
    for (s.next(); s.tok !== EOF; s.next());
    assert.deepEqual(errors, ["illegal UTF-8 encoding", "illegal byte order mark"]);
  });

  test("never throws on byte sequences past U+10FFFF or escapes cut by the end of file", () => {
    // Both once threw (found by the fuzzer): a four-byte sequence decoding past U+10FFFF where an
    // identifier may start, and an escape sequence ended by the end of the file.
    for (const bytes of [
      [0x78, 0xf4, 0x90, 0x80, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0x22, 0x5c, 0x78],
      [0x27, 0x5c, 0x75, 0x31],
      [0x22, 0x5c, 0x78, 0xf4, 0x90, 0x80, 0x80, 0x22],
    ]) {
      const src = new Uint8Array([...new TextEncoder().encode("package p\nvar x = "), ...bytes]);
      const r = parseFile("x.go", src);
      assert.ok(r.errors.length > 0);
    }
  });

  test("positions are byte offsets and columns count bytes", () => {
    const r = parse('package p\nvar s = "héllo"; var t = 1\n');
    const idents = find(r.file, "Ident").map((i) => [i.name, r.source.position(i.pos).column]);
    assert.deepEqual(idents, [
      ["p", 9],
      ["s", 5],
      ["t", 23],
    ]);
  });
});
