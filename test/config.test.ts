import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import {
  type Config,
  defaultConfig,
  effectiveRules,
  excludeMatcher,
  loadConfig,
  parseConfig,
  unknownRuleNames,
} from "../src/analysis/config.js";
import { compileGlob, globError, matchSegment } from "../src/analysis/glob.js";
import type { Category, RuleDefinition, Severity } from "../src/analysis/rule.js";

function rule(
  name: string,
  category: Category,
  severity: Severity,
  extra: Partial<RuleDefinition> = {},
): RuleDefinition {
  return {
    name,
    category,
    severity,
    needs: ["syntax"],
    docs: { summary: "", details: "", bad: "", good: "", source: "" },
    ...extra,
  };
}

const rules: RuleDefinition[] = [
  rule("defer-in-loop", "resources", "warning"),
  rule("lock-copied", "concurrency", "error"),
  rule("struct-padding", "performance", "info", { offByDefault: true, options: { minBytes: 8, ignore: [] } }),
  rule("error-ignored", "errors", "warning", { options: { functions: ["fmt.Println"] } }),
];

const file = path.resolve("/project/.gopitfall.yml");

function errorsOf(text: string): string[] {
  return parseConfig(file, text, rules).errors.map((e) => `${e.line}:${e.column}: ${e.message}`);
}

test("a full configuration", () => {
  const { config, errors } = parseConfig(
    file,
    [
      "rules:",
      "  defer-in-loop: off",
      "  concurrency: info",
      "  struct-padding:",
      "    severity: warning",
      "    options: { minBytes: 16 }",
      "exclude:",
      "  - vendor",
      '  - "**/*_gen.go"',
      "tests: false",
      "go: 1.20",
      "tags: [integration, e2e]",
      "goos: windows",
      "goarch: arm64",
      "",
    ].join("\n"),
    rules,
  );
  assert.deepEqual(errors, []);
  assert.equal(config.file, file);
  assert.equal(config.dir, path.dirname(file));
  assert.deepEqual(config.rules, [
    { name: "defer-in-loop", enabled: false, severity: null, options: null },
    { name: "concurrency", enabled: null, severity: "info", options: null },
    { name: "struct-padding", enabled: null, severity: "warning", options: { minBytes: 16 } },
  ]);
  assert.deepEqual(config.exclude, ["vendor", "**/*_gen.go"]);
  assert.equal(config.tests, false);
  // YAML reads 1.20 as the number 1.2; the version is taken from the source text.
  assert.equal(config.go, "1.20");
  assert.deepEqual(config.tags, ["integration", "e2e"]);
  assert.equal(config.goos, "windows");
  assert.equal(config.goarch, "arm64");
});

test("an empty file is the default configuration", () => {
  for (const text of ["", "# nothing yet\n", "---\n"]) {
    const { config, errors } = parseConfig(file, text, rules);
    assert.deepEqual(errors, []);
    assert.deepEqual(config, { ...defaultConfig(path.dirname(file)), file });
  }
});

