// SARIF output against the SARIF 2.1.0 JSON schema. The schema comes from the npm registry:
// @microsoft/jest-sarif ships the OASIS 2.1.0 schema as published on SchemaStore
// (sarif-2.1.0-rtm.5.json), a draft-04 schema, hence Ajv's draft-04 build.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import AjvDraft04 from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import { formatReport, formatSarif, type SarifLog, srcRootId } from "../src/output/index.js";
import { allRules } from "../src/rules/index.js";
import { options, report, rules } from "./output-fixture.js";

const require = createRequire(import.meta.url);
const schemaFile = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const schema = JSON.parse(readFileSync(schemaFile, "utf8")) as Record<string, unknown>;

// Both packages are CommonJS with `exports.default` set to the same value as module.exports;
// `.default` is what TypeScript's NodeNext view of them types as callable.
const Ajv = AjvDraft04.default;
const addFormats = addFormatsModule.default;

function validator() {
  // The schema's pattern for language tags has a stray `]` that a Unicode-mode RegExp rejects;
  // without the `u` flag it compiles, as the schema's authors' tools read it.
  const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

const validate = validator();

function assertValid(log: unknown) {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors, null, 2));
}

test("sarif: the schema rejects what it should, so that validation means something", () => {
  assert.equal(validate({ version: "2.1.0" }), false);
  assert.equal(validate({ version: "2.1.0", runs: [{ tool: { driver: {} } }] }), false);
  const log = JSON.parse(formatSarif(report(), options())) as SarifLog;
  const result = log.runs[0]!.results[0]!;
  (result as unknown as Record<string, unknown>).level = "fatal";
  assert.equal(validate(log), false);
});

test("sarif: a report with findings, related locations and run errors is valid SARIF 2.1.0", () => {
  const out = formatReport(report(), "sarif", options());
  assert.ok(out.endsWith("}\n"));
  assertValid(JSON.parse(out));
});

test("sarif: empty reports and reports without rules are valid too", () => {
  assertValid(JSON.parse(formatSarif({ ...report(), findings: [], errors: [] }, options())));
  assertValid(JSON.parse(formatSarif(report(), options({ rules: [] }))));
});

test("sarif: every rule of the registry, with its real docs, describes itself validly", () => {
  const r = report();
  r.findings = allRules.map((rule, i) => ({
    ...r.findings[1]!,
    rule: rule.name,
    category: rule.category,
    severity: rule.severity,
    line: i + 1,
  }));
  const log = JSON.parse(formatSarif(r, options({ rules: allRules }))) as SarifLog;
  assertValid(log);
  assert.equal(log.runs[0]!.tool.driver.rules.length, allRules.length);
  for (const result of log.runs[0]!.results) assert.notEqual(result.ruleIndex, undefined);
});

