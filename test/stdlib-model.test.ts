import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { stdlibLayouts, stdlibNoCopy } from "../src/semantic/stdlib/facts.js";
import {
  type PackageModel,
  readStdlibModel,
  stdlibModelUrl,
  symbolSince,
} from "../src/semantic/stdlib/model.js";
import { defaultApiDir, generate, readListings } from "../tools/gen-stdlib.js";

const model = readStdlibModel();

function pkg(path: string): PackageModel {
  const p = model.packages[path];
  assert.ok(p, `model has no package ${path}`);
  return p;
}

/** The stub's lines, for matching whole declarations. */
const lines = (path: string): string[] => pkg(path).src.split("\n");

function hasLine(path: string, line: string): void {
  assert.ok(lines(path).includes(line), `${path} stub lacks: ${line}`);
}

/** The import block of a stub: local name → import path. */
function importsOf(src: string): Map<string, string> {
  const out = new Map<string, string>();
  const block = /\nimport \(\n([\s\S]*?)\n\)\n/.exec(src);
  for (const line of block?.[1]?.split("\n") ?? []) {
    const m = /^\t(?:(\w+) )?"([^"]+)"$/.exec(line);
    assert.ok(m, `bad import line: ${line}`);
    const path = m[2]!;
    out.set(m[1] ?? model.packages[path]?.name ?? path, path);
  }
  return out;
}

