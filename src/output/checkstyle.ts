// The checkstyle format: the XML that CI dashboards (Jenkins' warnings plugin, GitLab and
// SonarQube importers, reviewdog) read from linters of every language. One <file> per file in
// path order, one <error> per finding; `source` names the rule under a "gopitfall." prefix, as
// checkstyle names its checks by package. Paths are relative to the working directory, columns
// count bytes, as in the text format.

import { compareFindings, type Report } from "../analysis/finding.js";
import { compareRunErrors, type OutputOptions, relativePath } from "./common.js";

/**
 * Escapes text for a double-quoted XML 1.0 attribute: the markup characters, and the white space that an
 * attribute would otherwise normalize to a space. Characters XML 1.0 cannot carry at all (most
 * C0 controls, lone surrogates, U+FFFE and U+FFFF) become U+FFFD.
 */
export function escapeXml(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case "&":
        out += "&amp;";
        break;
      case "<":
        out += "&lt;";
        break;
      case ">":
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case "\t":
        out += "&#9;";
        break;
      case "\n":
        out += "&#10;";
        break;
      case "\r":
        out += "&#13;";
        break;
      default: {
        const invalid = c < 0x20 || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff;
        out += invalid ? "\ufffd" : ch;
      }
    }
  }
  return out;
}

interface Entry {
  line: number;
  column: number;
  severity: string;
  message: string;
  source: string;
}

export function formatCheckstyle(report: Report, options: OutputOptions): string {
  const files = new Map<string, Entry[]>();
  const add = (file: string, entry: Entry) => {
    const name = relativePath(file, options.cwd);
    let entries = files.get(name);
    if (entries === undefined) {
      entries = [];
      files.set(name, entries);
    }
    entries.push(entry);
  };
  // Run errors go under their file (or a file with an empty name when they concern none), so that
  // a dashboard shows which files were not analyzed.
  for (const e of [...report.errors].sort(compareRunErrors)) {
    add(e.file, {
      line: e.line,
      column: e.column,
      severity: e.kind === "directive" ? "warning" : "error",
      message: e.message,
      source: `gopitfall.${e.kind}-error`,
    });
  }
  for (const f of [...report.findings].sort(compareFindings)) {
    add(f.file, {
      line: f.line,
      column: f.column,
      severity: f.severity,
      message: f.message,
      source: `gopitfall.${f.rule}`,
    });
  }
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const name of [...files.keys()].sort()) {
    lines.push(`  <file name="${escapeXml(name)}">`);
    const entries = files.get(name)!.sort((a, b) => a.line - b.line || a.column - b.column);
    for (const e of entries) {
      const position = `${e.line >= 1 ? ` line="${e.line}"` : ""}${e.column >= 1 ? ` column="${e.column}"` : ""}`;
      lines.push(
        `    <error${position} severity="${e.severity}" message="${escapeXml(e.message)}" source="${escapeXml(e.source)}"/>`,
      );
    }
    lines.push("  </file>");
  }
  lines.push("</checkstyle>");
  return `${lines.join("\n")}\n`;
}