test("errors name the exact line and byte column", () => {
  assert.deepEqual(errorsOf("rules:\n  defer-in-loop: off\nexlcude: [vendor]\n"), [
    '3:1: unknown key "exlcude"; did you mean "exclude"?; known keys: rules, exclude, tests, go, tags, goos, goarch',
  ]);
  assert.deepEqual(errorsOf("rules:\n  lock-copied: warning\n  lock-copy: off\n"), [
    '3:3: unknown rule or category "lock-copy"; did you mean "lock-copied"?',
  ]);
  assert.deepEqual(errorsOf("rules:\n  lock-copied: loud\n"), [
    '2:16: rule setting must be off, on, error, warning, info, or a mapping of severity, enabled and options, not "loud"',
  ]);
  assert.deepEqual(errorsOf("rules:\n  lock-copied: { severity: high, colour: red }\n"), [
    "2:28: severity must be error, warning or info",
    '2:34: unknown rule setting "colour"; known: severity, enabled, options',
  ]);
  assert.deepEqual(errorsOf("tests: no\n"), ["1:8: tests must be true or false"]);
  assert.deepEqual(errorsOf('go: "2.0"\n'), ['1:5: go must be a Go version such as "1.22", not "2.0"']);
  assert.deepEqual(errorsOf("go: banana\n"), ['1:5: go must be a Go version such as "1.22", not "banana"']);
  assert.deepEqual(errorsOf("goos: linuz\n"), ['1:7: unknown goos "linuz"; did you mean "linux"?']);
  assert.deepEqual(errorsOf("exclude: [/abs, ok]\n"), [
    '1:11: exclude pattern "/abs": pattern must be relative to the configuration file\'s directory',
  ]);
  assert.deepEqual(errorsOf("tags: [a b, a-b]\n"), [
    '1:8: build tag "a b": tags are letters, digits, _ and .',
    '1:13: build tag "a-b": tags are letters, digits, _ and .',
  ]);
  assert.deepEqual(errorsOf("- rules\n"), [
    "1:1: the configuration must be a mapping of keys (rules, exclude, tests, go, tags, goos, goarch)",
  ]);
});

test("columns count bytes, as in every other diagnostic", () => {
  // "é" is two bytes in UTF-8 but one UTF-16 unit in the YAML parser.
  assert.deepEqual(errorsOf('rules: { lock-copied: off }\ntags: ["é", "x y"]\n'), [
    '2:14: build tag "x y": tags are letters, digits, _ and .',
  ]);
});

