// The command line: `gopitfall [flags] [patterns]`, `gopitfall rules`, `gopitfall explain <rule>`.
// Flags take `--flag value` or `--flag=value`; booleans take `--flag`, `--flag=true|false`.

import type { Severity } from "../analysis/rule.js";

export const formats = ["text", "json", "sarif", "github", "checkstyle"] as const;
export type Format = (typeof formats)[number];

export interface RunArgs {
  command: "run";
  patterns: string[];
  format: Format;
  output: string | null;
  failOn: Severity;
  severity: Severity;
  enable: string[];
  disable: string[];
  tests: boolean | null;
  tags: string[] | null;
  goos: string | null;
  goarch: string | null;
  go: string | null;
  config: string | null;
  noConfig: boolean;
  stats: boolean;
  newFromRev: string | null;
  includeGenerated: boolean;
  color: boolean | null;
  /** Threads analyzing packages; null: up to the number of CPUs, as many as the estimate says pay off. */
  jobs: number | null;
  /** null: the user's cache directory. */
  cacheDir: string | null;
  noCache: boolean;
  quiet: boolean;
}

export type Args =
  | RunArgs
  | { command: "rules"; format: "text" | "json" }
  | { command: "explain"; rule: string }
  | { command: "cache-clean"; cacheDir: string | null }
  | { command: "version" }
  | { command: "help" };

export const usage = `usage: gopitfall [flags] [patterns]
       gopitfall rules [--format json]
       gopitfall explain <rule>
       gopitfall cache clean [--cache-dir DIR]

gopitfall finds the pitfalls Go programmers ship to production: goroutine and resource
leaks, lock and channel misuse, HTTP/SQL/time/JSON API traps, lost errors. It reads source:
no Go toolchain and no build needed.

Patterns are the go command's: ./... (the default), dir/..., directories, .go files.

Output:
  --format F           text (default), json, sarif, github, checkstyle
  --output FILE        write the report to FILE instead of standard output
  --color, --no-color  colour and code frames in text output (default: on a terminal)
  --stats              phase times, files, bytes and peak memory on standard error
  --quiet              no progress indicator on standard error

Rules:
  --enable LIST        rules or categories to turn on (comma-separated, repeatable)
  --disable LIST       rules or categories to turn off
  --severity S         report findings of severity S and above: info, warning, error
  --fail-on S          exit 1 only for findings of severity S and above (default warning)
  --new-from-rev REV   only findings on lines changed since git revision REV

Build:
  --tests=false        leave out _test.go files
  --tags LIST          build tags (comma-separated)
  --goos OS, --goarch ARCH   target platform (default: GOOS/GOARCH, else linux/amd64)
  --go VERSION         Go version of every file (default: go.mod, or //go:build go1.N)
  --include-generated  also analyze generated files ("// Code generated ... DO NOT EDIT.")

Configuration:
  --config FILE        use FILE instead of .gopitfall.yml found upward from here
  --no-config          use no configuration file

Speed:
  --jobs N             analyze on N threads (default: up to the number of CPUs, as many as pay off)
  --cache-dir DIR      keep the findings cache in DIR (default: $XDG_CACHE_HOME/gopitfall,
                       else the platform's cache directory)
  --no-cache           neither read nor write the cache

Other:
  --version            print the version
  --help               print this help

Examples:
  gopitfall ./...                                  analyze the module in this directory
  gopitfall --format sarif --output gopitfall.sarif ./...
  gopitfall --new-from-rev origin/main ./...       only what a branch adds
  gopitfall --disable info --enable lock-copied ./internal/...
  gopitfall explain http-body-not-closed

Exit status: 0 when nothing at or above --fail-on was found, 1 when something was,
2 on a usage or internal error.
`;

const severities: readonly Severity[] = ["info", "warning", "error"];

function isSeverity(s: string): s is Severity {
  return (severities as readonly string[]).includes(s);
}

function isFormat(s: string): s is Format {
  return (formats as readonly string[]).includes(s);
}

