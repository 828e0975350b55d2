#!/usr/bin/env node
// The gopitfall command: parse the arguments, read the configuration, run the analysis, write
// the report, and exit 0 (nothing at or above --fail-on), 1 (findings) or 2 (usage or internal
// error, with a message on standard error).

import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { analyzeAsync } from "../analysis/analyze.js";
import { cleanCache, defaultCacheDir } from "../analysis/cache.js";
import { defaultConfig, effectiveRules, loadConfig, unknownRuleNames } from "../analysis/config.js";
import { ruleMarkdown } from "../analysis/docs.js";
import type { Report, RunError } from "../analysis/finding.js";
import { newFromRev } from "../analysis/newfromrev.js";
import { type RuleDefinition, severityRank } from "../analysis/rule.js";
import { formatReport } from "../output/index.js";
import { allRules } from "../rules/index.js";
import { parseArgs, type RunArgs, usage } from "./args.js";
import { Progress } from "./progress.js";
import { type RequestOptions, workerRequest } from "./request.js";

const packageJson = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

function fail(message: string): number {
  process.stderr.write(`gopitfall: ${message}\n`);
  return 2;
}

function listRules(format: "text" | "json", enabled: ReadonlySet<string>): string {
  if (format === "json") {
    return `${JSON.stringify(
      allRules.map((r) => ({
        name: r.name,
        category: r.category,
        severity: r.severity,
        enabled: enabled.has(r.name),
        summary: r.docs.summary,
      })),
      null,
      2,
    )}\n`;
  }
  const width = Math.max(...allRules.map((r) => r.name.length), 4);
  const lines = allRules.map(
    (r) =>
      `${r.name.padEnd(width)}  ${r.category.padEnd(12)}  ${r.severity.padEnd(7)}  ${enabled.has(r.name) ? "on " : "off"}  ${r.docs.summary}`,
  );
  return `${lines.join("\n")}\n`;
}

/** Writes a file atomically: a crash never leaves half a report. */
function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

/** The repository root (the nearest directory above with .git), else the working directory. */
function repositoryRoot(cwd: string): string {
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, ".git"))) return dir;
    if (path.dirname(dir) === dir) return cwd;
  }
}

function printErrors(errors: readonly RunError[]): void {
  for (const e of errors)
    process.stderr.write(`${e.file === "" ? "" : `${e.file}:${e.line}:${e.column}: `}${e.message}\n`);
}

async function run(args: RunArgs): Promise<number> {
  const cwd = process.cwd();
  const unknown = unknownRuleNames(allRules, [...args.enable, ...args.disable]);
  if (unknown.length > 0) return fail(unknown.join("\n"));
  const loadedConfig = args.noConfig
    ? { config: defaultConfig(cwd), errors: [] }
    : loadConfig(cwd, args.config, allRules);
  if (loadedConfig.errors.length > 0) {
    printErrors(loadedConfig.errors);
    return 2;
  }
  const config = loadedConfig.config;
  const effective = effectiveRules(allRules, config, args.enable, args.disable);
  const byName = new Map<string, RuleDefinition>(allRules.map((r) => [r.name, r]));
  const rules: RequestOptions["rules"] = [];
  for (const [name, setting] of effective) {
    const rule = byName.get(name);
    if (rule !== undefined && severityRank[setting.severity] >= severityRank[args.severity]) {
      rules.push({ name, severity: setting.severity, options: setting.options });
    }
  }
  let keep: ((f: Report["findings"][number]) => boolean) | undefined;
  if (args.newFromRev !== null) {
    const changed = newFromRev(cwd, args.newFromRev);
    if (changed.errors.length > 0) {
      printErrors(changed.errors);
      return 2;
    }
    keep = (f) => changed.isNew(f);
  }
  const start = performance.now();
  let peakRss = process.memoryUsage.rss();
  const sampler = args.stats
    ? setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
      }, 100).unref()
    : null;
  const goos = args.goos ?? config.goos;
  const goarch = args.goarch ?? config.goarch;
  const options: RequestOptions = {
    patterns: args.patterns,
    cwd,
    tests: args.tests ?? config.tests ?? true,
    tags: args.tags ?? config.tags ?? [],
    goos,
    goarch,
    goVersion: args.go ?? config.go,
    rules,
    config,
    includeGenerated: args.includeGenerated,
  };
  const progress = Progress.create(process.stderr, args.quiet);
  let report: Report;
  try {
    report = await analyzeAsync({
      ...workerRequest(options),
      ...(keep !== undefined ? { keep } : {}),
      cacheDir: args.noCache ? null : path.resolve(cwd, args.cacheDir ?? defaultCacheDir()),
      jobs: args.jobs ?? availableParallelism(),
      autoJobs: args.jobs === null,
      worker: { module: new URL("./request.js", import.meta.url).href, options },
      ...(progress !== null ? { onProgress: (d, t, c) => progress.update(d, t, c) } : {}),
    });
  } catch (e) {
    if (sampler !== null) clearInterval(sampler);
    throw e;
  } finally {
    progress?.done();
  }
  const outputStart = performance.now();
  const color =
    args.color ?? (args.output === null && args.format === "text" && process.stdout.isTTY === true);
  const text = formatReport(report, args.format, {
    cwd,
    repoRoot: repositoryRoot(cwd),
    color,
    rules: allRules,
    version: packageJson.version,
  });
  if (args.output !== null) writeAtomically(path.resolve(cwd, args.output), text);
  else process.stdout.write(text);
  report.stats.outputMs = performance.now() - outputStart;
  if (sampler !== null) {
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    const s = report.stats;
    const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)}s`;
    process.stderr.write(
      `gopitfall: ${s.packages} packages (${s.cachedPackages ?? 0} analyzed packages from the cache), ${s.files} files, ${(s.bytes / 1e6).toFixed(1)} MB; ` +
        `load ${seconds(s.loadMs)}, parse ${seconds(s.parseMs)}, check ${seconds(s.checkMs)}, ` +
        `rules ${seconds(s.rulesMs)}, output ${seconds(s.outputMs)}; total ${seconds(performance.now() - start)}; ` +
        `peak memory ${Math.round(peakRss / 2 ** 20)} MB\n`,
    );
  }
  if (report.errors.some((e) => e.kind === "internal")) return 2;
  const failing = report.findings.some((f) => severityRank[f.severity] >= severityRank[args.failOn]);
  return failing || report.errors.some((e) => e.kind === "syntax") ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    process.stderr.write(`gopitfall: ${args}\n\n${usage}`);
    return 2;
  }
  switch (args.command) {
    case "help":
      process.stdout.write(usage);
      return 0;
    case "version":
      process.stdout.write(`gopitfall ${packageJson.version}\n`);
      return 0;
    case "rules": {
      const enabled = new Set(
        effectiveRules(allRules, loadConfig(process.cwd(), null, allRules).config, [], []).keys(),
      );
      process.stdout.write(listRules(args.format, enabled));
      return 0;
    }
    case "explain": {
      const rule = allRules.find((r) => r.name === args.rule);
      if (rule === undefined) return fail(`no rule named ${args.rule}; gopitfall rules lists them`);
      process.stdout.write(ruleMarkdown(rule));
      return 0;
    }
    case "cache-clean": {
      const dir = args.cacheDir === null ? defaultCacheDir() : path.resolve(args.cacheDir);
      cleanCache(dir);
      return 0;
    }
    case "run":
      try {
        return await run(args);
      } catch (e) {
        return fail(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
  }
}

process.exitCode = await main(process.argv.slice(2));
