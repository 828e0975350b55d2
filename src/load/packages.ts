// Packages from command-line patterns, the way `go list` forms them: which directories a pattern
// names, which files of each directory belong to the build, how they group into the package, its
// in-package test files and its external test package (`package x_test`), and what the package
// is called (its import path) in the module, workspace or GOPATH it lives in.
//
// Patterns: `./...` and `dir/...` (every package below, skipping `testdata`, `vendor`, names
// starting with `.` or `_`, and nested modules), `.` and other directories, `.go` files (one
// ad-hoc package, "command-line-arguments"), and import paths, including `std`, `cmd` and
// `path/...`. Unlike the go command, a relative directory written without `./` ("pkg/x") is taken
// as a directory when it exists, and each pattern finds its own go.mod (and go.work) upward from
// where it points, so that one run can span several modules.

import { createHash } from "node:crypto";
import * as path from "node:path";
import { parseFile } from "../syntax/parser.js";
import {
  type BuildContext,
  type BuildContextOptions,
  type FileHeader,
  LATEST_GO_VERSION,
  matchFileName,
  matchHeader,
  newBuildContext,
  readFileHeader,
  withGoVersion,
} from "./constraints.js";
import { diagnostic, type LoadDiagnostic } from "./diagnostic.js";
import { isDir, isFile, readBytes, readDir, statStamp } from "./fsutil.js";
import { unquoteGoString } from "./gomod.js";
import {
  type GoRoot,
  type Importer,
  isWithin,
  type Module,
  type Resolution,
  Resolver,
  toSlash,
  type Workspace,
} from "./resolve.js";

export interface ImportRef {
  /** The imported path, unquoted. */
  path: string;
  line: number;
  column: number;
}

export interface GoFile {
  /** Absolute path. */
  path: string;
  /** Base name. */
  name: string;
  packageName: string;
  imports: ImportRef[];
  /** Imports "C": a cgo file (loaded only when cgo is enabled). */
  isCgo: boolean;
  /** The SHA-256 (hex) and size of the file's content as loaded (with LoadOptions.hashFiles). */
  content?: { hash: string; size: number };
  /**
   * The bytes read to load the file, when it was read (not when its facts were remembered):
   * parsing uses them instead of reading the file again, so that what was hashed is what is
   * analyzed.
   */
  bytes?: Uint8Array;
}

/** What loading reads from a file's content: computed from its bytes, or remembered. */
export interface FileFacts {
  /** SHA-256 (hex) of the content; "" when the loader does not hash files. */
  hash: string;
  size: number;
  header: FileHeader;
  packageName: string;
  /** Position of the package clause's name. */
  nameLine: number;
  nameColumn: number;
  /** A syntax error at or before the package name: the file can join no package. */
  clauseError: { line: number; column: number; message: string } | null;
  /** The import declarations' paths as written (quoted), with their positions. */
  imports: { value: string; line: number; column: number }[];
}

/**
 * Remembers FileFacts by file and stamp (size, modification and change times, inode), so that a
 * run after a small edit reads only the files it analyzes (LoadOptions.factsStore).
 */
export interface FileFactsStore {
  get(file: string, stamp: string): FileFacts | null;
  put(file: string, stamp: string, facts: FileFacts): void;
}

export interface Package {
  /** Import path; "command-line-arguments" for a package of named files. */
  importPath: string;
  /** Absolute directory. */
  dir: string;
  /** Package name (of the non-test files, or of the in-package tests when there are none). */
  name: string;
  /** The module holding the package, or null (GOPATH, no module, standard library without go.mod). */
  module: Module | null;
  /** The workspace that resolves the package's imports. */
  workspace: Workspace;
  /** The Go version its code is written for (the module's go directive, or an override). */
  goVersion: string;
  /** Part of the Go distribution (GOROOT/src). */
  standard: boolean;
  /** The build context its files were selected with (release tags from goVersion). */
  context: BuildContext;
  /** Non-test files in the build, cgo files included. */
  goFiles: GoFile[];
  /** `_test.go` files of the package itself. */
  testGoFiles: GoFile[];
  /** `_test.go` files of the external test package `<name>_test`. */
  xTestGoFiles: GoFile[];
  /** Base names of .go files left out by build constraints (or `package documentation`). */
  ignoredGoFiles: string[];
  /** Base names of .go files that cannot be used: bad constraint, other package name, no package clause. */
  invalidGoFiles: string[];
  /** Sorted, without duplicates. */
  imports: string[];
  testImports: string[];
  xTestImports: string[];
  errors: LoadDiagnostic[];
}

