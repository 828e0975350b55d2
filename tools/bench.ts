// End-to-end benchmark: `npm run -s bench -- <dir> [--repeat N] [--no-go]`.
//
// Runs the gopitfall command (every rule on) over the packages of <dir>, as a user would:
//
//   cold       an empty cache
//   warm       nothing changed
//   leaf       one file of a leaf package (one no other package imports) edited in a function body
//   io-body    one file of `io` (or of the most imported package) edited in a function body
//   io-decl    the same file with a declaration added
//   jobs1      --no-cache --jobs 1
//   jobs2      --no-cache --jobs 2
//
// and, when they are installed, `go vet` and staticcheck (`staticcheck` or Debian's
// `go-staticcheck`) cold (empty build cache for go vet; empty analysis cache and a warm build
// cache for staticcheck) and warm, on the same tree; for the standard library (<dir> is
// GOROOT/src) they run as `go vet std` and `staticcheck std` from <dir>. Each edit is undone
// (content and modification time) before the next run. The findings of cold, warm, jobs1 and
// jobs2 must be identical (exit status 1 otherwise).
//
// Prints a table, then as its last line JSON with every figure: per run the wall-clock seconds
// (the median of --repeat runs, default 1), CPU seconds and peak memory (from GNU time when
// /usr/bin/time is there), and the ratios goVetColdRatio = go vet cold wall / ours cold,
// goVetWarmRatio, staticcheckColdRatio, staticcheckWarmRatio.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Loader, type Package } from "../src/load/packages.js";
import { parseFile } from "../src/syntax/parser.js";

const cli = fileURLToPath(new URL("../src/cli/main.js", import.meta.url));

interface Measure {
  /** Wall-clock seconds (median over the repeats). */
  wallS: number;
  /** User + system CPU seconds of the process and its children, or null without GNU time. */
  cpuS: number | null;
  /** Peak resident memory in MB, or null without GNU time. */
  peakMb: number | null;
  /** Lines of findings printed (ours), or of diagnostics (go vet, staticcheck). */
  findings: number;
  status: number | null;
}

interface Outcome extends Measure {
  stdout: string;
}

const gnuTime = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

/** Runs a command once: wall time, and CPU time and peak memory from GNU time. */
function runOnce(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Outcome {
  const marker = "@@bench@@";
  const [file, argv] =
    gnuTime === null ? [cmd, args] : [gnuTime, ["-f", `${marker} %e %U %S %M`, cmd, ...args]];
  const start = performance.now();
  const r = spawnSync(file, argv, { cwd, env, encoding: "utf8", maxBuffer: 1 << 30 });
  const wallS = (performance.now() - start) / 1000;
  if (r.error !== undefined) throw r.error;
  let cpuS: number | null = null;
  let peakMb: number | null = null;
  let stderr = r.stderr;
  const at = stderr.lastIndexOf(marker);
  if (at >= 0) {
    const f = stderr
      .slice(at + marker.length)
      .trim()
      .split(/\s+/)
      .map(Number);
    cpuS = f[1]! + f[2]!;
    peakMb = Math.round(f[3]! / 1024);
    stderr = stderr.slice(0, at);
  }
  const out = cmd === process.execPath ? r.stdout : `${r.stdout}${stderr}`;
  const findings = out.split("\n").filter((l) => /^\S.*:\d+:\d+: /.test(l)).length;
  return { wallS, cpuS, peakMb, findings, status: r.status, stdout: r.stdout };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Runs `prepare(i)` then the command, `repeat` times; the measures of the median wall time. */
function measure(repeat: number, prepare: (i: number) => void, run: () => Outcome): Outcome {
  const outs: Outcome[] = [];
  for (let i = 0; i < repeat; i++) {
    prepare(i);
    outs.push(run());
  }
  const m = median(outs.map((o) => o.wallS));
  return outs.find((o) => o.wallS === m) ?? outs[0]!;
}

function which(names: string[]): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    for (const n of names) {
      const p = path.join(dir, n);
      if (dir !== "" && existsSync(p)) return p;
    }
  }
  return null;
}

/** The tree is the standard library: GOROOT/src, with go.mod saying `module std`. */
function isStdTree(dir: string): boolean {
  const mod = path.join(dir, "go.mod");
  return existsSync(mod) && /^module std\s*$/m.test(readFileSync(mod, "utf8"));
}

