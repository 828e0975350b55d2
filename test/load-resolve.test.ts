import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { formatDiagnostic } from "../src/load/diagnostic.js";
import {
  type Env,
  escapeModulePath,
  findGoRoot,
  type Importer,
  isStandardImportPath,
  moduleCacheDir,
  moduleCachePath,
  parseModulesTxt,
  type Resolution,
  Resolver,
  resolveStdImport,
  unescapeModulePath,
} from "../src/load/resolve.js";

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function makeTree(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), "gopitfall-resolve-")));
  roots.push(root);
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(root, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return root;
}

function env(root: string, extra: Env = {}): Env {
  return { GOPATH: path.join(root, "gopath"), GOMODCACHE: path.join(root, "modcache"), HOME: root, ...extra };
}

/** Resolves importPath as seen from a non-standard package in dir. */
function resolveFrom(resolver: Resolver, dir: string, importPath: string): Resolution {
  const ws = resolver.workspaceFor(dir);
  const importer: Importer = { dir, importPath: "", module: ws.mainModuleFor(dir), standard: false };
  return ws.resolve(importPath, importer);
}

/** The resolution reduced to what tests compare: kind, import path, directory relative to root, via. */
function brief(root: string, r: Resolution): string[] {
  if (r.kind === "missing") return ["missing", r.importPath];
  const rel = r.dir === null ? "-" : path.relative(root, r.dir);
  return r.kind === "std" ? ["std", r.importPath, rel] : ["dir", r.importPath, rel, r.via];
}

describe("module cache paths", () => {
  it("escape capitals with !", () => {
    assert.equal(escapeModulePath("github.com/BurntSushi/toml"), "github.com/!burnt!sushi/toml");
    assert.equal(unescapeModulePath("github.com/!burnt!sushi/toml"), "github.com/BurntSushi/toml");
    assert.equal(unescapeModulePath("github.com/Bad"), null);
    assert.equal(unescapeModulePath("bad!"), null);
    assert.equal(
      moduleCachePath("/c", "github.com/Azure/go-autorest", "v0.0.0-2020-ABC"),
      path.join("/c", "github.com/!azure/go-autorest@v0.0.0-2020-!a!b!c"),
    );
  });

  it("come from GOMODCACHE, else the first GOPATH entry, else ~/go", () => {
    assert.equal(moduleCacheDir({ GOMODCACHE: "/m", GOPATH: "/g" }), path.resolve("/m"));
    assert.equal(moduleCacheDir({ GOPATH: `/g1${path.delimiter}/g2` }), path.resolve("/g1/pkg/mod"));
    assert.equal(moduleCacheDir({ HOME: "/home/u" }), path.join("/home/u", "go", "pkg", "mod"));
  });

  it("tell standard library paths by their first element", () => {
    assert.equal(isStandardImportPath("net/http"), true);
    assert.equal(isStandardImportPath("fmt"), true);
    assert.equal(isStandardImportPath("github.com/x/y"), false);
    assert.equal(isStandardImportPath("example.com"), false);
    assert.equal(isStandardImportPath(""), false);
  });
});

