import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Finding } from "../src/analysis/finding.js";
import { newFromRev, parseUnifiedDiff, unquote } from "../src/analysis/newfromrev.js";

let root = "";
let repo = "";

// A repository of its own: no global or system configuration, a fixed identity, and no
// repository above it to fall back on.
const gitEnv: Record<string, string | undefined> = {
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@example.com",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@example.com",
};
const saved: Record<string, string | undefined> = {};

function git(...args: string[]): string {
  return execFileSync("git", args, { cwd: repo, env: { ...process.env, ...gitEnv }, encoding: "utf8" });
}

function lines(n: number, prefix: string): string {
  let out = "";
  for (let i = 1; i <= n; i++) out += `${prefix}${i}\n`;
  return out;
}

function finding(file: string, line: number): Finding {
  return {
    file: path.join(repo, file),
    line,
    column: 1,
    endLine: line,
    endColumn: 2,
    rule: "r",
    category: "correctness",
    severity: "warning",
    message: "m",
    related: [],
  };
}

before(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), "gopitfall-newfromrev-")));
  repo = path.join(root, "repo");
  mkdirSync(path.join(repo, "sub"), { recursive: true });
  for (const [k, v] of Object.entries({ ...gitEnv, GIT_CEILING_DIRECTORIES: root })) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  git("init", "-q");
  writeFileSync(path.join(repo, "a.go"), lines(10, "a"));
  writeFileSync(path.join(repo, "b.go"), lines(5, "b"));
  writeFileSync(path.join(repo, "old.go"), lines(4, "old"));
  writeFileSync(path.join(repo, "sub", "s.go"), lines(3, "s"));
  writeFileSync(path.join(repo, ".gitignore"), "ignored/\n");
  git("add", ".");
  git("commit", "-q", "-m", "first");

  // a.go: line 3 changed, lines 5-6 deleted, two lines added at the end (now 9 and 10).
  const a = lines(10, "a").split("\n");
  a[2] = "changed";
  a.splice(4, 2);
  a.splice(8, 0, "added1", "added2");
  writeFileSync(path.join(repo, "a.go"), a.join("\n"));
  // old.go renamed without a change: nothing in it is new.
  git("mv", "old.go", "renamed.go");
  // A tracked new file and untracked files, one of them ignored.
  writeFileSync(path.join(repo, "staged.go"), lines(2, "st"));
  git("add", "staged.go");
  writeFileSync(path.join(repo, "sub", "untracked.go"), lines(3, "u"));
  mkdirSync(path.join(repo, "ignored"));
  writeFileSync(path.join(repo, "ignored", "x.go"), lines(3, "x"));
  // sub/s.go: a removed line reads "-- x" and added ones "++ top", "++ new"; in the diff they
  // look like file headers ("--- x", "+++ top").
  writeFileSync(path.join(repo, "sub", "s.go"), "s1\n-- x\ns3\n");
  git("commit", "-q", "-m", "second", "--", "sub/s.go");
  writeFileSync(path.join(repo, "sub", "s.go"), "++ top\ns1\ns3\n++ new\n");
});

after(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(root, { recursive: true, force: true });
});

test("findings on added and changed lines are kept, working tree and untracked files included", () => {
  const r = newFromRev(path.join(repo, "sub"), "HEAD~1");
  assert.deepEqual(r.errors, []);
  const kept = (file: string, n: number): number[] =>
    Array.from({ length: n }, (_, i) => i + 1).filter((line) => r.isNew(finding(file, line)));
  assert.deepEqual(kept("a.go", 10), [3, 9, 10]);
  assert.deepEqual(kept("b.go", 5), []);
  assert.deepEqual(kept("renamed.go", 4), []);
  assert.deepEqual(kept("staged.go", 2), [1, 2]);
  assert.deepEqual(kept("sub/untracked.go", 3), [1, 2, 3]);
  assert.deepEqual(kept("ignored/x.go", 3), []);
  // Against HEAD~1, s.go lost "s2" and gained lines 1 and 4.
  assert.deepEqual(kept("sub/s.go", 4), [1, 4]);
  assert.equal(r.isNew({ ...finding("a.go", 3), file: path.join(root, "elsewhere.go") }), false);
});

