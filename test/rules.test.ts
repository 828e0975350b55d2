// Every rule against its fixtures (src/rules/<rule>/testdata, see test/rule-harness.ts for the
// `// want` convention) and its documented examples: `bad` must yield this rule's findings and
// nothing else, `good` none. Examples are checked as a one-file module at `go 1.21`.
//
// RULE=<rule-id> node --test dist/test/rules.test.js runs one rule's tests.

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import type { Finding, RunError } from "../src/analysis/finding.js";
import type { RuleDefinition } from "../src/analysis/rule.js";
import { allRules } from "../src/rules/index.js";
import { docPages, docsDir } from "../tools/gen-docs.js";
import { registrySource, rulesDir } from "../tools/gen-rules.js";
import { checkFixtures, runRules } from "./rule-harness.js";

const only = process.env.RULE;

function fixtureFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && (e.name.endsWith(".go") || e.name === "go.mod")) out.push(join(e.parentPath, e.name));
  }
  return out.sort();
}

function describeFinding(f: Finding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.message} (${f.rule})`;
}

function describeError(e: RunError): string {
  return `${e.kind} ${e.file}:${e.line}:${e.column}: ${e.message}`;
}

/** Runs one rule over a documented example, written as a module of its own. */
function runExample(rule: RuleDefinition, code: string): { findings: Finding[]; errors: RunError[] } {
  const dir = mkdtempSync(join(tmpdir(), `gopitfall-${rule.name}-`));
  try {
    if (rule.checkGoMod !== undefined && code.trimStart().startsWith("module")) {
      writeFileSync(join(dir, "go.mod"), code);
      writeFileSync(join(dir, "main.go"), "package main\n\nfunc main() {}\n");
    } else {
      writeFileSync(join(dir, "go.mod"), "module example.com/doc\n\ngo 1.21\n");
      writeFileSync(join(dir, "example.go"), code);
    }
    return runRules(dir, [rule]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("the rule registry is generated from the rule folders (npm run gen:rules)", () => {
  assert.equal(readFileSync(join(rulesDir, "index.ts"), "utf8"), registrySource());
});

for (const rule of allRules) {
  if (only !== undefined && rule.name !== only) continue;
  describe(`rule ${rule.name}`, () => {
    test("fixtures: every finding wanted, every want met, at least 4 positive cases", () => {
      const dir = join(rulesDir, rule.name, "testdata");
      assert.ok(existsSync(dir), `${dir} is missing`);
      const files = fixtureFiles(dir);
      const r = checkFixtures(dir, [rule], files);
      const problems = [
        ...r.errors
          .filter((e) => e.kind !== "load" || !e.message.includes("matched no packages"))
          .map(describeError),
        ...r.unexpected.map((f) => `unexpected finding ${describeFinding(f)}`),
        ...r.unmet.map((w) => `no finding at ${w.file}:${w.line} matching ${w.pattern}`),
      ];
      assert.deepEqual(problems, []);
      assert.ok(r.findings.length >= 4, `only ${r.findings.length} positive cases`);
    });

    test("docs: the bad example is reported, the good one is not", () => {
      const { docs } = rule;
      for (const [key, value] of Object.entries(docs))
        assert.ok(value.trim().length > 0, `docs.${key} is empty`);
      const bad = runExample(rule, docs.bad);
      assert.deepEqual(bad.errors.map(describeError), []);
      assert.ok(bad.findings.length > 0, "the bad example yields no finding");
      const good = runExample(rule, docs.good);
      assert.deepEqual(good.errors.map(describeError), []);
      assert.deepEqual(good.findings.map(describeFinding), []);
    });
  });
}

test("docs/rules is generated from the rule definitions (npm run gen:docs)", () => {
  const pages = docPages();
  const committed = existsSync(docsDir) ? readdirSync(docsDir).sort() : [];
  assert.deepEqual(committed, [...pages.keys()].sort());
  for (const [name, text] of pages) assert.equal(readFileSync(join(docsDir, name), "utf8"), text, name);
});
