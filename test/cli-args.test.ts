import assert from "node:assert/strict";
import { test } from "node:test";
import { parseArgs } from "../src/cli/args.js";

test("defaults: ./..., text, fail on warnings", () => {
  const a = parseArgs([]);
  assert.ok(typeof a !== "string" && a.command === "run");
  assert.deepEqual(a.patterns, ["./..."]);
  assert.equal(a.format, "text");
  assert.equal(a.failOn, "warning");
  assert.equal(a.severity, "info");
  assert.equal(a.tests, null);
});

test("flags with separate and inline values, lists, booleans", () => {
  const a = parseArgs([
    "--format=sarif",
    "--output",
    "out.sarif",
    "--enable",
    "lock-copied,struct-padding",
    "--disable=errors",
    "--tests=false",
    "--tags",
    "integration,e2e",
    "--go",
    "1.21",
    "--goos=windows",
    "--stats",
    "--new-from-rev",
    "origin/main",
    "./pkg/...",
  ]);
  assert.ok(typeof a !== "string" && a.command === "run");
  assert.equal(a.format, "sarif");
  assert.equal(a.output, "out.sarif");
  assert.deepEqual(a.enable, ["lock-copied", "struct-padding"]);
  assert.deepEqual(a.disable, ["errors"]);
  assert.equal(a.tests, false);
  assert.deepEqual(a.tags, ["integration", "e2e"]);
  assert.equal(a.go, "1.21");
  assert.equal(a.goos, "windows");
  assert.equal(a.stats, true);
  assert.equal(a.newFromRev, "origin/main");
  assert.deepEqual(a.patterns, ["./pkg/..."]);
});

test("subcommands", () => {
  assert.deepEqual(parseArgs(["rules"]), { command: "rules", format: "text" });
  assert.deepEqual(parseArgs(["rules", "--format", "json"]), { command: "rules", format: "json" });
  assert.deepEqual(parseArgs(["explain", "defer-in-loop"]), { command: "explain", rule: "defer-in-loop" });
  assert.deepEqual(parseArgs(["--version"]), { command: "version" });
  assert.deepEqual(parseArgs(["-h"]), { command: "help" });
});

test("usage errors are messages", () => {
  assert.equal(parseArgs(["--format", "xml"]), "--format takes one of text, json, sarif, github, checkstyle");
  assert.equal(parseArgs(["--fail-on=fatal"]), "--fail-on takes one of info, warning, error");
  assert.equal(parseArgs(["--tests=maybe"]), "--tests takes true or false, not maybe");
  assert.equal(parseArgs(["--go", "go1.21"]), "--go takes a Go version like 1.22, not go1.21");
  assert.equal(parseArgs(["--output"]), "--output takes a file name");
  assert.equal(parseArgs(["--frobnicate"]), "unknown flag --frobnicate");
  assert.equal(parseArgs(["explain"]), "explain takes one rule name");
});