test("the revision is any commit-ish; HEAD sees only the working tree's changes", () => {
  const r = newFromRev(repo, "HEAD");
  assert.deepEqual(r.errors, []);
  // Against HEAD the committed "-- x" line is the removed one; lines 1 and 4 are added.
  assert.deepEqual(
    [1, 2, 3, 4].filter((line) => r.isNew(finding("sub/s.go", line))),
    [1, 4],
  );
  assert.match(git("diff", "--unified=0", "HEAD", "--", "sub/s.go"), /^\+\+\+ top$/m);
  assert.equal(r.isNew(finding("a.go", 3)), true);
});

test("a path through a symbolic link is still found", () => {
  const link = path.join(root, "link");
  symlinkSync(repo, link);
  try {
    const r = newFromRev(link, "HEAD");
    assert.deepEqual(r.errors, []);
    assert.equal(r.isNew({ ...finding("a.go", 3), file: path.join(link, "a.go") }), true);
    assert.equal(r.isNew({ ...finding("a.go", 1), file: path.join(link, "a.go") }), false);
  } finally {
    unlinkSync(link);
  }
});

test("errors: a bad revision, a directory outside any repository", () => {
  const bad = newFromRev(repo, "no-such-branch");
  assert.equal(bad.errors.length, 1);
  assert.equal(bad.errors[0]?.kind, "config");
  assert.match(bad.errors[0]!.message, /^--new-from-rev: unknown revision "no-such-branch"/);
  assert.equal(bad.isNew(finding("a.go", 3)), false);

  assert.match(newFromRev(repo, "--output=x").errors[0]!.message, /invalid revision/);

  const outside = path.join(root, "plain");
  mkdirSync(outside, { recursive: true });
  const notRepo = newFromRev(outside, "HEAD");
  assert.equal(notRepo.errors.length, 1);
  assert.equal(notRepo.errors[0]?.message, `--new-from-rev: ${outside} is not inside a git repository`);
});

test("parseUnifiedDiff: counts, deletions, quoted names", () => {
  const diff = [
    "diff --git a/x.go b/x.go",
    "index 1..2 100644",
    "--- a/x.go",
    "+++ b/x.go",
    "@@ -3 +3 @@ func f() {",
    "--- not a header",
    "+++ not a header either",
    "@@ -10,2 +9,0 @@",
    "-gone",
    "-gone",
    "@@ -20,0 +19,3 @@",
    "+a",
    "+b",
    "+c",
    "\\ No newline at end of file",
    "diff --git a/d.go b/d.go",
    "deleted file mode 100644",
    "--- a/d.go",
    "+++ /dev/null",
    "@@ -1,2 +0,0 @@",
    "-x",
    "-y",
    'diff --git "a/caf\\303\\251 \\"q\\".go" "b/caf\\303\\251 \\"q\\".go"',
    '--- "a/caf\\303\\251 \\"q\\".go"',
    '+++ "b/caf\\303\\251 \\"q\\".go"',
    "@@ -1 +1,2 @@",
    "-old",
    "+new",
    "+newer",
    "",
  ].join("\n");
  assert.deepEqual(
    [...parseUnifiedDiff(diff)],
    [
      [
        "x.go",
        [
          [3, 3],
          [19, 21],
        ],
      ],
      ['café "q".go', [[1, 2]]],
    ],
  );
  assert.equal(unquote("plain.go"), "plain.go");
  assert.equal(unquote('"b/tab\\there.go"'), "b/tab\there.go");
  assert.equal(unquote('"b/😀\\n.go"'), "b/😀\n.go");
});