export interface LoadOptions extends BuildContextOptions {
  /** The directory patterns are relative to; default process.cwd(). */
  dir?: string;
  /** Include `_test.go` files; default true. */
  tests?: boolean;
  /** The Go installation for `std`, `cmd` and standard imports; default found from the environment. */
  goRoot?: GoRoot | null;
  /** Share module and workspace caches with another loader. */
  resolver?: Resolver;
  /** Record each Go file's SHA-256 and size (GoFile.content), from the bytes read for its header. */
  hashFiles?: boolean;
  /** Where the facts of unchanged files are remembered between runs. */
  factsStore?: FileFactsStore;
  /**
   * Remembered facts are used only for files last modified (and changed) before this moment, in
   * milliseconds since the epoch; default two seconds before the loader is made.
   */
  factsTrustedBefore?: number;
}

export interface LoadResult {
  packages: Package[];
  /** Problems with the patterns themselves and with go.mod/go.work files. */
  errors: LoadDiagnostic[];
}

const AD_HOC = "command-line-arguments";

function unquoteImport(lit: string): string | null {
  if (lit.startsWith("`")) return lit.length >= 2 && lit.endsWith("`") ? lit.slice(1, -1) : null;
  return unquoteGoString(lit);
}

function sortedUnique(xs: string[]): string[] {
  return [...new Set(xs)].sort();
}

/** go's search.MatchPattern: `...` matches any string, and a trailing `/...` also matches nothing. */
export function matchPattern(pattern: string): (name: string) => boolean {
  let re = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\.\\\.\\\./g, ".*");
  if (re.endsWith("/.*")) re = `${re.slice(0, -3)}(/.*)?`;
  const rx = new RegExp(`^${re}$`, "s");
  return (name) => rx.test(name);
}

function isLocalPattern(p: string): boolean {
  return p === "." || p === ".." || p.startsWith("./") || p.startsWith("../") || path.isAbsolute(p);
}

/**
 * Loads packages. Create one per run: it caches modules, workspaces and packages, and serves
 * the imports of the packages it loaded (importPackage) for checking them.
 */
export class Loader {
  readonly resolver: Resolver;
  readonly baseContext: BuildContext;
  private readonly cwd: string;
  private readonly tests: boolean;
  private readonly goVersionOverride: string | null;
  private readonly hashFiles: boolean;
  private readonly factsStore: FileFactsStore | null;
  /**
   * Files modified after this moment (two seconds before the loader was made) are read even
   * when their facts are remembered: within a file system's time resolution, a file can change
   * again without its stamp changing (go's module index has the same rule).
   */
  private readonly trustedBeforeNs: bigint;
  private readonly cache = new Map<string, Package>();

  constructor(options: LoadOptions = {}) {
    const env = options.env ?? process.env;
    this.resolver =
      options.resolver ??
      new Resolver(options.goRoot === undefined ? { env } : { env, goRoot: options.goRoot });
    this.cwd = path.resolve(options.dir ?? process.cwd());
    this.tests = options.tests ?? true;
    this.goVersionOverride = options.goVersion ?? null;
    this.hashFiles = options.hashFiles ?? false;
    this.factsStore = options.factsStore ?? null;
    this.trustedBeforeNs = BigInt(Math.floor(options.factsTrustedBefore ?? Date.now() - 2000)) * 1_000_000n;
    this.baseContext = newBuildContext({ ...options, env });
  }

  load(patterns: string[]): LoadResult {
    const result: LoadResult = { packages: [], errors: [] };
    const seen = new Set<Package>();
    const add = (p: Package) => {
      if (!seen.has(p)) {
        seen.add(p);
        result.packages.push(p);
      }
    };
    const files = patterns.filter((p) => p.endsWith(".go"));
    const others = patterns.filter((p) => !p.endsWith(".go"));
    if (patterns.length === 0) others.push(".");
    if (files.length > 0) {
      const p = this.loadFiles(files, result.errors);
      if (p !== null) add(p);
    }
    const workspaces = new Set<Workspace>();
    for (const pattern of others) {
      for (const p of this.expand(pattern, result.errors)) {
        add(p);
        workspaces.add(p.workspace);
      }
    }
    for (const w of workspaces) result.errors.push(...w.errors);
    return result;
  }

