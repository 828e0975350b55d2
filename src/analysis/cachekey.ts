// What a package's cached findings depend on, as hashes (see docs/performance.md):
//
// - the tool: every compiled module of gopitfall and the bundled standard-library model;
// - the run: rules with their severities and options, build configuration, Go version override,
//   tests, generated files, the Go installation;
// - the package: its directory, import path, Go version, and each file's name and content hash
//   (and whether the configuration excludes it);
// - what it imports, transitively: each package's *declaration summary*, a hash of its source
//   with function bodies and ordinary comments left out, since that is all an importer's checker
//   reads (imports are checked for their declarations only). An edit inside a function body of
//   `io` changes io's findings but no importer's key; an edited declaration changes the key of
//   every package that reaches io.
//
// A summary needs a parse; it is stored in the cache too, keyed by the content hashes of the
// package's files, so a warm run hashes files and reads entries but parses nothing.

import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { GoFile, Package as LoadedPackage, Loader } from "../load/packages.js";
import { stdlibModelUrl } from "../semantic/stdlib/model.js";
import type { ParseResult } from "../syntax/parser.js";

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

let toolIdMemo: string | undefined;

/**
 * A hash of the running gopitfall: its compiled modules and the standard-library model. A
 * rebuilt rule is a new tool even when the version number stays the same.
 */
export function toolId(): string {
  if (toolIdMemo !== undefined) return toolIdMemo;
  const h = createHash("sha256");
  const root = fileURLToPath(new URL("../", import.meta.url));
  const files: string[] = [];
  const walk = (dir: string, rel: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const e of entries) {
      if (e.isDirectory()) walk(`${dir}/${e.name}`, `${rel}${e.name}/`);
      else if (e.name.endsWith(".js")) files.push(`${rel}${e.name}`);
    }
  };
  walk(root, "");
  for (const f of files) {
    h.update(`${f}\0`);
    h.update(readFileSync(`${root}/${f}`));
  }
  h.update("model\0");
  h.update(readFileSync(stdlibModelUrl));
  toolIdMemo = h.digest("hex");
  return toolIdMemo;
}

/** Comments that change what a file means to the compiler, kept in a summary. */
function isDirective(text: string): boolean {
  return (
    text.startsWith("//go:") ||
    text.startsWith("//line ") ||
    text.startsWith("/*line ") ||
    text.startsWith("//export ") ||
    /^\/\/\s*\+build/.test(text)
  );
}

/**
 * The declaration summary of a parsed file: a hash of its bytes outside function bodies and
 * ordinary comments, with each run of white space reduced to one newline or one space (so the
 * token sequence, automatic semicolons included, is all that counts). A file with syntax errors
 * is summarized by its whole content: recovery may read declarations differently.
 */
export function declarationDigest(parsed: ParseResult): string {
  const bytes = parsed.source.bytes;
  if (parsed.errors.length > 0) return `c${sha256(bytes)}`;
  // Cuts: [start, end) replaced by a body marker or by white space.
  const cuts: number[] = [];
  for (const d of parsed.file.decls) {
    if (d.kind === "FuncDecl" && d.body !== null) cuts.push(d.body.pos, d.body.end, 1);
  }
  for (const g of parsed.file.comments) {
    for (const c of g.list) {
      if (!isDirective(c.text)) cuts.push(c.pos, c.end, c.text.includes("\n") ? 2 : 3);
    }
  }
  // Sort the triples by start; a comment inside a body falls within the body's cut.
  const order: number[] = [];
  for (let i = 0; i < cuts.length; i += 3) order.push(i);
  order.sort((a, b) => cuts[a]! - cuts[b]!);
  const out = new Uint8Array(bytes.length + 2 * order.length);
  let n = 0;
  let space = 0; // 0: none pending, 32: a space, 10: a newline
  const flushSpace = (): void => {
    if (space !== 0 && n > 0) out[n++] = space;
    space = 0;
  };
  const copy = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const b = bytes[i]!;
      if (b === 32 || b === 9 || b === 13) {
        if (space === 0) space = 32;
      } else if (b === 10) {
        space = 10;
      } else {
        if (space !== 0) flushSpace();
        out[n++] = b;
      }
    }
  };
  let at = 0;
  for (const i of order) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    if (start < at) continue; // inside a cut already made
    copy(at, start);
    const what = cuts[i + 2]!;
    if (what === 1) {
      flushSpace();
      out[n++] = 123; // {
      out[n++] = 125; // }
    } else if (what === 2) space = 10;
    else if (space === 0) space = 32;
    at = Math.max(at, end);
  }
  copy(at, bytes.length);
  return `d${sha256(out.subarray(0, n))}`;
}

