// The program: loaded packages parsed and type-checked, with their imports served from the
// bundled standard-library model, a Go installation's sources, vendor/, the module cache or
// replace directories (as the loader resolves them). Imported packages are checked for their
// declarations only, once per run; a package that is itself analyzed serves its importers with
// the same objects once it has been checked.

import { readBytes } from "../load/fsutil.js";
import type { GoFile, Package as LoadedPackage, Loader } from "../load/packages.js";
import { type ParseResult, parseFile } from "../syntax/parser.js";
import { type CheckConfig, type CheckResult, checkPackage } from "./check/checker.js";
import { Package, Unsafe } from "./objects.js";
import { readStdlibModel } from "./stdlib/model.js";

/** Which files of a loaded package are checked together, as `go vet` and `go test` do. */
export type Variant = "package" | "test" | "xtest";

export interface CheckedPackage extends CheckResult {
  loaded: LoadedPackage;
  variant: Variant;
  /** The import path of the checked package (`p_test` for an external test package). */
  path: string;
  /** The parsed files, in the order they were checked. */
  files: ParseResult[];
}

/** The files of a variant. */
export function variantFiles(p: LoadedPackage, variant: Variant): GoFile[] {
  switch (variant) {
    case "package":
      return p.goFiles;
    case "test":
      return [...p.goFiles, ...p.testGoFiles];
    case "xtest":
      return p.xTestGoFiles;
  }
}

/** The variants of a package worth checking: the test variant includes the package's own files. */
export function variantsOf(p: LoadedPackage, tests: boolean): Variant[] {
  const out: Variant[] = [];
  if (tests && p.testGoFiles.length > 0) out.push("test");
  else if (p.goFiles.length > 0) out.push("package");
  if (tests && p.xTestGoFiles.length > 0) out.push("xtest");
  return out;
}

export interface ProgramOptions {
  /**
   * Whether a package checked with check() (its "package" variant) serves its importers with
   * the same objects (default true). With false, every import is checked for its declarations
   * only, from its source with function bodies skipped, so that what an importer sees never
   * depends on which packages were checked before it (parallel and cached analysis need that).
   */
  shareChecked?: boolean;
  /** Called with every file read and parsed, and whether its function bodies were skipped. */
  onParse?: (file: GoFile, result: ParseResult, declarationsOnly: boolean) => void;
}

/** Where a run spends its time: reading and parsing files, and checking them. */
export interface ProgramStats {
  files: number;
  bytes: number;
  parseMs: number;
  checkMs: number;
}

export class Program {
  readonly stats: ProgramStats = { files: 0, bytes: 0, parseMs: 0, checkMs: 0 };
  private readonly loader: Loader;
  /** Checked import packages (declarations only, or complete when analyzed), by package key. */
  private readonly imports = new Map<string, Package | null>();
  private readonly inProgress = new Set<string>();
  /** The trees of the package being checked, while it is (check). */
  private parsedNow: { key: string; files: ParseResult[] } | null = null;
  /** The test variant checked last, kept for the external test package checked next. */
  private lastTestVariant: { key: string; pkg: Package } | null = null;
  private checkDepth = 0;
  private readonly shareChecked: boolean;
  private readonly onParse: ProgramOptions["onParse"];

  constructor(loader: Loader, options: ProgramOptions = {}) {
    this.loader = loader;
    this.shareChecked = options.shareChecked ?? true;
    this.onParse = options.onParse;
  }

  /** Parses and checks one variant of a loaded package. */
  check(loaded: LoadedPackage, variant: Variant): CheckedPackage {
    const files = this.parse(variantFiles(loaded, variant), false);
    // Its own tests' imports often import the package back: they get its declarations from
    // the trees just parsed (variantFiles lists the package's own files first).
    this.parsedNow =
      variant === "xtest" ? null : { key: packageKey(loaded), files: files.slice(0, loaded.goFiles.length) };
    const path = variant === "xtest" ? `${loaded.importPath}_test` : loaded.importPath;
    // An external test package sees the package under test with its in-package tests.
    const underTest = variant === "xtest" && loaded.testGoFiles.length > 0 ? this.testVariant(loaded) : null;
    const result = this.checkFiles(path, files, {
      importer: (importPath) =>
        underTest !== null && importPath === loaded.importPath
          ? underTest
          : this.importFor(loaded, importPath),
      goVersion: loaded.goVersion,
    });
    this.parsedNow = null;
    if (variant === "package" && this.shareChecked) this.imports.set(packageKey(loaded), result.pkg);
    this.lastTestVariant = variant === "test" ? { key: packageKey(loaded), pkg: result.pkg } : null;
    return { ...result, loaded, variant, path, files };
  }

  /**
   * The package under test as its external tests see it. When its test variant was the last
   * package checked (as analysis checks a package's variants one after the other), that is it:
   * the same files, already checked; else its declarations are checked from source.
   */
  private testVariant(loaded: LoadedPackage): Package {
    if (this.lastTestVariant?.key === packageKey(loaded)) return this.lastTestVariant.pkg;
    return (
      this.checkDeclarations(loaded, [...loaded.goFiles, ...loaded.testGoFiles]) ??
      new Package(loaded.importPath, loaded.name)
    );
  }

  /** The package `importPath` as seen from `from`, or null when it cannot be found. */
  private importFor(from: LoadedPackage, importPath: string): Package | null {
    if (importPath === "unsafe") return Unsafe;
    if (importPath === "C") return null;
    const { resolution, package: target } = this.loader.importPackage(importPath, from);
    if (resolution.kind === "missing") return null;
    if (target === null) {
      return resolution.kind === "std" ? this.importModel(resolution.importPath) : null;
    }
    const key = packageKey(target);
    const known = this.imports.get(key);
    if (known !== undefined) return known;
    if (this.inProgress.has(key)) return null; // an import cycle: invalid Go, stay silent
    return this.importDeclarations(key, () =>
      this.parsedNow?.key === key && this.parsedNow.files.length > 0
        ? this.declarationsFrom(target, this.parsedNow.files)
        : this.checkDeclarations(target, target.goFiles),
    );
  }

