// Agreement with `go list`: the same packages with the same files, on the Go installation's
// standard library and on a module built to hold the awkward cases, for several targets. Runs
// only where a `go` command is installed (CI installs Debian's); the product never needs it.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { Loader, type Package } from "../src/load/packages.js";
import { findGoRoot } from "../src/load/resolve.js";

type Env = Record<string, string | undefined>;

function run(args: string[], cwd: string, env: Env): { ok: boolean; out: string } {
  const r = spawnSync("go", args, { cwd, env, encoding: "utf8", maxBuffer: 1 << 28 });
  return { ok: r.status === 0, out: r.stdout ?? "" };
}

const baseEnv: Env = { ...process.env, GOFLAGS: "", GOWORK: "off", GO111MODULE: "on", GOPROXY: "off" };
const goroot = run(["env", "GOROOT"], tmpdir(), baseEnv);
const haveGo = goroot.ok && goroot.out.trim() !== "";

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

interface Listed {
  name: string;
  dir: string;
  goFiles: string;
  testGoFiles: string;
  xTestGoFiles: string;
  ignoredGoFiles: string;
}

const FORMAT =
  '{{.ImportPath}}\t{{.Dir}}\t{{.Name}}\t{{join .GoFiles " "}} {{join .CgoFiles " "}}\t{{join .TestGoFiles " "}}\t{{join .XTestGoFiles " "}}\t{{join .IgnoredGoFiles " "}}';

const sortJoin = (xs: string[]) =>
  [...xs]
    .filter((x) => x !== "")
    .sort()
    .join(" ");

function goList(dir: string, pattern: string, env: Env, tags: string[]): Map<string, Listed> {
  const args = ["list", "-e", ...(tags.length > 0 ? ["-tags", tags.join(",")] : []), "-f", FORMAT, pattern];
  const r = run(args, dir, env);
  const out = new Map<string, Listed>();
  for (const line of r.out.replace(/\n$/, "").split("\n")) {
    if (line === "") continue;
    const [ip, d, name, gf, tf, xf, ign] = line.split("\t");
    out.set(ip!, {
      name: name!,
      dir: realpathSync(d!),
      goFiles: sortJoin(gf!.split(" ")),
      testGoFiles: sortJoin(tf!.split(" ")),
      xTestGoFiles: sortJoin(xf!.split(" ")),
      ignoredGoFiles: sortJoin(ign!.split(" ")),
    });
  }
  return out;
}

function ours(p: Package): Listed {
  return {
    name: p.name,
    dir: realpathSync(p.dir),
    goFiles: sortJoin(p.goFiles.map((f) => f.name)),
    testGoFiles: sortJoin(p.testGoFiles.map((f) => f.name)),
    xTestGoFiles: sortJoin(p.xTestGoFiles.map((f) => f.name)),
    ignoredGoFiles: sortJoin(p.ignoredGoFiles),
  };
}

interface Target {
  GOOS: string;
  GOARCH: string;
  CGO_ENABLED: string;
  tags?: string[];
}

/** Loads with our loader and go list under the same target, and compares package by package. */
function compare(dir: string, pattern: string, t: Target): { packages: number } {
  const env: Env = { ...baseEnv, GOOS: t.GOOS, GOARCH: t.GOARCH, CGO_ENABLED: t.CGO_ENABLED };
  const tags = t.tags ?? [];
  // The toolchain's own tool and release tags, so that a newer Go's experiments still agree.
  const ctx = run(
    ["list", "-f", '{{join context.ToolTags ","}} {{join context.ReleaseTags ","}}', "unsafe"],
    dir,
    env,
  );
  const [toolTags, releaseTags] = ctx.out.trim().split(" ");
  const goVersion = releaseTags!.split(",").at(-1)!.slice(2);
  const loader = new Loader({
    dir,
    env,
    goRoot: findGoRoot({ GOROOT: goroot.out.trim() }),
    buildTags: tags,
    toolTags: toolTags === "" ? [] : toolTags!.split(","),
    goVersion,
  });
  const result = loader.load([pattern]);
  const want = goList(dir, pattern, env, tags);
  const got = new Map(result.packages.map((p) => [p.importPath, ours(p)]));
  assert.deepEqual(
    [...got.keys()].sort(),
    [...want.keys()].sort(),
    `${pattern} ${JSON.stringify(t)}: package list`,
  );
  for (const [ip, w] of want) assert.deepEqual(got.get(ip), w, `${ip} ${JSON.stringify(t)}`);
  return { packages: want.size };
}

