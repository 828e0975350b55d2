// The findings cache and parallel analysis: findings never depend on the number of threads, on
// the cache, on what happened to its entries, or on another run using it at the same time; an
// edit re-analyzes what it can change and no more.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { analyze } from "../src/analysis/analyze.js";
import { Cache, cleanCache, defaultCacheDir } from "../src/analysis/cache.js";
import { declarationDigest } from "../src/analysis/cachekey.js";
import { CachedFileFacts } from "../src/analysis/filefacts.js";
import { parseArgs } from "../src/cli/args.js";
import type { FileFacts } from "../src/load/packages.js";
import { parseFile } from "../src/syntax/parser.js";
import { analyzeFixture, outcome, workerRequest, writeFixture } from "./cache-fixture.js";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "gopitfall-cachedir-"));
}

/** Every entry file of a cache directory. */
function entries(cacheDir: string): string[] {
  const root = join(cacheDir, "v1");
  const out: string[] = [];
  for (const shard of readdirSync(root)) {
    if (shard.length !== 2) continue;
    for (const name of readdirSync(join(root, shard))) out.push(join(root, shard, name));
  }
  return out.sort();
}

/** The baseline: this thread, no cache. */
function baseline(dir: string): string {
  return outcome(analyze(workerRequest(dir)));
}

test("cold, warm, --jobs 1 and --jobs 2 runs give identical findings", async () => {
  const dir = writeFixture();
  const expected = baseline(dir);
  const report = JSON.parse(expected) as { findings: { rule: string }[]; errors: { kind: string }[] };
  // the fixture exercises findings from several rules, suppressions, directive and syntax errors
  assert.ok(new Set(report.findings.map((f) => f.rule)).size >= 3, expected);
  assert.ok(report.errors.some((e) => e.kind === "syntax"));
  assert.ok(report.errors.some((e) => e.kind === "directive"));

  const cacheDir = tempDir();
  const cold = await analyzeFixture(dir, cacheDir, 2);
  assert.equal(outcome(cold), expected);
  assert.equal(cold.stats.cachedPackages, 0);
  const warm = await analyzeFixture(dir, cacheDir, 2);
  assert.equal(outcome(warm), expected);
  assert.equal(warm.stats.analyzedPackages, 0);
  assert.equal(warm.stats.files, cold.stats.files);
  assert.equal(outcome(await analyzeFixture(dir, null, 1)), expected);
  assert.equal(outcome(await analyzeFixture(dir, null, 2)), expected);
  assert.equal(outcome(await analyzeFixture(dir, null, 3)), expected);
  // a cold cache filled by one thread serves the same findings
  const other = tempDir();
  assert.equal(outcome(await analyzeFixture(dir, other, 1)), expected);
  assert.equal(outcome(await analyzeFixture(dir, other, 2)), expected);
});

test("an edit inside a function body re-analyzes only its package, not the importers", async () => {
  const dir = writeFixture();
  const cacheDir = tempDir();
  await analyzeFixture(dir, cacheDir, 2);
  const file = join(dir, "lib/lib.go");
  writeFileSync(file, readFileSync(file, "utf8").replace("c.n++", "c.n += 2 // twice"));
  const edited = await analyzeFixture(dir, cacheDir, 2);
  assert.equal(outcome(edited), baseline(dir));
  // lib (with its tests) is the only package analyzed again
  assert.equal(edited.stats.analyzedPackages, 1);
});

test("an edited declaration re-analyzes every package that reaches it", async () => {
  const dir = writeFixture();
  const cacheDir = tempDir();
  const before = await analyzeFixture(dir, cacheDir, 2);
  assert.ok(before.findings.some((f) => f.rule === "large-value-param" && f.file.endsWith("app.go")));
  const file = join(dir, "lib/lib.go");
  writeFileSync(file, readFileSync(file, "utf8").replace("[4096]byte", "[16]byte"));
  const after = await analyzeFixture(dir, cacheDir, 2);
  assert.equal(outcome(after), baseline(dir));
  assert.ok(!after.findings.some((f) => f.rule === "large-value-param" && f.file.endsWith("app.go")));
  // lib, app, deep/c and cmd/tool reach lib; deep/a and deep/b do not
  assert.equal(after.stats.analyzedPackages, 4);
});

