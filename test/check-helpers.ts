// Helpers for the checker's tests: check Go snippets and look up what was recorded for an
// expression or identifier by its source text.

import { type CheckResult, checkPackage } from "../src/semantic/check/checker.js";
import type { Package } from "../src/semantic/objects.js";
import { typeString } from "../src/semantic/typestring.js";
import type * as ast from "../src/syntax/ast.js";
import { parseFile } from "../src/syntax/parser.js";
import { inspect } from "../src/syntax/walk.js";

export interface Checked extends CheckResult {
  src: string;
  file: ast.File;
}

/** Checks one file of package path; imports are resolved from `deps` by path. */
export function checkSource(src: string, deps: Record<string, Package> = {}, path = "p"): Checked {
  const { file } = parseFile(`${path}.go`, src);
  const r = checkPackage(path, [file], { importer: (p) => deps[p] ?? null, fileNames: [`${path}.go`] });
  return { ...r, src, file };
}

/** The recorded type string and mode of the n-th expression (from 0) whose source text is text. */
export function exprType(c: Checked, text: string, n = 0): string {
  let found: string | null = null;
  let i = 0;
  // Source offsets are byte offsets: the snippets are ASCII.
  inspect(c.file, (node) => {
    if (found !== null) return false;
    if (c.src.slice(node.pos, node.end) === text) {
      const tv = c.info.types.get(node as ast.Expr);
      if (tv !== undefined) {
        if (i === n) found = `${typeString(tv.type)} ${tv.mode}`;
        i++;
      }
    }
    return true;
  });
  return found ?? "<none>";
}

/** What the n-th identifier named name denotes: "def"/"use", the object's kind and type, and the offset of its declaration. */
export function identInfo(c: Checked, name: string, n = 0): string {
  let found: string | null = null;
  let i = 0;
  inspect(c.file, (node) => {
    if (found !== null) return false;
    if (node.kind === "Ident" && node.name === name) {
      if (i === n) {
        const def = c.info.defs.get(node);
        const use = c.info.uses.get(node);
        if (def !== undefined) found = def === null ? "def none" : `def ${def.kind} ${typeString(def.type)}`;
        else if (use !== undefined) found = `use ${use.kind} ${typeString(use.type)}`;
        else found = "<unrecorded>";
      }
      i++;
    }
    return true;
  });
  return found ?? "<none>";
}