/** What an import resolves to, for a key: a package from source, or a fixed name. */
export type DepRef = DepNode | string;

/** A package reached from the analyzed ones, from source. */
export interface DepNode {
  /** `dir\0importPath`, as the checker identifies imported packages. */
  id: string;
  pkg: LoadedPackage;
  /** The resolved imports of its non-test files (null until computed). */
  imports: DepRef[] | null;
  /** Content hashes of its non-test files, parallel to pkg.goFiles. */
  hashes: string[] | null;
  /** Declaration digests of its non-test files (null until known). */
  digests: string[] | null;
  /** Its declaration summary (null until its digests are known). */
  summary: string | null;
}

/**
 * Resolves imports the way the checker does (Program.importFor) and hashes files, once each.
 */
export class DependencyGraph {
  private readonly nodes = new Map<string, DepNode>();
  private readonly contentHashes = new Map<string, string>();
  private readonly sizes = new Map<string, number>();
  private readonly loader: Loader;
  constructor(loader: Loader) {
    this.loader = loader;
  }

  node(p: LoadedPackage): DepNode {
    const id = `${p.dir}\0${p.importPath}`;
    let n = this.nodes.get(id);
    if (n === undefined) {
      n = { id, pkg: p, imports: null, hashes: null, digests: null, summary: null };
      this.nodes.set(id, n);
    }
    return n;
  }

  /** The packages `paths` refer to from `from`: a node, or "unsafe", "C", `model:…`, `missing:…`. */
  resolve(from: LoadedPackage, paths: readonly string[]): DepRef[] {
    return paths.map((importPath) => {
      if (importPath === "unsafe" || importPath === "C") return importPath;
      const { resolution, package: target } = this.loader.importPackage(importPath, from);
      if (resolution.kind === "missing") return `missing:${importPath}`;
      if (target === null)
        return resolution.kind === "std" ? `model:${resolution.importPath}` : `missing:${importPath}`;
      return this.node(target);
    });
  }

  importsOf(n: DepNode): DepRef[] {
    n.imports ??= this.resolve(n.pkg, n.pkg.imports);
    return n.imports;
  }

  /**
   * Every package reached from `roots`, transitively, through the non-test imports of each
   * (the imports of the roots themselves are given, tests included).
   */
  closure(roots: readonly DepRef[]): { nodes: DepNode[]; names: string[] } {
    const seen = new Set<DepNode>();
    const names = new Set<string>();
    const stack: DepRef[] = [...roots];
    while (stack.length > 0) {
      const r = stack.pop()!;
      if (typeof r === "string") {
        names.add(r);
        continue;
      }
      if (seen.has(r)) continue;
      seen.add(r);
      for (const d of this.importsOf(r)) stack.push(d);
    }
    return { nodes: [...seen], names: [...names].sort() };
  }

  /** The content hash of a file (as the loader read it, else read now); null when unreadable. */
  contentHash(file: GoFile): string | null {
    let h = this.contentHashes.get(file.path);
    if (h !== undefined) return h;
    if (file.content !== undefined) {
      h = file.content.hash;
      this.sizes.set(file.path, file.content.size);
    } else {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file.path);
      } catch {
        return null;
      }
      h = sha256(bytes);
      this.sizes.set(file.path, bytes.length);
    }
    this.contentHashes.set(file.path, h);
    return h;
  }

  /** Content hashes of files, or null when one cannot be read. */
  hashFiles(files: readonly GoFile[]): string[] | null {
    const out: string[] = [];
    for (const f of files) {
      const h = this.contentHash(f);
      if (h === null) return null;
      out.push(h);
    }
    return out;
  }

  /** The size of a file hashed in this run (0 if it was not). */
  size(file: string): number {
    return this.sizes.get(file) ?? 0;
  }

  /** The content hash of a file as first read in this run, if it was. */
  knownHash(file: string): string | undefined {
    return this.contentHashes.get(file);
  }
}

/** The declaration summary of a package from its files' digests. */
export function packageSummary(p: LoadedPackage, digests: readonly string[]): string {
  const h = createHash("sha256");
  h.update(`${p.importPath}\0${p.name}\0${p.goVersion}\0`);
  p.goFiles.forEach((f, i) => {
    h.update(`${f.name}\0${digests[i]}\0`);
  });
  return h.digest("hex");
}
