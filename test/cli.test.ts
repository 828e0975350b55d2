import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const root = new URL("../../", import.meta.url).pathname;
const cli = join(root, "dist/src/cli/main.js");

function gopitfall(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("--version and --help", () => {
  assert.match(gopitfall(["--version"], root).stdout, /^gopitfall \d+\.\d+\.\d+\n$/);
  const help = gopitfall(["--help"], root);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /usage: gopitfall \[flags\] \[patterns\]/);
});

test("a usage error exits 2", () => {
  const r = gopitfall(["--no-such-flag"], root);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown flag --no-such-flag/);
});

test("the bundled example project parses", () => {
  const r = gopitfall(["./examples/..."], root);
  assert.equal(r.stderr, "");
  assert.equal(r.status, 0);
});

test("syntax errors are reported as path:line:col: message, and the run goes on", () => {
  const dir = mkdtempSync(join(tmpdir(), "gopitfall-cli-"));
  mkdirSync(join(dir, "a"));
  mkdirSync(join(dir, "b"));
  writeFileSync(join(dir, "go.mod"), "module example.com/m\n\ngo 1.22\n");
  writeFileSync(join(dir, "a", "a.go"), "package a\n\nfunc f( {\n");
  writeFileSync(join(dir, "b", "b.go"), "package b\n\nvar x = [...]int\n");
  const r = gopitfall(["./..."], dir);
  assert.equal(r.status, 1);
  assert.equal(
    r.stdout,
    ["a/a.go:3:9: expected ')', found '{'", "b/b.go:3:9: expected expression", ""].join("\n"),
  );
});
