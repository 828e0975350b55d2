// Suppression directives, in the two forms Go developers already write:
//
//   golangci-lint  //nolint                      every rule
//                  //nolint:rule-a,rule-b // why the named rules
//     At the end of a line, it covers that line. On a line of its own (possibly the last line
//     of a doc comment), it covers the whole node that starts on the next line: a declaration,
//     a statement, a case clause, a struct field... (golangci-lint's range expansion). A
//     trailing //nolint on `func f() {` covers only that line, not the body, as in
//     golangci-lint.
//   staticcheck    //lint:ignore rule-a,rule-b reason       the next line (the node there)
//                  //lint:file-ignore rule-a reason         the whole file
//     The reason is required, as staticcheck requires it; a directive without one is reported
//     and not applied.
//
// `all` names every rule. Directives are read from the parsed comments, so text that looks like
// one inside a string literal is not one.
//
// Names that cannot be gopitfall rule ids (kebab-case with a hyphen) belong to the other linters
// that share these directives (`//nolint:errcheck`, `//lint:ignore SA1019 ...`): they are left
// alone. A hyphenated name that is no rule of ours is a misspelling, and is reported.

import type * as ast from "../syntax/ast.js";
import type { SourceFile } from "../syntax/source.js";
import { inspect } from "../syntax/walk.js";
import type { Finding, RunError } from "./finding.js";
import type { RuleDefinition } from "./rule.js";
import { suggestion } from "./suggest.js";

export interface Suppressions {
  /** Whether a finding of this file is covered by a directive. */
  isSuppressed(finding: Finding): boolean;
  /** Directives naming unknown rules, or malformed ones. */
  errors: RunError[];
}

interface Directive {
  /** null: every rule. */
  rules: ReadonlySet<string> | null;
  /** The 1-based lines covered, inclusive. */
  from: number;
  to: number;
}

interface Pending {
  rules: ReadonlySet<string> | null;
  comment: ast.Comment;
  /** The comment is the first thing on its line. */
  ownLine: boolean;
  /** Where the node the directive covers would start (the line after the comment block). */
  nextLine: number;
}

const ruleIdShape = /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/;

export function collectSuppressions(
  file: ast.File,
  source: SourceFile,
  knownRules: readonly RuleDefinition[],
): Suppressions {
  const known = new Set(knownRules.map((r) => r.name));
  const errors: RunError[] = [];
  const pending: Pending[] = [];
  const fileWide: (ReadonlySet<string> | null)[] = [];

  const report = (c: ast.Comment, message: string): void => {
    const p = source.position(c.pos);
    errors.push({ kind: "directive", file: source.name, line: p.line, column: p.column, message });
  };
  /** The rule names of a directive, reporting unknown ones; null for `all`. */
  const ruleSet = (c: ast.Comment, form: string, names: readonly string[]): ReadonlySet<string> | null => {
    const out = new Set<string>();
    for (const name of names) {
      if (name === "all") return null;
      if (known.has(name)) out.add(name);
      else if (ruleIdShape.test(name)) {
        report(c, `${form} names unknown rule ${JSON.stringify(name)}${suggestion(name, known)}`);
      }
    }
    return out;
  };

  for (const group of file.comments) {
    for (let i = 0; i < group.list.length; i++) {
      const c = group.list[i]!;
      if (!c.text.startsWith("//")) continue;
      const parsed = parseDirective(c.text);
      if (parsed === null) continue;
      if ("error" in parsed) {
        report(c, parsed.error);
        continue;
      }
      const rules = ruleSet(c, parsed.form, parsed.names);
      if (rules !== null && rules.size === 0) continue;
      if (parsed.scope === "file") {
        fileWide.push(rules);
        continue;
      }
      const start = source.position(c.pos);
      const ownLine = isFirstOnLine(source, c.pos, start.column);
      // On a line of its own, the directive may be followed by more comment lines (the rest of
      // a doc comment); the node it covers starts after them.
      let last = start.line;
      for (let j = i + 1; j < group.list.length; j++) {
        const next = group.list[j]!;
        const p = source.position(next.pos);
        if (p.line !== last + 1 || !isFirstOnLine(source, next.pos, p.column)) break;
        last = source.position(next.end).line;
      }
      pending.push({ rules, comment: c, ownLine, nextLine: last + 1 });
    }
  }

  const directives: Directive[] = [];
  const own = pending.filter((d) => d.ownLine);
  const nodeEnds =
    own.length > 0
      ? endLinesOfNodesStartingLines(
          file,
          source,
          own.map((d) => d.nextLine),
        )
      : null;
  for (const d of pending) {
    const line = source.position(d.comment.pos).line;
    if (!d.ownLine) {
      directives.push({ rules: d.rules, from: line, to: line });
      continue;
    }
    const end = nodeEnds?.get(d.nextLine) ?? d.nextLine;
    if (end === wholeFile) fileWide.push(d.rules);
    else directives.push({ rules: d.rules, from: line, to: Math.max(end, d.nextLine) });
  }

  return {
    errors,
    isSuppressed(finding: Finding): boolean {
      for (const rules of fileWide) if (rules === null || rules.has(finding.rule)) return true;
      for (const d of directives) {
        if (
          finding.line >= d.from &&
          finding.line <= d.to &&
          (d.rules === null || d.rules.has(finding.rule))
        ) {
          return true;
        }
      }
      return false;
    },
  };
}