describe("Go installations", () => {
  const root = makeTree({
    "go1/VERSION": "go1.22.5\ntime 2024-01-01T00:00:00Z\n",
    "go1/src/runtime/runtime.go": "package runtime\n",
    "go1/bin/go": "#!/bin/sh\n",
    "dev/src/runtime/runtime.go": "package runtime\n",
    "dev/src/internal/goversion/goversion.go": "package goversion\n\nconst Version = 24\n",
    "notgo/src/x.go": "",
  });
  chmodSync(path.join(root, "go1/bin/go"), 0o755);
  mkdirSync(path.join(root, "bin"));
  symlinkSync(path.join(root, "go1/bin/go"), path.join(root, "bin/go"));

  it("are found through GOROOT", () => {
    const g = findGoRoot({ GOROOT: path.join(root, "dev"), PATH: path.join(root, "bin"), HOME: root });
    assert.deepEqual(g, { dir: path.join(root, "dev"), version: "1.24", via: "GOROOT" });
  });

  it("are found through the go command on PATH, following its symlink", () => {
    const g = findGoRoot({
      GOROOT: path.join(root, "notgo"),
      PATH: `/nonexistent:${path.join(root, "bin")}`,
      HOME: root,
    });
    assert.deepEqual(g, { dir: path.join(root, "go1"), version: "1.22.5", via: "PATH" });
  });

  it("serve the standard library with its own vendored packages", () => {
    const t = makeTree({
      "src/net/http/h.go": "",
      "src/vendor/golang.org/x/net/http2/hpack/h.go": "",
      "src/cmd/go/main.go": "",
      "src/cmd/vendor/golang.org/x/mod/modfile/f.go": "",
    });
    const src = path.join(t, "src");
    assert.deepEqual(resolveStdImport(src, "net/http", null), {
      importPath: "net/http",
      dir: path.join(src, "net/http"),
    });
    assert.deepEqual(resolveStdImport(src, "golang.org/x/net/http2/hpack", "net/http"), {
      importPath: "vendor/golang.org/x/net/http2/hpack",
      dir: path.join(src, "vendor/golang.org/x/net/http2/hpack"),
    });
    assert.equal(resolveStdImport(src, "golang.org/x/net/http2/hpack", null), null);
    assert.equal(resolveStdImport(src, "golang.org/x/mod/modfile", "net/http"), null);
    assert.deepEqual(resolveStdImport(src, "golang.org/x/mod/modfile", "cmd/go"), {
      importPath: "cmd/vendor/golang.org/x/mod/modfile",
      dir: path.join(src, "cmd/vendor/golang.org/x/mod/modfile"),
    });
    assert.equal(resolveStdImport(src, "no/such", null), null);
  });
});

describe("module mode", () => {
  const root = makeTree({
    "app/go.mod": `module example.com/app

go 1.21

require (
\tgithub.com/BurntSushi/toml v1.3.2
\texample.com/lib v1.0.0
\texample.com/forked v1.1.0
\texample.com/pinned v1.0.0
\texample.com/gone v1.0.0
)

replace example.com/forked => ../fork

replace example.com/pinned v1.0.0 => example.com/other v2.0.0+incompatible
replace example.com/pinned v0.9.0 => ../never
`,
    "app/main.go": "package main\n",
    "app/internal/x/x.go": "package x\n",
    "fork/go.mod": "module example.com/forked\n\ngo 1.18\n",
    "fork/sub/s.go": "package sub\n",
    "modcache/github.com/!burnt!sushi/toml@v1.3.2/go.mod": "module github.com/BurntSushi/toml\n\ngo 1.16\n",
    "modcache/github.com/!burnt!sushi/toml@v1.3.2/decode.go": "package toml\n",
    "modcache/example.com/lib@v1.0.0/lib.go": "package lib\n",
    "modcache/example.com/lib@v1.0.0/sub/go.mod": "module example.com/lib/sub\n",
    "modcache/example.com/lib/sub@v1.5.0/s.go": "package sub\n",
    "modcache/example.com/other@v2.0.0+incompatible/o.go": "package other\n",
    "modcache/example.com/indirect@v0.1.0/i.go": "package indirect\n",
    "modcache/example.com/indirect@v0.3.0/i.go": "package indirect\n",
    "modcache/example.com/indirect@v0.10.0/i.go": "package indirect\n",
    "gopath/src/example.org/laidout/sub/s.go": "package sub\n",
    "gopath/src/example.org/laidout/go.mod": "module example.org/laidout/v2\n",
  });
  const resolver = new Resolver({ env: env(root), goRoot: null });
  const app = path.join(root, "app");

  it("resolves the main module, the cache, replacements, and missing packages", () => {
    const cases: [string, string[]][] = [
      ["example.com/app/internal/x", ["dir", "example.com/app/internal/x", "app/internal/x", "main"]],
      [
        "github.com/BurntSushi/toml",
        ["dir", "github.com/BurntSushi/toml", "modcache/github.com/!burnt!sushi/toml@v1.3.2", "cache"],
      ],
      ["example.com/lib", ["dir", "example.com/lib", "modcache/example.com/lib@v1.0.0", "cache"]],
      // A package of a module the main module does not require: the newest cached version.
      [
        "example.com/lib/sub",
        ["dir", "example.com/lib/sub", "modcache/example.com/lib/sub@v1.5.0", "cache-newest"],
      ],
      [
        "example.com/indirect",
        ["dir", "example.com/indirect", "modcache/example.com/indirect@v0.10.0", "cache-newest"],
      ],
      ["example.com/forked/sub", ["dir", "example.com/forked/sub", "fork/sub", "replace"]],
      [
        "example.com/pinned",
        ["dir", "example.com/pinned", "modcache/example.com/other@v2.0.0+incompatible", "replace"],
      ],
      ["example.com/gone", ["missing", "example.com/gone"]],
      // Not in the module cache, but laid out in GOPATH/src.
      [
        "example.org/laidout/sub",
        ["dir", "example.org/laidout/sub", "gopath/src/example.org/laidout/sub", "gopath"],
      ],
      [
        "example.org/laidout/v2/sub",
        ["dir", "example.org/laidout/v2/sub", "gopath/src/example.org/laidout/sub", "gopath"],
      ],
      ["fmt", ["std", "fmt", "-"]],
    ];
    for (const [imp, want] of cases)
      assert.deepEqual(brief(root, resolveFrom(resolver, app, imp)), want, imp);
  });

  it("gives dependencies their own Go version and the main module's from go.mod", () => {
    const toml = resolveFrom(resolver, app, "github.com/BurntSushi/toml");
    assert.ok(toml.kind === "dir");
    assert.deepEqual(
      [toml.module?.path, toml.module?.version, toml.module?.goVersion, toml.module?.main],
      ["github.com/BurntSushi/toml", "v1.3.2", "1.16", false],
    );
    const lib = resolveFrom(resolver, app, "example.com/lib");
    assert.ok(lib.kind === "dir");
    assert.equal(lib.module?.goVersion, "1.11");
    const fork = resolveFrom(resolver, app, "example.com/forked/sub");
    assert.ok(fork.kind === "dir");
    assert.deepEqual([fork.module?.path, fork.module?.goVersion], ["example.com/forked", "1.18"]);
    const ws = resolver.workspaceFor(app);
    assert.deepEqual(
      [ws.mode, ws.mainModules[0]?.goVersion, ws.mainModules[0]?.main],
      ["module", "1.21", true],
    );
  });

  it("lets a module whose path has no dot own its imports", () => {
    const t = makeTree({ "go.mod": "module tools\n", "x/x.go": "package x\n" });
    const r = new Resolver({ env: env(t), goRoot: null });
    assert.deepEqual(brief(t, resolveFrom(r, t, "tools/x")), ["dir", "tools/x", "x", "main"]);
    assert.deepEqual(brief(t, resolveFrom(r, t, "strings")), ["std", "strings", "-"]);
  });

  it("reports go.mod errors through the workspace", () => {
    const t = makeTree({ "go.mod": "module m\ngo 1.21 1.22\n" });
    const ws = new Resolver({ env: env(t), goRoot: null }).workspaceFor(t);
    assert.deepEqual(ws.errors.map(formatDiagnostic), [
      `${t}/go.mod:2:1: go directive expects exactly one argument`,
    ]);
  });
});

