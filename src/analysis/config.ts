// The configuration file `.gopitfall.yml`, found upward from the working directory (or named by
// --config), and how it combines with --enable/--disable into the rules of a run.
//
//   rules:                    # rule id, category, severity name or `all` → setting
//     error-ignored: off
//     concurrency: error
//     struct-padding: { enabled: true, severity: info, options: { minBytes: 16 } }
//   exclude: [vendor, "**/*_gen.go"]   # path globs, relative to this file's directory
//   tests: false
//   go: "1.22"
//   tags: [integration]
//   goos: linux
//   goarch: arm64
//
// Every mistake is an error at its line and column: a misspelt key or rule id that was silently
// ignored would leave the user believing a rule is off when it is not.

import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Node, Pair, Scalar, YAMLMap } from "yaml";
import { KNOWN_ARCH, KNOWN_OS } from "../load/constraints.js";
import { parseGoVersion } from "../load/goversion.js";
import type { RunError } from "./finding.js";
import { compileGlob, globError } from "./glob.js";
import type { Category, RuleDefinition, Severity } from "./rule.js";
import { suggestion } from "./suggest.js";

export const configFileName = ".gopitfall.yml";

type Yaml = typeof import("yaml");
let yamlModule: Yaml | null = null;

/** The YAML library, loaded when a configuration is first read: most runs have none, and loading it costs a tenth of the start-up. */
function yaml(): Yaml {
  yamlModule ??= createRequire(import.meta.url)("yaml") as Yaml;
  return yamlModule;
}

/**
 * One entry of `rules:`. Null fields leave the rule's default (or a broader entry) alone. A
 * severity without `enabled` turns the rules named on, except that a group (category, severity,
 * `all`) leaves its off-by-default rules off: those are named one by one, or with `on`.
 */
export interface RuleSetting {
  /** A rule id, a category, a severity name (the rules of that default severity) or `all`. */
  name: string;
  enabled: boolean | null;
  severity: Severity | null;
  /** Only for a rule id: options merged over the rule's defaults. */
  options: Record<string, unknown> | null;
}

export interface Config {
  /** Absolute path of the file read, or null when there is none. */
  file: string | null;
  /** The directory exclude patterns are relative to. */
  dir: string;
  rules: RuleSetting[];
  exclude: string[];
  /** null: not set in the file (the command line or the default decides). */
  tests: boolean | null;
  go: string | null;
  tags: string[] | null;
  goos: string | null;
  goarch: string | null;
}

export interface ConfigResult {
  config: Config;
  errors: RunError[];
}

/** What to use with --no-config, or when no file is found. */
export function defaultConfig(dir: string): Config {
  return {
    file: null,
    dir,
    rules: [],
    exclude: [],
    tests: null,
    go: null,
    tags: null,
    goos: null,
    goarch: null,
  };
}

/** The nearest `.gopitfall.yml` in `cwd` or a directory above it, or null. */
export function findConfig(cwd: string): string | null {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, configFileName);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * Reads the configuration: the file named by `explicitPath` (relative to `cwd`), else the one
 * found upward from `cwd`, else the defaults. With errors the config holds what was valid.
 */
export function loadConfig(
  cwd: string,
  explicitPath: string | null,
  knownRules: readonly RuleDefinition[],
): ConfigResult {
  const file = explicitPath !== null ? path.resolve(cwd, explicitPath) : findConfig(cwd);
  if (file === null) return { config: defaultConfig(path.resolve(cwd)), errors: [] };
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const reason = e instanceof Error && "code" in e && e.code === "ENOENT" ? "no such file" : String(e);
    return {
      config: defaultConfig(path.dirname(file)),
      errors: [{ kind: "config", file, line: 0, column: 0, message: `cannot read configuration: ${reason}` }],
    };
  }
  return parseConfig(file, text, knownRules);
}

const topKeys = ["rules", "exclude", "tests", "go", "tags", "goos", "goarch"] as const;
const settingKeys = ["severity", "enabled", "options"] as const;
const severities: readonly Severity[] = ["error", "warning", "info"];

