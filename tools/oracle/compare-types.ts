// Compares our type checker with go/types, package by package: the object every identifier
// denotes (kind and declaring position) and the type of every expression go/types records.
// The oracle's `types` subcommand gives go/types' side (see README.md beside this file).

import { spawn } from "node:child_process";
import { realpathSync } from "node:fs";
import { createInterface } from "node:readline";
import { type Package as LoadedPackage, Loader } from "../../src/load/packages.js";
import { incDecOperand } from "../../src/semantic/check/checker.js";
import type { Obj } from "../../src/semantic/objects.js";
import { type CheckedPackage, Program, type Variant } from "../../src/semantic/program.js";
import { typeString } from "../../src/semantic/typestring.js";
import type * as ast from "../../src/syntax/ast.js";
import { inspect } from "../../src/syntax/walk.js";
import { goVersion, oracleBinary } from "./oracle.js";

/** One line of `oracle types`. */
interface GoPackage {
  path: string;
  name: string;
  variant: "" | "test" | "xtest";
  dir: string;
  files: string[];
  errorCount: number;
  defs: [number, number, string, number, number][];
  uses: [number, number, string, number, number][];
  exprs: [number, number, number, string, string, string?][];
  paths: string[];
  failure?: string;
}

export interface TypesSummary {
  packages: number;
  idents: number;
  identAgree: number;
  exprs: number;
  exprAgree: number;
  crashes: number;
}

export interface TypesMismatch {
  pkg: string;
  what: "ident" | "expr" | "crash" | "missing";
  where: string;
  ours: string;
  go: string;
}

const kindNames: Record<Obj["kind"], string> = {
  Const: "const",
  TypeName: "type",
  Var: "var",
  Func: "func",
  PkgName: "pkgname",
  Label: "label",
  Builtin: "builtin",
  Nil: "nil",
};

const real = new Map<string, string>();
function realPath(p: string): string {
  let r = real.get(p);
  if (r === undefined) {
    try {
      r = realpathSync(p);
    } catch {
      r = p;
    }
    real.set(p, r);
  }
  return r;
}

function variantOf(v: GoPackage["variant"], loaded: LoadedPackage): Variant {
  if (v === "xtest") return "xtest";
  if (v === "test") return "test";
  return loaded.goFiles.length > 0 ? "package" : "test";
}