/** A leaf package (no package of the tree imports it) with the most packages below it, and the most imported one. */
function pickPackages(dir: string): { leaf: Package; hub: Package } {
  const loaded = new Loader({ dir, tests: false })
    .load(["./..."])
    .packages.filter((p) => p.goFiles.length > 0);
  const byPath = new Map(loaded.map((p) => [p.importPath, p]));
  const below = new Map<Package, Set<Package>>();
  const reach = (p: Package): Set<Package> => {
    let s = below.get(p);
    if (s !== undefined) return s;
    s = new Set();
    below.set(p, s);
    for (const i of p.imports) {
      const q = byPath.get(i);
      if (q === undefined || s.has(q)) continue;
      s.add(q);
      for (const r of reach(q)) s.add(r);
    }
    return s;
  };
  const importers = new Map<Package, number>();
  for (const p of loaded) for (const q of reach(p)) importers.set(q, (importers.get(q) ?? 0) + 1);
  const leaves = loaded.filter((p) => !importers.has(p) && p.name !== "main");
  const leaf = leaves.sort((a, b) => reach(b).size - reach(a).size)[0] ?? loaded[0]!;
  const hub =
    byPath.get("io") ?? [...loaded].sort((a, b) => (importers.get(b) ?? 0) - (importers.get(a) ?? 0))[0]!;
  return { leaf, hub };
}

/**
 * The k-th edit of a source text (each differs, so that no repeat finds its result cached): a
 * statement inserted in the first non-empty function body, or a function declaration added.
 */
function edit(file: string, original: Buffer, kind: "body" | "decl", k: number): string {
  const src = original.toString("utf8");
  if (kind === "decl")
    return `${src}\n// BenchEdit${k} was added by the benchmark.\nfunc BenchEdit${k}() {}\n`;
  for (const d of parseFile(file, original).file.decls) {
    if (d.kind === "FuncDecl" && d.body !== null && d.body.list.length > 0) {
      const at = original.subarray(0, d.body.lbrace + 1).toString("utf8").length;
      return `${src.slice(0, at)}\n\t_ = ${k} // edited by the benchmark${src.slice(at)}`;
    }
  }
  return `${src}\n// edited by the benchmark (${k})\n`;
}

/** Measures runs after each edit of file (see edit), then restores its content and times. */
function measureEdits(repeat: number, file: string, kind: "body" | "decl", run: () => Outcome): Outcome {
  const original = readFileSync(file);
  const st = statSync(file);
  try {
    return measure(repeat, (k) => writeFileSync(file, edit(file, original, kind, k)), run);
  } finally {
    writeFileSync(file, original);
    utimesSync(file, st.atime, st.mtime);
  }
}

function fmtS(x: number | null): string {
  return x === null ? "-" : x.toFixed(2);
}

