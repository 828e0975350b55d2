// A whole run: load the packages of the patterns, parse and check them, run the enabled rules
// over each (and the go.mod rules over each main module's go.mod), drop what is suppressed or
// filtered, and return the report. Nothing here prints.
//
// A package's findings come from the cache when its key is there (cachekey.ts); the others are
// analyzed on this thread (analyze, or analyzeAsync with one job) or on worker threads
// (analyzeAsync, parallel.ts). Every import is checked for its declarations only, whatever was
// checked before, so a package's findings are the same on any thread, in any order, cached or
// not; the report is sorted.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type FileFactsStore, type Package as LoadedPackage, Loader } from "../load/packages.js";
import { dependencyOrder, Program, variantsOf } from "../semantic/program.js";
import type * as ast from "../syntax/ast.js";
import { parseFile } from "../syntax/parser.js";
import type { SourceFile } from "../syntax/source.js";
import { Cache } from "./cache.js";
import {
  DependencyGraph,
  type DepNode,
  type DepRef,
  declarationDigest,
  type DependencyGraph as Graph,
  packageSummary,
  sha256,
  toolId,
} from "./cachekey.js";
import { CachedFileFacts } from "./filefacts.js";
import { compareFindings, type Finding, type Report, type RunError } from "./finding.js";
import { analyzeGoMod, analyzePackage, type EnabledRule } from "./runner.js";

/** Decides, per parsed file, which of its findings are suppressed by directives. */
export type SuppressionSource = (
  file: ast.File,
  source: SourceFile,
) => { isSuppressed(finding: Finding): boolean; errors: RunError[] };

/**
 * How a worker thread rebuilds a request: the URL of a module exporting
 * `workerRequest(options): AnalyzeRequest`, and its options (data a structured clone keeps).
 */
export interface WorkerSetup {
  module: string;
  options: unknown;
}

export interface AnalyzeRequest {
  patterns: string[];
  cwd: string;
  tests: boolean;
  tags: readonly string[];
  goos?: string;
  goarch?: string;
  /** Overrides the Go version of every file (--go). */
  goVersion: string | null;
  rules: readonly EnabledRule[];
  /** Paths the configuration excludes (absolute paths). */
  excluded: (file: string) => boolean;
  /** Whether a parsed file is generated code, skipped unless asked for. */
  generated: (file: ast.File) => boolean;
  includeGenerated: boolean;
  /**
   * Suppression directives. Like `generated`, it must depend only on the file and the rules:
   * cached findings are keyed by file contents and the request's data, not by its functions.
   */
  suppressions: SuppressionSource;
  /** Keeps only the findings on lines changed since a revision (--new-from-rev). */
  keep?: (finding: Finding) => boolean;
  /** The environment (GOROOT, GOPATH, GOFLAGS...); default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** null: no Go installation, the standard library comes from the bundled model. */
  goRoot?: null;
  /** The findings cache's directory; absent or null: no cache. */
  cacheDir?: string | null;
  /** The cache's size bound in bytes. */
  cacheMaxBytes?: number;
  /** Threads analyzing packages (analyzeAsync; needs `worker`); default 1. */
  jobs?: number;
  /**
   * With true, `jobs` is an upper bound and fewer threads are used when the packages to analyze
   * are too little work for more (each thread checks their imports again).
   */
  autoJobs?: boolean;
  /** How worker threads rebuild this request; without it, analysis stays on this thread. */
  worker?: WorkerSetup;
  /** Called as packages are done: from the cache, or analyzed. */
  onProgress?: (done: number, total: number, cached: number) => void;
}

/** What analyzing one package (all its variants) yields; also what the cache stores. */
export interface UnitResult {
  findings: Finding[];
  errors: RunError[];
  /** The package's own files and their bytes. */
  files: number;
  bytes: number;
}

/** Time spent on a package, for --stats (not cached). */
export interface UnitTimes {
  parseMs: number;
  checkMs: number;
  rulesMs: number;
}

/** A file a thread read and parsed: its content hash and, for non-test files, its digest. */
export type ParsedFileRecord = [file: string, hash: string, digest: string | null];

export function analyze(req: AnalyzeRequest): Report {
  const run = new Run(req);
  const program = run.newProgram();
  for (const i of run.misses())
    run.complete(i, ...analyzeUnit(program, run.units[i]!, req, run.importedLater(i)));
  return run.finish();
}

