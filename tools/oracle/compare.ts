// The differential comparison of our parser with go/parser, shared by `npm run oracle:parse`
// and the test suite. The oracle program reports, per file, whether go/parser accepts it, the
// preorder list of its nodes as (kind, pos, end), and File.Comments in the same form; we produce
// the same lists with our parser and `inspect`, and compare. A difference in either list counts
// as an AST mismatch.

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Node } from "../../src/syntax/ast.js";
import { type ParseResult, parseFile } from "../../src/syntax/parser.js";
import { inspect } from "../../src/syntax/walk.js";
import { oracleBinary, repositoryRoot } from "./oracle.js";

/** The counts printed as the last line of `oracle:parse`, in this key order. */
export interface ParseSummary {
  files: number;
  bothAccept: number;
  bothReject: number;
  onlyOursAccepts: number;
  onlyGoAccepts: number;
  astMismatch: number;
}

export type MismatchCategory = "onlyOursAccepts" | "onlyGoAccepts" | "astMismatch";

export interface Mismatch {
  file: string;
  category: MismatchCategory;
  /** A short grouping key ("ours BinaryExpr vs go CallExpr", go's first error...). */
  signature: string;
  /** Human-readable explanation, several lines. */
  detail: string;
}

/**
 * A known, accepted difference from go/parser. `file` is matched as a path suffix (use the
 * path below the compared root, e.g. `go/parser/testdata/x.go`), `expect` is the outcome the
 * difference produces, and `reason` says why we differ on purpose.
 */
export interface ParseDifference {
  file: string;
  expect: MismatchCategory;
  reason: string;
}

export interface CompareResult {
  summary: ParseSummary;
  /** Files whose outcome matched an entry of parse-differences.json. */
  deliberate: number;
  /** Entries of parse-differences.json that matched no file of this run. */
  unusedDifferences: ParseDifference[];
}

/** The deliberate differences, from tools/oracle/parse-differences.json. */
export function loadParseDifferences(): ParseDifference[] {
  const path = join(repositoryRoot(), "tools", "oracle", "parse-differences.json");
  const data: unknown = JSON.parse(readFileSync(path, "utf8"));
  const list = (data as { differences?: unknown }).differences;
  if (!Array.isArray(list)) throw new Error(`${path}: expected {"differences": [...]}`);
  const categories: readonly string[] = ["onlyOursAccepts", "onlyGoAccepts", "astMismatch"];
  return list.map((entry: unknown, i): ParseDifference => {
    const e = entry as Partial<Record<keyof ParseDifference, unknown>>;
    if (
      typeof e.file !== "string" ||
      typeof e.expect !== "string" ||
      !categories.includes(e.expect) ||
      typeof e.reason !== "string" ||
      e.reason.trim() === ""
    ) {
      throw new Error(`${path}: entry ${i} needs "file", "expect" (${categories.join("/")}) and a "reason"`);
    }
    return { file: e.file, expect: e.expect as MismatchCategory, reason: e.reason };
  });
}

interface OracleParse {
  file: string;
  ok: boolean;
  errors: string[];
  nodes?: [string, number, number][];
  /** File.Comments, each CommentGroup followed by its Comments (ast.Inspect skips them). */
  comments?: [string, number, number][];
}

/**
 * Runs the oracle's `parse` over `files` (one process, streamed) and compares each file with our
 * parser. `onMismatch` is called for every difference not covered by `differences`.
 */
export async function compareParse(
  files: readonly string[],
  options: { differences?: readonly ParseDifference[]; onMismatch?: (m: Mismatch) => void } = {},
): Promise<CompareResult> {
  const differences = options.differences ?? [];
  const used = new Set<ParseDifference>();
  const summary: ParseSummary = {
    files: 0,
    bothAccept: 0,
    bothReject: 0,
    onlyOursAccepts: 0,
    onlyGoAccepts: 0,
    astMismatch: 0,
  };
  let deliberate = 0;

  const child = spawn(oracleBinary(), ["parse"], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr += chunk;
  });
  // Settled, never rejected: a spawn failure must not become an unhandled rejection while the
  // loop below is still reading.
  const exited = new Promise<string | null>((resolve) => {
    child.on("error", (e) => resolve(e.message));
    child.on("close", (code) => resolve(code === 0 ? null : `exited with status ${code}`));
  });
  child.stdin.on("error", () => {
    // The oracle died before reading every path; its exit status and stderr say why.
  });
  child.stdin.end(files.map((f) => `${f}\n`).join(""));

  const lines = createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    const go = JSON.parse(line) as OracleParse;
    summary.files++;
    const mismatch = compareFile(go);
    if (mismatch === null) {
      if (go.ok) summary.bothAccept++;
      else summary.bothReject++;
      continue;
    }
    const known = differences.find((d) => d.expect === mismatch.category && matchesFile(go.file, d.file));
    if (known !== undefined) {
      used.add(known);
      deliberate++;
      continue;
    }
    summary[mismatch.category]++;
    options.onMismatch?.(mismatch);
  }
  const failure = await exited;
  if (failure !== null) throw new Error(`oracle parse: ${failure}\n${stderr}`);
  if (summary.files !== files.length) {
    throw new Error(`oracle parse answered for ${summary.files} of ${files.length} files`);
  }
  return { summary, deliberate, unusedDifferences: differences.filter((d) => !used.has(d)) };
}