  /** Expands one (non-file) pattern to its packages, reporting a pattern that matches nothing. */
  private expand(pattern: string, errors: LoadDiagnostic[]): Package[] {
    const clean = pattern.replace(/\\/g, "/");
    // The go command's meta-patterns win over directories of the same name.
    if (clean === "std" || clean === "cmd") return this.expandImportPattern(clean, errors);
    if (clean === "all") {
      errors.push(
        diagnostic(pattern, 0, 0, 'pattern "all" is not supported; use ./... for the module\'s packages'),
      );
      return [];
    }
    if (isLocalPattern(clean) || (!clean.includes("...") && isDir(path.resolve(this.cwd, clean)))) {
      const abs = path.resolve(this.cwd, clean);
      if (!clean.includes("...")) {
        if (!isDir(abs)) {
          errors.push(diagnostic(pattern, 0, 0, `directory ${pattern} does not exist`));
          return [];
        }
        return [this.packageForDir(abs, true)];
      }
      const idx = abs.indexOf("...");
      const head = abs.slice(0, idx);
      const root = path.resolve(head.endsWith(path.sep) ? head : path.dirname(head));
      const match = matchPattern(toSlash(abs));
      const pkgs = this.walk(root, false).filter((d) => match(toSlash(d)));
      const out = pkgs.map((d) => this.packageForDir(d, false)).filter(wildcardMatch);
      if (out.length === 0) errors.push(diagnostic(pattern, 0, 0, `pattern ${pattern} matched no packages`));
      return out;
    }
    return this.expandImportPattern(clean, errors);
  }

  private expandImportPattern(pattern: string, errors: LoadDiagnostic[]): Package[] {
    const goRoot = this.resolver.goRoot;
    if (pattern === "std" || pattern === "cmd") {
      if (goRoot === null) {
        errors.push(diagnostic(pattern, 0, 0, `pattern ${pattern} needs a Go installation (GOROOT)`));
        return [];
      }
      const root = path.join(goRoot.dir, "src", pattern === "cmd" ? "cmd" : "");
      return this.walk(root, true)
        .map((d) => this.packageForDir(d, false))
        .filter(wildcardMatch);
    }
    const importer = this.cwdImporter();
    const ws = this.resolver.workspaceFor(this.cwd);
    if (!pattern.includes("...")) {
      const r = ws.resolve(pattern, importer);
      const p = this.packageForResolution(r, ws);
      if (p === null) {
        errors.push(
          diagnostic(pattern, 0, 0, r.kind === "missing" ? r.reason : `cannot find package ${pattern}`),
        );
        return [];
      }
      return [p];
    }
    // Walk from the literal prefix's directory and match import paths.
    const literal = pattern.slice(0, pattern.indexOf("..."));
    const prefix = literal.endsWith("/")
      ? literal.slice(0, -1)
      : literal.slice(0, literal.lastIndexOf("/") + 1);
    const base = prefix.replace(/\/$/, "");
    const r = base === "" ? null : ws.resolve(base, importer);
    if (r === null || r.kind === "missing" || r.dir === null) {
      errors.push(diagnostic(pattern, 0, 0, `pattern ${pattern} matched no packages`));
      return [];
    }
    const match = matchPattern(pattern);
    const out: Package[] = [];
    for (const d of this.walk(r.dir, false)) {
      const importPath = toSlash(path.join(r.importPath, path.relative(r.dir, d)));
      if (!match(importPath) && !match(toSlash(path.join(base, path.relative(r.dir, d))))) continue;
      const module = r.kind === "dir" ? r.module : null;
      const p = this.loadDir(d, importPath, module, ws, r.kind === "std");
      if (wildcardMatch(p)) out.push(p);
    }
    if (out.length === 0) errors.push(diagnostic(pattern, 0, 0, `pattern ${pattern} matched no packages`));
    return out;
  }

  private cwdImporter(): Importer {
    const ws = this.resolver.workspaceFor(this.cwd);
    return { dir: this.cwd, importPath: "", module: ws.mainModuleFor(this.cwd), standard: false };
  }

