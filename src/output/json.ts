// The json format: one document for scripts. Keys are written in a fixed order and findings in
// compareFindings order, so that two runs over the same code give the same bytes. Columns are
// byte columns, as in the text format and go vet.

import { compareFindings, type Report } from "../analysis/finding.js";
import { compareRunErrors, type OutputOptions, relativePath } from "./common.js";

export function formatJson(report: Report, options: OutputOptions): string {
  const rel = (file: string) => relativePath(file, options.cwd);
  const findings = [...report.findings].sort(compareFindings).map((f) => ({
    file: rel(f.file),
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    rule: f.rule,
    category: f.category,
    severity: f.severity,
    message: f.message,
    related: f.related.map((r) => ({
      file: rel(r.file),
      line: r.line,
      column: r.column,
      endLine: r.endLine,
      endColumn: r.endColumn,
      message: r.message,
    })),
  }));
  const errors = [...report.errors].sort(compareRunErrors).map((e) => ({
    kind: e.kind,
    file: rel(e.file),
    line: e.line,
    column: e.column,
    message: e.message,
  }));
  const s = report.stats;
  const stats = {
    packages: s.packages,
    files: s.files,
    bytes: s.bytes,
    loadMs: s.loadMs,
    parseMs: s.parseMs,
    checkMs: s.checkMs,
    rulesMs: s.rulesMs,
    outputMs: s.outputMs,
    peakRssMb: s.peakRssMb,
  };
  return `${JSON.stringify({ version: options.version, findings, errors, stats }, null, 2)}\n`;
}
