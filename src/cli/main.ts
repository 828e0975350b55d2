#!/usr/bin/env node
// The gopitfall command. At this stage of the project it loads the packages named by the
// patterns, parses every file, and reports syntax errors in go vet's format; the rules come
// with the analysis framework.

import { readFileSync } from "node:fs";
import path from "node:path";
import { formatDiagnostic as formatLoadDiagnostic } from "../load/diagnostic.js";
import { loadPackages } from "../load/packages.js";
import { formatDiagnostic, parseFile } from "../syntax/parser.js";

const packageJson = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

const usage = `usage: gopitfall [flags] [patterns]

gopitfall finds the pitfalls Go programmers ship to production.

Patterns are like the go command's: ./... (the default), dir/..., directories, .go files.

flags:
  --tests=false  leave out _test.go files
  --version      print the version and exit
  --help         print this help and exit

Exit status: 0 when nothing was found, 1 with findings, 2 on a usage or internal error.
`;

interface Options {
  patterns: string[];
  tests: boolean;
}

function parseArgs(argv: string[]): Options | string {
  const options: Options = { patterns: [], tests: true };
  for (const arg of argv) {
    if (arg === "--tests" || arg === "--tests=true") options.tests = true;
    else if (arg === "--tests=false") options.tests = false;
    else if (arg.startsWith("-")) return `unknown flag ${arg}`;
    else options.patterns.push(arg);
  }
  if (options.patterns.length === 0) options.patterns.push("./...");
  return options;
}

function relative(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}

function run(options: Options): number {
  const loaded = loadPackages(options.patterns, { tests: options.tests });
  const out: string[] = [];
  for (const d of loaded.errors) out.push(formatLoadDiagnostic(d));
  let files = 0;
  for (const pkg of loaded.packages) {
    for (const d of pkg.errors) out.push(formatLoadDiagnostic(d));
    const goFiles = options.tests ? [...pkg.goFiles, ...pkg.testGoFiles, ...pkg.xTestGoFiles] : pkg.goFiles;
    for (const f of goFiles) {
      files++;
      const { errors } = parseFile(f.path, readFileSync(f.path));
      for (const e of errors) out.push(formatDiagnostic(relative(f.path), e));
    }
  }
  if (out.length > 0) process.stdout.write(`${out.join("\n")}\n`);
  if (process.stderr.isTTY) {
    process.stderr.write(
      `gopitfall: ${loaded.packages.length} packages, ${files} files, ${out.length} problems\n`,
    );
  }
  return out.length > 0 ? 1 : 0;
}

function main(argv: string[]): number {
  if (argv.includes("--version")) {
    process.stdout.write(`gopitfall ${packageJson.version}\n`);
    return 0;
  }
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(usage);
    return 0;
  }
  const options = parseArgs(argv);
  if (typeof options === "string") {
    process.stderr.write(`gopitfall: ${options}\n${usage}`);
    return 2;
  }
  try {
    return run(options);
  } catch (e) {
    process.stderr.write(
      `gopitfall: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