test("corrupt, truncated, foreign and deleted entries never change the findings", async () => {
  const dir = writeFixture();
  const expected = baseline(dir);
  const cacheDir = tempDir();
  await analyzeFixture(dir, cacheDir, 1);
  const files = entries(cacheDir);
  assert.ok(files.length >= 10, `${files.length} entries`);
  const sabotage: ((file: string, i: number) => void)[] = [
    (f) => writeFileSync(f, "not json at all"),
    (f) => truncateSync(f, Math.floor(statSync(f).size / 2)),
    (f) => writeFileSync(f, ""),
    (f, i) => writeFileSync(f, readFileSync(files[(i + 1) % files.length]!)), // another key's entry
    (f) => {
      // a valid-looking entry whose payload does not match its checksum
      const e = JSON.parse(readFileSync(f, "utf8")) as { payload: string };
      e.payload = e.payload.replace(/"line":\d+/, '"line":999');
      writeFileSync(f, JSON.stringify(e));
    },
  ];
  for (let round = 0; round < sabotage.length; round++) {
    for (const [i, f] of entries(cacheDir).entries()) if (i % 2 === round % 2) sabotage[round]!(f, i);
    assert.equal(outcome(await analyzeFixture(dir, cacheDir, 2)), expected, `round ${round}`);
  }
  // the bad entries were rewritten: the next run comes from the cache alone
  const warm = await analyzeFixture(dir, cacheDir, 2);
  assert.equal(outcome(warm), expected);
  assert.equal(warm.stats.analyzedPackages, 0);
  // deleted entries, and a deleted cache
  for (const [i, f] of entries(cacheDir).entries()) if (i % 3 === 0) writeFileSync(f, "{");
  assert.equal(outcome(await analyzeFixture(dir, cacheDir, 2)), expected);
  cleanCache(cacheDir);
  assert.equal(existsSync(join(cacheDir, "v1")), false);
  assert.equal(outcome(await analyzeFixture(dir, cacheDir, 2)), expected);
});

test("two runs at once on one cache", async () => {
  const dir = writeFixture();
  const expected = baseline(dir);
  const cacheDir = tempDir();
  const helper = fileURLToPath(new URL("./cache-fixture.js", import.meta.url));
  const once = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [helper, dir, cacheDir, "2"], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
      });
      child.stderr.on("data", (d: Buffer) => {
        err += d.toString();
      });
      child.on("error", reject);
      child.on("close", (code) =>
        code === 0 ? resolve(out.trim()) : reject(new Error(`exit ${code}: ${err}`)),
      );
    });
  for (let round = 0; round < 2; round++) {
    const [a, b] = await Promise.all([once(), once()]);
    assert.equal(a, expected);
    assert.equal(b, expected);
  }
  const warm = await analyzeFixture(dir, cacheDir, 1);
  assert.equal(outcome(warm), expected);
  assert.equal(warm.stats.analyzedPackages, 0);
});

test("the cache evicts the least recently used entries beyond its bound", () => {
  const dir = tempDir();
  const cache = new Cache(dir, 10_000);
  const key = (i: number): string => i.toString(16).padStart(64, "0");
  for (let i = 0; i < 20; i++) cache.put("t", key(i), { i, pad: "x".repeat(900) });
  const size = entries(dir).reduce((s, f) => s + statSync(f).size, 0);
  assert.ok(size > 10_000);
  // entries 0..9 were used long ago, except 3
  const old = new Date(Date.now() - 3600_000);
  for (let i = 0; i < 10; i++) utimesSync(join(dir, "v1", key(i).slice(0, 2), `${key(i)}.json`), old, old);
  assert.deepEqual(cache.get("t", key(3)), { i: 3, pad: "x".repeat(900) });
  const trimmed = cache.trim(true);
  assert.equal(trimmed.entries, 20);
  assert.ok(trimmed.removed > 0);
  assert.ok(entries(dir).reduce((s, f) => s + statSync(f).size, 0) <= 8_000);
  assert.notEqual(cache.get("t", key(3)), null);
  assert.notEqual(cache.get("t", key(19)), null);
  assert.equal(cache.get("t", key(0)), null);
  // another kind under the same key is not this entry
  assert.equal(cache.get("u", key(19)), null);
  // a trim within the minute does nothing
  assert.equal(cache.trim().entries, 0);
});

test("cache clean removes only the cache's own directories", () => {
  const dir = tempDir();
  new Cache(dir).put("t", "ab".repeat(32), 1);
  mkdirSync(join(dir, "v0"));
  writeFileSync(join(dir, "notes.txt"), "mine");
  cleanCache(dir);
  assert.deepEqual(readdirSync(dir), ["notes.txt"]);
  cleanCache(join(dir, "missing"));
});

test("the default cache directory", () => {
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: "/x/cache" }, "linux", "/home/u"), "/x/cache/gopitfall");
  assert.equal(
    defaultCacheDir({ XDG_CACHE_HOME: "relative" }, "linux", "/home/u"),
    "/home/u/.cache/gopitfall",
  );
  assert.equal(defaultCacheDir({}, "darwin", "/Users/u"), "/Users/u/Library/Caches/gopitfall");
  assert.match(
    defaultCacheDir({ LOCALAPPDATA: "C:\\Users\\u\\AppData\\Local" }, "win32", "C:\\Users\\u"),
    /gopitfall$/,
  );
});

