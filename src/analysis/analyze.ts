// A whole run: load the packages of the patterns, parse and check them in dependency order, run
// the enabled rules over each (and the go.mod rules over each main module's go.mod), drop what
// is suppressed or filtered, and return the report. Nothing here prints.

import path from "node:path";
import { Loader } from "../load/packages.js";
import { dependencyOrder, Program, variantsOf } from "../semantic/program.js";
import type * as ast from "../syntax/ast.js";
import type { SourceFile } from "../syntax/source.js";
import { compareFindings, type Finding, type Report, type RunError } from "./finding.js";
import { analyzeGoMod, analyzePackage, type EnabledRule } from "./runner.js";

/** Decides, per parsed file, which of its findings are suppressed by directives. */
export type SuppressionSource = (
  file: ast.File,
  source: SourceFile,
) => { isSuppressed(finding: Finding): boolean; errors: RunError[] };

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
  suppressions: SuppressionSource;
  /** Keeps only the findings on lines changed since a revision (--new-from-rev). */
  keep?: (finding: Finding) => boolean;
  /** The environment (GOROOT, GOPATH, GOFLAGS...); default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** null: no Go installation, the standard library comes from the bundled model. */
  goRoot?: null;
}

export function analyze(req: AnalyzeRequest): Report {
  const start = performance.now();
  const loader = new Loader({
    dir: req.cwd,
    tests: req.tests,
    buildTags: req.tags,
    ...(req.goos !== undefined ? { goos: req.goos } : {}),
    ...(req.goarch !== undefined ? { goarch: req.goarch } : {}),
    ...(req.goVersion !== null ? { goVersion: req.goVersion } : {}),
    ...(req.env !== undefined ? { env: req.env } : {}),
    ...(req.goRoot === null ? { goRoot: null } : {}),
  });
  const loaded = loader.load(req.patterns);
  const loadMs = performance.now() - start;
  const errors: RunError[] = loaded.errors.map((e) => ({
    kind: "load",
    file: e.file,
    line: e.line,
    column: e.column,
    message: e.message,
  }));
  let findings: Finding[] = [];
  const program = new Program(loader);
  let rulesMs = 0;
  const goMods = new Set<string>();
  const skipFile = (file: ast.File, source: SourceFile): boolean =>
    req.excluded(source.name) || (!req.includeGenerated && req.generated(file));

  for (const p of dependencyOrder(loaded.packages)) {
    for (const e of p.errors)
      errors.push({ kind: "load", file: e.file, line: e.line, column: e.column, message: e.message });
    const goMod = p.module?.goMod;
    if (goMod != null && p.module?.main === true && !goMods.has(goMod.file) && !req.excluded(goMod.file)) {
      goMods.add(goMod.file);
      const r = analyzeGoMod(goMod, req.rules);
      findings.push(...r.findings);
      errors.push(...r.errors);
    }
    for (const variant of variantsOf(p, req.tests)) {
      const checked = program.check(p, variant);
      const t = performance.now();
      for (const f of checked.files) {
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
  }
  findings = dedupe(findings);
  if (req.keep !== undefined) findings = findings.filter(req.keep);
  findings.sort(compareFindings);
  const stats = program.stats;
  return {
    findings,
    errors: dedupeErrors(errors),
    stats: {
      packages: loaded.packages.length,
      files: stats.files,
      bytes: stats.bytes,
      loadMs,
      parseMs: stats.parseMs,
      checkMs: stats.checkMs,
      rulesMs,
      outputMs: 0,
      peakRssMb: Math.round(process.memoryUsage.rss() / 2 ** 20),
    },
  };
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