describe("vendor mode", () => {
  const files = (goVersion: string) => ({
    "go.mod": `module example.com/v\n\ngo ${goVersion}\n\nrequire example.com/dep v1.2.0\n`,
    "vendor/modules.txt":
      "# example.com/dep v1.2.0\n## explicit; go 1.20\nexample.com/dep\nexample.com/dep/inner\n# example.com/old v0.1.0 => ./old\nexample.com/old\n",
    "vendor/example.com/dep/d.go": "package dep\n",
    "vendor/example.com/dep/inner/i.go": "package inner\n",
    "modcache/example.com/dep@v1.2.0/d.go": "package dep\n",
  });

  it("is used from go 1.14 on when vendor/modules.txt exists", () => {
    const t = makeTree(files("1.14"));
    const r = new Resolver({ env: env(t), goRoot: null });
    const dep = resolveFrom(r, t, "example.com/dep/inner");
    assert.deepEqual(brief(t, dep), [
      "dir",
      "example.com/dep/inner",
      "vendor/example.com/dep/inner",
      "vendor",
    ]);
    assert.ok(dep.kind === "dir");
    assert.deepEqual(
      [dep.module?.path, dep.module?.version, dep.module?.goVersion],
      ["example.com/dep", "v1.2.0", "1.20"],
    );
    assert.deepEqual(brief(t, resolveFrom(r, t, "example.com/nope")), ["missing", "example.com/nope"]);
  });

  it("is not used before go 1.14, nor with -mod=mod", () => {
    const old = makeTree(files("1.13"));
    const r = new Resolver({ env: env(old), goRoot: null });
    assert.deepEqual(brief(old, resolveFrom(r, old, "example.com/dep")), [
      "dir",
      "example.com/dep",
      "modcache/example.com/dep@v1.2.0",
      "cache",
    ]);
    const t = makeTree(files("1.21"));
    const modMode = new Resolver({ env: env(t, { GOFLAGS: "-mod=mod" }), goRoot: null });
    assert.equal((resolveFrom(modMode, t, "example.com/dep") as { via: string }).via, "cache");
  });

  it("reads modules.txt", () => {
    const info = parseModulesTxt("/v", files("1.21")["vendor/modules.txt"]);
    assert.deepEqual(
      info.modules.map((m) => [m.path, m.version, m.replacement, m.goVersion, m.explicit, m.packages]),
      [
        ["example.com/dep", "v1.2.0", null, "1.20", true, ["example.com/dep", "example.com/dep/inner"]],
        ["example.com/old", "v0.1.0", "./old", null, false, ["example.com/old"]],
      ],
    );
    assert.equal(info.packageModule.get("example.com/dep/inner")?.path, "example.com/dep");
  });
});

