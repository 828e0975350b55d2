// Parser benchmark: `npm run -s bench:parse -- <dir>`. Reads every .go file under <dir> into
// memory, then times, single-threaded: our parser, our scanner alone, and the tree-sitter-go
// grammar through web-tree-sitter (the reference, a development dependency), each after an
// untimed warm-up pass, interleaved chunk by chunk over three rounds (see `time`). Prints a
// table, then as its last line:
// {"files":N,"bytes":N,"seconds":S,"mbPerSec":X,"treeSitterMbPerSec":Y,"ratio":X/Y,"errors":N}
// where seconds and the rates are CPU time (of this process's threads: V8's garbage collector
// helpers count, other processes on the machine do not; the table also gives wall-clock time),
// seconds and mbPerSec are our parser's, MB is 10^6 bytes, and errors counts the files in which
// our parser reported syntax errors.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, loadavg } from "node:os";
import { Language, Parser } from "web-tree-sitter";
import { parseFile } from "../src/syntax/parser.js";
import { EOF, Scanner } from "../src/syntax/scanner.js";
import { SourceFile } from "../src/syntax/source.js";
import { type GoFile, listGoFiles, readGoFiles } from "./go-files.js";

const MB = 1e6;

/** A parser under test: what it does with one file, and its times in the timed passes. */
interface Contender {
  name: string;
  parse: (f: GoFile) => void;
  /** The sum over the chunks of each chunk's median CPU time over the rounds. */
  cpuSeconds: number;
  /** The same in wall-clock time. */
  wallSeconds: number;
  /** Each file's best time over the rounds, in milliseconds, in the order of the files. */
  perFileMs: number[];
}

const CHUNK_BYTES = 1e6;
const ROUNDS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** CPU time of this process (all its threads: V8's garbage collector helps from others), in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * After one untimed warm-up pass of each contender over all files, times `ROUNDS` passes. A
 * pass goes through the files in chunks of about 1 MB, each chunk parsed by every contender in
 * turn, and a chunk counts with its median time over the rounds: other processes on a shared
 * machine then weigh on all contenders alike, and a burst of them during one round does not count.
 * The figures that count are CPU times, which other processes do not inflate; wall-clock times are
 * kept beside them.
 */
function time(contenders: readonly Contender[], files: readonly GoFile[]): void {
  for (const c of contenders) {
    for (const f of files) c.parse(f);
  }
  const chunks: [number, number][] = [];
  for (let start = 0; start < files.length; ) {
    let end = start;
    for (let size = 0; end < files.length && size < CHUNK_BYTES; end++) size += files[end]!.bytes.length;
    chunks.push([start, end]);
    start = end;
  }
  const chunkCpu = contenders.map(() => chunks.map(() => [] as number[]));
  const chunkWall = contenders.map(() => chunks.map(() => [] as number[]));
  for (const c of contenders) c.perFileMs = files.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < ROUNDS; round++) {
    chunks.forEach(([start, end], k) => {
      contenders.forEach((c, ci) => {
        const cpu0 = cpuMs();
        const wall0 = performance.now();
        for (let i = start; i < end; i++) {
          const t0 = performance.now();
          c.parse(files[i]!);
          c.perFileMs[i] = Math.min(c.perFileMs[i]!, performance.now() - t0);
        }
        chunkWall[ci]![k]!.push(performance.now() - wall0);
        chunkCpu[ci]![k]!.push(cpuMs() - cpu0);
      });
    });
  }
  const total = (perChunk: number[][]): number =>
    perChunk.reduce((sum, times) => sum + median(times), 0) / 1000;
  contenders.forEach((c, ci) => {
    c.cpuSeconds = total(chunkCpu[ci]!);
    c.wallSeconds = total(chunkWall[ci]!);
  });
}

/**
 * The files our parser finds hardest, by time per byte. A file's best time over the rounds can
 * still include a garbage collection that fell in it each time, so the likeliest candidates are
 * parsed a few more times and ranked by their best time.
 */
function slowestFiles(files: readonly GoFile[], ours: Contender, n: number): { file: GoFile; ms: number }[] {
  const rate = (ms: number, f: GoFile): number => ms / f.bytes.length;
  // Per-millisecond figures of tiny files are noise; look only at files of 4 KB or more.
  const candidates = files
    .map((file, i) => ({ file, ms: ours.perFileMs[i]! }))
    .filter((x) => x.file.bytes.length >= 4096)
    .sort((a, b) => rate(b.ms, b.file) - rate(a.ms, a.file))
    .slice(0, 20);
  for (const c of candidates) {
    for (let k = 0; k < 5; k++) {
      const s = performance.now();
      parseFile(c.file.path, c.file.bytes);
      c.ms = Math.min(c.ms, performance.now() - s);
    }
  }
  return candidates.sort((a, b) => rate(b.ms, b.file) - rate(a.ms, a.file)).slice(0, n);
}

