// Where the source of an imported package lives, found the way the go command finds it but
// without running it or touching the network:
//
// - standard library paths (first element without a dot) are "std": served by the bundled model,
//   or by GOROOT/src when a Go installation is present (found without running `go`);
// - in module mode: the main module(s) and their subdirectories; `vendor/` when the go command
//   would use it (go ≥ 1.14 and vendor/modules.txt); local `replace` directories; the module
//   cache (GOMODCACHE, else GOPATH/pkg/mod) at the version go.mod requires after `replace`;
//   `go.work` workspace modules;
// - in GOPATH mode: vendor directories up the tree, then GOPATH/src (where a module's own tree
//   may also serve its "/vN" import path); in module mode, GOPATH/src as a last resort for
//   dependencies that were never downloaded (Debian installs Go libraries that way).
//
// The build list is not computed by minimal version selection: since Go 1.17 a main module's
// go.mod lists every module that provides a package to its build, and that list is used as is
// (in a workspace, the highest version any workspace module requires). For older go.mod files
// that omit indirect dependencies, the highest version present in the module cache stands in.

import { homedir } from "node:os";
import * as path from "node:path";
import { diagnostic, type LoadDiagnostic } from "./diagnostic.js";
import { isDir, isFile, readDir, readText, realPath } from "./fsutil.js";
import {
  compareGoVersions,
  DEFAULT_DEPENDENCY_GO_VERSION,
  type GoMod,
  type GoWork,
  moduleGoVersion,
  parseGoMod,
  parseGoWork,
  type Replace,
} from "./gomod.js";
import { compareSemver, isValidSemver } from "./semver.js";

export type Env = Readonly<Record<string, string | undefined>>;

// ---- Go installation ----

export interface GoRoot {
  /** The installation's root; its sources are in `src`. */
  dir: string;
  /** Its version without the "go" prefix ("1.19.8"), or null if unknown. */
  version: string | null;
  /** How it was found. */
  via: "GOROOT" | "PATH" | "default";
}

function goRootVersion(dir: string): string | null {
  const v = readText(path.join(dir, "VERSION"));
  if (v !== null) {
    const first = v.split("\n")[0]!.trim();
    if (first.startsWith("go")) return first.slice(2);
  }
  // Development trees have no VERSION file; internal/goversion knows the minor release.
  const src = readText(path.join(dir, "src", "internal", "goversion", "goversion.go"));
  const m = src === null ? null : /const\s+Version\s*=\s*(\d+)/.exec(src);
  return m === null ? null : `1.${m[1]}`;
}

function looksLikeGoRoot(dir: string): boolean {
  return isDir(path.join(dir, "src", "runtime")) || isFile(path.join(dir, "src", "go.mod"));
}

/** The usual places Go is installed, newest-looking last where several may exist. */
function defaultGoRoots(env: Env): string[] {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  const roots: string[] = [];
  if (process.platform === "win32") {
    roots.push("C:\\Program Files\\Go", "C:\\Go");
  } else {
    roots.push(
      "/usr/local/go",
      "/usr/lib/go",
      "/usr/local/opt/go/libexec",
      "/opt/homebrew/opt/go/libexec",
      "/opt/go",
      "/snap/go/current",
    );
    // Debian and Ubuntu install versioned trees side by side.
    const versioned = readDir("/usr/lib")
      .map((e) => e.name)
      .filter((n) => /^go-\d+\.\d+$/.test(n))
      .sort((a, b) => compareGoVersions(b.slice(3), a.slice(3)));
    for (const n of versioned) roots.push(path.join("/usr/lib", n));
  }
  // `go install golang.org/dl/goX.Y` puts toolchains in ~/sdk.
  const sdk = path.join(home, "sdk");
  const sdks = readDir(sdk)
    .map((e) => e.name)
    .filter((n) => /^go\d/.test(n))
    .sort((a, b) => compareGoVersions(b, a));
  for (const n of sdks) roots.push(path.join(sdk, n));
  return roots;
}

/**
 * Finds a Go installation without running it: GOROOT from the environment, else the directory
 * above the `bin` holding the `go` found on PATH (after resolving symlinks), else the usual
 * install locations. Null when there is none; the standard library then comes from the bundled
 * model only.
 */
