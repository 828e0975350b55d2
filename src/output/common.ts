// What every output format shares: its options, how paths are shown, the order of run errors,
// and the source lines that code frames and column conversions read.

import { readFileSync } from "node:fs";
import path from "node:path";
import type { RunError } from "../analysis/finding.js";
import type { RuleDefinition } from "../analysis/rule.js";

export interface OutputOptions {
  /** The rules of the run: SARIF describes each of them in `tool.driver.rules`. */
  rules: readonly RuleDefinition[];
  /** The working directory: text, json and checkstyle show paths relative to it. */
  cwd: string;
  /**
   * The repository root: SARIF locations are relative to it (under `%SRCROOT%`), and so are
   * GitHub annotations, which GitHub resolves against the checkout. Defaults to `cwd`.
   */
  repoRoot?: string;
  /** ANSI colours in the text format. */
  color?: boolean;
  /**
   * Text for a person at a terminal: a code frame under each finding, the severity, and a summary
   * line at the end. Defaults to `color`, since both mean the output goes to a terminal.
   */
  terminal?: boolean;
  /** The version of gopitfall, for json and SARIF. */
  version: string;
  /**
   * Reads a source file, for code frames and for converting byte columns to UTF-16 columns;
   * undefined when it cannot be read. Defaults to reading the file system.
   */
  readFile?: (file: string) => Uint8Array | undefined;
}

/** `file` relative to `base` when it lies inside it, else absolute. */
export function relativePath(file: string, base: string): string {
  if (file === "") return "";
  const rel = path.relative(base, file);
  if (rel === "") return path.basename(file);
  if (path.isAbsolute(rel) || rel === ".." || rel.startsWith(`..${path.sep}`)) return file;
  return rel;
}

/** Orders run errors by file and position, so that output is the same on every run. */
export function compareRunErrors(a: RunError, b: RunError): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

function readFileOrUndefined(file: string): Uint8Array | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

const decoder = new TextDecoder();

/** The lines of the files a report names, each read once, as bytes (columns count bytes). */
export class SourceLines {
  private readonly files = new Map<string, Uint8Array[] | undefined>();
  private readonly read: (file: string) => Uint8Array | undefined;

  constructor(read: ((file: string) => Uint8Array | undefined) | undefined) {
    this.read = read ?? readFileOrUndefined;
  }

  /** The bytes of 1-based `line` of `file` without its line ending, or undefined. */
  line(file: string, line: number): Uint8Array | undefined {
    if (file === "" || line < 1) return undefined;
    let lines = this.files.get(file);
    if (!this.files.has(file)) {
      const bytes = this.read(file);
      lines = bytes === undefined ? undefined : splitLines(bytes);
      this.files.set(file, lines);
    }
    return lines?.[line - 1];
  }

  /**
   * The 1-based UTF-16 column of 1-based byte column `column` on `line`: the unit of SARIF's
   * default `columnKind` and of the JavaScript editors and web views that read it. A column past
   * the end of the line (an exclusive end) keeps its distance from the end; an unreadable file
   * keeps the byte column, which is the same for ASCII.
   */
  utf16Column(file: string, line: number, column: number): number {
    const bytes = this.line(file, line);
    if (bytes === undefined || column <= 1) return column;
    const n = column - 1;
    if (n > bytes.length) return decoder.decode(bytes).length + (n - bytes.length) + 1;
    return decoder.decode(bytes.subarray(0, n)).length + 1;
  }
}

function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      let end = i;
      if (end > start && bytes[end - 1] === 0x0d) end--;
      lines.push(bytes.subarray(start, end));
      start = i + 1;
    }
  }
  return lines;
}

export function plural(n: number, one: string, many: string = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
