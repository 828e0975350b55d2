// Parser fuzzer: `npm run -s fuzz:parse -- --count N [--seed S] [--corpus DIR]... [--limit-ms MS]
// [--save-dir DIR | --no-save]`. Mutates real Go files, parses each mutant in a worker under a
// watchdog, saves each kind of failure (exception or hang) into test/fuzz/regressions/ (named by
// hash), and prints as its last line
// {"mutants":N,"exceptions":N,"hangs":N,"slowest_ms":X,"seconds":S}
// where a hang is a parse over the limit and slowest_ms the longest parse, both in CPU time where
// Linux's /proc gives it (in 10 ms steps), else in wall-clock time. Exits 1 on any failure, 2 on
// a usage error.

import { parseArgs } from "node:util";
import { defaultCorpusDirs, loadCorpus, REGRESSIONS_DIR } from "./fuzz/corpus.js";
import { formatFailure, fuzz } from "./fuzz/run.js";

const usage = `usage: fuzz-parse --count N [--seed S] [--corpus DIR]... [--limit-ms MS] [--save-dir DIR | --no-save]

  --count N      number of mutants to parse (default 1000)
  --seed S       32-bit unsigned seed (default 1); a run is determined by its seed and corpus
  --corpus DIR   Go files to mutate (repeatable; default: this repository's .go files, with the
                 built-in seeds, plus $GOROOT/src when Go is installed)
  --limit-ms MS  a parse taking longer (CPU time on Linux) is a failure (default 1000)
  --save-dir DIR where to save the smallest failing mutant of each kind of failure
                 (default test/fuzz/regressions/, which the test suite replays)
  --no-save      do not save failing mutants
`;

function fail(message: string): never {
  process.stderr.write(`fuzz-parse: ${message}\n${usage}`);
  process.exit(2);
}

function integer(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max) fail(`${name} must be an integer from 0 to ${max}`);
  return Number(value);
}

function commandLine() {
  try {
    return parseArgs({
      options: {
        count: { type: "string" },
        seed: { type: "string" },
        corpus: { type: "string", multiple: true },
        "limit-ms": { type: "string" },
        "save-dir": { type: "string" },
        "no-save": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
}

async function main(): Promise<number> {
  const args = commandLine();
  const v = args.values;
  if (v.help === true) {
    process.stdout.write(usage);
    return 0;
  }
  const count = integer(v.count, "--count", 1000, Number.MAX_SAFE_INTEGER);
  const seed = integer(v.seed, "--seed", 1, 0xffffffff);
  const limitMs = integer(v["limit-ms"], "--limit-ms", 1000, 3_600_000);
  const dirs = v.corpus ?? defaultCorpusDirs();
  const corpus = loadCorpus(dirs);
  if (corpus.length === 0) fail(`no .go files under ${dirs.join(", ")}`);
  let bytes = 0;
  for (const f of corpus) bytes += f.bytes.length;
  console.log(
    `fuzz-parse: ${count} mutants of ${corpus.length} files (${(bytes / 1e6).toFixed(1)} MB), ` +
      `seed ${seed}, limit ${limitMs} ms`,
  );
  const summary = await fuzz({
    corpus,
    count,
    seed,
    limitMs,
    saveDir: v["no-save"] === true ? null : (v["save-dir"] ?? REGRESSIONS_DIR),
    log: (line) => console.log(line),
  });
  if (summary.failures.length > 0) {
    console.log(`${summary.failures.length} distinct failures (smallest mutant of each):`);
    for (const f of summary.failures) console.log(formatFailure(f));
  }
  if (summary.slowest !== "")
    console.log(`slowest parse: ${summary.slowestMs.toFixed(1)} ms, ${summary.slowest}`);
  console.log(
    JSON.stringify({
      mutants: summary.mutants,
      exceptions: summary.exceptions,
      hangs: summary.hangs,
      slowest_ms: Math.round(summary.slowestMs * 10) / 10,
      seconds: Math.round(summary.seconds * 10) / 10,
    }),
  );
  return summary.exceptions + summary.hangs > 0 ? 1 : 0;
}

process.exitCode = await main();
