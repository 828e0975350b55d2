// A small report for the output format tests: findings in two files of a repository at /repo,
// one in a file outside it, a syntax error and a configuration error. Sources are served from
// memory, so the goldens do not depend on the machine.

import type { Finding, Report } from "../src/analysis/finding.js";
import type { RuleDefinition } from "../src/analysis/rule.js";
import type { OutputOptions } from "../src/output/index.js";

export const sources: Record<string, string> = {
  "/repo/pkg/a.go": [
    "package pkg",
    "",
    'import "time"',
    "",
    "func f(ch chan int) {",
    "\tfor {",
    '\t\ts := "héllo"; <-time.After(time.Second)',
    "\t\t_ = s",
    "\t}",
    "}",
    "",
  ].join("\n"),
  "/repo/bad.go": "package bad\r\n\r\nfunc g( {\r\n",
  "/elsewhere/b.go": "package b\n\nfunc h() {\n\tdefer func() {\n\t}()\n}\n",
};

function rule(
  name: string,
  category: RuleDefinition["category"],
  severity: RuleDefinition["severity"],
): RuleDefinition {
  return {
    name,
    category,
    severity,
    needs: ["types"],
    docs: {
      summary: `Summary of ${name}.`,
      details: `Details of ${name}: what happens at run time.`,
      bad: "package p\n\nfunc bad() {}\n",
      good: "package p\n\nfunc good() {}\n",
      source: "A seed document.",
    },
  };
}

export const rules: RuleDefinition[] = [
  rule("time-after-in-loop", "time", "warning"),
  rule("defer-in-loop", "resources", "error"),
  { ...rule("struct-padding", "performance", "info"), offByDefault: true },
];

const findings: Finding[] = [
  {
    // Listed out of order: every format sorts.
    file: "/elsewhere/b.go",
    line: 4,
    column: 2,
    endLine: 5,
    endColumn: 5,
    rule: "defer-in-loop",
    category: "resources",
    severity: "info",
    message: "deferred closure, 100% of calls",
    related: [{ file: "/repo/pkg/a.go", line: 6, column: 2, endLine: 6, endColumn: 5, message: "the loop" }],
  },
  {
    // Byte columns 20 and 43 follow the two bytes of "é": UTF-16 columns 19 and 42.
    file: "/repo/pkg/a.go",
    line: 7,
    column: 20,
    endLine: 7,
    endColumn: 43,
    rule: "time-after-in-loop",
    category: "time",
    severity: "warning",
    message: "time.After in a loop: each iteration starts a timer",
    related: [],
  },
  {
    file: "/repo/pkg/a.go",
    line: 6,
    column: 2,
    endLine: 9,
    endColumn: 3,
    rule: "defer-in-loop",
    category: "resources",
    severity: "error",
    message: 'a <message> with & "quotes", a comma: and\na newline',
    related: [],
  },
];

export function report(): Report {
  return {
    findings: findings.map((f) => ({ ...f, related: f.related.map((r) => ({ ...r })) })),
    errors: [
      { kind: "syntax", file: "/repo/bad.go", line: 3, column: 9, message: "expected ')', found '{'" },
      { kind: "config", file: "", line: 0, column: 0, message: "no rule named no-such-rule" },
    ],
    stats: {
      packages: 2,
      files: 3,
      bytes: 123,
      loadMs: 1,
      parseMs: 2,
      checkMs: 3,
      rulesMs: 4,
      outputMs: 0,
      peakRssMb: 50,
    },
  };
}

export function options(extra: Partial<OutputOptions> = {}): OutputOptions {
  const encoder = new TextEncoder();
  return {
    rules,
    cwd: "/repo",
    repoRoot: "/repo",
    version: "1.2.3",
    readFile: (file) => {
      const text = sources[file];
      return text === undefined ? undefined : encoder.encode(text);
    },
    ...extra,
  };
}
