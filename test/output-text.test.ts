import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { formatReport, formatText, relativePath } from "../src/output/index.js";
import { options, report } from "./output-fixture.js";

test("text: go vet's one line per finding, run errors first, paths relative to cwd", () => {
  assert.equal(
    formatReport(report(), "text", options()),
    [
      "no rule named no-such-rule",
      "bad.go:3:9: expected ')', found '{'",
      "/elsewhere/b.go:4:2: deferred closure, 100% of calls (defer-in-loop)",
      'pkg/a.go:6:2: a <message> with & "quotes", a comma: and',
      "\ta newline (defer-in-loop)",
      "pkg/a.go:7:20: time.After in a loop: each iteration starts a timer (time-after-in-loop)",
      "",
    ].join("\n"),
  );
});

test("text: nothing at all when a plain run found nothing", () => {
  const empty = { ...report(), findings: [], errors: [] };
  assert.equal(formatText(empty, options()), "");
  assert.equal(formatText(empty, options({ terminal: true })), "No findings in 3 files\n");
});

test("text on a terminal: severity, code frames with tabs kept, related notes, summary", () => {
  assert.equal(
    formatText(report(), options({ terminal: true, cwd: "/repo/pkg" })),
    [
      "config error: no rule named no-such-rule",
      "",
      "/repo/bad.go:3:9: syntax error: expected ')', found '{'",
      " 3 | func g( {",
      "   |         ^",
      "",
      "/elsewhere/b.go:4:2: info: deferred closure, 100% of calls (defer-in-loop)",
      " 4 | \tdefer func() {",
      "   | \t^^^^^^^^^^^^^^",
      "  note: a.go:6:2: the loop",
      "",
      'a.go:6:2: error: a <message> with & "quotes", a comma: and',
      "\ta newline (defer-in-loop)",
      " 6 | \tfor {",
      "   | \t^^^^^",
      "",
      "a.go:7:20: warning: time.After in a loop: each iteration starts a timer (time-after-in-loop)",
      ' 7 | \t\ts := "héllo"; <-time.After(time.Second)',
      "   | \t\t                ^^^^^^^^^^^^^^^^^^^^^^^",
      "",
      "3 findings (1 error, 1 warning, 1 info) in 3 files, 2 run errors",
      "",
    ].join("\n"),
  );
});

test("text with colour: ANSI codes around severity and marker, none left open", () => {
  const out = formatText(report(), options({ color: true }));
  assert.ok(out.includes("\x1b[1m\x1b[33mwarning\x1b[39m\x1b[22m: time.After"), out);
  assert.ok(out.includes("\x1b[31m^^^^^\x1b[39m"), out);
  assert.ok(
    out.endsWith("\x1b[1m3 findings (1 error, 1 warning, 1 info) in 3 files, 2 run errors\x1b[22m\n"),
    out,
  );
  // Colour implies a terminal; without colour the same lines remain.
  const plain = formatText(report(), options({ terminal: true }));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is what is removed
  assert.equal(out.replace(/\x1b\[\d+m/g, ""), plain);
});

test("text: a summary counts one of each in the singular", () => {
  const r = report();
  r.findings = r.findings.filter((f) => f.severity === "warning");
  r.errors = r.errors.slice(0, 1);
  r.stats.files = 1;
  const out = formatText(r, options({ terminal: true }));
  assert.ok(out.endsWith("\n1 finding (1 warning) in 1 file, 1 run error\n"), out);
});

test("text: code frames read the files named, and skip those that cannot be read", () => {
  const dir = mkdtempSync(join(tmpdir(), "gopitfall-output-"));
  try {
    const file = join(dir, "main.go");
    writeFileSync(file, "package main\n\nfunc main() { for {} }\n");
    const r = report();
    const finding = { ...r.findings[1]!, line: 3, column: 15, endLine: 3, endColumn: 21 };
    r.errors = [];
    r.findings = [
      { ...finding, file },
      { ...finding, file: join(dir, "gone.go") },
    ];
    const out = formatText(r, { rules: [], cwd: dir, version: "0.0.0", terminal: true });
    assert.equal(
      out,
      [
        "gone.go:3:15: warning: time.After in a loop: each iteration starts a timer (time-after-in-loop)",
        "",
        "main.go:3:15: warning: time.After in a loop: each iteration starts a timer (time-after-in-loop)",
        " 3 | func main() { for {} }",
        "   |               ^^^^^^",
        "",
        "2 findings (2 warnings) in 3 files",
        "",
      ].join("\n"),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("paths: relative inside the base, absolute outside it or at a sibling with a common prefix", () => {
  assert.equal(relativePath("/repo/pkg/a.go", "/repo"), "pkg/a.go");
  assert.equal(relativePath("/repo/a.go", "/repo/pkg"), "/repo/a.go");
  assert.equal(relativePath("/repo2/a.go", "/repo"), "/repo2/a.go");
  assert.equal(relativePath("/repo/..a.go", "/repo"), "..a.go");
  assert.equal(relativePath("", "/repo"), "");
});