const targets: Target[] = [
  { GOOS: "linux", GOARCH: "amd64", CGO_ENABLED: "1" },
  { GOOS: "windows", GOARCH: "amd64", CGO_ENABLED: "0" },
  { GOOS: "darwin", GOARCH: "arm64", CGO_ENABLED: "1" },
];

describe("agreement with go list", { skip: haveGo ? false : "no go command" }, () => {
  for (const t of targets) {
    it(`std on ${t.GOOS}/${t.GOARCH} cgo=${t.CGO_ENABLED}`, () => {
      const src = path.join(goroot.out.trim(), "src");
      const { packages } = compare(src, "std", t);
      assert.ok(packages > 100);
    });
  }

  it("cmd, from GOROOT/src where a directory has the same name", () => {
    const src = path.join(goroot.out.trim(), "src");
    const { packages } = compare(src, "cmd", targets[0]!);
    assert.ok(packages > 100);
  });

  const files: Record<string, string> = {
    "go.mod": "module example.com/cmp\n\ngo 1.16\n",
    "p/a.go": "package p\n",
    "p/a_linux.go": "package p\n",
    "p/a_windows_amd64.go": "package p\n",
    "p/a_darwin.go": "package p\n",
    "p/a_amd64.go": "package p\n",
    "p/a_386_test.go": "package p\n",
    "p/linux.go": "package p\n",
    "p/x_linux_test.go": "package p\n",
    "p/b.go": "// Copyright\n\n// +build linux,amd64 darwin\n\npackage p\n",
    "p/c.go": "// +build ignore\npackage p\n",
    "p/d.go": "/* block */\n//go:build windows\n\npackage p\n",
    "p/e.go": "//go:build !cgo\n\npackage p\n",
    "p/f.go": "// +build !linux\n\n//go:build linux\n\npackage p\n",
    "p/g.go": "package p\n\n// +build windows\n",
    "p/h.go": "// +build linux darwin\n// +build arm64\n\npackage p\n",
    "p/i.go": "\t //go:build unix && (amd64 || arm64)  \n\npackage p\n",
    "p/cgo.go": 'package p\n\n// #include <stdlib.h>\nimport "C"\n',
    "p/doc.go": "package documentation\n",
    "p/p_test.go": "package p\n",
    "p/p_ext_test.go": "package p_test\n",
    "p/_x.go": "package p\n",
    "p/.y.go": "package p\n",
    "p/testdata/t.go": "package t\n",
    "q/only_test.go": "package q_test\n",
    "r/r_windows.go": "package r\n",
    "vendor/v/v.go": "package v\n",
    "nested/go.mod": "module example.com/nested\n",
    "nested/n.go": "package nested\n",
    "_hidden/h.go": "package h\n",
    ".dot/d.go": "package d\n",
    "s/s.go": "package s\n",
    "s/tags.go": "//go:build integration && !short\n\npackage s\n",
    "t/t.go": "//go:build go1.16 && !go1.99\n\npackage t\n",
    "u/u.go": "//go:build unix\n\npackage u\n",
    "u/u_plan9.go": "package u\n",
    "w/w.go": "package w\n",
    "w/testdata/sub/x.go": "package x\n",
  };
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), "gopitfall-golist-")));
  roots.push(root);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }

  for (const t of [...targets, { GOOS: "linux", GOARCH: "arm64", CGO_ENABLED: "0", tags: ["integration"] }]) {
    it(`an awkward module on ${t.GOOS}/${t.GOARCH} cgo=${t.CGO_ENABLED}${t.tags ? " with tags" : ""}`, () => {
      compare(root, "./...", t);
      compare(root, "./p", t);
      compare(root, "./w/testdata/...", t);
      compare(root, "./w/testdata/sub", t);
      compare(root, "./_hidden", t);
    });
  }
});
