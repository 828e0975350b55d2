import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { formatDiagnostic } from "../src/load/diagnostic.js";
import {
  type FileFacts,
  type FileFactsStore,
  Loader,
  type LoadOptions,
  loadPackages,
  matchPattern,
  type Package,
} from "../src/load/packages.js";

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** Writes files (path → content) under a new temporary directory and returns its real path. */
function makeTree(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), "gopitfall-load-")));
  roots.push(root);
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(root, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return root;
}

/** Options that isolate a test from the machine: no GOROOT, GOPATH inside the tree. */
function opts(root: string, extra: LoadOptions = {}): LoadOptions {
  return {
    dir: root,
    goRoot: null,
    env: { GOPATH: path.join(root, "gopath"), HOME: root },
    ...extra,
  };
}

const names = (p: Package | undefined) => ({
  go: p?.goFiles.map((f) => f.name) ?? [],
  test: p?.testGoFiles.map((f) => f.name) ?? [],
  xtest: p?.xTestGoFiles.map((f) => f.name) ?? [],
  ignored: p?.ignoredGoFiles ?? [],
  invalid: p?.invalidGoFiles ?? [],
});

const moduleTree = {
  "go.mod": "module example.com/m\n\ngo 1.21\n",
  "a.go": 'package m\n\nimport (\n\t"fmt"\n\t"example.com/m/sub"\n)\n\nvar _ = fmt.Sprint(sub.X)\n',
  "a_linux.go": "package m\n",
  "a_windows.go": "package m\n",
  "a_arm64.go": "package m\n",
  "b_test.go": 'package m\n\nimport "testing"\n\nfunc TestB(t *testing.T) {}\n',
  "c_test.go":
    'package m_test\n\nimport (\n\t"testing"\n\n\t"example.com/m"\n)\n\nfunc TestC(t *testing.T) {}\n',
  "cgo.go": 'package m\n\n// #include <stdio.h>\nimport "C"\n',
  "gen.go": "//go:build ignore\n\npackage main\n",
  "doc.go": "package documentation\n",
  "new.go": "//go:build go1.22\n\npackage m\n",
  "old.go": "// +build !go1.21\n\npackage m\n",
  "tagged.go": "//go:build integration\n\npackage m\n",
  "_skip.go": "package m\n",
  ".hidden.go": "package m\n",
  "notgo.txt": "",
  "sub/s.go": "package sub\n\nconst X = 1\n",
  "sub/testdata/t.go": "package t\n",
  "sub/deeper/d.go": "package deeper\n",
  "vendor/example.org/v/v.go": "package v\n",
  "_tools/t.go": "package tools\n",
  ".git/g.go": "package g\n",
  "testdata/x.go": "package x\n",
  "nested/go.mod": "module example.com/nested\n",
  "nested/n.go": "package nested\n",
  "bad/x.go": "package a\n",
  "bad/y.go": "package b\n",
  "bad/z_test.go": "package a_test\n",
  "onlywin/w_windows.go": "package onlywin\n",
  "onlytests/t_test.go": "package onlytests\n",
  "empty/README": "",
  "broken/b.go": "// no package clause\nfunc f() {}\n",
  "badtag/t.go": "//go:build linux &&\n\npackage badtag\n",
};