describe("workspaces", () => {
  const root = makeTree({
    "go.work": "go 1.22\n\nuse ./a\nuse ./b\nuse ./missing\n\nreplace example.com/dep => ./wdep\n",
    "a/go.mod":
      "module example.com/a\n\ngo 1.22\n\nrequire example.com/dep v1.0.0\n\nreplace example.com/dep => ./adep\n",
    "a/a.go": "package a\n",
    "b/go.mod": "module example.com/b\n\ngo 1.21\n",
    "b/inner/i.go": "package inner\n",
    "wdep/go.mod": "module example.com/dep\n",
    "wdep/d.go": "package dep\n",
    "a/adep/go.mod": "module example.com/dep\n",
    "a/adep/d.go": "package dep\n",
  });
  const resolver = new Resolver({ env: env(root), goRoot: null });

  it("resolve between workspace modules, with go.work's replacements first", () => {
    const a = path.join(root, "a");
    assert.deepEqual(brief(root, resolveFrom(resolver, a, "example.com/b/inner")), [
      "dir",
      "example.com/b/inner",
      "b/inner",
      "main",
    ]);
    assert.deepEqual(brief(root, resolveFrom(resolver, a, "example.com/dep")), [
      "dir",
      "example.com/dep",
      "wdep",
      "replace",
    ]);
  });

  it("report use directories without go.mod", () => {
    const ws = resolver.workspaceFor(path.join(root, "b"));
    assert.equal(ws.mode, "workspace");
    assert.deepEqual(
      ws.mainModules.map((m) => m.path),
      ["example.com/a", "example.com/b"],
    );
    assert.deepEqual(ws.errors.map(formatDiagnostic), [`${root}/go.work:5:1: no go.mod file in ./missing`]);
  });

  it("are found through GOWORK, and turned off by it", () => {
    const t = makeTree({ "m/go.mod": "module m\n" });
    const viaEnv = new Resolver({ env: env(t, { GOWORK: path.join(root, "go.work") }), goRoot: null });
    assert.equal(viaEnv.workspaceFor(t).mainModules.length, 2);
    // A module the named go.work does not use is loaded on its own.
    assert.equal(viaEnv.workspaceFor(path.join(t, "m")).mode, "module");
    const off = new Resolver({ env: env(root, { GOWORK: "off" }), goRoot: null });
    assert.equal(off.workspaceFor(path.join(root, "a")).mode, "module");
  });
});

