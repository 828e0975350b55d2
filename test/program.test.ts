// The program's order and its reuse of parsed trees: a package's declarations served to its
// importers from the trees of its own analysis must be what checking them on first import gives.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { type Package as LoadedPackage, Loader } from "../src/load/packages.js";
import { type CheckedPackage, dependencyOrder, Program } from "../src/semantic/program.js";
import { objectString } from "../src/semantic/typestring.js";
import type * as ast from "../src/syntax/ast.js";

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function load(files: Record<string, string>): { loader: Loader; packages: LoadedPackage[] } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "gopitfall-program-")));
  roots.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, ".."), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  const loader = new Loader({ dir: root, goRoot: null, env: { GOPATH: join(root, "gopath"), HOME: root } });
  return { loader, packages: loader.load(["./..."]).packages };
}

const tree = {
  "go.mod": "module example.com/m\n\ngo 1.21\n",
  "a/a.go": 'package a\n\nimport "example.com/m/b"\n\nfunc A() b.T { return b.New() }\n',
  "b/b.go":
    "package b\n\ntype T struct{ n int }\n\nfunc New() T { return T{} }\n\nfunc (t *T) Add(x, y int) (int, error) { v, ok := m[x]; _ = ok; return v + y, nil }\n\nvar m = map[int]int{}\n\nvar V, OK = m[1]\n",
  "b/b_test.go":
    'package b\n\nimport (\n\t"testing"\n\n\t"example.com/m/c"\n)\n\nfunc TestB(t *testing.T) { _ = c.C }\n',
  "c/c.go": "package c\n\nconst C = 1\n",
};

const names = (ps: LoadedPackage[]) => ps.map((p) => p.importPath.replace("example.com/m/", ""));

test("with tests, packages come after what their tests import", () => {
  const { packages } = load(tree);
  const plain = names(dependencyOrder(packages));
  const withTests = names(dependencyOrder(packages, true));
  assert.ok(plain.indexOf("b") < plain.indexOf("a"));
  assert.ok(withTests.indexOf("c") < withTests.indexOf("b"), withTests.join(" "));
  assert.ok(withTests.indexOf("b") < withTests.indexOf("a"), withTests.join(" "));
});

test("declarations kept from an analyzed package are what its importers would check", () => {
  const view = (keep: boolean): string[] => {
    const { loader, packages } = load(tree);
    const program = new Program(loader, { shareChecked: false });
    const byName = new Map(packages.map((p) => [p.importPath, p]));
    const b = program.check(byName.get("example.com/m/b")!, "test");
    // the analysis's records survive the declarations check of the same trees (a comma-ok
    // expression is the one record the checker rewrites after the fact)
    const index = findIndex(b);
    const recorded = b.info.types.get(index);
    if (keep) program.keepDeclarations(b);
    assert.ok(recorded !== undefined && b.info.types.get(index) === recorded);
    const a = program.check(byName.get("example.com/m/a")!, "package");
    const imported = a.pkg.imports.find((p) => p.path === "example.com/m/b")!;
    return imported.scope.names().map((n) => objectString(imported.scope.lookup(n)!));
  };
  const kept = view(true);
  assert.deepEqual(kept, view(false));
  assert.ok(kept.includes("func example.com/m/b.New() example.com/m/b.T"), kept.join("\n"));
});

/** The comma-ok index expression `m[1]` of `var V, OK = m[1]` in b.go. */
function findIndex(b: CheckedPackage): ast.Expr {
  const decl = b.files[0]!.file.decls.at(-1)!;
  if (decl.kind !== "GenDecl" || decl.specs[0]?.kind !== "ValueSpec") throw new Error("unexpected tree");
  return decl.specs[0].values[0]!;
}