describe("loading a module", () => {
  const root = makeTree(moduleTree);

  it("expands ./... like go list, skipping testdata, vendor, _ and . directories and nested modules", () => {
    const r = loadPackages(["./..."], opts(root));
    assert.deepEqual(
      r.packages.map((p) => p.importPath),
      [
        "example.com/m",
        "example.com/m/bad",
        "example.com/m/badtag",
        "example.com/m/broken",
        "example.com/m/onlytests",
        "example.com/m/sub",
        "example.com/m/sub/deeper",
      ],
    );
    assert.deepEqual(r.errors, []);
  });

  it("groups files into the package, its tests and its external tests", () => {
    const [p] = loadPackages(["."], opts(root)).packages;
    assert.ok(p);
    assert.equal(p.name, "m");
    assert.equal(p.dir, root);
    assert.equal(p.module?.path, "example.com/m");
    assert.equal(p.goVersion, "1.21");
    assert.equal(p.standard, false);
    assert.deepEqual(names(p), {
      go: ["a.go", "a_linux.go", "cgo.go"],
      test: ["b_test.go"],
      xtest: ["c_test.go"],
      ignored: ["a_arm64.go", "a_windows.go", "doc.go", "gen.go", "new.go", "old.go", "tagged.go"],
      invalid: [],
    });
    assert.deepEqual(p.imports, ["C", "example.com/m/sub", "fmt"]);
    assert.deepEqual(p.testImports, ["testing"]);
    assert.deepEqual(p.xTestImports, ["example.com/m", "testing"]);
    assert.equal(p.goFiles.find((f) => f.name === "cgo.go")?.isCgo, true);
    const imp = p.goFiles[0]!.imports.find((i) => i.path === "fmt");
    assert.deepEqual(imp, { path: "fmt", line: 4, column: 2 });
    assert.equal(p.xTestGoFiles[0]!.packageName, "m_test");
  });

  it("follows the target platform, cgo, tags, the Go version override and the tests switch", () => {
    const win = loadPackages(["."], opts(root, { goos: "windows", goarch: "arm64", cgoEnabled: false }));
    assert.deepEqual(names(win.packages[0]).go, ["a.go", "a_arm64.go", "a_windows.go"]);
    assert.ok(win.packages[0]!.ignoredGoFiles.includes("cgo.go"));
    const tagged = loadPackages(
      ["."],
      opts(root, { buildTags: ["integration"], goVersion: "1.22.0", tests: false }),
    );
    const p = tagged.packages[0]!;
    assert.deepEqual(names(p).go, ["a.go", "a_linux.go", "cgo.go", "new.go", "tagged.go"]);
    assert.deepEqual([p.testGoFiles, p.xTestGoFiles], [[], []]);
    assert.equal(p.goVersion, "1.22.0");
    const env = loadPackages(["."], {
      ...opts(root),
      env: { GOOS: "darwin", GOARCH: "amd64", CGO_ENABLED: "0" },
    });
    assert.deepEqual(names(env.packages[0]).go, ["a.go"]);
  });

  it("reports mixed package names, bad constraints and missing package clauses", () => {
    const r = loadPackages(["./bad", "./badtag", "./broken"], opts(root));
    const [bad, badtag, broken] = r.packages;
    assert.deepEqual(names(bad), {
      go: ["x.go"],
      test: [],
      xtest: ["z_test.go"],
      ignored: [],
      invalid: ["y.go"],
    });
    assert.deepEqual(bad!.errors.map(formatDiagnostic), [
      `${root}/bad/y.go:1:9: found packages a (x.go) and b (y.go) in ${root}/bad`,
    ]);
    assert.deepEqual(badtag!.invalidGoFiles, ["t.go"]);
    assert.deepEqual(badtag!.errors.map(formatDiagnostic), [
      `${root}/badtag/t.go:1:20: parsing //go:build line: unexpected end of expression`,
    ]);
    assert.deepEqual(broken!.invalidGoFiles, ["b.go"]);
    assert.match(formatDiagnostic(broken!.errors[0]!), /broken\/b\.go:2:1: /);
  });

  it("reports directories that hold no package", () => {
    const r = loadPackages(["./onlywin", "./empty", "./nowhere", "./onlywin/..."], opts(root));
    assert.deepEqual(
      r.packages.map((p) => p.errors.map(formatDiagnostic)),
      [
        [`${root}/onlywin: build constraints exclude all Go files in ${root}/onlywin`],
        [`${root}/empty: no Go files in ${root}/empty`],
      ],
    );
    assert.deepEqual(r.errors.map(formatDiagnostic), [
      "./nowhere: directory ./nowhere does not exist",
      "./onlywin/...: pattern ./onlywin/... matched no packages",
    ]);
    // In a module, go list walks from the module root: nothing below testdata matches, but the
    // directory itself can be named.
    assert.deepEqual(loadPackages(["./sub/testdata/..."], opts(root)).packages, []);
    assert.deepEqual(
      loadPackages(["./sub/testdata"], opts(root)).packages.map((p) => p.importPath),
      ["example.com/m/sub/testdata"],
    );
  });

  it("takes directories with or without ./, dir/..., and partial names before ...", () => {
    const paths = (pats: string[]) => loadPackages(pats, opts(root)).packages.map((p) => p.importPath);
    assert.deepEqual(paths(["sub"]), ["example.com/m/sub"]);
    assert.deepEqual(paths(["./sub/..."]), ["example.com/m/sub", "example.com/m/sub/deeper"]);
    assert.deepEqual(paths([`${root}/sub/...`]), ["example.com/m/sub", "example.com/m/sub/deeper"]);
    assert.deepEqual(paths(["./b..."]), [
      "example.com/m/bad",
      "example.com/m/badtag",
      "example.com/m/broken",
    ]);
    // The same package named twice is loaded once.
    assert.deepEqual(paths(["./sub", "sub", "./sub/..."]), ["example.com/m/sub", "example.com/m/sub/deeper"]);
    // Explicitly named, a nested module is loaded as its own module.
    const nested = loadPackages(["./nested"], opts(root)).packages[0]!;
    assert.deepEqual(
      [nested.importPath, nested.module?.path, nested.goVersion],
      ["example.com/nested", "example.com/nested", "1.16"],
    );
  });

  it("takes import paths and import path patterns of the module", () => {
    const paths = (pats: string[]) => loadPackages(pats, opts(root)).packages.map((p) => p.importPath);
    assert.deepEqual(paths(["example.com/m/sub"]), ["example.com/m/sub"]);
    assert.deepEqual(paths(["example.com/m/sub/..."]), ["example.com/m/sub", "example.com/m/sub/deeper"]);
    const r = loadPackages(["example.com/m/nope", "example.org/other/..."], opts(root));
    assert.deepEqual(r.errors.map(formatDiagnostic), [
      "example.com/m/nope: no required module provides package example.com/m/nope",
      "example.org/other/...: pattern example.org/other/... matched no packages",
    ]);
  });

  it("keeps std, cmd and all for the go command's meta-patterns", () => {
    const t = makeTree({ "go.mod": "module m\n", "std/s.go": "package std\n", "all/a.go": "package all\n" });
    const r = loadPackages(["std", "all", "./std"], opts(t));
    assert.deepEqual(
      r.packages.map((p) => p.importPath),
      ["m/std"],
    );
    assert.deepEqual(r.errors.map(formatDiagnostic), [
      "std: pattern std needs a Go installation (GOROOT)",
      'all: pattern "all" is not supported; use ./... for the module\'s packages',
    ]);
  });

  it("makes one ad-hoc package of named files, with constraints still applied", () => {
    const r = loadPackages(["a.go", "a_windows.go", "b_test.go", "c_test.go"], opts(root));
    assert.deepEqual(r.errors, []);
    const p = r.packages[0]!;
    assert.equal(p.importPath, "command-line-arguments");
    assert.equal(p.module?.path, "example.com/m");
    assert.deepEqual(names(p), {
      go: ["a.go"],
      test: ["b_test.go"],
      xtest: ["c_test.go"],
      ignored: ["a_windows.go"],
      invalid: [],
    });
    const bad = loadPackages(["a.go", "sub/s.go"], opts(root));
    assert.deepEqual(bad.packages, []);
    assert.match(formatDiagnostic(bad.errors[0]!), /named files must all be in one directory/);
    const only = loadPackages(["a_windows.go"], opts(root));
    assert.match(formatDiagnostic(only.packages[0]!.errors[0]!), /build constraints exclude all Go files/);
  });

  it("loads imported packages through the resolver, once", () => {
    const loader = new Loader(opts(root));
    const [p] = loader.load(["."]).packages;
    const sub = loader.importPackage("example.com/m/sub", p!);
    assert.equal(sub.resolution.kind, "dir");
    assert.equal(sub.package?.importPath, "example.com/m/sub");
    assert.equal(loader.importPackage("example.com/m/sub", p!).package, sub.package);
    const fmt = loader.importPackage("fmt", p!);
    assert.deepEqual(fmt, { resolution: { kind: "std", importPath: "fmt", dir: null }, package: null });
    const missing = loader.importPackage("example.org/x", p!);
    assert.equal(missing.resolution.kind, "missing");
    assert.equal(missing.package, null);
  });

  it("does not follow symbolic links to directories", () => {
    const t = makeTree({ "go.mod": "module s\n", "real/r.go": "package real\n" });
    symlinkSync(path.join(t, "real"), path.join(t, "link"));
    assert.deepEqual(
      loadPackages(["./..."], opts(t)).packages.map((p) => p.importPath),
      ["s/real"],
    );
  });
});