function list(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Parses the arguments; a string is a usage error. */
export function parseArgs(argv: readonly string[]): Args | string {
  if (argv[0] === "rules") {
    const rest = argv.slice(1);
    if (rest.length === 0) return { command: "rules", format: "text" };
    if ((rest.length === 2 && rest[0] === "--format" && rest[1] === "json") || rest[0] === "--format=json") {
      return { command: "rules", format: "json" };
    }
    return `rules takes only --format json`;
  }
  if (argv[0] === "cache") {
    if (argv[1] !== "clean") return "cache takes one subcommand: clean";
    let cacheDir: string | null = null;
    const rest = argv.slice(2);
    if (rest.length === 2 && rest[0] === "--cache-dir") cacheDir = rest[1]!;
    else if (rest.length === 1 && rest[0]!.startsWith("--cache-dir=")) cacheDir = rest[0]!.slice(12);
    else if (rest.length > 0) return "cache clean takes only --cache-dir DIR";
    if (cacheDir === "") return "--cache-dir takes a directory";
    return { command: "cache-clean", cacheDir };
  }
  if (argv[0] === "explain") {
    if (argv.length !== 2) return "explain takes one rule name";
    return { command: "explain", rule: argv[1]! };
  }
  const a: RunArgs = {
    command: "run",
    patterns: [],
    format: "text",
    output: null,
    failOn: "warning",
    severity: "info",
    enable: [],
    disable: [],
    tests: null,
    tags: null,
    goos: null,
    goarch: null,
    go: null,
    config: null,
    noConfig: false,
    stats: false,
    newFromRev: null,
    includeGenerated: false,
    color: null,
    jobs: null,
    cacheDir: null,
    noCache: false,
    quiet: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("-") || arg === "-") {
      a.patterns.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const inline = eq < 0 ? null : arg.slice(eq + 1);
    const value = (): string | null => {
      if (inline !== null) return inline;
      const next = argv[i + 1];
      if (next === undefined) return null;
      i++;
      return next;
    };
    const bool = (): boolean | string => {
      if (inline === null || inline === "true") return true;
      if (inline === "false") return false;
      return `${name} takes true or false, not ${inline}`;
    };
    switch (name) {
      case "-h":
      case "--help":
        return { command: "help" };
      case "--version":
        return { command: "version" };
      case "--format": {
        const v = value();
        if (v === null || !isFormat(v)) return `--format takes one of ${formats.join(", ")}`;
        a.format = v;
        break;
      }
      case "--output": {
        const v = value();
        if (v === null) return "--output takes a file name";
        a.output = v;
        break;
      }
      case "--fail-on":
      case "--severity": {
        const v = value();
        if (v === null || !isSeverity(v)) return `${name} takes one of ${severities.join(", ")}`;
        if (name === "--fail-on") a.failOn = v;
        else a.severity = v;
        break;
      }
      case "--enable":
      case "--disable": {
        const v = value();
        if (v === null) return `${name} takes a list of rules or categories`;
        (name === "--enable" ? a.enable : a.disable).push(...list(v));
        break;
      }
      case "--tags": {
        const v = value();
        if (v === null) return "--tags takes a comma-separated list";
        a.tags = list(v);
        break;
      }
      case "--jobs":
      case "-j": {
        const v = value();
        if (v === null || !/^[1-9]\d*$/.test(v)) return `${name} takes a number of threads (1 or more)`;
        a.jobs = Math.min(Number.parseInt(v, 10), 64);
        break;
      }
      case "--cache-dir": {
        const v = value();
        if (v === null || v === "") return "--cache-dir takes a directory";
        a.cacheDir = v;
        break;
      }
      case "--goos":
      case "--goarch":
      case "--go":
      case "--config":
      case "--new-from-rev": {
        const v = value();
        if (v === null || v === "") return `${name} takes a value`;
        if (name === "--goos") a.goos = v;
        else if (name === "--goarch") a.goarch = v;
        else if (name === "--go") {
          if (!/^1\.\d+(\.\d+)?$/.test(v)) return `--go takes a Go version like 1.22, not ${v}`;
          a.go = v;
        } else if (name === "--config") a.config = v;
        else a.newFromRev = v;
        break;
      }
      case "--tests":
      case "--no-config":
      case "--stats":
      case "--include-generated":
      case "--no-cache":
      case "--quiet":
      case "--color": {
        const b = bool();
        if (typeof b === "string") return b;
        if (name === "--tests") a.tests = b;
        else if (name === "--no-config") a.noConfig = b;
        else if (name === "--stats") a.stats = b;
        else if (name === "--include-generated") a.includeGenerated = b;
        else if (name === "--no-cache") a.noCache = b;
        else if (name === "--quiet") a.quiet = b;
        else a.color = b;
        break;
      }
      case "--no-color":
        a.color = false;
        break;
      default:
        return `unknown flag ${name}`;
    }
  }
  if (a.patterns.length === 0) a.patterns.push("./...");
  return a;
}
