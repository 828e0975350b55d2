// The github format: GitHub Actions workflow commands, which the runner turns into annotations
// on the pull request's diff:
//
//   ::warning file=pkg/a.go,line=3,endLine=3,col=2,endColumn=9,title=defer-in-loop::message
//
// Paths are relative to the repository root, which GitHub resolves against the checkout.
// Columns are UTF-16 columns, as in SARIF, since GitHub's web view draws them; GitHub accepts
// columns only when the annotation starts and ends on the same line, so multi-line findings
// leave them out.

import { compareFindings, type Report } from "../analysis/finding.js";
import type { Severity } from "../analysis/rule.js";
import { compareRunErrors, type OutputOptions, relativePath, SourceLines } from "./common.js";

const commands: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

/** Escapes a command's message, as the Actions toolkit does (`escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a command property, which also ends at `,` and `::` (`escapeProperty`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function command(name: string, properties: [string, string | number][], message: string): string {
  const props = properties.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(",");
  return `::${name}${props === "" ? "" : ` ${props}`}::${escapeData(message)}`;
}

export function formatGithub(report: Report, options: OutputOptions): string {
  const root = options.repoRoot ?? options.cwd;
  const sources = new SourceLines(options.readFile);
  const lines: string[] = [];
  for (const e of [...report.errors].sort(compareRunErrors)) {
    const props: [string, string | number][] = [];
    if (e.file !== "") {
      props.push(["file", relativePath(e.file, root)]);
      if (e.line >= 1) {
        props.push(["line", e.line]);
        if (e.column >= 1) props.push(["col", sources.utf16Column(e.file, e.line, e.column)]);
      }
    }
    props.push(["title", `gopitfall: ${e.kind} error`]);
    // A directive naming an unknown rule is a mistake in the code, not one that stopped analysis.
    lines.push(command(e.kind === "directive" ? "warning" : "error", props, e.message));
  }
  for (const f of [...report.findings].sort(compareFindings)) {
    const props: [string, string | number][] = [
      ["file", relativePath(f.file, root)],
      ["line", f.line],
      ["endLine", f.endLine],
    ];
    if (f.endLine === f.line) {
      // The runner drops an annotation whose endColumn is less than its col.
      const col = sources.utf16Column(f.file, f.line, f.column);
      props.push(
        ["col", col],
        ["endColumn", Math.max(col, sources.utf16Column(f.file, f.endLine, f.endColumn))],
      );
    }
    props.push(["title", f.rule]);
    lines.push(command(commands[f.severity], props, f.message));
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
