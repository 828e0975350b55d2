// The analysis request of a command-line run, from data alone, so that worker threads can
// rebuild it (analyze.ts's WorkerSetup): the rules by name, the configuration's exclusions,
// the generated-file test and the suppression directives.

import type { AnalyzeRequest } from "../analysis/analyze.js";
import { type Config, excludeMatcher } from "../analysis/config.js";
import { isGenerated } from "../analysis/generated.js";
import type { Severity } from "../analysis/rule.js";
import type { EnabledRule } from "../analysis/runner.js";
import { collectSuppressions } from "../analysis/suppress.js";
import { allRules } from "../rules/index.js";

export interface RequestOptions {
  patterns: string[];
  cwd: string;
  tests: boolean;
  tags: string[];
  goos: string | null;
  goarch: string | null;
  goVersion: string | null;
  rules: { name: string; severity: Severity; options: Readonly<Record<string, unknown>> }[];
  config: Config;
  includeGenerated: boolean;
}

export function workerRequest(options: unknown): AnalyzeRequest {
  const o = options as RequestOptions;
  const byName = new Map(allRules.map((r) => [r.name, r]));
  const rules: EnabledRule[] = o.rules.map((r) => {
    const rule = byName.get(r.name);
    if (rule === undefined) throw new Error(`no rule named ${r.name}`);
    return { rule, severity: r.severity, options: r.options };
  });
  return {
    patterns: o.patterns,
    cwd: o.cwd,
    tests: o.tests,
    tags: o.tags,
    ...(o.goos !== null ? { goos: o.goos } : {}),
    ...(o.goarch !== null ? { goarch: o.goarch } : {}),
    goVersion: o.goVersion,
    rules,
    excluded: excludeMatcher(o.config),
    generated: isGenerated,
    includeGenerated: o.includeGenerated,
    suppressions: (file, source) => collectSuppressions(file, source, allRules),
  };
}