export async function analyzeAsync(req: AnalyzeRequest): Promise<Report> {
  const run = new Run(req);
  const misses = run.misses();
  let jobs = Math.min(req.jobs ?? 1, misses.length);
  if (jobs > 1 && req.worker !== undefined && req.autoJobs === true) {
    const { usefulThreads } = await import("./parallel.js");
    jobs = usefulThreads(run, misses, jobs);
  }
  if (jobs <= 1 || req.worker === undefined) {
    const program = run.newProgram();
    for (const i of misses)
      run.complete(i, ...analyzeUnit(program, run.units[i]!, req, run.importedLater(i)));
    return run.finish();
  }
  const { runWorkers } = await import("./parallel.js");
  await runWorkers(run, misses, jobs, req.worker);
  return run.finish();
}

/**
 * Analyzes every variant of a package: findings (suppressions applied) and errors. With
 * `importedLater`, the program keeps the package's declarations, checked from the trees just
 * parsed, for the packages analyzed after it that import it.
 */
export function analyzeUnit(
  program: Program,
  p: LoadedPackage,
  req: AnalyzeRequest,
  importedLater = false,
): [UnitResult, UnitTimes] {
  const before = { ...program.stats };
  const errors: RunError[] = [];
  const findings: Finding[] = [];
  let rulesMs = 0;
  const skipFile = (file: ast.File, source: SourceFile): boolean =>
    req.excluded(source.name) || (!req.includeGenerated && req.generated(file));
  const own = new Map<string, number>();
  for (const variant of variantsOf(p, req.tests)) {
    const checked = program.check(p, variant);
    if (importedLater) program.keepDeclarations(checked);
    const t = performance.now();
    for (const f of checked.files) {
      own.set(f.source.name, f.source.bytes.length);
      for (const e of f.errors) {
        errors.push({
          kind: "syntax",
          file: f.source.name,
          line: e.line,
          column: e.column,
          message: e.message,
        });
      }
    }
    const result = analyzePackage(checked, req.rules, { goVersion: req.goVersion, skipFile });
    errors.push(...result.errors);
    if (result.findings.length > 0) {
      const byFile = new Map<string, Finding[]>();
      for (const f of result.findings) {
        const list = byFile.get(f.file);
        if (list === undefined) byFile.set(f.file, [f]);
        else list.push(f);
      }
      for (const parsed of checked.files) {
        const list = byFile.get(parsed.source.name);
        if (list === undefined) continue;
        const s = req.suppressions(parsed.file, parsed.source);
        errors.push(...s.errors);
        findings.push(...list.filter((f) => !s.isSuppressed(f)));
      }
    }
    rulesMs += performance.now() - t;
  }
  let bytes = 0;
  for (const b of own.values()) bytes += b;
  const s = program.stats;
  return [
    { findings: dedupe(findings), errors, files: own.size, bytes },
    { parseMs: s.parseMs - before.parseMs, checkMs: s.checkMs - before.checkMs, rulesMs },
  ];
}

/** The loader a request describes (the same on every thread), with remembered file facts if given. */
export function newLoader(req: AnalyzeRequest, factsStore?: FileFactsStore): Loader {
  return new Loader({
    ...(factsStore !== undefined ? { factsStore } : {}),
    dir: req.cwd,
    tests: req.tests,
    buildTags: req.tags,
    ...(req.goos !== undefined ? { goos: req.goos } : {}),
    ...(req.goarch !== undefined ? { goarch: req.goarch } : {}),
    ...(req.goVersion !== null ? { goVersion: req.goVersion } : {}),
    ...(req.env !== undefined ? { env: req.env } : {}),
    ...(req.goRoot === null ? { goRoot: null } : {}),
    hashFiles: req.cacheDir !== undefined && req.cacheDir !== null,
  });
}

/** A Program as analysis needs it: imports from declarations only; parsed files recorded. */
export function analysisProgram(loader: Loader, record: ((r: ParsedFileRecord) => void) | null): Program {
  return new Program(loader, {
    shareChecked: false,
    ...(record === null
      ? {}
      : {
          onParse: (file, result) => {
            const digest = file.name.endsWith("_test.go") ? null : declarationDigest(result);
            // the loader's hash is of these very bytes when the parse used the bytes it read
            const hash =
              file.bytes !== undefined && file.content !== undefined
                ? file.content.hash
                : sha256(result.source.bytes);
            record([file.path, hash, digest]);
          },
        }),
  });
}

/** Version of the keys' layout. */
const KEY_FORMAT = 1;

