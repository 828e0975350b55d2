// --new-from-rev REV: keep only the findings on lines added or changed since a git revision,
// working tree included, so that a team can adopt the analyzer without first fixing every old
// finding. The changed lines come from `git diff --unified=0 REV` (the hunks' new-side ranges);
// untracked files (not ignored) are new as a whole. A finding counts as new when its start line
// is such a line, as in golangci-lint's new-from-rev.

import { spawnSync } from "node:child_process";
import { realpathSync } from "node:fs";
import path from "node:path";
import type { Finding, RunError } from "./finding.js";

export interface NewLines {
  /** Whether the finding starts on a line added or changed since the revision. */
  isNew(finding: Finding): boolean;
  /** Why the changed lines could not be computed (then nothing is new). */
  errors: RunError[];
}

/** Added or changed lines per file: inclusive [first, last] ranges in file order. */
export type ChangedRanges = Map<string, [number, number][]>;

interface GitResult {
  ok: boolean;
  stdout: Buffer;
  stderr: string;
}

function git(args: readonly string[], cwd: string): GitResult {
  const r = spawnSync("git", args, { cwd, maxBuffer: 1 << 30, windowsHide: true });
  if (r.error !== undefined) {
    const code = "code" in r.error ? r.error.code : "";
    return {
      ok: false,
      stdout: Buffer.alloc(0),
      stderr: code === "ENOENT" ? "git is not installed (not found on PATH)" : r.error.message,
    };
  }
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr.toString("utf8").trim() };
}

/** The lines changed since `rev` in the repository that contains `cwd`. */
export function newFromRev(cwd: string, rev: string): NewLines {
  const fail = (message: string): NewLines => ({
    isNew: () => false,
    errors: [{ kind: "config", file: "", line: 0, column: 0, message: `--new-from-rev: ${message}` }],
  });
  if (rev === "" || rev.startsWith("-")) return fail(`invalid revision ${JSON.stringify(rev)}`);
  const top = git(["rev-parse", "--show-toplevel"], cwd);
  if (!top.ok) {
    return fail(
      top.stderr.startsWith("git is not installed") ? top.stderr : `${cwd} is not inside a git repository`,
    );
  }
  const root = top.stdout.toString("utf8").trim();
  const commit = git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`], root);
  if (!commit.ok)
    return fail(`unknown revision ${JSON.stringify(rev)} (not a commit of the repository at ${root})`);
  const sha = commit.stdout.toString("utf8").trim();

  // Fixed options, so that the user's git configuration (prefixes, colour, external diff
  // drivers, quoting of non-ASCII names) cannot change the text parsed here.
  const diff = git(
    [
      "-c",
      "core.quotePath=false",
      "diff",
      "--unified=0",
      "--no-color",
      "--no-ext-diff",
      "--no-textconv",
      "--src-prefix=a/",
      "--dst-prefix=b/",
      "--find-renames",
      sha,
      "--",
    ],
    root,
  );
  if (!diff.ok) return fail(`git diff failed: ${diff.stderr}`);
  const untracked = git(["ls-files", "--others", "--exclude-standard", "-z"], root);
  if (!untracked.ok) return fail(`git ls-files failed: ${untracked.stderr}`);

  const changed = new Map<string, [number, number][]>();
  for (const [rel, ranges] of parseUnifiedDiff(diff.stdout.toString("utf8"))) {
    changed.set(path.join(root, rel), ranges);
  }
  const whole = new Set<string>();
  for (const rel of untracked.stdout.toString("utf8").split("\0"))
    if (rel !== "") whole.add(path.join(root, rel));

  // Git reports the repository with symbolic links resolved; findings carry the paths the
  // loader saw, which may go through a link.
  const real = new Map<string, string>();
  const canonical = (file: string): string => {
    let r = real.get(file);
    if (r === undefined) {
      try {
        r = realpathSync(file);
      } catch {
        r = file;
      }
      real.set(file, r);
    }
    return r;
  };
  const isNewAt = (file: string, line: number): boolean | null => {
    if (whole.has(file)) return true;
    const ranges = changed.get(file);
    if (ranges === undefined) return null;
    return ranges.some(([first, last]) => line >= first && line <= last);
  };
  return {
    errors: [],
    isNew(finding: Finding): boolean {
      const file = path.resolve(finding.file);
      return isNewAt(file, finding.line) ?? isNewAt(canonical(file), finding.line) ?? false;
    },
  };
}

/**
 * The new-side line ranges of each file in a unified diff (paths as in its `+++ b/...` lines,
 * relative to the repository). Hunk bodies are skipped by their line counts, so that a removed
 * line reading `-- x` is not taken for a file header.
 */
export function parseUnifiedDiff(text: string): ChangedRanges {
  const out: ChangedRanges = new Map();
  let current: [number, number][] | null = null;
  let oldLeft = 0;
  let newLeft = 0;
  for (const line of text.split("\n")) {
    if (oldLeft > 0 || newLeft > 0) {
      const c = line[0];
      if (c === "-") oldLeft--;
      else if (c === "+") newLeft--;
      else if (c === " ") {
        oldLeft--;
        newLeft--;
      }
      // "\ No newline at end of file" belongs to the hunk and counts for neither side.
      continue;
    }
    if (line.startsWith("diff --git ")) {
      current = null;
    } else if (line.startsWith("+++ ")) {
      const name = unquote(line.slice(4));
      if (name.startsWith("b/")) {
        const rel = name.slice(2);
        current = out.get(rel) ?? [];
        out.set(rel, current);
      } else {
        // "/dev/null": the file was deleted.
        current = null;
      }
    } else if (line.startsWith("@@ ")) {
      const m = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (m === null) continue;
      oldLeft = m[1] === undefined ? 1 : Number(m[1]);
      const start = Number(m[2]);
      const count = m[3] === undefined ? 1 : Number(m[3]);
      newLeft = count;
      if (count > 0 && current !== null) current.push([start, start + count - 1]);
    }
  }
  return out;
}

const escapes: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };

/** A path as git prints it: bare, or C-quoted with octal escapes for the bytes of UTF-8. */
export function unquote(s: string): string {
  if (!s.startsWith('"') || !s.endsWith('"') || s.length < 2) return s;
  const bytes: number[] = [];
  const body = s.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = String.fromCodePoint(body.codePointAt(i)!);
    if (c !== "\\") {
      for (const b of Buffer.from(c, "utf8")) bytes.push(b);
      i += c.length - 1;
      continue;
    }
    const next = body[i + 1] ?? "";
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
