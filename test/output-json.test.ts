import assert from "node:assert/strict";
import { test } from "node:test";
import { formatJson, formatReport } from "../src/output/index.js";
import { options, report } from "./output-fixture.js";

test("json: one document, keys in a fixed order, findings sorted, paths relative to cwd", () => {
  const out = formatReport(report(), "json", options());
  assert.ok(out.endsWith("}\n"));
  const doc = JSON.parse(out) as {
    version: string;
    findings: Record<string, unknown>[];
    errors: Record<string, unknown>[];
    stats: Record<string, unknown>;
  };
  assert.deepEqual(Object.keys(doc), ["version", "findings", "errors", "stats"]);
  assert.equal(doc.version, "1.2.3");
  assert.deepEqual(doc.findings[0], {
    file: "/elsewhere/b.go",
    line: 4,
    column: 2,
    endLine: 5,
    endColumn: 5,
    rule: "defer-in-loop",
    category: "resources",
    severity: "info",
    message: "deferred closure, 100% of calls",
    related: [{ file: "pkg/a.go", line: 6, column: 2, endLine: 6, endColumn: 5, message: "the loop" }],
  });
  assert.deepEqual(Object.keys(doc.findings[0]!), [
    "file",
    "line",
    "column",
    "endLine",
    "endColumn",
    "rule",
    "category",
    "severity",
    "message",
    "related",
  ]);
  assert.deepEqual(
    doc.findings.map((f) => `${f.file}:${f.line}:${f.column}`),
    ["/elsewhere/b.go:4:2", "pkg/a.go:6:2", "pkg/a.go:7:20"],
  );
  assert.equal(doc.findings[1]!.message, 'a <message> with & "quotes", a comma: and\na newline');
  assert.deepEqual(doc.errors, [
    { kind: "config", file: "", line: 0, column: 0, message: "no rule named no-such-rule" },
    { kind: "syntax", file: "bad.go", line: 3, column: 9, message: "expected ')', found '{'" },
  ]);
  assert.deepEqual(Object.keys(doc.stats), [
    "packages",
    "files",
    "bytes",
    "loadMs",
    "parseMs",
    "checkMs",
    "rulesMs",
    "outputMs",
    "peakRssMb",
  ]);
});

test("json: the golden text of a one-finding report", () => {
  const r = report();
  r.findings = r.findings.filter((f) => f.rule === "time-after-in-loop");
  r.errors = [];
  assert.equal(
    formatJson(r, options({ cwd: "/repo/pkg" })),
    `{
  "version": "1.2.3",
  "findings": [
    {
      "file": "a.go",
      "line": 7,
      "column": 20,
      "endLine": 7,
      "endColumn": 43,
      "rule": "time-after-in-loop",
      "category": "time",
      "severity": "warning",
      "message": "time.After in a loop: each iteration starts a timer",
      "related": []
    }
  ],
  "errors": [],
  "stats": {
    "packages": 2,
    "files": 3,
    "bytes": 123,
    "loadMs": 1,
    "parseMs": 2,
    "checkMs": 3,
    "rulesMs": 4,
    "outputMs": 0,
    "peakRssMb": 50
  }
}
`,
  );
});

test("json: the input report is not reordered", () => {
  const r = report();
  const before = r.findings.map((f) => f.file);
  formatJson(r, options());
  assert.deepEqual(
    r.findings.map((f) => f.file),
    before,
  );
});