describe("GOPATH mode", () => {
  const root = makeTree({
    "gopath/src/example.org/app/main.go": "package main\n",
    "gopath/src/example.org/app/vendor/example.org/v/v.go": "package v\n",
    "gopath/src/example.org/app/cmd/tool/t.go": "package main\n",
    "gopath/src/example.org/lib/l.go": "package lib\n",
    "gopath/src/example.org/mod/go.mod": "module example.org/mod/v3\n",
    "gopath/src/example.org/mod/sub/s.go": "package sub\n",
    "second/src/example.org/far/f.go": "package far\n",
  });
  const e = env(root, {
    GOPATH: `${path.join(root, "gopath")}${path.delimiter}${path.join(root, "second")}`,
  });
  const resolver = new Resolver({ env: e, goRoot: null });
  const tool = path.join(root, "gopath/src/example.org/app/cmd/tool");

  it("looks in vendor directories up the tree, then in each GOPATH", () => {
    const cases: [string, string[]][] = [
      [
        "example.org/v",
        [
          "dir",
          "example.org/app/vendor/example.org/v",
          "gopath/src/example.org/app/vendor/example.org/v",
          "gopath",
        ],
      ],
      ["example.org/lib", ["dir", "example.org/lib", "gopath/src/example.org/lib", "gopath"]],
      ["example.org/far", ["dir", "example.org/far", "second/src/example.org/far", "gopath"]],
      // Minimal module compatibility: /v3 is dropped for a module that declares it.
      ["example.org/mod/v3/sub", ["dir", "example.org/mod/sub", "gopath/src/example.org/mod/sub", "gopath"]],
      ["example.org/lib/v2", ["missing", "example.org/lib/v2"]],
      ["os", ["std", "os", "-"]],
    ];
    for (const [imp, want] of cases)
      assert.deepEqual(brief(root, resolveFrom(resolver, tool, imp)), want, imp);
    assert.equal(resolver.workspaceFor(tool).mode, "gopath");
  });
});

describe("standard library from a Go source tree", () => {
  const root = makeTree({
    "goroot/VERSION": "go1.19.8\n",
    "goroot/src/go.mod":
      "module std\n\ngo 1.19\n\nrequire golang.org/x/net v0.0.0-20220722155237-a158d28d115b\n",
    "goroot/src/runtime/r.go": "package runtime\n",
    "goroot/src/net/http/h.go": "package http\n",
    "goroot/src/vendor/modules.txt":
      "# golang.org/x/net v0.0.0-20220722155237-a158d28d115b\n## explicit; go 1.17\ngolang.org/x/net/http2/hpack\n",
    "goroot/src/vendor/golang.org/x/net/http2/hpack/h.go": "package hpack\n",
    "goroot/src/cmd/go.mod": "module cmd\n\ngo 1.19\n",
    "goroot/src/cmd/go/main.go": "package main\n",
    "goroot/src/cmd/vendor/golang.org/x/mod/modfile/f.go": "package modfile\n",
    "user/go.mod": "module example.com/user\n",
  });
  const goRoot = { dir: path.join(root, "goroot"), version: "1.19.8", via: "GOROOT" as const };
  const resolver = new Resolver({ env: env(root), goRoot });

  it("resolves std imports to GOROOT/src, and to the bundled model when GOROOT lacks them", () => {
    const user = path.join(root, "user");
    assert.deepEqual(brief(root, resolveFrom(resolver, user, "net/http")), [
      "std",
      "net/http",
      "goroot/src/net/http",
    ]);
    assert.deepEqual(brief(root, resolveFrom(resolver, user, "log/slog")), ["std", "log/slog", "-"]);
    // A user package cannot reach the standard library's vendored copy.
    assert.deepEqual(brief(root, resolveFrom(resolver, user, "golang.org/x/net/http2/hpack")), [
      "missing",
      "golang.org/x/net/http2/hpack",
    ]);
  });

  it("resolves the standard library's own imports, vendored ones included", () => {
    const src = path.join(root, "goroot/src");
    const ws = resolver.workspaceFor(path.join(src, "net/http"));
    const std = ws.mainModuleFor(src);
    assert.equal(std?.path, "std");
    const from = (dir: string, importPath: string): Importer => ({
      dir: path.join(src, dir),
      importPath,
      module: resolver.workspaceFor(path.join(src, dir)).mainModuleFor(path.join(src, dir)),
      standard: true,
    });
    assert.deepEqual(brief(root, ws.resolve("golang.org/x/net/http2/hpack", from("net/http", "net/http"))), [
      "std",
      "vendor/golang.org/x/net/http2/hpack",
      "goroot/src/vendor/golang.org/x/net/http2/hpack",
    ]);
    const cmdWs = resolver.workspaceFor(path.join(src, "cmd/go"));
    assert.deepEqual(brief(root, cmdWs.resolve("golang.org/x/mod/modfile", from("cmd/go", "cmd/go"))), [
      "std",
      "cmd/vendor/golang.org/x/mod/modfile",
      "goroot/src/cmd/vendor/golang.org/x/mod/modfile",
    ]);
    assert.deepEqual(brief(root, cmdWs.resolve("net/http", from("cmd/go", "cmd/go"))), [
      "std",
      "net/http",
      "goroot/src/net/http",
    ]);
  });
});