test("options: unknown names and wrong types", () => {
  assert.deepEqual(
    errorsOf("rules:\n  struct-padding:\n    options:\n      minBytes: many\n      maxBytes: 3\n"),
    [
      "4:17: option minBytes of struct-padding must be a number, not a string",
      '5:7: rule struct-padding has no option "maxBytes"; its options: minBytes, ignore',
    ],
  );
  assert.deepEqual(errorsOf("rules:\n  lock-copied:\n    options: { x: 1 }\n"), [
    "3:16: rule lock-copied has no options",
  ]);
  assert.deepEqual(errorsOf("rules:\n  concurrency: { options: { x: 1 } }\n"), [
    '2:18: options belong to one rule, not to "concurrency"',
  ]);
  const { config, errors } = parseConfig(
    file,
    "rules:\n  error-ignored:\n    options:\n      functions: [a.B, c.D]\n",
    rules,
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(config.rules[0]?.options, { functions: ["a.B", "c.D"] });
});

test("YAML syntax errors and duplicate keys have positions", () => {
  const dup = errorsOf("tests: true\ntests: false\n");
  assert.equal(dup.length, 1);
  assert.match(dup[0]!, /^2:1: Map keys must be unique/);
  const bad = errorsOf("rules:\n  lock-copied: [off\n");
  assert.ok(bad.length >= 1);
  assert.match(bad[0]!, /^\d+:\d+: /);
  assert.ok(!bad[0]!.includes("\n"), "one line per error");
});

test("loadConfig: found upward, explicit path, missing file", () => {
  const root = mkdtempSync(path.join(tmpdir(), "gopitfall-config-"));
  try {
    const sub = path.join(root, "a", "b");
    mkdirSync(sub, { recursive: true });
    assert.equal(loadConfig(sub, null, rules).config.file, null);
    writeFileSync(path.join(root, ".gopitfall.yml"), "tests: false\n");
    const found = loadConfig(sub, null, rules);
    assert.deepEqual(found.errors, []);
    assert.equal(found.config.file, path.join(root, ".gopitfall.yml"));
    assert.equal(found.config.dir, root);
    assert.equal(found.config.tests, false);

    writeFileSync(path.join(root, "a", "other.yml"), "rules:\n  nope: off\n");
    const explicit = loadConfig(sub, "../other.yml", rules);
    assert.equal(explicit.config.file, path.join(root, "a", "other.yml"));
    assert.deepEqual(
      explicit.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`),
      [`${path.join(root, "a", "other.yml")}:2:3: unknown rule or category "nope"`],
    );

    const missing = loadConfig(sub, "missing.yml", rules);
    assert.equal(missing.errors.length, 1);
    assert.equal(missing.errors[0]?.kind, "config");
    assert.equal(missing.errors[0]?.file, path.join(sub, "missing.yml"));
    assert.match(missing.errors[0]!.message, /no such file/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

function configWith(rulesSettings: Config["rules"]): Config {
  return { ...defaultConfig("/project"), rules: rulesSettings };
}

function summary(
  m: Map<string, { severity: Severity; options: Readonly<Record<string, unknown>> }>,
): string[] {
  return [...m].map(([id, r]) => `${id}:${r.severity}`);
}

test("effectiveRules: defaults, offByDefault, file, then command line", () => {
  const none = defaultConfig("/project");
  assert.deepEqual(summary(effectiveRules(rules, none, [], [])), [
    "defer-in-loop:warning",
    "lock-copied:error",
    "error-ignored:warning",
  ]);
  assert.deepEqual(summary(effectiveRules(rules, none, ["struct-padding"], [])), [
    "defer-in-loop:warning",
    "lock-copied:error",
    "struct-padding:info",
    "error-ignored:warning",
  ]);
  // The file: a category turns rules off, a rule id (more specific) turns one back on,
  // whatever their order.
  const file = parseConfig(
    "/project/.gopitfall.yml",
    "rules:\n  struct-padding: { options: { minBytes: 32 } }\n  error-ignored: error\n  errors: off\n  all: info\n",
    rules,
  );
  assert.deepEqual(file.errors, []);
  const eff = effectiveRules(rules, file.config, [], []);
  assert.deepEqual(summary(eff), ["defer-in-loop:info", "lock-copied:info", "error-ignored:error"]);
  // A severity for a group leaves its off-by-default rules off; for a rule id it turns it on.
  const bySeverity = parseConfig("/project/.gopitfall.yml", "rules:\n  performance: error\n", rules).config;
  assert.equal(effectiveRules(rules, bySeverity, [], []).has("struct-padding"), false);
  assert.equal(
    effectiveRules(rules, bySeverity, ["struct-padding"], []).get("struct-padding")?.severity,
    "error",
  );
  const byId = parseConfig("/project/.gopitfall.yml", "rules:\n  struct-padding: warning\n", rules).config;
  assert.equal(effectiveRules(rules, byId, [], []).get("struct-padding")?.severity, "warning");
  // Options given for a rule that stays off are kept for when it is enabled.
  const enabled = effectiveRules(rules, file.config, ["performance"], []);
  assert.deepEqual(enabled.get("struct-padding"), {
    severity: "info",
    options: { minBytes: 32, ignore: [] },
  });
  assert.deepEqual(enabled.get("error-ignored")?.options, { functions: ["fmt.Println"] });

  // The command line wins over the file; a rule id wins over a category, disable over enable.
  assert.deepEqual(summary(effectiveRules(rules, file.config, ["errors"], ["error-ignored"])), [
    "defer-in-loop:info",
    "lock-copied:info",
  ]);
  assert.deepEqual(summary(effectiveRules(rules, none, ["lock-copied"], ["all"])), ["lock-copied:error"]);
  assert.deepEqual(summary(effectiveRules(rules, none, ["lock-copied"], ["concurrency"])), [
    "defer-in-loop:warning",
    "lock-copied:error",
    "error-ignored:warning",
  ]);
  assert.deepEqual(summary(effectiveRules(rules, none, [], ["warning"])), ["lock-copied:error"]);
  assert.deepEqual(summary(effectiveRules(rules, none, ["resources"], ["resources"])), [
    "lock-copied:error",
    "error-ignored:warning",
  ]);
  assert.deepEqual(
    summary(
      effectiveRules(
        rules,
        configWith([{ name: "struct-padding", enabled: true, severity: null, options: null }]),
        [],
        [],
      ),
    ),
    ["defer-in-loop:warning", "lock-copied:error", "struct-padding:info", "error-ignored:warning"],
  );
});

test("unknownRuleNames: for --enable/--disable usage errors", () => {
  assert.deepEqual(
    unknownRuleNames(rules, ["lock-copied", "concurrency", "all", "info", "defer-in-lop", "zzz"]),
    [
      'unknown rule or category "defer-in-lop"; did you mean "defer-in-loop"?',
      'unknown rule or category "zzz"',
    ],
  );
});

test("glob segments: * and ?", () => {
  assert.ok(matchSegment("*", ""));
  assert.ok(matchSegment("*.go", "a.go"));
  assert.ok(!matchSegment("*.go", "a.go.txt"));
  assert.ok(matchSegment("*_gen*.go", "x_gen_test.go"));
  assert.ok(matchSegment("a?c", "abc"));
  assert.ok(!matchSegment("a?c", "ac"));
  assert.ok(matchSegment("?", "é"));
  assert.ok(matchSegment("**", "anything"));
  assert.ok(!matchSegment("a*b*c", "aXbY"));
  // The single backtrack point keeps this linear, not exponential.
  assert.ok(!matchSegment(`${"*a".repeat(30)}b`, "a".repeat(200)));
});

test("glob paths: segments, **, directories", () => {
  const m = (pattern: string, p: string): boolean => compileGlob(pattern)(p);
  assert.ok(m("vendor", "vendor/x/y.go"));
  assert.ok(m("vendor/", "vendor/x/y.go"));
  assert.ok(!m("vendor", "internal/vendor/y.go"));
  assert.ok(m("**/vendor", "internal/vendor/y.go"));
  assert.ok(m("**/vendor", "vendor/y.go"));
  assert.ok(m("*.go", "main.go"));
  assert.ok(!m("*.go", "cmd/main.go"));
  assert.ok(m("**/*.go", "cmd/main.go"));
  assert.ok(m("**/*_gen.go", "a/b/c/x_gen.go"));
  assert.ok(m("cmd/**/testdata", "cmd/x/y/testdata/f.go"));
  assert.ok(m("cmd/**/testdata", "cmd/testdata/f.go"));
  assert.ok(!m("cmd/**/testdata", "cmd/testdatax/f.go"));
  assert.ok(m("./internal/*/gen", "internal/api/gen/a.go"));
  assert.ok(!m("internal/*/gen", "internal/a/b/gen/a.go"));
  assert.ok(m("**", "a/b.go"));
  assert.ok(!m("**", "../outside.go"));
  assert.ok(m("../shared/**", "../shared/x.go"));
  assert.ok(m("a/**/**/b", "a/b"));
  assert.ok(!m(`${"**/".repeat(20)}z`, `${"a/".repeat(40)}y`));
  assert.equal(globError(""), "empty pattern");
  assert.equal(globError("a\\b"), "use / to separate path segments");
  assert.equal(globError("**/x"), null);
});

test("excludeMatcher: patterns relative to the configuration's directory", () => {
  const config = { ...defaultConfig(path.resolve("/project")), exclude: ["vendor", "**/*_gen.go"] };
  const excluded = excludeMatcher(config);
  assert.ok(excluded(path.resolve("/project/vendor/a/b.go")));
  assert.ok(excluded(path.resolve("/project/x/y_gen.go")));
  assert.ok(!excluded(path.resolve("/project/x/y.go")));
  assert.ok(!excluded(path.resolve("/elsewhere/vendor/b.go")));
  assert.ok(!excludeMatcher(defaultConfig("/project"))(path.resolve("/project/vendor/a.go")));
});
