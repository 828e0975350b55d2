import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const root = new URL("../../", import.meta.url).pathname;
const cli = join(root, "dist/src/cli/main.js");

function gopitfall(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A module with one file per entry, in a fresh temporary directory. */
function module(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "gopitfall-cli-"));
  writeFileSync(join(dir, "go.mod"), "module example.com/m\n\ngo 1.22\n");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const leakyLoop = `package m

import "os"

func readAll(names []string) {
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			continue
		}
		defer f.Close()
	}
}
`;

test("--version and --help", () => {
  assert.match(gopitfall(["--version"], root).stdout, /^gopitfall \d+\.\d+\.\d+\n$/);
  const help = gopitfall(["--help"], root);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /usage: gopitfall \[flags\] \[patterns\]/);
  assert.match(help.stdout, /Examples:/);
});

test("a usage error exits 2 with a message", () => {
  const r = gopitfall(["--no-such-flag"], root);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown flag --no-such-flag/);
  const unknownRule = gopitfall(["--enable", "no-such-rule"], root);
  assert.equal(unknownRule.status, 2);
  assert.match(unknownRule.stderr, /unknown rule or category "no-such-rule"/);
});

test("the bundled example project has findings, reported go vet style", () => {
  const r = gopitfall(["./examples/..."], root);
  assert.equal(r.status, 1);
  const lines = r.stdout.trim().split("\n");
  assert.ok(lines.length > 0);
  for (const line of lines)
    assert.match(line, /^examples\/(\S+\.go|(\S+\/)?go\.mod):\d+:\d+: .+ \([a-z0-9-]+\)$/);
});

test("findings, exit status by --fail-on, json and --output", () => {
  const dir = module({ "a.go": leakyLoop });
  const text = gopitfall(["./..."], dir);
  assert.equal(text.status, 1);
  assert.match(text.stdout, /^a\.go:11:3: .*\(defer-in-loop\)$/m);
  assert.equal(gopitfall(["--fail-on", "error", "./..."], dir).status, 0);
  assert.equal(gopitfall(["--disable", "defer-in-loop", "./..."], dir).stdout, "");
  const json = JSON.parse(gopitfall(["--format", "json", "./..."], dir).stdout) as {
    findings: { file: string; line: number; rule: string }[];
  };
  assert.ok(json.findings.some((f) => f.file === "a.go" && f.line === 11 && f.rule === "defer-in-loop"));
  const out = gopitfall(["--format=sarif", "--output", "report.sarif", "./..."], dir);
  assert.equal(out.stdout, "");
  const sarif = JSON.parse(readFileSync(join(dir, "report.sarif"), "utf8")) as { version: string };
  assert.equal(sarif.version, "2.1.0");
});

test("a //nolint directive suppresses a finding", () => {
  const dir = module({
    "a.go": leakyLoop.replace("defer f.Close()", "defer f.Close() //nolint:defer-in-loop // few files"),
  });
  const r = gopitfall(["./..."], dir);
  assert.equal(r.stdout, "");
  assert.equal(r.status, 0);
});

test("a configuration error names the file, line and column, and exits 2", () => {
  const dir = module({ "a.go": leakyLoop, ".gopitfall.yml": "rules:\n  defer-in-lop: off\n" });
  const r = gopitfall(["./..."], dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /\.gopitfall\.yml:2:3: .*defer-in-lop/);
});

test("syntax errors are reported as path:line:col: message, and the run goes on", () => {
  const dir = module({
    "a/a.go": "package a\n\nfunc f( {\n",
    "b/b.go": "package b\n\nvar x = [...]int\n",
  });
  const r = gopitfall(["./..."], dir);
  assert.equal(r.status, 1);
  assert.equal(
    r.stdout,
    ["a/a.go:3:9: expected ')', found '{'", "b/b.go:3:9: expected expression", ""].join("\n"),
  );
});

test("rules lists every rule; explain prints a rule's documentation", () => {
  const list = gopitfall(["rules"], root);
  assert.equal(list.status, 0);
  assert.match(list.stdout, /^defer-in-loop\s+resources\s+warning\s+on\s+/m);
  const explain = gopitfall(["explain", "defer-in-loop"], root);
  assert.equal(explain.status, 0);
  assert.match(explain.stdout, /^# defer-in-loop\n/);
  assert.match(explain.stdout, /## Bad\n\n```go\n/);
  assert.equal(gopitfall(["explain", "no-such-rule"], root).status, 2);
});
