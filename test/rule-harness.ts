// The fixture harness, in the analysistest convention: a finding is expected on every line that
// carries `// want "regexp"` (several per line; backquoted regexps too; `// want +N "re"` for the
// line N below), every finding must be wanted and every want met; unannotated lines are the
// negative cases. go.mod files may carry `// want` comments for go.mod rules.
//
// Fixtures are checked with the bundled standard-library model (no Go installation), as users
// without Go get them, so results do not depend on the machine.

import { readFileSync } from "node:fs";
import path from "node:path";
import { analyze } from "../src/analysis/analyze.js";
import type { Finding, RunError } from "../src/analysis/finding.js";
import type { RuleDefinition } from "../src/analysis/rule.js";

export interface Want {
  file: string;
  line: number;
  pattern: RegExp;
  met: boolean;
}

export interface HarnessResult {
  /** Findings no `want` matched. */
  unexpected: Finding[];
  /** Wants no finding matched. */
  unmet: Want[];
  errors: RunError[];
  findings: Finding[];
}

/** The wants in one file's text. */
export function parseWants(file: string, text: string): Want[] {
  const wants: Want[] = [];
  const lines = text.split("\n");
  lines.forEach((lineText, i) => {
    const m = /\/\/\s*want\s+(\+\d+\s+)?(.*)$/.exec(lineText);
    if (m === null) return;
    const line = i + 1 + (m[1] === undefined ? 0 : Number.parseInt(m[1], 10));
    let rest = m[2]!.trim();
    while (rest.length > 0) {
      let pattern: string;
      if (rest.startsWith("`")) {
        const close = rest.indexOf("`", 1);
        if (close < 0) throw new Error(`${file}:${i + 1}: unterminated \` in want`);
        pattern = rest.slice(1, close);
        rest = rest.slice(close + 1).trim();
      } else if (rest.startsWith('"')) {
        const q = /^"(?:[^"\\]|\\.)*"/.exec(rest);
        if (q === null) throw new Error(`${file}:${i + 1}: unterminated " in want`);
        pattern = JSON.parse(q[0]) as string;
        rest = rest.slice(q[0].length).trim();
      } else {
        throw new Error(`${file}:${i + 1}: want expects quoted regexps, found ${rest}`);
      }
      wants.push({ file, line, pattern: new RegExp(pattern), met: false });
    }
  });
  return wants;
}

/** Loads the Go packages in and below `dir` and runs `rules` over them, with the bundled model. */
export function runRules(
  dir: string,
  rules: readonly RuleDefinition[],
): { findings: Finding[]; errors: RunError[] } {
  const report = analyze({
    patterns: ["./..."],
    cwd: dir,
    tests: true,
    tags: [],
    goVersion: null,
    rules: rules.map((rule) => ({ rule, severity: rule.severity, options: rule.options ?? {} })),
    excluded: () => false,
    generated: () => false,
    includeGenerated: true,
    suppressions: () => ({ isSuppressed: () => false, errors: [] }),
    env: { PATH: "" },
    goRoot: null,
  });
  return { findings: report.findings, errors: report.errors };
}

/** Runs `rules` over the fixture directory and matches findings with the wants of its files. */
export function checkFixtures(
  dir: string,
  rules: readonly RuleDefinition[],
  files: readonly string[],
): HarnessResult {
  const { findings, errors } = runRules(dir, rules);
  const wants = files.flatMap((f) => parseWants(f, readFileSync(f, "utf8")));
  const unexpected: Finding[] = [];
  for (const finding of findings) {
    const file = path.resolve(finding.file);
    const matching = wants.filter((w) => path.resolve(w.file) === file && w.line === finding.line);
    // each want is met by one finding: two findings on a line need two wants
    const hit = matching.find((w) => !w.met && w.pattern.test(finding.message));
    if (hit === undefined) unexpected.push(finding);
    else hit.met = true;
  }
  return { unexpected, unmet: wants.filter((w) => !w.met), errors, findings };
}