describe("stdlib model", () => {
  it("describes linux/amd64 from the newest listings", () => {
    assert.equal(model.format, 1);
    assert.equal(model.platform, "linux/amd64");
    assert.match(model.go, /^1\.\d+$/);
  });

  it("has net/http's functions, types and methods", () => {
    const http = pkg("net/http");
    assert.equal(http.name, "http");
    assert.equal(http.added, "1.0");
    hasLine("net/http", "func Get(string) (*Response, error)");
    hasLine("net/http", "func (*Client) Do(*Request) (*Response, error)");
    hasLine("net/http", "\tTimeout time.Duration");
    hasLine("net/http", "\tStatusOK = 200");
    assert.equal(symbolSince(http, "Get"), "1.0");
    assert.equal(symbolSince(http, "(*Client).Do"), "1.0");
    assert.equal(symbolSince(http, "Client.Timeout"), "1.3");
    assert.equal(importsOf(http.src).get("tls"), "crypto/tls");
  });

  it("keeps the release that added each symbol", () => {
    assert.equal(symbolSince(pkg("errors"), "Join"), "1.20");
    assert.equal(symbolSince(pkg("context"), "WithoutCancel"), "1.21");
    assert.equal(symbolSince(pkg("time"), "DateTime"), "1.20");
    assert.equal(pkg("slices").added, "1.21");
    assert.equal(pkg("maps").added, "1.21");
    assert.equal(pkg("log/slog").added, "1.21");
    hasLine("log/slog", "func (*Logger) InfoContext(context.Context, string, ...interface{})");
  });

  it("keeps deprecations", () => {
    assert.equal(pkg("io/ioutil").deprecated?.ReadFile, "1.19");
    assert.equal(pkg("net/http").deprecated?.["Transport.Dial"], "1.16");
  });

  it("writes constants with their exact values and kinds", () => {
    hasLine("time", '\tDateTime = "2006-01-02 15:04:05"');
    hasLine("time", "\tSecond Duration = 1000000000");
    hasLine("math", "\tPi = 3.14159265358979323846264338327950288419716939937510582097494459");
    hasLine("unicode/utf8", "\tRuneError = '\\ufffd'");
    hasLine("os", "\tModeDir fs.FileMode = 2147483648");
    const maxFloat = lines("math").find((l) => l.startsWith("\tMaxFloat64 = "));
    assert.match(maxFloat ?? "", /^\tMaxFloat64 = 17976931348623157\d+\.0$/);
  });

  it("writes generic functions and types with named type parameters", () => {
    hasLine("sync", "func OnceFunc(func()) func()");
    hasLine("sync", "func OnceValue[T any](func() T) func() T");
    hasLine("slices", "func Sort[S interface{ ~[]E }, E cmp.Ordered](S)");
    hasLine("sync/atomic", "type Pointer[T any] struct{}");
    hasLine("sync/atomic", "func (*Pointer[T]) Load() *T");
    hasLine("iter", "type Seq[T any] func(func(T) bool)");
    assert.match(pkg("cmp").src, /type Ordered interface \{\n\t~int \| [^\n]*~string\n\}/);
  });

  it("writes interfaces, aliases and hidden parts", () => {
    assert.match(
      pkg("io").src,
      /\ntype ReadCloser interface \{\n\tClose\(\) error\n\tRead\(\[\]uint8\) \(int, error\)\n\}\n/,
    );
    hasLine("os", "type FileInfo = fs.FileInfo");
    hasLine("io", "\tEOF error");
    assert.ok(pkg("text/template/parse").hiddenMethods?.includes("Node"));
    assert.ok(pkg("go/ast").hiddenMethods?.includes("Expr"));
    assert.ok(pkg("sync").hiddenFields?.includes("Mutex"));
    assert.ok(pkg("time").hiddenFields?.includes("Time"));
  });

  it("resolves package names to the packages that declare the symbols", () => {
    assert.equal(importsOf(pkg("html/template").src).get("template"), "text/template");
    hasLine("html/template", "type FuncMap = template.FuncMap");
    assert.equal(importsOf(pkg("testing/quick").src).get("rand"), "math/rand");
    assert.equal(pkg("encoding/json/internal/jsonopts").internal, true);
  });

  it("leaves promoted methods to the embedded field", () => {
    assert.ok(!pkg("bufio").src.includes("func (ReadWriter) Flush() error"));
    hasLine("bufio", "func (*Writer) Flush() error");
  });

  it("imports exactly what each stub uses, from packages of the model, without cycles", () => {
    const deps = new Map<string, string[]>();
    for (const [path, p] of Object.entries(model.packages)) {
      const imports = importsOf(p.src);
      // Qualified names outside string literals and comments.
      const code = p.src.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\/\/[^\n]*/g, '""');
      const used = new Set([...code.matchAll(/\b([a-z]\w*)\.[A-Za-z_]/g)].map((m) => m[1]!));
      for (const name of used) assert.ok(imports.has(name), `${path} uses ${name} without importing it`);
      for (const [name, ip] of imports) {
        assert.ok(used.has(name), `${path} imports ${ip} without using it`);
        assert.ok(ip === "unsafe" || model.packages[ip], `${path} imports ${ip}, which the model lacks`);
      }
      deps.set(
        path,
        [...imports.values()].filter((ip) => ip !== "unsafe"),
      );
    }
    const state = new Map<string, "visiting" | "done">();
    const visit = (p: string, trail: string[]) => {
      if (state.get(p) === "done") return;
      assert.notEqual(state.get(p), "visiting", `import cycle: ${[...trail, p].join(" → ")}`);
      state.set(p, "visiting");
      for (const d of deps.get(p) ?? []) visit(d, [...trail, p]);
      state.set(p, "done");
    };
    for (const p of deps.keys()) visit(p, []);
  });

  it("names only declared types in the facts table", () => {
    for (const key of [...stdlibNoCopy.keys(), ...stdlibLayouts.keys()]) {
      const dot = key.lastIndexOf(".");
      const path = key.slice(0, dot);
      const name = key.slice(dot + 1);
      assert.match(pkg(path).src, new RegExp(`\\ntype ${name}\\b`), `${key} is not a type of the model`);
    }
  });

  it("is what the generator writes from the listings", (t) => {
    const dir = defaultApiDir();
    if (!existsSync(dir)) {
      t.skip(`the API listings (../shared/go-api) are absent; cannot regenerate the model`);
      return;
    }
    const { json } = generate(readListings(dir));
    const committed = readFileSync(stdlibModelUrl, "utf8");
    assert.ok(json === committed, "model.json is out of date: run npm run gen:stdlib");
  });
});