test("sarif: driver rules carry the docs; results point at them", () => {
  const log = JSON.parse(formatSarif(report(), options())) as SarifLog;
  assert.equal(log.version, "2.1.0");
  const run = log.runs[0]!;
  const { driver } = run.tool;
  assert.equal(driver.name, "gopitfall");
  assert.equal(driver.version, "1.2.3");
  assert.deepEqual(
    driver.rules.map((r) => r.id),
    ["defer-in-loop", "struct-padding", "time-after-in-loop"],
  );
  const rule = driver.rules[2]!;
  assert.equal(rule.shortDescription.text, "Summary of time-after-in-loop.");
  assert.equal(rule.fullDescription.text, "Details of time-after-in-loop: what happens at run time.");
  assert.match(
    rule.help.text,
    /Bad:\n\npackage p\n\nfunc bad\(\) \{\}\n\nGood:\n\npackage p\n\nfunc good\(\) \{\}/,
  );
  assert.match(rule.help.markdown, /## Bad\n\n```go\npackage p\n\nfunc bad\(\) \{\}\n```/);
  assert.match(rule.help.markdown, /## Good\n\n```go\npackage p\n\nfunc good\(\) \{\}\n```/);
  assert.deepEqual(rule.defaultConfiguration, { enabled: true, level: "warning" });
  assert.deepEqual(driver.rules[1]!.defaultConfiguration, { enabled: false, level: "note" });

  assert.deepEqual(
    run.results.map((r) => [r.ruleId, r.ruleIndex, r.level]),
    [
      ["defer-in-loop", 0, "note"],
      ["defer-in-loop", 0, "error"],
      ["time-after-in-loop", 2, "warning"],
    ],
  );
  for (const r of run.results) assert.equal(driver.rules[r.ruleIndex!]!.id, r.ruleId);
  assert.equal(rules.length, driver.rules.length);
});

test("sarif: locations relative to the repository root, UTF-16 columns, absolute URIs outside it", () => {
  const log = JSON.parse(formatSarif(report(), options({ cwd: "/repo/pkg" }))) as SarifLog;
  const run = log.runs[0]!;
  assert.equal(run.columnKind, "utf16CodeUnits");
  assert.deepEqual(run.originalUriBaseIds, { [srcRootId]: { uri: "file:///repo/" } });
  const [outside, multiLine, timeAfter] = run.results;
  assert.deepEqual(timeAfter!.locations[0]!.physicalLocation, {
    artifactLocation: { uri: "pkg/a.go", uriBaseId: "%SRCROOT%" },
    // Byte columns 20 and 43 on a line with a two-byte "é" before them.
    region: { startLine: 7, startColumn: 19, endLine: 7, endColumn: 42 },
  });
  assert.deepEqual(multiLine!.locations[0]!.physicalLocation.region, {
    startLine: 6,
    startColumn: 2,
    endLine: 9,
    endColumn: 3,
  });
  assert.equal(multiLine!.message.text, 'a <message> with & "quotes", a comma: and\na newline');
  assert.deepEqual(outside!.locations[0]!.physicalLocation.artifactLocation, {
    uri: "file:///elsewhere/b.go",
  });
  assert.deepEqual(outside!.relatedLocations, [
    {
      physicalLocation: {
        artifactLocation: { uri: "pkg/a.go", uriBaseId: "%SRCROOT%" },
        region: { startLine: 6, startColumn: 2, endLine: 6, endColumn: 5 },
      },
      message: { text: "the loop" },
    },
  ]);
  assert.equal(multiLine!.relatedLocations, undefined);
});

test("sarif: run errors are tool execution notifications; a config error fails the run", () => {
  const log = JSON.parse(formatSarif(report(), options())) as SarifLog;
  const [invocation] = log.runs[0]!.invocations;
  assert.equal(invocation!.executionSuccessful, false);
  assert.deepEqual(invocation!.toolExecutionNotifications, [
    { level: "error", message: { text: "no rule named no-such-rule" }, descriptor: { id: "config" } },
    {
      level: "error",
      message: { text: "expected ')', found '{'" },
      descriptor: { id: "syntax" },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "bad.go", uriBaseId: "%SRCROOT%" },
            region: { startLine: 3, startColumn: 9 },
          },
        },
      ],
    },
  ]);
  const r = report();
  r.errors = r.errors.filter((e) => e.kind === "syntax");
  const parsedOnly = JSON.parse(formatSarif(r, options())) as SarifLog;
  assert.equal(parsedOnly.runs[0]!.invocations[0]!.executionSuccessful, true);
});

test("sarif: paths that need percent-encoding stay valid URI references", () => {
  const r = report();
  r.errors = [];
  r.findings = [{ ...r.findings[1]!, file: "/repo/my dir/100%#?.go" }];
  const log = JSON.parse(formatSarif(r, options())) as SarifLog;
  assertValid(log);
  assert.equal(
    log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri,
    "my%20dir/100%25%23%3F.go",
  );
});