/** Parses the text of a configuration file at `file` (an absolute path). */
export function parseConfig(file: string, text: string, knownRules: readonly RuleDefinition[]): ConfigResult {
  const config: Config = { ...defaultConfig(path.dirname(file)), file };
  const errors: RunError[] = [];
  const lineCounter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });

  // YAML columns count UTF-16 units; Go tools (and this tool's findings) count bytes.
  const at = (offset: number): { line: number; column: number } => {
    const { line } = lineCounter.linePos(offset);
    const lineStart = lineCounter.lineStarts[line - 1] ?? 0;
    return { line, column: Buffer.byteLength(text.slice(lineStart, offset), "utf8") + 1 };
  };
  const error = (offset: number, message: string): void => {
    errors.push({ kind: "config", file, ...at(offset), message });
  };
  const errorAt = (node: Node | null | undefined, message: string): void => {
    error(node?.range?.[0] ?? 0, message);
  };

  for (const e of [...doc.errors, ...doc.warnings]) error(e.pos[0], firstLine(e.message));
  if (doc.errors.length > 0) return { config, errors };

  const root = doc.contents;
  if (root === null || (yaml().isScalar(root) && root.value === null)) return { config, errors };
  if (!yaml().isMap(root)) {
    errorAt(
      root,
      "the configuration must be a mapping of keys (rules, exclude, tests, go, tags, goos, goarch)",
    );
    return { config, errors };
  }

  // Aliases inside option values resolve against the document.
  const toJS = (node: Node): unknown => node.toJS(doc);
  const rulesById = new Map(knownRules.map((r) => [r.name, r]));
  const categories = new Set<string>(knownRules.map((r) => r.category));

  for (const pair of entries(root, errorAt)) {
    const key = pair.key;
    const value = pair.value;
    const name = key.value;
    switch (name) {
      case "rules": {
        if (isNull(value)) break;
        if (!yaml().isMap(value)) {
          errorAt(value, "rules must be a mapping of rule ids or categories to settings");
          break;
        }
        for (const entry of entries(value, errorAt)) {
          const setting = parseRuleSetting(entry, rulesById, categories, errorAt, toJS);
          if (setting !== null) config.rules.push(setting);
        }
        break;
      }
      case "exclude": {
        const list = stringList(value, "exclude", errorAt);
        for (const { text: pattern, node } of list) {
          const problem = globError(pattern);
          if (problem !== null) errorAt(node, `exclude pattern ${JSON.stringify(pattern)}: ${problem}`);
          else config.exclude.push(pattern);
        }
        break;
      }
      case "tests": {
        if (yaml().isScalar(value) && typeof value.value === "boolean") config.tests = value.value;
        else errorAt(value ?? key, "tests must be true or false");
        break;
      }
      case "go": {
        // `go: 1.20` is the number 1.2 to YAML: read the version from the source text.
        const v = scalarSource(value);
        const parsed = v === null ? null : parseGoVersion(v);
        if (v === null || parsed === null || parsed.major !== "1") {
          errorAt(
            value ?? key,
            `go must be a Go version such as "1.22"${v !== null ? `, not ${JSON.stringify(v)}` : ""}`,
          );
        } else {
          config.go = v.startsWith("go") ? v.slice(2) : v;
        }
        break;
      }
      case "tags": {
        const tags: string[] = [];
        for (const { text: tag, node } of stringList(value, "tags", errorAt)) {
          // go/build/constraint's identifier characters.
          if (/^[\p{L}\p{N}_.]+$/u.test(tag)) tags.push(tag);
          else errorAt(node, `build tag ${JSON.stringify(tag)}: tags are letters, digits, _ and .`);
        }
        config.tags = tags;
        break;
      }
      case "goos":
      case "goarch": {
        const known = name === "goos" ? KNOWN_OS : KNOWN_ARCH;
        const v = yaml().isScalar(value) && typeof value.value === "string" ? value.value : null;
        if (v === null) errorAt(value ?? key, `${name} must be a string`);
        else if (!known.has(v)) {
          errorAt(value, `unknown ${name} ${JSON.stringify(v)}${suggestion(v, [...known])}`);
        } else if (name === "goos") config.goos = v;
        else config.goarch = v;
        break;
      }
      default:
        errorAt(
          key,
          `unknown key ${JSON.stringify(name)}${suggestion(String(name), topKeys)}; known keys: ${topKeys.join(", ")}`,
        );
    }
  }
  return { config, errors };
}

type ErrorAt = (node: Node | null | undefined, message: string) => void;

/** The pairs of a mapping whose keys are plain strings; other keys are reported. */
function entries(map: YAMLMap, errorAt: ErrorAt): { key: Scalar<string>; value: Node | null }[] {
  const out: { key: Scalar<string>; value: Node | null }[] = [];
  for (const pair of map.items as Pair<unknown, unknown>[]) {
    const key = pair.key;
    const value = pair.value;
    if (!yaml().isScalar(key) || typeof key.value !== "string") {
      errorAt(isNodeLike(key) ? key : map, "keys must be plain names");
      continue;
    }
    if (yaml().isAlias(value)) {
      errorAt(value, "aliases are not supported in the configuration");
      continue;
    }
    out.push({ key: key as Scalar<string>, value: isNodeLike(value) ? value : null });
  }
  return out;
}

