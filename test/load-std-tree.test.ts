// A standard package loaded as an import resolves its own imports in its own source tree: with
// GOROOT reached through a symbolic link, the analyzed tree and GOROOT are two paths to the same
// files, and mixing them held two copies of each package (types that were not identical, and
// every package checked twice).

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Loader } from "../src/load/packages.js";

test("imports of a standard package stay in the tree it was loaded from", () => {
  const base = mkdtempSync(join(tmpdir(), "gopitfall-goroot-"));
  const real = join(base, "go-1.99");
  const files: Record<string, string> = {
    "src/go.mod": "module std\n\ngo 1.99\n",
    "src/a/a.go": 'package a\n\nimport "b"\n\nvar X = b.Y\n',
    "src/b/b.go": 'package b\n\nimport "c"\n\nvar Y = c.Z\n',
    "src/c/c.go": "package c\n\nvar Z = 1\n",
    "src/runtime/runtime.go": "package runtime\n",
    VERSION: "go1.99\n",
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(real, name, ".."), { recursive: true });
    writeFileSync(join(real, name), text);
  }
  symlinkSync(real, join(base, "go"));
  const src = join(base, "go", "src");
  const loader = new Loader({ dir: src, env: { GOROOT: real, PATH: "" } });
  const a = loader.load(["./a"]).packages[0]!;
  assert.equal(a.dir, join(src, "a"));
  const b = loader.importPackage("b", a).package!;
  assert.equal(b.dir, join(src, "b"));
  const c = loader.importPackage("c", b).package!;
  assert.equal(c.dir, join(src, "c"));
});