describe("loading outside a module", () => {
  it("names packages by GOPATH layout", () => {
    const root = makeTree({
      "gopath/src/example.org/p/p.go": 'package p\n\nimport "example.org/q"\n',
      "gopath/src/example.org/p/vendor/example.org/q/q.go": "package q\n",
      "gopath/src/example.org/q/q.go": "package q\n",
    });
    const loader = new Loader(opts(root, { dir: path.join(root, "gopath/src/example.org/p") }));
    const r = loader.load(["./..."]);
    assert.deepEqual(
      r.packages.map((p) => [p.importPath, p.module, p.workspace.mode]),
      [["example.org/p", null, "gopath"]],
    );
    const q = loader.importPackage("example.org/q", r.packages[0]!);
    assert.equal(q.package?.importPath, "example.org/p/vendor/example.org/q");
  });

  it("uses the directory as the identity when there is neither module nor GOPATH", () => {
    const root = makeTree({ "x/x.go": "package x\n" });
    const [p] = loadPackages(["./x"], opts(root)).packages;
    assert.equal(p?.importPath, `${root}/x`);
    assert.equal(p?.workspace.mode, "none");
    assert.equal(p?.goVersion, "1.27");
  });

  it("treats GO111MODULE=off as GOPATH mode even beside a go.mod", () => {
    const root = makeTree({ "gopath/src/a/go.mod": "module zzz\n", "gopath/src/a/a.go": "package a\n" });
    const o = opts(root, { dir: path.join(root, "gopath/src/a") });
    const [p] = loadPackages(["."], { ...o, env: { ...o.env, GO111MODULE: "off" } }).packages;
    assert.equal(p?.importPath, "a");
  });
});

