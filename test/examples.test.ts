// The bundled example project (examples/) shows every rule of the registry on code a real service
// would contain: this test keeps it complete as rules are added, and keeps it free of errors.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { allRules } from "../src/rules/index.js";

const root = new URL("../../", import.meta.url).pathname;
const cli = join(root, "dist/src/cli/main.js");

interface JsonFinding {
  file: string;
  line: number;
  rule: string;
}

interface JsonReport {
  findings: JsonFinding[];
  errors: { kind: string; file: string; message: string }[];
}

interface Run {
  status: number | null;
  report: JsonReport;
  stderr: string;
}

let cached: Run | null = null;

/** One run of the CLI on examples/, shared by the tests. */
function runOnExamples(): Run {
  if (cached !== null) return cached;
  // The configuration turns on the rules that are off by default. It is named explicitly because
  // the search for .gopitfall.yml starts at the working directory, the repository root here.
  const args = [cli, "--config", "examples/.gopitfall.yml", "--format", "json", "./examples/..."];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  cached = { status: r.status, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
  return cached;
}

test("every rule of the registry has a finding in examples/, and there are no errors", () => {
  const { status, report, stderr } = runOnExamples();
  assert.deepEqual(report.errors, [], "syntax, load, config, directive or internal errors");
  assert.equal(stderr, "");
  assert.equal(status, 1);
  const fired = new Set(report.findings.map((f) => f.rule));
  const silent = allRules.map((r) => r.name).filter((name) => !fired.has(name));
  assert.deepEqual(silent, [], "rules without a finding in examples/: add a realistic case for each");
});

test("each finding in examples/ is on a line whose comment says what the mistake is", () => {
  const { report } = runOnExamples();
  const lines = new Map<string, string[]>();
  for (const f of report.findings) {
    assert.match(f.file, /^examples\//);
    let text = lines.get(f.file);
    if (text === undefined) {
      text = readFileSync(join(root, f.file), "utf8").split("\n");
      lines.set(f.file, text);
    }
    assert.match(text[f.line - 1] ?? "", /\/\/ \S/, `${f.file}:${f.line} (${f.rule}) has no comment`);
  }
});
