// The text format: go vet's `path:line:col: message (rule)`, one line per finding, which editors'
// error parsers and grep read. For a person at a terminal it adds the severity, colour, a code
// frame under each finding and a summary line.

import type { Finding, Report, RunError } from "../analysis/finding.js";
import { compareFindings } from "../analysis/finding.js";
import type { Severity } from "../analysis/rule.js";
import { compareRunErrors, type OutputOptions, plural, relativePath, SourceLines } from "./common.js";

// Plain ANSI codes, each closed by its own reset so that styles nest; no dependency needed.
type Style = (s: string) => string;
const ansi =
  (open: number, close: number): Style =>
  (s) =>
    `\x1b[${open}m${s}\x1b[${close}m`;
const identity: Style = (s) => s;

interface Styles {
  bold: Style;
  dim: Style;
  severity: Record<Severity, Style>;
  marker: Record<Severity, Style>;
}

function styles(color: boolean): Styles {
  if (!color) {
    return {
      bold: identity,
      dim: identity,
      severity: { error: identity, warning: identity, info: identity },
      marker: { error: identity, warning: identity, info: identity },
    };
  }
  const red = ansi(31, 39);
  const yellow = ansi(33, 39);
  const cyan = ansi(36, 39);
  const bold = ansi(1, 22);
  return {
    bold,
    dim: ansi(2, 22),
    severity: { error: (s) => bold(red(s)), warning: (s) => bold(yellow(s)), info: (s) => bold(cyan(s)) },
    marker: { error: red, warning: yellow, info: cyan },
  };
}

function position(file: string, line: number, column: number, cwd: string): string {
  const shown = relativePath(file, cwd);
  if (line < 1) return shown;
  return column < 1 ? `${shown}:${line}` : `${shown}:${line}:${column}`;
}

const decoder = new TextDecoder();

/**
 * The source line and a marker under bytes [column, endColumn) of it (to the end of the line
 * when the range goes on to later lines), with a gutter of line numbers:
 *
 *     12 |     go func() {
 *        |     ^^^^^^^^^
 */
function codeFrame(
  sources: SourceLines,
  at: { file: string; line: number; column: number; endLine?: number; endColumn?: number },
  marker: Style,
  dim: Style,
): string[] {
  const bytes = sources.line(at.file, at.line);
  if (bytes === undefined) return [];
  const column = Math.max(1, at.column);
  const endByte =
    at.endLine === undefined || at.endColumn === undefined
      ? column
      : at.endLine > at.line
        ? bytes.length + 1
        : Math.max(column, at.endColumn);
  const before = decoder.decode(bytes.subarray(0, column - 1));
  const under = decoder.decode(bytes.subarray(column - 1, endByte - 1));
  // Tabs stay tabs under tabs so that the marker lines up however wide the terminal draws them.
  const pad = Array.from(before, (c) => (c === "\t" ? "\t" : " ")).join("");
  const width = Math.max(1, Array.from(under).length);
  const gutter = String(at.line);
  const blank = " ".repeat(gutter.length);
  return [
    `${dim(` ${gutter} |`)} ${decoder.decode(bytes)}`,
    `${dim(` ${blank} |`)} ${pad}${marker("^".repeat(width))}`,
  ];
}

/**
 * A message on the one line a finding has in the text format: any further lines are indented by a
 * tab, as the go command indents the continuation of an error.
 */
function oneEntry(message: string): string {
  return message.replace(/\r?\n/g, "\n\t");
}

function findingLines(
  f: Finding,
  options: OutputOptions,
  terminal: boolean,
  st: Styles,
  sources: SourceLines,
) {
  const where = position(f.file, f.line, f.column, options.cwd);
  const message = oneEntry(f.message);
  if (!terminal) return [`${where}: ${message} (${f.rule})`];
  const lines = [
    `${st.bold(`${where}:`)} ${st.severity[f.severity](f.severity)}: ${message} ${st.dim(`(${f.rule})`)}`,
    ...codeFrame(sources, f, st.marker[f.severity], st.dim),
  ];
  for (const r of f.related) {
    lines.push(
      `  ${st.dim("note:")} ${position(r.file, r.line, r.column, options.cwd)}: ${oneEntry(r.message)}`,
    );
  }
  return lines;
}

function errorLines(
  e: RunError,
  options: OutputOptions,
  terminal: boolean,
  st: Styles,
  sources: SourceLines,
) {
  const where = position(e.file, e.line, e.column, options.cwd);
  const message = oneEntry(e.message);
  if (!terminal) return [where === "" ? message : `${where}: ${message}`];
  // A directive naming an unknown rule is a mistake in the code, not one that stopped analysis.
  const severity: Severity = e.kind === "directive" ? "warning" : "error";
  const label = `${st.severity[severity](`${e.kind} ${severity}`)}: ${message}`;
  return [
    where === "" ? label : `${st.bold(`${where}:`)} ${label}`,
    ...codeFrame(sources, e, st.marker[severity], st.dim),
  ];
}

function summary(report: Report): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) counts[f.severity]++;
  const parts = [
    counts.error > 0 ? plural(counts.error, "error") : "",
    counts.warning > 0 ? plural(counts.warning, "warning") : "",
    counts.info > 0 ? plural(counts.info, "info", "info") : "",
  ].filter((p) => p !== "");
  const found =
    report.findings.length === 0
      ? "no findings"
      : `${plural(report.findings.length, "finding")} (${parts.join(", ")})`;
  const errors = report.errors.length === 0 ? "" : `, ${plural(report.errors.length, "run error")}`;
  const line = `${found} in ${plural(report.stats.files, "file")}${errors}`;
  return line.charAt(0).toUpperCase() + line.slice(1);
}

/** Renders a report as text; empty when a plain run found nothing, as go vet prints nothing. */
export function formatText(report: Report, options: OutputOptions): string {
  const color = options.color ?? false;
  const terminal = options.terminal ?? color;
  const st = styles(color);
  const sources = new SourceLines(options.readFile);
  const lines: string[] = [];
  // Run errors first: they say which parts of the input the findings do not cover.
  // On a terminal a blank line ends each entry, so that code frames do not run together.
  const end = terminal ? [""] : [];
  for (const e of [...report.errors].sort(compareRunErrors)) {
    lines.push(...errorLines(e, options, terminal, st, sources), ...end);
  }
  for (const f of [...report.findings].sort(compareFindings)) {
    lines.push(...findingLines(f, options, terminal, st, sources), ...end);
  }
  if (terminal) lines.push(st.bold(summary(report)));
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