function matchesFile(path: string, suffix: string): boolean {
  const p = path.replaceAll("\\", "/");
  return p === suffix || p.endsWith(`/${suffix}`);
}

/** Compares one file with the oracle's view of it; null when they agree. */
function compareFile(go: OracleParse): Mismatch | null {
  const src = readFileSync(go.file);
  let ours: ParseResult;
  try {
    ours = parseFile(go.file, src);
  } catch (e) {
    // The parser must never throw. A throw is a rejection: on a file go rejects as well it
    // counts as both rejecting (hunting crashes is the fuzzer's job); on a file go accepts it
    // is reported with its stack.
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    if (!go.ok) return null;
    return {
      file: go.file,
      category: "onlyGoAccepts",
      signature: "our parser threw",
      detail: `our parser threw: ${message}`,
    };
  }
  const oursOk = ours.errors.length === 0;
  if (oursOk !== go.ok) {
    if (go.ok) {
      const first = ours.errors[0]!;
      return {
        file: go.file,
        category: "onlyGoAccepts",
        signature: `ours: ${normalizeMessage(first.message)}`,
        detail: ours.errors
          .slice(0, 3)
          .map((e) => `ours: ${e.line}:${e.column}: ${e.message}`)
          .join("\n"),
      };
    }
    return {
      file: go.file,
      category: "onlyOursAccepts",
      signature: `go: ${normalizeMessage(go.errors[0]?.replace(/^\d+:\d+: /, "") ?? "")}`,
      detail: go.errors
        .slice(0, 3)
        .map((e) => `go: ${e}`)
        .join("\n"),
    };
  }
  if (!go.ok) return null;
  const tree: Node[] = [];
  inspect(ours.file, (n) => {
    tree.push(n);
    return true;
  });
  const comments: Node[] = [];
  for (const g of ours.file.comments) {
    comments.push(g);
    for (const c of g.list) comments.push(c);
  }
  return (
    compareNodes(go.file, "nodes", go.nodes ?? [], tree, ours) ??
    compareNodes(go.file, "File.Comments", go.comments ?? [], comments, ours)
  );
}

/** Identifiers and literals vary between files; the message's shape is what groups them. */
function normalizeMessage(message: string): string {
  return message
    .replace(/'[^']*'/g, "'…'")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+/g, "N");
}

/** Compares two preorder node lists; `what` names the list in the report. */
function compareNodes(
  file: string,
  what: string,
  goNodes: readonly [string, number, number][],
  mine: readonly Node[],
  ours: ParseResult,
): Mismatch | null {
  const n = Math.min(mine.length, goNodes.length);
  let i = 0;
  for (; i < n; i++) {
    const a = mine[i]!;
    const b = goNodes[i]!;
    if (a.kind !== b[0] || a.pos !== b[1] || a.end !== b[2]) break;
  }
  if (i === n && mine.length === goNodes.length) return null;

  const where = (pos: number): string => {
    if (pos < 0) return "NoPos";
    const p = ours.source.position(pos);
    return `${p.line}:${p.column}`;
  };
  const show = (node: readonly [string, number, number] | undefined): string =>
    node === undefined ? "(none)" : `${node[0]} ${where(node[1])}-${where(node[2])} [${node[1]},${node[2]})`;
  const oursAt = (j: number): [string, number, number] | undefined => {
    const m = mine[j];
    return m === undefined ? undefined : [m.kind, m.pos, m.end];
  };
  const a = oursAt(i);
  const b = goNodes[i];
  const lines = [`${what}: first difference at #${i} (ours has ${mine.length}, go ${goNodes.length})`];
  for (let j = Math.max(0, i - 2); j < i; j++) lines.push(`  same: ${show(goNodes[j])}`);
  lines.push(`  ours: ${show(a)}`, `  go:   ${show(b)}`);
  const at = b?.[1] ?? a?.[1] ?? -1;
  if (at >= 0) {
    const line = ours.source.position(at).line;
    const starts = ours.source.lines();
    const text = ours.source.decode(starts[line - 1]!, (starts[line] ?? ours.source.bytes.length + 1) - 1);
    lines.push(`  source line ${line}: ${text.trim()}`);
  }
  const signature =
    a !== undefined && b !== undefined && a[0] === b[0]
      ? `${what}: ${a[0]} ${a[1] !== b[1] ? "pos" : "end"} differs`
      : `${what}: ours ${a?.[0] ?? "(none)"} vs go ${b?.[0] ?? "(none)"}`;
  return { file, category: "astMismatch", signature, detail: lines.join("\n") };
}