  /**
   * Directories under root that may hold packages: root itself and its subdirectories, except
   * testdata, vendor (unless withVendor, for `std`), names starting with `.` or `_`, symbolic
   * links, and directories with their own go.mod (other modules) that are not workspace modules.
   */
  private walk(root: string, withVendor: boolean): string[] {
    const out: string[] = [];
    const ws = this.resolver.workspaceFor(root);
    const mainDirs = new Set(ws.mainModules.map((m) => m.dir));
    // In a module the go command walks from the module's root, so a pattern below a skipped
    // directory (./testdata/..., ./_x/...) matches nothing; in GOPATH mode it walks from the
    // pattern's directory, which is not skipped itself.
    const mod = ws.mainModuleFor(root);
    if (mod !== null) {
      const rel = path.relative(mod.dir, root);
      const skipped = rel
        .split(path.sep)
        .some(
          (n) =>
            n.startsWith(".") || n.startsWith("_") || n === "testdata" || (n === "vendor" && !withVendor),
        );
      if (rel !== "" && skipped) return out;
    }
    const visit = (dir: string, top: boolean) => {
      if (!top && isFile(path.join(dir, "go.mod")) && !mainDirs.has(dir)) return;
      out.push(dir);
      for (const e of readDir(dir)) {
        if (!e.isDirectory()) continue;
        const n = e.name;
        if (n.startsWith(".") || n.startsWith("_") || n === "testdata") continue;
        if (n === "vendor" && !withVendor) continue;
        visit(path.join(dir, n), false);
      }
    };
    if (isDir(root)) visit(root, true);
    return out;
  }

  /** The package in dir, named by the module, workspace or GOPATH that holds it. */
  private packageForDir(dir: string, explicit: boolean): Package {
    const ws = this.resolver.workspaceFor(dir);
    const goRoot = this.resolver.goRoot;
    let module: Module | null = null;
    let importPath: string;
    let standard = false;
    if (ws.mode === "module" || ws.mode === "workspace") {
      module = ws.mainModuleFor(dir);
    }
    if (module !== null) {
      const rel = toSlash(path.relative(module.dir, dir));
      if (module.path === "std") {
        importPath = rel === "" ? "std" : rel;
        standard = true;
      } else {
        importPath = rel === "" ? module.path : `${module.path}/${rel}`;
        standard = module.path === "cmd";
      }
    } else if (ws.mode === "gopath") {
      importPath = toSlash(path.relative(ws.root, dir));
    } else {
      importPath = toSlash(dir);
    }
    if (goRoot !== null && isWithin(path.join(goRoot.dir, "src"), dir)) standard = true;
    const p = this.loadDir(dir, importPath, module, ws, standard);
    if (explicit && !hasFiles(p) && p.errors.length === 0) {
      const anyGo = p.ignoredGoFiles.length > 0;
      p.errors.push(
        diagnostic(
          dir,
          0,
          0,
          anyGo ? `build constraints exclude all Go files in ${dir}` : `no Go files in ${dir}`,
        ),
      );
    }
    return p;
  }

  private packageForResolution(r: Resolution, ws: Workspace): Package | null {
    if (r.kind === "missing" || r.dir === null) return null;
    const module = r.kind === "dir" ? r.module : null;
    return this.loadDir(r.dir, r.importPath, module, ws, r.kind === "std");
  }

  /**
   * The package an import of `from` refers to, loaded without its tests, with the resolution
   * (a standard library package that only the bundled model has is "std" with no package).
   */
  importPackage(importPath: string, from: Package): { resolution: Resolution; package: Package | null } {
    const importer: Importer = {
      dir: from.dir,
      importPath: from.importPath,
      module: from.module,
      standard: from.standard,
    };
    const r = from.workspace.resolve(importPath, importer);
    return { resolution: r, package: this.packageForResolution(r, from.workspace) };
  }

  /** A file's facts: remembered when its stamp is, else read from its bytes; null if unreadable. */
  private factsOf(file: string): { facts: FileFacts; bytes: Uint8Array | undefined } | null {
    let stamp: string | null = null;
    if (this.factsStore !== null) {
      const st = statStamp(file);
      if (st !== null && st.mtimeNs < this.trustedBeforeNs && st.ctimeNs < this.trustedBeforeNs) {
        stamp = `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}`;
        const known = this.factsStore.get(file, stamp);
        if (known !== null) return { facts: known, bytes: undefined };
      }
    }
    const bytes = readBytes(file);
    if (bytes === null) return null;
    const facts = fileFacts(file, bytes, this.hashFiles);
    if (stamp !== null) this.factsStore!.put(file, stamp, facts);
    return { facts, bytes };
  }

