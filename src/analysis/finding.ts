// What a run produces: findings, errors that kept part of the input from being analyzed, and
// statistics. Every output format renders a Report.

import type { Category, Severity } from "./rule.js";

export interface Location {
  /** Absolute path of the file. */
  file: string;
  /** 1-based line and byte column of the start, and of the end (exclusive column). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Finding extends Location {
  rule: string;
  category: Category;
  severity: Severity;
  message: string;
  /** Other places that explain the finding (where a resource was opened, the other lock). */
  related: (Location & { message: string })[];
}

/** Input that could not be analyzed, or a problem with the run's own configuration. */
export interface RunError {
  kind: "syntax" | "load" | "config" | "directive" | "internal";
  /** Absolute path, or "" when the error concerns no file. */
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface Stats {
  packages: number;
  files: number;
  bytes: number;
  /** Milliseconds per phase. */
  loadMs: number;
  parseMs: number;
  checkMs: number;
  rulesMs: number;
  outputMs: number;
  peakRssMb: number;
  /** Packages whose findings came from the cache, and packages analyzed. */
  cachedPackages?: number;
  analyzedPackages?: number;
}

export interface Report {
  findings: Finding[];
  errors: RunError[];
  stats: Stats;
}

/** Orders findings by file, position and rule, so that output is the same on every run. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