/** Most bytes of source this thread parses to summarize changed imports before analysis. */
const SUMMARY_PARSE_BUDGET = 4 * 2 ** 20;

/** A run in progress: the loaded packages, which ones the cache answers, and the results. */
export class Run {
  readonly req: AnalyzeRequest;
  readonly loader: Loader;
  /** The packages to analyze, in dependency order. */
  readonly units: LoadedPackage[];
  readonly results: (UnitResult | null)[];
  readonly times: UnitTimes = { parseMs: 0, checkMs: 0, rulesMs: 0 };
  private readonly start: number;
  private readonly loadMs: number;
  private readonly errors: RunError[] = [];
  private readonly goModFindings: Finding[] = [];
  private readonly packageCount: number;
  private readonly cache: Cache | null;
  /** The loader's remembered file facts, kept in the cache. */
  private readonly fileFacts: CachedFileFacts | null;
  private readonly graph: Graph;
  /** Per unit: its imports (tests included), and its key when known. */
  private readonly roots: DepRef[][] = [];
  private readonly keys: (string | null)[] = [];
  private readonly parsed = new Map<string, [string, string | null]>();
  private readonly cachedUnits = new Set<number>();
  private cachedCount = 0;
  /** Import paths some unit imports (importedLater). */
  private importedPaths: Set<string> | null = null;
  private doneCount = 0;
  private runBase = "";

  constructor(req: AnalyzeRequest) {
    this.req = req;
    this.start = performance.now();
    const dir = req.cacheDir ?? null;
    this.cache = dir === null ? null : new Cache(dir, req.cacheMaxBytes);
    this.fileFacts = this.cache === null ? null : new CachedFileFacts(this.cache);
    this.loader = newLoader(req, this.fileFacts ?? undefined);
    const loaded = this.loader.load(req.patterns);
    this.loadMs = performance.now() - this.start;
    this.packageCount = loaded.packages.length;
    for (const e of loaded.errors) this.errors.push(loadError(e));
    const goMods = new Set<string>();
    this.units = [];
    // Packages come after what they and their tests import: a package analyzed before its
    // first importer serves it the declarations checked from its own parsed trees.
    for (const p of dependencyOrder(loaded.packages, req.tests)) {
      for (const e of p.errors) this.errors.push(loadError(e));
      const goMod = p.module?.goMod;
      if (goMod != null && p.module?.main === true && !goMods.has(goMod.file) && !req.excluded(goMod.file)) {
        goMods.add(goMod.file);
        const r = analyzeGoMod(goMod, req.rules);
        this.goModFindings.push(...r.findings);
        this.errors.push(...r.errors);
      }
      if (variantsOf(p, req.tests).length > 0) this.units.push(p);
    }
    this.results = this.units.map(() => null);
    this.graph = new DependencyGraph(this.loader);
    if (this.cache !== null) this.lookup();
  }

  /** Whether another unit of the run imports unit i (its tests included). */
  importedLater(i: number): boolean {
    if (this.importedPaths === null) {
      this.importedPaths = new Set();
      for (const p of this.units) {
        for (const path of [...p.imports, ...p.testImports, ...p.xTestImports]) {
          if (path !== p.importPath) this.importedPaths.add(path);
        }
      }
    }
    return this.importedPaths.has(this.units[i]!.importPath);
  }

  /** The indexes of the units the cache did not answer, in dependency order. */
  misses(): number[] {
    const out: number[] = [];
    this.results.forEach((r, i) => {
      if (r === null) out.push(i);
    });
    return out;
  }

  /** Whether parsed files are to be recorded (for the cache's summaries). */
  get recording(): boolean {
    return this.cache !== null;
  }

  newProgram(): Program {
    return analysisProgram(this.loader, this.recording ? (r) => this.recordParsed(r) : null);
  }

  recordParsed([file, hash, digest]: ParsedFileRecord): void {
    const known = this.parsed.get(file);
    if (known === undefined || (known[1] === null && digest !== null)) this.parsed.set(file, [hash, digest]);
  }

  /** Records a unit's result. */
  complete(i: number, result: UnitResult, times: UnitTimes): void {
    this.results[i] = result;
    this.times.parseMs += times.parseMs;
    this.times.checkMs += times.checkMs;
    this.times.rulesMs += times.rulesMs;
    this.doneCount++;
    this.req.onProgress?.(this.doneCount, this.units.length, this.cachedCount);
  }