  /** A package of named .go files, which must all be in one directory. */
  private loadFiles(files: string[], errors: LoadDiagnostic[]): Package | null {
    const abs = files.map((f) => path.resolve(this.cwd, f));
    const dir = path.dirname(abs[0]!);
    for (const f of abs) {
      if (path.dirname(f) !== dir) {
        errors.push(diagnostic(f, 0, 0, "named files must all be in one directory"));
        return null;
      }
      if (!isFile(f)) {
        errors.push(diagnostic(f, 0, 0, "no such file"));
        return null;
      }
    }
    const ws = this.resolver.workspaceFor(dir);
    const module = ws.mode === "module" || ws.mode === "workspace" ? ws.mainModuleFor(dir) : null;
    const names = new Set(abs.map((f) => path.basename(f)));
    const p = this.buildPackage(dir, AD_HOC, module, ws, false, names);
    if (!hasFiles(p) && p.errors.length === 0) {
      p.errors.push(diagnostic(dir, 0, 0, "build constraints exclude all Go files"));
    }
    return p;
  }

  /** The package in dir under the given identity, loaded once per run. */
  loadDir(dir: string, importPath: string, module: Module | null, ws: Workspace, standard: boolean): Package {
    const key = `${dir}\0${importPath}`;
    let p = this.cache.get(key);
    if (p === undefined) {
      p = this.buildPackage(dir, importPath, module, ws, standard, null);
      this.cache.set(key, p);
    }
    return p;
  }

  private buildPackage(
    dir: string,
    importPath: string,
    module: Module | null,
    ws: Workspace,
    standard: boolean,
    only: Set<string> | null,
  ): Package {
    const goVersion =
      this.goVersionOverride ??
      module?.goVersion ??
      (standard ? (this.resolver.goRoot?.version ?? LATEST_GO_VERSION) : LATEST_GO_VERSION);
    const ctx = withGoVersion(this.baseContext, goVersion);
    const p: Package = {
      importPath,
      dir,
      name: "",
      module,
      workspace: ws,
      goVersion,
      standard,
      context: ctx,
      goFiles: [],
      testGoFiles: [],
      xTestGoFiles: [],
      ignoredGoFiles: [],
      invalidGoFiles: [],
      imports: [],
      testImports: [],
      xTestImports: [],
      errors: [],
    };
    let firstFile = "";
    for (const e of readDir(dir)) {
      const name = e.name;
      if (!name.endsWith(".go")) continue;
      if (only !== null && !only.has(name)) continue;
      const file = path.join(dir, name);
      if (e.isDirectory() || (e.isSymbolicLink() && !isFile(file))) continue;
      // Names starting with _ or . are not source files, silently.
      if (name.startsWith("_") || name.startsWith(".")) continue;
      if (!matchFileName(ctx, name)) {
        p.ignoredGoFiles.push(name);
        continue;
      }
      let read: { facts: FileFacts; bytes: Uint8Array | undefined } | null;
      try {
        read = this.factsOf(file);
      } catch (e) {
        // reading facts reports syntax errors as values; an exception is a parser bug, which
        // must cost this file and not the run.
        p.invalidGoFiles.push(name);
        p.errors.push(diagnostic(file, 0, 0, `internal error reading imports: ${String(e)}`));
        continue;
      }
      if (read === null) {
        p.invalidGoFiles.push(name);
        p.errors.push(diagnostic(file, 0, 0, "cannot read file"));
        continue;
      }
      const { facts } = read;
      const m = matchHeader(ctx, facts.header);
      if (m.error !== null) {
        p.invalidGoFiles.push(name);
        p.errors.push(diagnostic(file, m.error.line, m.error.column, m.error.message));
        continue;
      }
      if (!m.match) {
        p.ignoredGoFiles.push(name);
        continue;
      }
      let pkgName = facts.packageName;
      if (facts.clauseError !== null) {
        // No usable package clause: the file cannot join any package. Errors after the clause
        // are left to the full parse, which reports them.
        const d = facts.clauseError;
        p.invalidGoFiles.push(name);
        p.errors.push(diagnostic(file, d.line, d.column, d.message));
        continue;
      }
      if (pkgName === "documentation") {
        p.ignoredGoFiles.push(name);
        continue;
      }
      const isTest = name.endsWith("_test.go");
      let isXTest = false;
      if (isTest && pkgName.endsWith("_test") && p.name !== pkgName) {
        isXTest = true;
        pkgName = pkgName.slice(0, -"_test".length);
      }
      if (p.name === "") {
        p.name = pkgName;
        firstFile = name;
      } else if (pkgName !== p.name) {
        // go/build keeps the first name it met; a file of another package cannot be checked with it.
        p.invalidGoFiles.push(name);
        p.errors.push(
          diagnostic(
            file,
            facts.nameLine,
            facts.nameColumn,
            `found packages ${p.name} (${firstFile}) and ${pkgName} (${name}) in ${dir}`,
          ),
        );
        continue;
      }
      const imports: ImportRef[] = [];
      let isCgo = false;
      for (const spec of facts.imports) {
        const ip = unquoteImport(spec.value);
        if (ip === null) {
          p.errors.push(diagnostic(file, spec.line, spec.column, `invalid import path: ${spec.value}`));
          continue;
        }
        if (ip === "C") {
          if (isTest) {
            p.errors.push(
              diagnostic(file, spec.line, spec.column, `use of cgo in test ${file} not supported`),
            );
            continue;
          }
          isCgo = true;
        }
        imports.push({ path: ip, line: spec.line, column: spec.column });
      }
      const gf: GoFile = { path: file, name, packageName: facts.packageName, imports, isCgo };
      if (read.bytes !== undefined) gf.bytes = read.bytes;
      if (this.hashFiles) gf.content = { hash: facts.hash, size: facts.size };
      if (isCgo && !ctx.cgoEnabled) {
        p.ignoredGoFiles.push(name);
      } else if (isXTest) {
        if (this.tests) p.xTestGoFiles.push(gf);
      } else if (isTest) {
        if (this.tests) p.testGoFiles.push(gf);
      } else {
        p.goFiles.push(gf);
      }
    }
    const paths = (fs: GoFile[]) => fs.flatMap((f) => f.imports.map((i) => i.path));
    p.imports = sortedUnique(paths(p.goFiles));
    p.testImports = sortedUnique(paths(p.testGoFiles));
    p.xTestImports = sortedUnique(paths(p.xTestGoFiles));
    return p;
  }
}