function isNodeLike(x: unknown): x is Node {
  return yaml().isScalar(x) || yaml().isMap(x) || yaml().isSeq(x) || yaml().isAlias(x);
}

function isNull(node: Node | null): boolean {
  return node === null || (yaml().isScalar(node) && node.value === null);
}

/** A list of strings (a single string counts as a list of one). */
function stringList(value: Node | null, key: string, errorAt: ErrorAt): { text: string; node: Node }[] {
  if (isNull(value)) return [];
  if (yaml().isScalar(value) && typeof value.value === "string") return [{ text: value.value, node: value }];
  if (!yaml().isSeq(value)) {
    errorAt(value, `${key} must be a list of strings`);
    return [];
  }
  const out: { text: string; node: Node }[] = [];
  for (const item of value.items) {
    if (yaml().isScalar(item) && (typeof item.value === "string" || typeof item.value === "number")) {
      // A tag or pattern that YAML reads as a number is still meant as text.
      out.push({ text: item.source ?? String(item.value), node: item });
    } else {
      errorAt(isNodeLike(item) ? item : value, `${key} must be a list of strings`);
    }
  }
  return out;
}

/** The source text of a scalar (its string value, or how a number or boolean was written). */
function scalarSource(node: Node | null): string | null {
  if (!yaml().isScalar(node) || node.value === null) return null;
  if (typeof node.value === "string") return node.value;
  return node.source ?? String(node.value);
}

function parseRuleSetting(
  entry: { key: Scalar<string>; value: Node | null },
  rulesById: ReadonlyMap<string, RuleDefinition>,
  categories: ReadonlySet<string>,
  errorAt: ErrorAt,
  toJS: (node: Node) => unknown,
): RuleSetting | null {
  const name = entry.key.value;
  const rule = rulesById.get(name);
  if (rule === undefined && !categories.has(name) && name !== "all" && !isSeverity(name)) {
    const candidates = [...rulesById.keys(), ...categories];
    errorAt(entry.key, `unknown rule or category ${JSON.stringify(name)}${suggestion(name, candidates)}`);
    return null;
  }
  const setting: RuleSetting = { name, enabled: null, severity: null, options: null };
  const value = entry.value;
  const valueHelp = "off, on, error, warning, info, or a mapping of severity, enabled and options";
  if (yaml().isScalar(value)) {
    const v = value.value;
    if (v === "off" || v === false) setting.enabled = false;
    else if (v === "on" || v === true) setting.enabled = true;
    else if (typeof v === "string" && isSeverity(v)) setting.severity = v;
    else {
      errorAt(value, `rule setting must be ${valueHelp}, not ${JSON.stringify(scalarSource(value))}`);
      return null;
    }
    return setting;
  }
  if (!yaml().isMap(value)) {
    errorAt(value ?? entry.key, `rule setting must be ${valueHelp}`);
    return null;
  }
  let ok = true;
  for (const { key, value: v } of entries(value, errorAt)) {
    switch (key.value) {
      case "severity":
        if (yaml().isScalar(v) && typeof v.value === "string" && isSeverity(v.value))
          setting.severity = v.value;
        else {
          errorAt(v ?? key, "severity must be error, warning or info");
          ok = false;
        }
        break;
      case "enabled":
        if (yaml().isScalar(v) && typeof v.value === "boolean") setting.enabled = v.value;
        else {
          errorAt(v ?? key, "enabled must be true or false");
          ok = false;
        }
        break;
      case "options": {
        if (rule === undefined) {
          errorAt(key, `options belong to one rule, not to ${JSON.stringify(name)}`);
          ok = false;
          break;
        }
        const options = parseOptions(rule, v, key, errorAt, toJS);
        if (options === null) ok = false;
        else setting.options = options;
        break;
      }
      default:
        errorAt(key, `unknown rule setting ${JSON.stringify(key.value)}; known: ${settingKeys.join(", ")}`);
        ok = false;
    }
  }
  return ok ? setting : null;
}

function parseOptions(
  rule: RuleDefinition,
  value: Node | null,
  key: Scalar<string>,
  errorAt: ErrorAt,
  toJS: (node: Node) => unknown,
): Record<string, unknown> | null {
  if (isNull(value)) return {};
  if (!yaml().isMap(value)) {
    errorAt(value ?? key, "options must be a mapping");
    return null;
  }
  const defaults = rule.options ?? {};
  const known = Object.keys(defaults);
  const out: Record<string, unknown> = {};
  let ok = true;
  for (const { key: optKey, value: optValue } of entries(value, errorAt)) {
    const name = optKey.value;
    if (!Object.hasOwn(defaults, name)) {
      const has =
        known.length === 0
          ? "has no options"
          : `has no option ${JSON.stringify(name)}; its options: ${known.join(", ")}`;
      errorAt(optKey, `rule ${rule.name} ${has}`);
      ok = false;
      continue;
    }
    const v: unknown = optValue === null ? null : toJS(optValue);
    const want = kindOf(defaults[name]);
    const got = kindOf(v);
    if (want !== "null" && want !== got) {
      errorAt(
        optValue ?? optKey,
        `option ${name} of ${rule.name} must be ${article(want)}, not ${article(got)}`,
      );
      ok = false;
      continue;
    }
    out[name] = v;
  }
  return ok ? out : null;
}

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return "list";
  if (typeof v === "object") return "mapping";
  return typeof v;
}