  /** The imports of a unit, resolved (tests included), for scheduling. */
  importsOf(i: number): DepRef[] {
    return this.rootsOf(i);
  }

  /** The packages reached from the analyzed ones, with their imports and hashes. */
  dependencyGraph(): Graph {
    return this.graph;
  }

  private rootsOf(i: number): DepRef[] {
    let r = this.roots[i];
    if (r === undefined) {
      const p = this.units[i]!;
      const paths = [
        ...new Set([...p.imports, ...(this.req.tests ? [...p.testImports, ...p.xTestImports] : [])]),
      ];
      r = this.dependencyGraph().resolve(p, paths.sort());
      this.roots[i] = r;
    }
    return r;
  }

  // ---- the cache ----

  private base(): string {
    if (this.runBase === "") {
      const goRoot = this.loader.resolver.goRoot;
      this.runBase = sha256(
        canonicalJson([
          KEY_FORMAT,
          toolId(),
          this.req.rules.map((r) => [r.rule.name, r.severity, r.options]),
          this.req.tests,
          this.req.goVersion,
          this.req.includeGenerated,
          this.loader.baseContext,
          goRoot === null ? null : [goRoot.dir, goRoot.version],
        ]),
      );
    }
    return this.runBase;
  }

  /** The key of a package's declaration digests: its files' contents. */
  private summaryKey(n: DepNode): string | null {
    n.hashes ??= this.graph.hashFiles(n.pkg.goFiles);
    if (n.hashes === null) return null;
    const h = createHash("sha256").update(`decls\0${KEY_FORMAT}\0${toolId()}\0`);
    n.pkg.goFiles.forEach((f, i) => {
      h.update(`${f.name}\0${n.hashes![i]}\0`);
    });
    return h.digest("hex");
  }

  /** The key of a unit's findings, or null while a summary it needs is unknown. */
  private unitKey(i: number): string | null {
    const graph = this.graph;
    const p = this.units[i]!;
    const { nodes, names } = graph.closure(this.rootsOf(i));
    const deps: string[] = [];
    for (const n of nodes) {
      if (n.summary === null) return null;
      deps.push(`${n.id}\0${n.summary}\0`);
    }
    deps.sort();
    const h = createHash("sha256");
    h.update(`findings\0${this.base()}\0${p.dir}\0${p.importPath}\0${p.goVersion}\0${p.name}\0`);
    for (const [role, list] of [
      ["go", p.goFiles],
      ["test", this.req.tests ? p.testGoFiles : []],
      ["xtest", this.req.tests ? p.xTestGoFiles : []],
    ] as const) {
      for (const f of list) {
        const content = graph.contentHash(f);
        if (content === null) return null;
        h.update(`${role}\0${f.name}\0${content}\0${this.req.excluded(f.path) ? 1 : 0}\0`);
      }
    }
    h.update(`deps\0${deps.length}\0`);
    for (const d of deps) h.update(d);
    h.update(`names\0${names.join("\0")}`);
    return h.digest("hex");
  }

  /** Looks up every unit: summaries of what they reach, then their findings. */
  private lookup(): void {
    const cache = this.cache!;
    const graph = this.graph;
    const reached = new Set<DepNode>();
    for (let i = 0; i < this.units.length; i++) {
      for (const n of graph.closure(this.rootsOf(i)).nodes) reached.add(n);
    }
    // Summaries from the cache; the few that changed are computed here, by parsing.
    const unknown: DepNode[] = [];
    for (const n of reached) {
      const key = this.summaryKey(n);
      if (key === null) continue;
      const digests = cache.get("decls", key);
      if (isStringArray(digests, n.pkg.goFiles.length)) {
        n.digests = digests;
        n.summary = packageSummary(n.pkg, digests);
      } else unknown.push(n);
    }
    let budget = SUMMARY_PARSE_BUDGET;
    for (const n of unknown) {
      for (const f of n.pkg.goFiles) budget -= graph.size(f.path);
    }
    if (budget >= 0) {
      for (const n of unknown) this.summarizeHere(n);
    }
    for (let i = 0; i < this.units.length; i++) {
      const key = this.unitKey(i);
      this.keys[i] = key;
      if (key === null) continue;
      const hit = cache.get("findings", key);
      if (isUnitResult(hit)) {
        this.results[i] = hit;
        this.cachedUnits.add(i);
        this.cachedCount++;
        this.doneCount++;
      }
    }
    if (this.cachedCount > 0) this.req.onProgress?.(this.doneCount, this.units.length, this.cachedCount);
  }