async function treeSitterParser(): Promise<Parser> {
  const require = createRequire(import.meta.url);
  await Parser.init();
  const go = await Language.load(readFileSync(require.resolve("tree-sitter-go/tree-sitter-go.wasm")));
  const parser = new Parser();
  parser.setLanguage(go);
  return parser;
}

function row(cells: readonly string[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(34) : cell.padStart(10))).join(" ");
}

async function main(): Promise<number> {
  const dir = process.argv[2];
  if (dir === undefined || process.argv.length > 3) {
    process.stderr.write("usage: bench-parse <dir>\n");
    return 2;
  }
  const files = readGoFiles(listGoFiles(dir));
  if (files.length === 0) {
    process.stderr.write(`bench-parse: no .go files under ${dir}\n`);
    return 2;
  }
  let bytes = 0;
  for (const f of files) bytes += f.bytes.length;

  let errors = 0;
  for (const f of files) if (parseFile(f.path, f.bytes).errors.length > 0) errors++;

  // web-tree-sitter parses JavaScript strings: decode the files before timing, which favours it.
  const parser = await treeSitterParser();
  const decoder = new TextDecoder();
  const texts = files.map((f) => decoder.decode(f.bytes));
  const textOf = new Map<GoFile, string>(files.map((f, i) => [f, texts[i]!]));
  let treeSitterErrors = 0;
  for (const text of texts) {
    const tree = parser.parse(text);
    if (tree === null || tree.rootNode.hasError) treeSitterErrors++;
    tree?.delete();
  }

  const contender = (name: string, parse: (f: GoFile) => void): Contender => ({
    name,
    parse,
    cpuSeconds: 0,
    wallSeconds: 0,
    perFileMs: [],
  });
  const ours = contender("gopitfall parseFile (bytes)", (f) => {
    parseFile(f.path, f.bytes);
  });
  const scan = contender("gopitfall Scanner alone", (f) => {
    const scanner = new Scanner(new SourceFile(f.path, f.bytes), () => {});
    do scanner.next();
    while (scanner.tok !== EOF);
  });
  // Tree-sitter's figure: parse to a tree and free it, without walking it.
  const ts = contender("tree-sitter-go (web-tree-sitter)", (f) => {
    parser.parse(textOf.get(f)!)?.delete();
  });
  time([ours, scan, ts], files);
  parser.delete();

  const mbPerSec = bytes / MB / ours.cpuSeconds;
  const treeSitterMbPerSec = bytes / MB / ts.cpuSeconds;
  console.log(
    `${dir}: ${files.length} files, ${bytes} bytes; single thread; MB = 10^6 bytes; ` +
      `time: sum over ~1 MB chunks of the median of ${ROUNDS} rounds; ` +
      `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
  );
  console.log(row(["", "files", "MB", "CPU s", "MB/s (CPU)", "wall s", "MB/s (wall)"]));
  for (const c of [ours, scan, ts]) {
    console.log(
      row([
        c.name,
        String(files.length),
        (bytes / MB).toFixed(2),
        c.cpuSeconds.toFixed(3),
        (bytes / MB / c.cpuSeconds).toFixed(1),
        c.wallSeconds.toFixed(3),
        (bytes / MB / c.wallSeconds).toFixed(1),
      ]),
    );
  }
  console.log(`files with syntax errors: gopitfall ${errors}, tree-sitter-go ${treeSitterErrors}`);
  console.log("slowest files for gopitfall parseFile (of 4 KB or more, by best time per byte):");
  for (const { file, ms } of slowestFiles(files, ours, 3)) {
    console.log(
      `  ${file.path}: ${file.bytes.length} bytes in ${ms.toFixed(2)} ms (${(file.bytes.length / MB / (ms / 1000)).toFixed(1)} MB/s)`,
    );
  }
  const round = (x: number, digits: number): number => Number(x.toFixed(digits));
  console.log(
    JSON.stringify({
      files: files.length,
      bytes,
      seconds: round(ours.cpuSeconds, 3),
      mbPerSec: round(mbPerSec, 2),
      treeSitterMbPerSec: round(treeSitterMbPerSec, 2),
      ratio: round(mbPerSec / treeSitterMbPerSec, 2),
      errors,
    }),
  );
  return 0;
}

process.exitCode = await main();