describe("loading a go.work workspace", () => {
  const root = makeTree({
    "go.work": "go 1.22\n\nuse (\n\t./a\n\t./b\n)\n",
    "a/go.mod": "module example.com/a\n\ngo 1.22\n",
    "a/a.go": 'package a\n\nimport "example.com/b"\n\nvar _ = b.B\n',
    "b/go.mod": "module example.com/b\n\ngo 1.20\n",
    "b/b.go": "package b\n\nconst B = 1\n",
    "c/go.mod": "module example.com/c\n",
    "c/c.go": "package c\n",
  });

  it("loads a module that go.work does not use on its own", () => {
    const [c] = loadPackages(["./c"], opts(root)).packages;
    assert.deepEqual([c?.importPath, c?.workspace.mode], ["example.com/c", "module"]);
  });

  it("walks every workspace module under the pattern, and not the others", () => {
    const r = loadPackages(["./..."], opts(root));
    assert.deepEqual(
      r.packages.map((p) => [p.importPath, p.goVersion, p.workspace.mode]),
      [
        ["example.com/a", "1.22", "workspace"],
        ["example.com/b", "1.20", "workspace"],
      ],
    );
  });

  it("resolves imports between workspace modules", () => {
    const loader = new Loader(opts(root));
    const [a] = loader.load(["./a"]).packages;
    const b = loader.importPackage("example.com/b", a!);
    assert.equal(b.package?.dir, path.join(root, "b"));
    assert.equal(b.resolution.kind === "dir" && b.resolution.via, "main");
  });

  it("is ignored with GOWORK=off", () => {
    const o = opts(root);
    const [a] = loadPackages(["./a"], { ...o, env: { ...o.env, GOWORK: "off" } }).packages;
    assert.equal(a?.workspace.mode, "module");
  });
});

