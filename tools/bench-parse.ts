// Parser benchmark: `npm run -s bench:parse -- <dir>`. Reads every .go file under <dir> into
// memory, then times, single-threaded and each after one untimed warm-up pass over all files:
// our parser, our scanner alone, and the tree-sitter-go grammar through web-tree-sitter (the
// reference, a development dependency). Prints a table, then as its last line:
// {"files":N,"bytes":N,"seconds":S,"mbPerSec":X,"treeSitterMbPerSec":Y,"ratio":X/Y,"errors":N}
// where seconds and mbPerSec are our parser's, MB is 10^6 bytes, and errors counts the files in
// which our parser reported syntax errors.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Language, Parser } from "web-tree-sitter";
import { parseFile } from "../src/syntax/parser.js";
import { EOF, Scanner } from "../src/syntax/scanner.js";
import { SourceFile } from "../src/syntax/source.js";
import { type GoFile, listGoFiles, readGoFiles } from "./go-files.js";

const MB = 1e6;

interface Timing {
  seconds: number;
  /** Each file's time in the timed pass, in milliseconds, in the order of the files. */
  perFileMs: number[];
}

/** Runs `each` over all files once untimed, then once timed. */
function timePasses(files: readonly GoFile[], each: (f: GoFile, timed: boolean) => void): Timing {
  for (const f of files) each(f, false);
  const perFileMs: number[] = [];
  const t0 = performance.now();
  for (const f of files) {
    const s = performance.now();
    each(f, true);
    perFileMs.push(performance.now() - s);
  }
  return { seconds: (performance.now() - t0) / 1000, perFileMs };
}

/**
 * The files our parser finds hardest, by time per byte. One pass's per-file times include the
 * garbage collections that happened to fall in them, so the likeliest candidates are parsed a few
 * more times and ranked by their best time.
 */
function slowestFiles(files: readonly GoFile[], timing: Timing, n: number): { file: GoFile; ms: number }[] {
  const rate = (ms: number, f: GoFile): number => ms / f.bytes.length;
  // Per-millisecond figures of tiny files are noise; look only at files of 4 KB or more.
  const candidates = files
    .map((file, i) => ({ file, ms: timing.perFileMs[i]! }))
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

function row(name: string, files: number, bytes: number, seconds: number): string {
  return [
    name.padEnd(34),
    String(files).padStart(6),
    (bytes / MB).toFixed(2).padStart(9),
    seconds.toFixed(3).padStart(9),
    (bytes / MB / seconds).toFixed(1).padStart(8),
  ].join(" ");
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
  const ours = timePasses(files, (f, timed) => {
    if (parseFile(f.path, f.bytes).errors.length > 0 && timed) errors++;
  });

  const scan = timePasses(files, (f) => {
    const scanner = new Scanner(new SourceFile(f.path, f.bytes), () => {});
    do scanner.next();
    while (scanner.tok !== EOF);
  });

  // web-tree-sitter parses JavaScript strings: decode the files before timing, which favours it.
  const parser = await treeSitterParser();
  const decoder = new TextDecoder();
  const texts = new Map<GoFile, string>(files.map((f) => [f, decoder.decode(f.bytes)]));
  let treeSitterErrors = 0;
  for (const f of files) {
    const tree = parser.parse(texts.get(f)!);
    if (tree === null || tree.rootNode.hasError) treeSitterErrors++;
    tree?.delete();
  }
  // Tree-sitter's figure: parse to a tree and free it, without walking it.
  const ts = timePasses(files, (f) => {
    parser.parse(texts.get(f)!)?.delete();
  });
  parser.delete();

  const mbPerSec = bytes / MB / ours.seconds;
  const treeSitterMbPerSec = bytes / MB / ts.seconds;
  console.log(`${dir}: ${files.length} files, ${bytes} bytes; single thread; MB = 10^6 bytes`);
  console.log(["".padEnd(34), "files", "       MB", "  seconds", "    MB/s"].join(" "));
  console.log(row("gopitfall parseFile (bytes)", files.length, bytes, ours.seconds));
  console.log(row("gopitfall Scanner alone", files.length, bytes, scan.seconds));
  console.log(row("tree-sitter-go (web-tree-sitter)", files.length, bytes, ts.seconds));
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
      seconds: round(ours.seconds, 3),
      mbPerSec: round(mbPerSec, 2),
      treeSitterMbPerSec: round(treeSitterMbPerSec, 2),
      ratio: round(mbPerSec / treeSitterMbPerSec, 2),
      errors,
    }),
  );
  return 0;
}

process.exitCode = await main();