type Parsed = { form: string; scope: "line" | "file"; names: string[] } | { error: string } | null;

/** Reads one `//` comment as a directive: null when it is none. */
export function parseDirective(text: string): Parsed {
  if (text.startsWith("//lint:")) {
    // staticcheck splits on single spaces: `//lint:ignore Check1,Check2 reason words`.
    const fields = text.slice("//lint:".length).split(" ");
    const command = fields[0];
    if (command !== "ignore" && command !== "file-ignore") return null;
    const form = `//lint:${command}`;
    const checks = fields[1] ?? "";
    const reason = fields.slice(2).join(" ").trim();
    if (checks === "") return { error: `${form} needs rule names and a reason: ${form} rule-id reason` };
    if (reason === "")
      return { error: `${form} needs a reason after the rule names (staticcheck requires one)` };
    const names = checks.split(",").map((s) => s.trim());
    return { form, scope: command === "ignore" ? "line" : "file", names: names.filter((s) => s !== "") };
  }
  // golangci-lint trims every leading slash and space, so `// nolint` counts too.
  const body = text.replace(/^[/ ]+/, "");
  const m = /^nolint(?=[ :]|$)/.exec(body);
  if (m === null) return null;
  // Anything after a further `//` is the explanation.
  const cut = body.indexOf("//", m[0].length);
  const head = cut < 0 ? body : body.slice(0, cut);
  if (!head.startsWith("nolint:")) return { form: "//nolint", scope: "line", names: ["all"] };
  const list = /^\s*[\w-]+(\s*,\s*[\w-]+)*/.exec(head.slice("nolint:".length));
  if (list === null) return { error: "//nolint: must be followed by rule names: //nolint:rule-a,rule-b" };
  const names = list[0].split(",").map((s) => s.trim().toLowerCase());
  return { form: "//nolint", scope: "line", names };
}

/** Whether only blanks precede `offset` on its line. */
function isFirstOnLine(source: SourceFile, offset: number, column: number): boolean {
  const bytes = source.bytes;
  for (let i = offset - column + 1; i < offset; i++) {
    const b = bytes[i];
    if (b !== 32 && b !== 9) return false;
  }
  return true;
}

/** The end line of the File node: a directive covering it covers every line. */
const wholeFile = Number.POSITIVE_INFINITY;

/**
 * For each wanted line, the last line of the outermost node whose first token is the first
 * thing on that line (none: the line is absent from the result).
 */
function endLinesOfNodesStartingLines(
  file: ast.File,
  source: SourceFile,
  lines: readonly number[],
): Map<number, number> {
  const starts = source.lines();
  const byOffset = new Map<number, number>();
  for (const line of lines) {
    let off = starts[line - 1];
    if (off === undefined) continue;
    while (source.bytes[off] === 32 || source.bytes[off] === 9) off++;
    byOffset.set(off, line);
  }
  const out = new Map<number, number>();
  inspect(file, (node) => {
    if (node.kind === "Comment" || node.kind === "CommentGroup") return true;
    // The file starts at its package clause (go/ast's File.Pos), so a directive above the
    // clause covers the whole file, as in golangci-lint.
    const pos = node.kind === "File" ? node.package : node.pos;
    if (pos < 0) return true;
    const line = byOffset.get(pos);
    // Preorder: an ancestor starting at the same place is seen before its descendants.
    if (line !== undefined && !out.has(line)) {
      out.set(
        line,
        node.kind === "File" ? wholeFile : source.position(Math.max(node.pos, node.end - 1)).line,
      );
    }
    return true;
  });
  return out;
}