/** What loading reads from a file's bytes: its build constraints, package clause and imports. */
function fileFacts(file: string, bytes: Uint8Array, hash: boolean): FileFacts {
  const parsed = parseFile(file, bytes, { mode: "imports" });
  const name = parsed.file.name;
  const namePos = parsed.source.position(name.pos);
  const first = parsed.errors[0];
  return {
    hash: hash ? createHash("sha256").update(bytes).digest("hex") : "",
    size: bytes.length,
    header: readFileHeader(bytes),
    packageName: name.name,
    nameLine: namePos.line,
    nameColumn: namePos.column,
    clauseError:
      first !== undefined && first.pos <= name.end
        ? { line: first.line, column: first.column, message: first.message }
        : null,
    imports: parsed.file.imports.map((spec) => {
      const pos = parsed.source.position(spec.path.pos);
      return { value: spec.path.value, line: pos.line, column: pos.column };
    }),
  };
}

function hasFiles(p: Package): boolean {
  return p.goFiles.length + p.testGoFiles.length + p.xTestGoFiles.length > 0 || p.invalidGoFiles.length > 0;
}

/**
 * Whether a wildcard pattern matches the package: it must have files, and not be one the go
 * command leaves out of walks: the standard library's "builtin", a pseudo-package that exists
 * only for documentation, and "runtime/cgo" when cgo is off.
 */
function wildcardMatch(p: Package): boolean {
  if (
    p.standard &&
    (p.importPath === "builtin" || (p.importPath === "runtime/cgo" && !p.context.cgoEnabled))
  ) {
    return false;
  }
  return hasFiles(p);
}

/** Loads the packages of patterns with a fresh Loader. */
export function loadPackages(patterns: string[], options: LoadOptions = {}): LoadResult {
  return new Loader(options).load(patterns);
}