const digestBase = `package p

import "fmt"

// T is a type.
type T struct {
	A int
}

// F prints.
func F(t T) {
	fmt.Println(t.A)
}

func (t *T) M() int { return t.A }
`;

function digest(src: string, mode: "full" | "declarations" = "full"): string {
  return declarationDigest(parseFile("p.go", src, { mode }));
}

test("declaration digests: bodies, comments and spacing do not count; declarations do", () => {
  const d = digest(digestBase);
  assert.equal(digest(digestBase, "declarations"), d);
  for (const same of [
    digestBase.replace("fmt.Println(t.A)", "fmt.Println(t.A, 1)\n\tfmt.Println()"),
    digestBase.replace("// T is a type.", "// T is a type,\n// with a longer comment."),
    digestBase.replace("type T struct", "\n\ntype   T struct"),
    `${digestBase}\n// trailing comment\n`,
    digestBase.replace("return t.A", "/* x */ return t.A + 0"),
  ]) {
    assert.equal(digest(same), d, same);
  }
  for (const other of [
    digestBase.replace("A int", "A int64"),
    digestBase.replace("func F(t T)", "func F(t *T)"),
    digestBase.replace("// T is a type.", "//go:generate stringer"),
    `${digestBase}\nvar X = 1\n`,
    `${digestBase}\nfunc g()\n`,
    digestBase.replace("fmt.Println(t.A)", "fmt.Println(t.A"), // a syntax error: the whole file counts
  ]) {
    assert.notEqual(digest(other), d, other);
  }
});

test("declaration digests are the same from a full parse and a parse that skips bodies", () => {
  const root = fileURLToPath(new URL("../../src/rules/", import.meta.url));
  let files = 0;
  for (const rule of readdirSync(root)) {
    const testdata = join(root, rule, "testdata");
    if (!existsSync(testdata)) continue;
    for (const name of readdirSync(testdata)) {
      if (!name.endsWith(".go")) continue;
      const src = readFileSync(join(testdata, name));
      const full = parseFile(name, src);
      const decls = parseFile(name, src, { mode: "declarations" });
      if (full.errors.length > 0) continue;
      assert.equal(decls.errors.length, 0, name);
      assert.equal(declarationDigest(decls), declarationDigest(full), `${rule}/${name}`);
      assert.equal(decls.file.decls.length, full.file.decls.length);
      files++;
    }
  }
  assert.ok(files > 20);
});

test("--jobs, --cache-dir, --no-cache, --quiet and cache clean", () => {
  const a = parseArgs(["--jobs", "3", "--cache-dir=/c", "--no-cache", "--quiet", "./..."]);
  assert.ok(typeof a !== "string" && a.command === "run");
  assert.equal(a.jobs, 3);
  assert.equal(a.cacheDir, "/c");
  assert.equal(a.noCache, true);
  assert.equal(a.quiet, true);
  const d = parseArgs(["./..."]);
  assert.ok(typeof d !== "string" && d.command === "run");
  assert.equal(d.jobs, null);
  assert.equal(d.noCache, false);
  assert.match(String(parseArgs(["--jobs", "0"])), /--jobs takes a number/);
  assert.match(String(parseArgs(["--jobs"])), /--jobs takes a number/);
  assert.deepEqual(parseArgs(["cache", "clean"]), { command: "cache-clean", cacheDir: null });
  assert.deepEqual(parseArgs(["cache", "clean", "--cache-dir", "d"]), {
    command: "cache-clean",
    cacheDir: "d",
  });
  assert.equal(typeof parseArgs(["cache", "purge"]), "string");
});

test("remembered file facts: read back by stamp, per directory; corrupt entries are misses", () => {
  const dir = tempDir();
  try {
    const facts: FileFacts = {
      hash: "ab",
      size: 10,
      header: { goBuild: null, plusBuild: [], extraGoBuild: null, binaryOnly: false, end: 0 },
      packageName: "p",
      nameLine: 1,
      nameColumn: 9,
      clauseError: null,
      imports: [{ value: '"fmt"', line: 3, column: 8 }],
    };
    const first = new CachedFileFacts(new Cache(dir));
    assert.equal(first.get("/src/p/a.go", "1:2:3:4"), null);
    first.put("/src/p/a.go", "1:2:3:4", facts);
    first.put("/src/q/b.go", "5:6:7:8", { ...facts, packageName: "q" });
    first.flush();
    const second = new CachedFileFacts(new Cache(dir));
    assert.deepEqual(second.get("/src/p/a.go", "1:2:3:4"), facts);
    assert.equal(second.get("/src/p/a.go", "1:2:3:5"), null);
    assert.equal(second.get("/src/q/b.go", "5:6:7:8")?.packageName, "q");
    // truncate every entry: the facts are gone, nothing throws
    for (const f of entries(dir)) writeFileSync(f, "{");
    assert.equal(new CachedFileFacts(new Cache(dir)).get("/src/p/a.go", "1:2:3:4"), null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