function main(argv: string[]): number {
  let dir: string | null = null;
  let repeat = 1;
  let withGo = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--repeat") repeat = Math.max(1, Number(argv[++i]));
    else if (a === "--no-go") withGo = false;
    else if (dir === null) dir = a;
    else dir = "";
  }
  if (dir === null || dir === "" || !existsSync(dir)) {
    console.error("usage: npm run -s bench -- <dir> [--repeat N] [--no-go]");
    return 2;
  }
  dir = path.resolve(dir);
  const std = isStdTree(dir);
  const load = loadavg();
  const temp = mkdtempSync(path.join(tmpdir(), "gopitfall-bench-"));
  const cacheDir = path.join(temp, "cache");
  const env = { ...process.env };
  const ours = (extra: string[]) => (): Outcome =>
    runOnce(process.execPath, [cli, "--enable", "all", "--quiet", ...extra, "./..."], dir!, env);
  const withCache = ours(["--cache-dir", cacheDir]);
  const results: Record<string, Measure> = {};
  const table: [string, Measure, string][] = [];
  const record = (name: string, m: Outcome, note: string): Outcome => {
    const { stdout: _, ...rest } = m;
    results[name] = rest;
    table.push([name, rest, note]);
    process.stderr.write(`${name}: ${fmtS(m.wallS)} s\n`);
    return m;
  };

  const { leaf, hub } = pickPackages(dir);
  const leafFile = leaf.goFiles[0]!.path;
  const hubFile = hub.goFiles.find((f) => f.name === `${hub.name}.go`)?.path ?? hub.goFiles[0]!.path;
  const rel = (f: string) => path.relative(dir!, f);

  const cold = record(
    "cold",
    measure(repeat, () => rmSync(cacheDir, { recursive: true, force: true }), withCache),
    "empty cache",
  );
  const warm = record(
    "warm",
    measure(repeat, () => {}, withCache),
    "nothing changed",
  );
  record(
    "leaf",
    measureEdits(repeat, leafFile, "body", withCache),
    `${rel(leafFile)}: a statement added in a function body`,
  );
  record(
    "io-body",
    measureEdits(repeat, hubFile, "body", withCache),
    `${rel(hubFile)}: a statement added in a function body`,
  );
  record(
    "io-decl",
    measureEdits(repeat, hubFile, "decl", withCache),
    `${rel(hubFile)}: a function declaration added`,
  );
  const jobs1 = record(
    "jobs1",
    measure(1, () => {}, ours(["--no-cache", "--jobs", "1"])),
    "--no-cache --jobs 1",
  );
  const jobs2 = record(
    "jobs2",
    measure(1, () => {}, ours(["--no-cache", "--jobs", "2"])),
    "--no-cache --jobs 2",
  );
  const identical =
    cold.stdout === warm.stdout && cold.stdout === jobs1.stdout && cold.stdout === jobs2.stdout;

  const others: Record<string, { cold: Measure; warm: Measure } | null> = { goVet: null, staticcheck: null };
  const go = withGo ? which(["go"]) : null;
  const goCache = path.join(temp, "gocache");
  if (go !== null) {
    const vet = (): Outcome =>
      runOnce(go, ["vet", std ? "std" : "./..."], dir!, { ...env, GOCACHE: goCache, GOFLAGS: "" });
    const c = record("go vet cold", vet(), "empty build cache");
    const w = record("go vet warm", vet(), "");
    others.goVet = { cold: c, warm: w };
  }
  const sc = withGo ? which(["staticcheck", "go-staticcheck"]) : null;
  if (sc !== null) {
    const xdg = path.join(temp, "xdg");
    const run = (): Outcome =>
      runOnce(sc, [std ? "std" : "./..."], dir!, {
        ...env,
        GOCACHE: goCache,
        XDG_CACHE_HOME: xdg,
        GOFLAGS: "",
      });
    const c = record(
      "staticcheck cold",
      run(),
      go !== null ? "empty analysis cache, build cache warm" : "empty caches",
    );
    const w = record("staticcheck warm", run(), "");
    others.staticcheck = { cold: c, warm: w };
  }
  rmSync(temp, { recursive: true, force: true });

  const ratio = (a: Measure | undefined, b: Measure | undefined): number | null =>
    a === undefined || b === undefined ? null : Math.round((a.wallS / b.wallS) * 100) / 100;
  const widths = [18, 8, 8, 9, 9];
  const row = (cells: string[]) =>
    cells.map((c, i) => (i < widths.length ? c.padEnd(widths[i]!) : c)).join(" ");
  console.log(`gopitfall benchmark on ${dir}${std ? " (standard library)" : ""}`);
  console.log(
    `${availableParallelism()} CPUs, load average ${load.map((x) => x.toFixed(2)).join(" ")} before, ` +
      `${loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")} after; leaf package ${leaf.importPath}, most imported ${hub.importPath}`,
  );
  console.log(row(["run", "wall s", "cpu s", "peak MB", "findings", "note"]));
  for (const [name, m, note] of table) {
    console.log(
      row([
        name,
        fmtS(m.wallS),
        fmtS(m.cpuS),
        m.peakMb === null ? "-" : String(m.peakMb),
        String(m.findings),
        note,
      ]),
    );
  }
  console.log(`findings of cold, warm, --jobs 1 and --jobs 2 identical: ${identical ? "yes" : "NO"}`);
  const json = {
    dir,
    standardLibrary: std,
    cpus: availableParallelism(),
    loadAverageBefore: load.map((x) => Math.round(x * 100) / 100),
    leafPackage: leaf.importPath,
    hubPackage: hub.importPath,
    runs: results,
    findingsIdentical: identical,
    goVetColdRatio: ratio(others.goVet?.cold, results.cold),
    goVetWarmRatio: ratio(others.goVet?.warm, results.warm),
    staticcheckColdRatio: ratio(others.staticcheck?.cold, results.cold),
    staticcheckWarmRatio: ratio(others.staticcheck?.warm, results.warm),
  };
  console.log(JSON.stringify(json));
  return identical ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