  /** Parses a package's non-test files (bodies skipped) for their digests, and stores them. */
  private summarizeHere(n: DepNode): void {
    const digests: string[] = [];
    for (const f of n.pkg.goFiles) {
      const r = parseForDigest(f.path);
      if (r === null || r[0] !== this.graph.knownHash(f.path)) return;
      digests.push(r[1]);
    }
    n.digests = digests;
    n.summary = packageSummary(n.pkg, digests);
    const key = this.summaryKey(n);
    if (key !== null) this.cache!.put("decls", key, digests);
  }

  /** Stores what this run computed: summaries first, then the findings of analyzed units. */
  private store(): void {
    const cache = this.cache!;
    const graph = this.graph;
    // A file that changed while it was being analyzed: store nothing.
    for (const [file, [hash]] of this.parsed) {
      const known = graph.knownHash(file);
      if (known !== undefined && known !== hash) return;
    }
    const reached = new Set<DepNode>();
    for (let i = 0; i < this.units.length; i++) {
      for (const n of graph.closure(this.rootsOf(i)).nodes) reached.add(n);
    }
    for (const n of reached) {
      if (n.summary !== null) continue;
      const digests: string[] = [];
      for (const f of n.pkg.goFiles) {
        const rec = this.parsed.get(f.path);
        if (rec === undefined || rec[1] === null) break;
        digests.push(rec[1]);
      }
      if (digests.length !== n.pkg.goFiles.length) continue;
      n.digests = digests;
      n.summary = packageSummary(n.pkg, digests);
      const key = this.summaryKey(n);
      if (key !== null) cache.put("decls", key, digests);
    }
    for (let i = 0; i < this.units.length; i++) {
      const result = this.results[i];
      if (result === null || result === undefined || this.cachedUnits.has(i)) continue;
      const key = this.keys[i] ?? this.unitKey(i);
      if (key !== null) cache.put("findings", key, result);
    }
    if (cache.stats.writes > 0) cache.trim();
  }

  // ---- the report ----

  finish(): Report {
    this.fileFacts?.flush();
    if (this.cache !== null) this.store();
    let findings: Finding[] = [...this.goModFindings];
    const errors = [...this.errors];
    let files = 0;
    let bytes = 0;
    for (const r of this.results) {
      if (r === null) continue;
      findings.push(...r.findings);
      errors.push(...r.errors);
      files += r.files;
      bytes += r.bytes;
    }
    findings = dedupe(findings);
    if (this.req.keep !== undefined) findings = findings.filter(this.req.keep);
    findings.sort(compareFindings);
    return {
      findings,
      errors: dedupeErrors(errors),
      stats: {
        packages: this.packageCount,
        files,
        bytes,
        loadMs: this.loadMs,
        parseMs: this.times.parseMs,
        checkMs: this.times.checkMs,
        rulesMs: this.times.rulesMs,
        outputMs: 0,
        peakRssMb: Math.round(process.memoryUsage.rss() / 2 ** 20),
        cachedPackages: this.cachedCount,
        analyzedPackages: this.units.length - this.cachedCount,
      },
    };
  }
}

/** Reads and parses a file with bodies skipped: its content hash and declaration digest. */
function parseForDigest(file: string): [string, string] | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  return [sha256(bytes), declarationDigest(parseFile(file, bytes, { mode: "declarations" }))];
}

/** JSON with object keys sorted, so that equal data hashes equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

function isStringArray(x: unknown, length: number): x is string[] {
  return Array.isArray(x) && x.length === length && x.every((s) => typeof s === "string");
}

function isUnitResult(x: unknown): x is UnitResult {
  if (x === null || typeof x !== "object") return false;
  const r = x as Partial<Record<keyof UnitResult, unknown>>;
  return (
    Array.isArray(r.findings) &&
    Array.isArray(r.errors) &&
    typeof r.files === "number" &&
    typeof r.bytes === "number" &&
    r.findings.every((f) => f !== null && typeof f === "object" && typeof (f as Finding).file === "string")
  );
}

function loadError(e: { file: string; line: number; column: number; message: string }): RunError {
  return { kind: "load", file: e.file, line: e.line, column: e.column, message: e.message };
}

/** A package and its test variant share files: each finding once. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.file}\0${f.line}\0${f.column}\0${f.rule}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dedupeErrors(errors: RunError[]): RunError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.kind}\0${path.normalize(e.file)}\0${e.line}\0${e.column}\0${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