function article(kind: string): string {
  return kind === "null" ? "null" : `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind}`;
}

function isSeverity(s: string): s is Severity {
  return (severities as readonly string[]).includes(s);
}

function firstLine(message: string): string {
  const nl = message.indexOf("\n");
  // The yaml package ends its messages with " at line L, column C:"; the position is ours.
  return (nl < 0 ? message : message.slice(0, nl)).replace(/ at line \d+, column \d+:?$/, "");
}

/** Whether an absolute file path is excluded by the configuration's patterns. */
export function excludeMatcher(config: Config): (file: string) => boolean {
  if (config.exclude.length === 0) return () => false;
  const matchers = config.exclude.map(compileGlob);
  return (file) => {
    const rel = path.relative(config.dir, file).split(path.sep).join("/");
    return matchers.some((m) => m(rel));
  };
}

/** How a rule is configured for a run. */
export interface EffectiveRule {
  severity: Severity;
  options: Readonly<Record<string, unknown>>;
}

/**
 * The --enable/--disable names that are no rule id, category, severity or `all` (each a
 * message for a usage error).
 */
export function unknownRuleNames(knownRules: readonly RuleDefinition[], names: readonly string[]): string[] {
  const ids = knownRules.map((r) => r.name);
  const categories = [...new Set<string>(knownRules.map((r) => r.category))];
  return names
    .filter((n) => !ids.includes(n) && !categories.includes(n) && n !== "all" && !isSeverity(n))
    .map((n) => `unknown rule or category ${JSON.stringify(n)}${suggestion(n, [...ids, ...categories])}`);
}

/**
 * The enabled rules of a run with their severity and options. Defaults first (rules marked
 * offByDefault are off), then the configuration file, then --enable/--disable. A severity in the
 * file turns the rules it names on (see RuleSetting). Within the file and within the command line, the more specific name wins whatever the order: `all`, then a
 * severity (the rules of that severity), then a category, then a rule id; on the command line a
 * disable wins over an enable at the same level. Unknown names are ignored here (see
 * unknownRuleNames).
 */
export function effectiveRules(
  knownRules: readonly RuleDefinition[],
  config: Config,
  cliEnable: readonly string[],
  cliDisable: readonly string[],
): Map<string, EffectiveRule> {
  interface State {
    rule: RuleDefinition;
    enabled: boolean;
    severity: Severity;
    options: Record<string, unknown>;
  }
  const states: State[] = knownRules.map((rule) => ({
    rule,
    enabled: rule.offByDefault !== true,
    severity: rule.severity,
    options: { ...(rule.options ?? {}) },
  }));
  const level = (name: string): number =>
    name === "all" ? 0 : isSeverity(name) ? 1 : knownRules.some((r) => r.name === name) ? 3 : 2;
  // Severity names select by the rule's own default, so that `info: off` means the same
  // whichever entries come after it.
  const selects = (name: string, s: State): boolean =>
    name === "all" ||
    s.rule.name === name ||
    s.rule.category === (name as Category) ||
    s.rule.severity === name;

  for (let l = 0; l <= 3; l++) {
    for (const setting of config.rules) {
      if (level(setting.name) !== l) continue;
      for (const s of states) {
        if (!selects(setting.name, s)) continue;
        if (setting.enabled !== null) s.enabled = setting.enabled;
        else if (setting.severity !== null && (l === 3 || s.rule.offByDefault !== true)) s.enabled = true;
        if (setting.severity !== null) s.severity = setting.severity;
        if (setting.options !== null) s.options = { ...s.options, ...setting.options };
      }
    }
  }
  for (let l = 0; l <= 3; l++) {
    for (const [names, enabled] of [
      [cliEnable, true],
      [cliDisable, false],
    ] as const) {
      for (const name of names) {
        if (level(name) !== l) continue;
        for (const s of states) if (selects(name, s)) s.enabled = enabled;
      }
    }
  }
  const out = new Map<string, EffectiveRule>();
  for (const s of states) if (s.enabled) out.set(s.rule.name, { severity: s.severity, options: s.options });
  return out;
}