export function findGoRoot(env: Env = process.env): GoRoot | null {
  const fromEnv = env.GOROOT;
  if (fromEnv !== undefined && fromEnv !== "" && looksLikeGoRoot(fromEnv)) {
    return { dir: path.resolve(fromEnv), version: goRootVersion(fromEnv), via: "GOROOT" };
  }
  const exe = process.platform === "win32" ? "go.exe" : "go";
  const sep = process.platform === "win32" ? ";" : ":";
  for (const dir of (env.PATH ?? "").split(sep)) {
    if (dir === "") continue;
    const candidate = path.join(dir, exe);
    if (!isFile(candidate)) continue;
    const real = realPath(candidate);
    if (real === null) continue;
    const root = path.dirname(path.dirname(real));
    if (looksLikeGoRoot(root)) return { dir: root, version: goRootVersion(root), via: "PATH" };
  }
  for (const root of defaultGoRoots(env)) {
    if (looksLikeGoRoot(root)) return { dir: root, version: goRootVersion(root), via: "default" };
  }
  return null;
}

/**
 * The directory of a standard library package in a Go source tree (`src` of GOROOT), with the
 * standard library's own vendoring: from a package of the standard library, `golang.org/x/...`
 * is `src/vendor/golang.org/x/...`; from `cmd/...`, `src/cmd/vendor/...`. Returns the package's
 * import path as the go command names it ("vendor/golang.org/x/net/http2/hpack") and its
 * directory, or null if the tree has no such package directory.
 */
export function resolveStdImport(
  srcDir: string,
  importPath: string,
  importerPath: string | null,
  isDirectory: (dir: string) => boolean = isDir,
): { importPath: string; dir: string } | null {
  if (importerPath !== null) {
    const inCmd = importerPath === "cmd" || importerPath.startsWith("cmd/");
    const vendorPrefix = inCmd ? "cmd/vendor/" : "vendor/";
    if (!importPath.startsWith(vendorPrefix)) {
      const vdir = path.join(srcDir, vendorPrefix, importPath);
      if (isDirectory(vdir)) return { importPath: vendorPrefix + importPath, dir: vdir };
    }
  }
  const dir = path.join(srcDir, importPath);
  return isDirectory(dir) ? { importPath, dir } : null;
}

/** Whether the path looks like a standard library import: no dot in its first element. */
export function isStandardImportPath(importPath: string): boolean {
  const slash = importPath.indexOf("/");
  const first = slash < 0 ? importPath : importPath.slice(0, slash);
  return !first.includes(".") && first !== "";
}

// ---- module cache ----