describe("patterns", () => {
  it("match like go's search.MatchPattern", () => {
    const cases: [string, string, boolean][] = [
      ["net/...", "net", true],
      ["net/...", "net/http", true],
      ["net/...", "netchan", false],
      ["net...", "netchan", true],
      ["net/.../x", "net/a/b/x", true],
      ["a.b", "axb", false],
      ["...", "anything/at/all", true],
    ];
    for (const [pat, name, want] of cases) assert.equal(matchPattern(pat)(name), want, `${pat} ${name}`);
  });
});

describe("remembered file facts", () => {
  /** A store in memory that counts what it is asked. */
  function memoryStore() {
    const entries = new Map<string, { stamp: string; facts: FileFacts }>();
    const counts = { hits: 0, misses: 0, puts: 0 };
    const store: FileFactsStore = {
      get(file, stamp) {
        const e = entries.get(file);
        if (e === undefined || e.stamp !== stamp) {
          counts.misses++;
          return null;
        }
        counts.hits++;
        return e.facts;
      },
      put(file, stamp, facts) {
        counts.puts++;
        entries.set(file, { stamp, facts });
      },
    };
    return { store, counts };
  }
  const files = {
    "go.mod": "module example.com/m\n\ngo 1.21\n",
    "a/a.go": 'package a\n\nimport (\n\t"fmt"\n\t"example.com/m/b"\n)\n\nfunc A() { fmt.Println(b.B) }\n',
    "a/a_linux.go": '//go:build linux\n\npackage a\n\nimport "os"\n\nvar _ = os.Args\n',
    "a/a_test.go": 'package a_test\n\nimport "testing"\n\nfunc TestA(t *testing.T) {}\n',
    "b/b.go": "package b\n\nconst B = 1\n",
  };
  const shape = (ps: Package[]) =>
    ps.map((p) => ({
      path: p.importPath,
      name: p.name,
      files: [...p.goFiles, ...p.xTestGoFiles].map((f) => [f.name, f.imports, f.content?.hash]),
      errors: p.errors.map((e) => formatDiagnostic(e)),
    }));

  it("serve a second load without reading the files, with the same packages", () => {
    const root = makeTree(files);
    const { store, counts } = memoryStore();
    const o = opts(root, {
      factsStore: store,
      factsTrustedBefore: Date.now() + 60_000,
      hashFiles: true,
      goos: "linux",
    });
    const first = new Loader(o).load(["./..."]).packages;
    assert.equal(counts.puts, 4);
    assert.ok(first.every((p) => p.goFiles.every((f) => f.bytes !== undefined)));
    const second = new Loader(o).load(["./..."]).packages;
    assert.equal(counts.hits, 4);
    assert.ok(second.every((p) => [...p.goFiles, ...p.xTestGoFiles].every((f) => f.bytes === undefined)));
    assert.deepEqual(shape(second), shape(first));
  });

  it("are not used for a changed file, nor for one modified within the stamps' resolution", () => {
    const root = makeTree(files);
    const { store, counts } = memoryStore();
    const trusted = opts(root, {
      factsStore: store,
      factsTrustedBefore: Date.now() + 60_000,
      hashFiles: true,
    });
    new Loader(trusted).load(["./..."]);
    writeFileSync(
      path.join(root, "b/b.go"),
      'package b\n\nimport "strings"\n\nvar B = strings.ToUpper("x")\n',
    );
    const after = new Loader(trusted).load(["./..."]).packages;
    const b = after.find((p) => p.importPath === "example.com/m/b");
    assert.deepEqual(
      b?.goFiles[0]?.imports.map((i) => i.path),
      ["strings"],
    );
    assert.ok(b?.goFiles[0]?.bytes !== undefined);
    // with the default window, files written just now are read, whatever the store holds
    const hits = counts.hits;
    new Loader(opts(root, { factsStore: store, hashFiles: true })).load(["./..."]);
    assert.equal(counts.hits, hits);
  });
});