/** Runs the oracle and our checker over the packages in and below `dir`, and compares. */
export async function compareTypes(
  dir: string,
  options: { onMismatch?: (m: TypesMismatch) => void; filter?: (importPath: string) => boolean } = {},
): Promise<TypesSummary> {
  const summary: TypesSummary = { packages: 0, idents: 0, identAgree: 0, exprs: 0, exprAgree: 0, crashes: 0 };
  let identOk = 0;
  let exprOk = 0;
  // Select files with the oracle toolchain's release tags (go1.1 … go1.N of its `go version`),
  // so that both sides check the same files whatever the module's go line says.
  const toolchain = /go1\.(\d+)/.exec(goVersion() ?? "");
  const loader = new Loader(toolchain === null ? { dir } : { dir, goVersion: `1.${toolchain[1]}` });
  const loaded = loader.load(["./..."]);
  const byDir = new Map<string, LoadedPackage>();
  for (const p of loaded.packages) byDir.set(realPath(p.dir), p);
  const program = new Program(loader);
  const report = options.onMismatch ?? (() => {});

  const child = spawn(oracleBinary(), ["types", dir], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
  for await (const line of lines) {
    const go = JSON.parse(line) as GoPackage;
    if (go.failure !== undefined) continue;
    if (options.filter !== undefined && !options.filter(go.path)) continue;
    summary.packages++;
    summary.idents += go.defs.length + go.uses.length;
    summary.exprs += go.exprs.length;
    // Packages of nested modules (GOROOT/src/cmd) are not reached by ./...: load them by directory.
    const target = byDir.get(realPath(go.dir)) ?? loader.load([go.dir]).packages[0];
    if (target === undefined) {
      report({ pkg: go.path, what: "missing", where: go.dir, ours: "no package", go: go.variant });
      continue;
    }
    let checked: CheckedPackage;
    try {
      checked = program.check(target, variantOf(go.variant, target));
    } catch (e) {
      summary.crashes++;
      report({
        pkg: go.path,
        what: "crash",
        where: go.dir,
        ours: e instanceof Error ? (e.stack ?? e.message) : String(e),
        go: "",
      });
      continue;
    }
    const c = compareOne(go, checked, report);
    identOk += c.identOk;
    exprOk += c.exprOk;
  }
  summary.identAgree = summary.idents === 0 ? 1 : round(identOk / summary.idents);
  summary.exprAgree = summary.exprs === 0 ? 1 : round(exprOk / summary.exprs);
  return summary;
}

function round(x: number): number {
  return Math.floor(x * 1e5) / 1e5;
}

function compareOne(
  go: GoPackage,
  ours: CheckedPackage,
  report: (m: TypesMismatch) => void,
): { identOk: number; exprOk: number } {
  // Index our identifiers and expressions by file and position.
  const fileIndex = new Map<string, number>();
  go.paths.forEach((p, i) => {
    fileIndex.set(p, i);
  });
  const identKey = (file: number, pos: number): string => `${file}:${pos}`;
  const ourDefs = new Map<string, Obj | null>();
  const ourUses = new Map<string, Obj>();
  // Several expressions can share a range (go/types' synthetic 1 of x++ and a one-letter x).
  const ourExprs = new Map<string, string[]>();
  const where = new Map<number, ast.File>();
  for (const f of ours.files) {
    const fi = fileIndex.get(realPath(f.source.name)) ?? -1;
    where.set(fi, f.file);
  }
  const fileOfNode = new Map<ast.Node, number>();
  for (const [fi, file] of where) {
    inspect(file, (n) => {
      fileOfNode.set(n, fi);
      // go/types checks x++ as x += 1 and records that synthetic 1, which is in no tree
      if (n.kind === "IncDecStmt") {
        const one = incDecOperand(n);
        if (one !== undefined) fileOfNode.set(one, fi);
      }
      return true;
    });
  }
  for (const [id, obj] of ours.info.defs) ourDefs.set(identKey(fileOfNode.get(id) ?? -1, id.pos), obj);
  for (const [id, obj] of ours.info.uses) ourUses.set(identKey(fileOfNode.get(id) ?? -1, id.pos), obj);
  for (const [x, tv] of ours.info.types) {
    const key = `${fileOfNode.get(x) ?? -1}:${x.pos}:${x.end}`;
    const list = ourExprs.get(key);
    if (list === undefined) ourExprs.set(key, [typeString(tv.type)]);
    else list.push(typeString(tv.type));
  }

  const objDesc = (obj: Obj | null | undefined): string => {
    if (obj === undefined) return "absent";
    if (obj === null) return "none -1:-1";
    const file = obj.file === "" ? -1 : (fileIndex.get(realPath(obj.file)) ?? -2);
    const pos = obj.file === "" ? -1 : obj.pos;
    return `${kindNames[obj.kind]} ${file}:${pos}`;
  };
  const goDesc = (kind: string, declFile: number, declPos: number): string =>
    `${kind} ${declFile}:${declPos}`;
  const location = (file: number, pos: number): string => `${go.paths[file] ?? "?"}@${pos}`;

  let identOk = 0;
  const compareIdents = (list: GoPackage["defs"], table: Map<string, Obj | null>, isDef: boolean): void => {
    for (const [file, pos, kind, declFile, declPos] of list) {
      const obj = table.get(identKey(file, pos));
      const want = isDef && kind === "none" ? "none -1:-1" : goDesc(kind, declFile, declPos);
      const got = objDesc(obj);
      if (got === want) identOk++;
      else report({ pkg: go.path, what: "ident", where: location(file, pos), ours: got, go: want });
    }
  };
  compareIdents(go.defs, ourDefs, true);
  compareIdents(go.uses, ourUses as Map<string, Obj | null>, false);

  let exprOk = 0;
  for (const [file, pos, end, type] of go.exprs) {
    const got = ourExprs.get(`${file}:${pos}:${end}`);
    const k = got === undefined ? -1 : got.indexOf(type);
    if (got !== undefined && k >= 0) {
      exprOk++;
      got.splice(k, 1);
    } else {
      const ours = got === undefined || got.length === 0 ? "absent" : got.join(" | ");
      report({ pkg: go.path, what: "expr", where: `${location(file, pos)}-${end}`, ours, go: type });
    }
  }
  return { identOk, exprOk };
}