  /** Checks a package's declarations for its importers, once: `key` is in progress meanwhile. */
  private importDeclarations(key: string, check: () => Package | null): Package | null {
    this.inProgress.add(key);
    const pkg = check();
    this.inProgress.delete(key);
    this.imports.set(key, pkg);
    return pkg;
  }

  /**
   * Serves later importers of a package just checked (variant "package" or "test") with its
   * declarations, checked now from the trees already parsed instead of parsed again when first
   * imported. The result is the same as checking them on first import: declarations only, from
   * the same source, recording nothing on the trees.
   */
  keepDeclarations(checked: CheckedPackage): void {
    const loaded = checked.loaded;
    const key = packageKey(loaded);
    if (checked.variant === "xtest" || loaded.goFiles.length === 0) return;
    if (this.imports.has(key) || this.inProgress.has(key)) return;
    // variantFiles lists the package's own files first
    const own = checked.files.slice(0, loaded.goFiles.length);
    this.importDeclarations(key, () => this.declarationsFrom(loaded, own));
  }

  private checkDeclarations(target: LoadedPackage, goFiles: GoFile[]): Package | null {
    if (goFiles.length === 0) return null;
    return this.declarationsFrom(target, this.parse(goFiles, !this.shareChecked));
  }

  private declarationsFrom(target: LoadedPackage, files: ParseResult[]): Package {
    return this.checkFiles(target.importPath, files, {
      importer: (p) => (p === target.importPath ? null : this.importFor(target, p)),
      ignoreFuncBodies: true,
      forImporters: true,
      goVersion: target.goVersion,
    }).pkg;
  }

  /** Reads and parses files; with declarationsOnly, function bodies are skipped. */
  private parse(goFiles: GoFile[], declarationsOnly: boolean): ParseResult[] {
    const start = performance.now();
    const mode = declarationsOnly ? "declarations" : "full";
    const out = goFiles.map((f) => {
      // A file whose facts the loader remembered was not read; one that vanished since parses
      // as empty, which reports the missing package clause at its position.
      const bytes = f.bytes ?? readBytes(f.path) ?? new Uint8Array();
      this.stats.bytes += bytes.length;
      const result = parseFile(f.path, bytes, { mode });
      this.onParse?.(f, result, declarationsOnly);
      return result;
    });
    this.stats.files += goFiles.length;
    this.stats.parseMs += performance.now() - start;
    return out;
  }

  private checkFiles(path: string, files: ParseResult[], config: CheckConfig): CheckResult {
    // Imports are parsed and checked from inside a check: count each moment once, in its phase.
    const outermost = this.checkDepth === 0;
    const start = performance.now();
    const parseBefore = this.stats.parseMs;
    this.checkDepth++;
    const result = checkPackage(
      path,
      files.map((f) => f.file),
      { ...config, fileNames: files.map((f) => f.source.name) },
    );
    this.checkDepth--;
    if (outermost) this.stats.checkMs += performance.now() - start - (this.stats.parseMs - parseBefore);
    return result;
  }

  /** A standard library package from the bundled model (no Go installation needed). */
  private importModel(importPath: string): Package | null {
    const key = `model\0${importPath}`;
    const known = this.imports.get(key);
    if (known !== undefined) return known;
    const model = readStdlibModel().packages[importPath];
    if (model === undefined || this.inProgress.has(key)) return null;
    return this.importDeclarations(key, () => {
      const stub = parseFile(`$GOROOT/src/${importPath}/api.go`, model.src);
      return this.checkFiles(importPath, [stub], {
        importer: (p) => (p === "unsafe" ? Unsafe : this.importModel(p)),
        ignoreFuncBodies: true,
        forImporters: true,
      }).pkg;
    });
  }
}

function packageKey(p: LoadedPackage): string {
  return `${p.dir}\0${p.importPath}`;
}

/**
 * Orders packages so that each comes after the packages of the set it imports (a stable
 * depth-first order; cycles, which are invalid Go, are broken anywhere). With `tests`, the
 * imports of test files count too, after the package's own (cycles through tests are
 * legitimate: a package's tests may import what imports it; they are broken where met).
 */
export function dependencyOrder(packages: LoadedPackage[], tests = false): LoadedPackage[] {
  const byPath = new Map(packages.map((p) => [p.importPath, p]));
  const state = new Map<LoadedPackage, 1 | 2>();
  const out: LoadedPackage[] = [];
  const stack: [LoadedPackage, number][] = [];
  for (const root of packages) {
    if (state.has(root)) continue;
    state.set(root, 1);
    stack.push([root, 0]);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [p, i] = top;
      const imports = tests ? importsWithTests(p) : p.imports;
      if (i < imports.length) {
        top[1]++;
        const dep = byPath.get(imports[i]!);
        if (dep !== undefined && !state.has(dep)) {
          state.set(dep, 1);
          stack.push([dep, 0]);
        }
        continue;
      }
      stack.pop();
      state.set(p, 2);
      out.push(p);
    }
  }
  return out;
}

const withTests = new WeakMap<LoadedPackage, string[]>();

/** A package's imports, then its tests' (in-package, then external). */
function importsWithTests(p: LoadedPackage): string[] {
  let all = withTests.get(p);
  if (all === undefined) {
    all = [...p.imports, ...p.testImports, ...p.xTestImports];
    withTests.set(p, all);
  }
  return all;
}