/** The module cache's escaping of a module path or version: "!" before each lower-cased capital. */
export function escapeModulePath(p: string): string {
  return p.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

export function unescapeModulePath(p: string): string | null {
  if (/[A-Z]|![^a-z]|!$/.test(p)) return null;
  return p.replace(/!([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function goPaths(env: Env = process.env): string[] {
  const sep = process.platform === "win32" ? ";" : ":";
  const list = (env.GOPATH ?? "").split(sep).filter((p) => p !== "");
  if (list.length > 0) return list.map((p) => path.resolve(p));
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  return [path.join(home, "go")];
}

export function moduleCacheDir(env: Env = process.env): string {
  const m = env.GOMODCACHE;
  if (m !== undefined && m !== "") return path.resolve(m);
  return path.join(goPaths(env)[0]!, "pkg", "mod");
}

/** The directory of module@version in the module cache (it may not exist). */
export function moduleCachePath(cacheDir: string, modulePath: string, version: string): string {
  return path.join(cacheDir, `${escapeModulePath(modulePath)}@${escapeModulePath(version)}`);
}

/** The highest version of a module present in the cache, or null. */
function newestCachedVersion(cacheDir: string, modulePath: string): string | null {
  const escaped = escapeModulePath(modulePath);
  const parent = path.join(cacheDir, path.dirname(escaped));
  const prefix = `${path.basename(escaped)}@`;
  let best: string | null = null;
  for (const e of readDir(parent)) {
    if (!e.isDirectory() || !e.name.startsWith(prefix)) continue;
    const v = unescapeModulePath(e.name.slice(prefix.length));
    if (v === null || !isValidSemver(v)) continue;
    if (best === null || compareSemver(v, best) > 0) best = v;
  }
  return best;
}

// ---- vendor/modules.txt ----

export interface VendoredModule {
  path: string;
  version: string;
  /** The `=> replacement` part, if any. */
  replacement: string | null;
  goVersion: string | null;
  explicit: boolean;
  packages: string[];
}

export interface VendorInfo {
  dir: string;
  modules: VendoredModule[];
  /** Package import path → module providing it. */
  packageModule: Map<string, VendoredModule>;
}

/** Reads vendor/modules.txt (the go command's record of what `go mod vendor` copied). */
export function parseModulesTxt(vendorDir: string, text: string): VendorInfo {
  const info: VendorInfo = { dir: vendorDir, modules: [], packageModule: new Map() };
  let cur: VendoredModule | null = null;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    if (line.startsWith("# ")) {
      const f = line.slice(2).trim().split(/\s+/);
      const arrow = f.indexOf("=>");
      const head = arrow < 0 ? f : f.slice(0, arrow);
      if (head.length === 0 || head[0]!.startsWith("#")) {
        cur = null;
        continue;
      }
      cur = {
        path: head[0]!,
        version: head[1] ?? "",
        replacement: arrow < 0 ? null : f.slice(arrow + 1).join(" "),
        goVersion: null,
        explicit: false,
        packages: [],
      };
      info.modules.push(cur);
      continue;
    }
    if (line.startsWith("## ")) {
      if (cur === null) continue;
      for (const ann of line.slice(3).split(";")) {
        const a = ann.trim();
        if (a === "explicit") cur.explicit = true;
        else if (a.startsWith("go ")) cur.goVersion = a.slice(3).trim();
      }
      continue;
    }
    if (line.startsWith("#") || cur === null) continue;
    cur.packages.push(line);
    info.packageModule.set(line, cur);
  }
  return info;
}

// ---- modules and workspaces ----

export interface Module {
  /** Module path ("std" for GOROOT/src, "cmd" for GOROOT/src/cmd). */
  path: string;
  /** Version for a dependency from the cache or vendor; null for main modules and local replacements. */
  version: string | null;
  /** Directory holding the module's root (and go.mod when it has one). */
  dir: string;
  /** The parsed go.mod, or null when the module has none (old modules in the cache, vendored ones). */
  goMod: GoMod | null;
  /** The Go version the module's code is written for. */
  goVersion: string;
  /** A main module: the module a pattern was loaded from, or a module of its workspace. */
  main: boolean;
}

/**
 * How a package was found: the main module(s), vendor/, a replace directive, the module cache at
 * the required version, the newest cached version (module not in go.mod), or GOPATH/src (GOPATH
 * mode, or a module's dependency found nowhere else).
 */
export type ResolutionVia = "std" | "main" | "vendor" | "replace" | "cache" | "cache-newest" | "gopath";

export type Resolution =
  | {
      kind: "std";
      /** The canonical import path ("vendor/golang.org/x/..." for the standard library's vendored packages). */
      importPath: string;
      /** The package directory in a Go source tree, or null when only the bundled model can serve it. */
      dir: string | null;
    }
  | { kind: "dir"; importPath: string; dir: string; module: Module | null; via: ResolutionVia }
  | { kind: "missing"; importPath: string; reason: string };

/** What the resolver needs to know about the importing package. */
export interface Importer {
  dir: string;
  importPath: string;
  module: Module | null;
  standard: boolean;
}

export interface ResolverOptions {
  env?: Env;
  /** The Go installation for the standard library; default findGoRoot(env); null for none. */
  goRoot?: GoRoot | null;
}

/** GOFLAGS' -mod setting, if any. */
function goFlagsMod(env: Env): string | null {
  const m = /(?:^|\s)-mod=(\S+)/.exec(env.GOFLAGS ?? "");
  return m === null ? null : m[1]!;
}

/** The nearest directory at or above start holding a file `name`; `exists` memoizes the checks. */
function findUp(start: string, name: string, exists: Map<string, boolean>): string | null {
  let dir = path.resolve(start);
  for (;;) {
    const file = path.join(dir, name);
    let found = exists.get(file);
    if (found === undefined) {
      found = isFile(file);
      exists.set(file, found);
    }
    if (found) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * The main module(s) a directory belongs to, and how their imports resolve. Build one per
 * distinct root with Resolver.workspaceFor; it caches everything it reads.
 */
export class Workspace {
  /** "module": one main module; "workspace": go.work; "gopath": GOPATH layout; "none": neither. */
  readonly mode: "module" | "workspace" | "gopath" | "none";
  readonly mainModules: Module[] = [];
  readonly goWork: GoWork | null = null;
  /** The go.work file, or the single main module's go.mod, or the GOPATH src directory. */
  readonly root: string;
  readonly vendor: VendorInfo | null = null;
  readonly errors: LoadDiagnostic[] = [];
  /** The module versions of the build list (required versions after the highest-wins merge). */
  private readonly buildList = new Map<string, string>();
  private readonly replaces: { replace: Replace; baseDir: string }[] = [];
  private readonly moduleDirs = new Map<string, { module: Module; via: ResolutionVia } | null>();

  constructor(
    private readonly resolver: Resolver,
    kind:
      | { mode: "module"; modDir: string }
      | { mode: "workspace"; workFile: string }
      | { mode: "gopath"; src: string }
      | { mode: "none"; dir: string },
  ) {
    this.mode = kind.mode;
    if (kind.mode === "gopath") {
      this.root = kind.src;
      return;
    }
    if (kind.mode === "none") {
      this.root = kind.dir;
      return;
    }
    if (kind.mode === "workspace") {
      this.root = kind.workFile;
      const text = readText(kind.workFile);
      const work = parseGoWork(kind.workFile, text ?? "");
      if (text === null) work.errors.push(diagnostic(kind.workFile, 0, 0, "cannot read go.work"));
      this.goWork = work;
      this.errors.push(...work.errors);
      const base = path.dirname(kind.workFile);
      for (const u of work.use) {
        const dir = path.resolve(base, u.path);
        const m = resolver.readModule(dir, true);
        if (m === null) {
          this.errors.push(diagnostic(kind.workFile, u.line, u.column, `no go.mod file in ${u.path}`));
          continue;
        }
        this.mainModules.push(m);
      }
      for (const r of work.replace) this.replaces.push({ replace: r, baseDir: base });
      const vendorGo = work.go?.version ?? "";
      if (compareGoVersions(vendorGo, "1.22") >= 0) this.vendor = this.readVendor(path.join(base, "vendor"));
    } else {
      this.root = path.join(kind.modDir, "go.mod");
      const m = resolver.readModule(kind.modDir, true);
      if (m !== null) this.mainModules.push(m);
      if (m !== null && compareGoVersions(m.goVersion, "1.14") >= 0) {
        this.vendor = this.readVendor(path.join(kind.modDir, "vendor"));
      }
    }
    for (const m of this.mainModules) {
      if (m.goMod === null) continue;
      this.errors.push(...m.goMod.errors);
      for (const r of m.goMod.require) {
        const have = this.buildList.get(r.path);
        if (have === undefined || compareSemver(r.version, have) > 0) this.buildList.set(r.path, r.version);
      }
      // In a workspace, go.work's replacements win over those of its modules (listed first).
      for (const r of m.goMod.replace) this.replaces.push({ replace: r, baseDir: m.dir });
    }
  }

  private readVendor(vendorDir: string): VendorInfo | null {
    const flag = goFlagsMod(this.resolver.env);
    if (flag === "mod" || flag === "readonly") return null;
    const text = readText(path.join(vendorDir, "modules.txt"));
    if (text === null) return null;
    return parseModulesTxt(vendorDir, text);
  }

  /** The main module whose directory tree holds dir (the innermost), or null. */
  mainModuleFor(dir: string): Module | null {
    let best: Module | null = null;
    for (const m of this.mainModules) {
      if (isWithin(m.dir, dir) && (best === null || m.dir.length > best.dir.length)) best = m;
    }
    return best;
  }

  /** Whether an import path belongs to a module known to the workspace rather than to std. */
  private ownsPath(importPath: string): boolean {
    const owned = (mp: string) => importPath === mp || importPath.startsWith(`${mp}/`);
    if (this.mainModules.some((m) => owned(m.path))) return true;
    for (const mp of this.buildList.keys()) if (owned(mp)) return true;
    return this.replaces.some((r) => owned(r.replace.oldPath));
  }

  resolve(importPath: string, importer: Importer): Resolution {
    const std = this.resolver.resolveStd(importPath, importer);
    // The standard library's own vendored copies always win; a standard-looking path loses to
    // a module of the workspace that provides it.
    if (std !== null && (std.importPath !== importPath || !this.ownsPath(importPath))) return std;
    if (this.mode === "gopath" || this.mode === "none") return this.resolveGopath(importPath, importer);
    // Main modules first: their packages never come from elsewhere.
    for (const prefix of pathPrefixes(importPath)) {
      const main = this.mainModules.find((m) => m.path === prefix);
      if (main === undefined) continue;
      const dir = path.join(main.dir, importPath.slice(prefix.length));
      if (this.resolver.dirExists(dir)) return { kind: "dir", importPath, dir, module: main, via: "main" };
    }
    if (this.vendor !== null) return this.resolveVendor(importPath);
    for (const prefix of pathPrefixes(importPath)) {
      const found = this.moduleDir(prefix);
      if (found === null) continue;
      const dir = path.join(found.module.dir, importPath.slice(prefix.length));
      if (this.resolver.dirExists(dir))
        return { kind: "dir", importPath, dir, module: found.module, via: found.via };
    }
    // Beyond the go command: source laid out in GOPATH/src (Debian's /usr/share/gocode, an old
    // checkout) serves a module whose dependencies were never downloaded.
    const fallback = this.resolveGopath(importPath, importer);
    // Module mode names the package by its import path, /vN included.
    if (fallback.kind === "dir") return { ...fallback, importPath };
    return {
      kind: "missing",
      importPath,
      reason: `no required module provides package ${importPath}`,
    };
  }

  private resolveVendor(importPath: string): Resolution {
    const v = this.vendor!;
    const dir = path.join(v.dir, importPath);
    if (!isDir(dir)) {
      return { kind: "missing", importPath, reason: `package ${importPath} is not in vendor/modules.txt` };
    }
    let vm = v.packageModule.get(importPath) ?? null;
    if (vm === null) {
      for (const prefix of pathPrefixes(importPath)) {
        vm = v.modules.find((m) => m.path === prefix) ?? null;
        if (vm !== null) break;
      }
    }
    const module: Module | null =
      vm === null
        ? null
        : {
            path: vm.path,
            version: vm.version === "" ? null : vm.version,
            dir: path.join(v.dir, vm.path),
            goMod: null,
            goVersion: vm.goVersion ?? DEFAULT_DEPENDENCY_GO_VERSION,
            main: false,
          };
    return { kind: "dir", importPath, dir, module, via: "vendor" };
  }

  private findReplace(
    modulePath: string,
    version: string | null,
  ): { replace: Replace; baseDir: string } | null {
    // A version-specific replacement wins over a wildcard one; earlier entries (go.work) win.
    let wildcard: { replace: Replace; baseDir: string } | null = null;
    for (const r of this.replaces) {
      if (r.replace.oldPath !== modulePath) continue;
      if (r.replace.oldVersion === null) {
        wildcard ??= r;
      } else if (r.replace.oldVersion === version) {
        return r;
      }
    }
    return wildcard;
  }

  /** The directory of a module of the build list (or replaced), if it can be found on disk. */
  private moduleDir(modulePath: string): { module: Module; via: ResolutionVia } | null {
    let found = this.moduleDirs.get(modulePath);
    if (found === undefined) {
      found = this.findModuleDir(modulePath);
      this.moduleDirs.set(modulePath, found);
    }
    return found;
  }

  private findModuleDir(modulePath: string): { module: Module; via: ResolutionVia } | null {
    const version = this.buildList.get(modulePath) ?? null;
    const rep = this.findReplace(modulePath, version);
    if (rep !== null) {
      const r = rep.replace;
      if (r.isLocal) {
        const dir = path.resolve(rep.baseDir, r.newPath);
        const m = this.resolver.readModule(dir, false);
        const module: Module = m ?? {
          path: modulePath,
          version: null,
          dir,
          goMod: null,
          goVersion: DEFAULT_DEPENDENCY_GO_VERSION,
          main: false,
        };
        return isDir(dir) ? { module: { ...module, path: modulePath }, via: "replace" } : null;
      }
      const m = this.resolver.cachedModule(r.newPath, r.newVersion!);
      return m === null ? null : { module: { ...m, path: modulePath }, via: "replace" };
    }
    if (version !== null) {
      const m = this.resolver.cachedModule(modulePath, version);
      if (m !== null) return { module: m, via: "cache" };
      return null;
    }
    // Not in go.mod (an old go.mod without its indirect dependencies): any cached version.
    const newest = newestCachedVersion(this.resolver.moduleCache, modulePath);
    if (newest === null) return null;
    const m = this.resolver.cachedModule(modulePath, newest);
    return m === null ? null : { module: m, via: "cache-newest" };
  }

  private resolveGopath(importPath: string, importer: Importer): Resolution {
    const found = this.findInGopath(importPath, importer);
    if (found !== null) return found;
    // Minimal module compatibility: GOPATH code may import "x/v2" of a module whose v2 lives in
    // the directory of "x" with `module x/v2` in its go.mod; the package is then called "x".
    const m = /^(.*?)\/v[2-9][0-9]*(\/.*)?$/.exec(importPath);
    if (m !== null) {
      const alt = m[1]! + (m[2] ?? "");
      const r = this.findInGopath(alt, importer);
      if (r !== null && r.kind === "dir") {
        const modRoot = r.dir.slice(0, r.dir.length - (m[2] ?? "").length);
        const mod = this.resolver.readModule(modRoot, false);
        if (mod !== null && importPath.startsWith(mod.path)) return r;
      }
    }
    return { kind: "missing", importPath, reason: `cannot find package ${importPath} in GOPATH` };
  }

  private findInGopath(importPath: string, importer: Importer): Resolution | null {
    // vendor directories from the importer up to the GOPATH src root it lives in.
    for (const gp of this.resolver.goPath) {
      const src = path.join(gp, "src");
      if (!isWithin(src, importer.dir)) continue;
      let dir = importer.dir;
      while (isWithin(src, dir) && dir !== src) {
        const cand = path.join(dir, "vendor", importPath);
        if (isDir(cand)) {
          const rel = toSlash(path.relative(src, cand));
          return { kind: "dir", importPath: rel, dir: cand, module: null, via: "gopath" };
        }
        dir = path.dirname(dir);
      }
    }
    for (const gp of this.resolver.goPath) {
      const dir = path.join(gp, "src", importPath);
      if (isDir(dir)) return { kind: "dir", importPath, dir, module: null, via: "gopath" };
    }
    return null;
  }
}

/** "a/b/c" → ["a/b/c", "a/b", "a"]. */
function pathPrefixes(p: string): string[] {
  const out: string[] = [];
  let s = p;
  for (;;) {
    out.push(s);
    const i = s.lastIndexOf("/");
    if (i <= 0) return out;
    s = s.slice(0, i);
  }
}

export function isWithin(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * The source tree a standard package loaded as an import belongs to (its directory less its
 * import path), so that its own imports come from the same tree: a tree reached through a
 * symbolic link (/usr/lib/go) and GOROOT resolved (/usr/lib/go-1.19) would otherwise hold
 * two copies of each package, with types that are not identical.
 */
function stdSourceRoot(importer: Importer): string | null {
  const dir = toSlash(importer.dir);
  const suffix = `/${importer.importPath}`;
  if (importer.importPath === "" || !dir.endsWith(suffix)) return null;
  return importer.dir.slice(0, importer.dir.length - suffix.length);
}

export function toSlash(p: string): string {
  return path.sep === "/" ? p : p.split(path.sep).join("/");
}

/**
 * Finds modules, workspaces and Go installations for a whole run, reading each go.mod once.
 */
export class Resolver {
  readonly env: Env;
  readonly goRoot: GoRoot | null;
  readonly moduleCache: string;
  readonly goPath: string[];
  private readonly modules = new Map<string, Module | null>();
  private readonly workspaces = new Map<string, Workspace>();
  private readonly dirWorkspaces = new Map<string, Workspace>();
  /** Whether go.mod / go.work files exist, by path (looked up once per run). */
  private readonly fileExists = new Map<string, boolean>();
  private readonly dirs = new Map<string, boolean>();

  /** Whether a directory exists, looked up once per run (imports probe the same paths often). */
  readonly dirExists = (dir: string): boolean => {
    let found = this.dirs.get(dir);
    if (found === undefined) {
      found = isDir(dir);
      this.dirs.set(dir, found);
    }
    return found;
  };

  constructor(options: ResolverOptions = {}) {
    this.env = options.env ?? process.env;
    this.goRoot = options.goRoot === undefined ? findGoRoot(this.env) : options.goRoot;
    this.moduleCache = moduleCacheDir(this.env);
    this.goPath = goPaths(this.env);
  }

  /** Reads the module rooted at dir (its go.mod), or null if dir has no go.mod. */
  readModule(dir: string, main: boolean): Module | null {
    const key = `${main ? "main" : "dep"}:${dir}`;
    const cached = this.modules.get(key);
    if (cached !== undefined) return cached;
    const file = path.join(dir, "go.mod");
    const text = readText(file);
    let m: Module | null = null;
    if (text !== null) {
      const goMod = parseGoMod(file, text, { lax: !main });
      m = {
        path: goMod.module?.path ?? "",
        version: null,
        dir,
        goMod,
        goVersion: moduleGoVersion(goMod, main),
        main,
      };
      if (goMod.module === null && main) {
        goMod.errors.push(diagnostic(file, 0, 0, "no module declaration in go.mod"));
      }
    }
    this.modules.set(key, m);
    return m;
  }

  /** module@version from the module cache, or null if it is not downloaded. */
  cachedModule(modulePath: string, version: string): Module | null {
    const dir = moduleCachePath(this.moduleCache, modulePath, version);
    const key = `cache:${dir}`;
    const cached = this.modules.get(key);
    if (cached !== undefined) return cached;
    let m: Module | null = null;
    if (isDir(dir)) {
      const read = this.readModule(dir, false);
      m = {
        path: modulePath,
        version,
        dir,
        goMod: read?.goMod ?? null,
        goVersion: read?.goVersion ?? DEFAULT_DEPENDENCY_GO_VERSION,
        main: false,
      };
    }
    this.modules.set(key, m);
    return m;
  }

  /**
   * The workspace that governs a directory, found as the go command finds it from there:
   * GO111MODULE=off → GOPATH; GOWORK (a file, or "off"); go.work upward; go.mod upward;
   * else GOPATH when the directory is inside GOPATH/src; else none.
   */
  workspaceFor(dir: string): Workspace {
    const abs = path.resolve(dir);
    const known = this.dirWorkspaces.get(abs);
    if (known !== undefined) return known;
    const env = this.env;
    const modulesOff = env.GO111MODULE === "off";
    const gowork = env.GOWORK ?? "";
    let workFile: string | null = null;
    if (!modulesOff && gowork !== "off") {
      if (gowork !== "") workFile = path.resolve(gowork);
      else {
        const workDir = findUp(abs, "go.work", this.fileExists);
        if (workDir !== null) workFile = path.join(workDir, "go.work");
      }
    }
    const modDir = modulesOff ? null : findUp(abs, "go.mod", this.fileExists);
    let w: Workspace | null = null;
    if (workFile !== null) {
      w = this.workspace(`work:${workFile}`, { mode: "workspace", workFile });
      // The go command refuses a module that its go.work does not use; we load it on its own.
      if (modDir !== null && !w.mainModules.some((m) => m.dir === modDir)) w = null;
    }
    if (w === null) {
      const gopathSrc = this.goPath.map((g) => path.join(g, "src")).find((s) => isWithin(s, abs)) ?? null;
      if (modDir !== null) w = this.workspace(`mod:${modDir}`, { mode: "module", modDir });
      else if (gopathSrc !== null)
        w = this.workspace(`gopath:${gopathSrc}`, { mode: "gopath", src: gopathSrc });
      else w = this.workspace("none", { mode: "none", dir: abs });
    }
    this.dirWorkspaces.set(abs, w);
    return w;
  }

  private workspace(key: string, kind: ConstructorParameters<typeof Workspace>[1]): Workspace {
    let w = this.workspaces.get(key);
    if (w === undefined) {
      w = new Workspace(this, kind);
      this.workspaces.set(key, w);
    }
    return w;
  }

  /**
   * A standard library package: from the Go source tree the importer belongs to (the standard
   * library itself), else from GOROOT, else from the bundled model (dir null). Null when the
   * path is not a standard library path.
   */
  resolveStd(importPath: string, importer: Importer): Resolution | null {
    let src: string | null = null;
    if (importer.module?.path === "std") src = importer.module.dir;
    else if (importer.module?.path === "cmd") src = path.dirname(importer.module.dir);
    else if (importer.standard && importer.module === null) src = stdSourceRoot(importer);
    if (src === null && this.goRoot !== null) src = path.join(this.goRoot.dir, "src");
    if (src !== null) {
      const found = resolveStdImport(
        src,
        importPath,
        importer.standard ? importer.importPath : null,
        this.dirExists,
      );
      if (found !== null && (isStandardImportPath(importPath) || found.importPath !== importPath)) {
        return { kind: "std", importPath: found.importPath, dir: found.dir };
      }
    }
    if (!isStandardImportPath(importPath)) return null;
    return { kind: "std", importPath, dir: null };
  }
}
