#!/usr/bin/env node
import { readFileSync } from "node:fs";

const packageJson = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

const usage = `usage: gopitfall [flags] [patterns]

gopitfall finds the pitfalls Go programmers ship to production.

flags:
  --version   print the version and exit
  --help      print this help and exit
`;

function main(argv: string[]): number {
  if (argv.includes("--version")) {
    process.stdout.write(`gopitfall ${packageJson.version}\n`);
    return 0;
  }
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(usage);
    return 0;
  }
  process.stderr.write(usage);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
