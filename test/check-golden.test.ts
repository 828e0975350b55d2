// The checker against go/types itself: for each package under test/testdata/check/, golden.json
// holds what go/types (Go 1.19, through tools/oracle's `types` command) records for every
// expression (range, type string, mode) and identifier (object kind and declaration). The
// standard library imports come from the bundled model, as they do for users.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { checkPackage, incDecOperand, type TypeAndValue } from "../src/semantic/check/checker.js";
import { type Package, Unsafe } from "../src/semantic/objects.js";
import { readStdlibModel } from "../src/semantic/stdlib/model.js";
import { BasicKind } from "../src/semantic/types.js";
import { typeString } from "../src/semantic/typestring.js";
import type * as ast from "../src/syntax/ast.js";
import { parseFile } from "../src/syntax/parser.js";
import { inspect } from "../src/syntax/walk.js";

const dir = new URL("../../test/testdata/check/", import.meta.url);

const stdlib = new Map<string, Package | null>();
function importStd(path: string): Package | null {
  if (path === "unsafe") return Unsafe;
  const known = stdlib.get(path);
  if (known !== undefined) return known;
  stdlib.set(path, null);
  const model = readStdlibModel().packages[path];
  if (model === undefined) return null;
  const file = parseFile(`${path}/api.go`, model.src).file;
  const pkg = checkPackage(path, [file], { importer: importStd, ignoreFuncBodies: true }).pkg;
  stdlib.set(path, pkg);
  return pkg;
}

/** The oracle's mode names (it reports a map index, which has a comma-ok form, as commaok). */
function oracleMode(tv: TypeAndValue): string {
  switch (tv.mode) {
    case "typexpr":
      return "type";
    case "constant":
      return "const";
    case "variable":
      return "var";
    case "mapindex":
      return "commaok";
    case "value":
      return tv.type.kind === "Basic" && tv.type.basicKind === BasicKind.UntypedNil ? "nil" : "value";
    default:
      return tv.mode;
  }
}

const kindNames: Record<string, string> = {
  Const: "const",
  TypeName: "type",
  Var: "var",
  Func: "func",
  PkgName: "pkgname",
  Label: "label",
  Builtin: "builtin",
  Nil: "nil",
};

interface Golden {
  exprs: [number, number, string, string][];
  idents: [number, "def" | "use", string, number][];
}

for (const name of readdirSync(dir)) {
  describe(`go/types agreement: ${name}`, () => {
    const src = readFileSync(new URL(`${name}/p.go`, dir));
    const golden = JSON.parse(readFileSync(new URL(`${name}/golden.json`, dir), "utf8")) as Golden;
    const file = parseFile("p.go", src).file;
    const r = checkPackage(`snip/p`, [file], { importer: importStd, fileNames: ["p.go"] });
    const ours = new Map<string, string[]>();
    const add = (n: ast.Node, tv: TypeAndValue) => {
      const k = `${n.pos}:${n.end}`;
      const list = ours.get(k) ?? [];
      list.push(`${typeString(tv.type)} (${oracleMode(tv)})`);
      ours.set(k, list);
    };
    const idents = new Map<number, ast.Ident>();
    inspect(file, (n) => {
      const tv = r.info.types.get(n as ast.Expr);
      if (tv !== undefined) add(n, tv);
      if (n.kind === "IncDecStmt") {
        const one = incDecOperand(n);
        const otv = one && r.info.types.get(one);
        if (one !== undefined && otv !== undefined) add(one, otv);
      }
      if (n.kind === "Ident") idents.set(n.pos, n);
      return true;
    });
    it("reports no errors", () => assert.deepEqual(r.errors, []));
    it("records every expression as go/types does", () => {
      const bad: string[] = [];
      for (const [pos, end, type, mode] of golden.exprs) {
        const want = `${type} (${mode})`;
        const got = ours.get(`${pos}:${end}`) ?? [];
        if (!got.includes(want))
          bad.push(`${src.subarray(pos, end).toString()} @${pos}: want ${want}, got ${got.join(" | ")}`);
      }
      assert.deepEqual(bad, []);
    });
    it("resolves every identifier as go/types does", () => {
      const bad: string[] = [];
      for (const [off, how, kind, declOff] of golden.idents) {
        const id = idents.get(off);
        const obj = id === undefined ? undefined : how === "def" ? r.info.defs.get(id) : r.info.uses.get(id);
        let got = "<none>";
        if (obj === null) got = "none";
        else if (obj !== undefined) {
          const where = obj.pkg === r.pkg && obj.pos >= 0 ? obj.pos : obj.pkg === null ? -1 : -2;
          got = `${kindNames[obj.kind]}@${where}`;
        }
        const want = kind === "none" ? "none" : `${kind}@${declOff}`;
        if (got !== want) bad.push(`${how} ${id?.name} @${off}: want ${want}, got ${got}`);
      }
      assert.deepEqual(bad, []);
    });
  });
}
