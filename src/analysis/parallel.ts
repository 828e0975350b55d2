// Analysis on worker threads. Each worker has its own loader and checker and analyzes the
// packages it is sent, checking their imports (declarations only) itself; it returns findings,
// never trees. The main thread schedules: an idle worker gets the pending package whose imports
// it has checked the most of already (least new source to read), and the biggest such package
// first. Results are stored by package, not by arrival, so the report does not depend on the
// schedule.

import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { variantFiles, variantsOf } from "../semantic/program.js";
import type { ParsedFileRecord, Run, UnitResult, UnitTimes, WorkerSetup } from "./analyze.js";

/** What the main thread gives a worker at its start. */
export interface WorkerData {
  setup: WorkerSetup;
  /** Record parsed files (content hashes and digests) for the cache. */
  record: boolean;
}

/** A package to analyze. */
export interface Task {
  index: number;
  dir: string;
  importPath: string;
}

/** What a worker answers. */
export type Answer =
  | { index: number; result: UnitResult; times: UnitTimes; parsed: ParsedFileRecord[] }
  | { index: number; error: string };

/** Seconds per MB of source: analyzing a package (parse, check, rules), checking an import. */
const ANALYZE_S_PER_MB = 0.25;
const DECLARATIONS_S_PER_MB = 0.12;
/** Seconds to start a worker thread (load the modules, the first package). */
const WORKER_START_S = 0.25;
/**
 * The throughput each thread beyond the first adds, as a fraction of one thread's. Analysis is
 * memory-bound (a large heap per thread, garbage collection a quarter of the time), and on the
 * reference machine (2 vCPUs, docs/performance.md) two threads on the standard library took
 * 12% longer than one, where k threads dividing the work perfectly would predict 30% less:
 * 0.1 reproduces what was measured. `--jobs N` overrides the estimate.
 */
const PARALLEL_EFFICIENCY = 0.1;

interface Measures {
  /** Per package to analyze: the bytes of its own files. */
  own: Map<number, number>;
  /** Per package to analyze: the packages it reaches, by id, with the bytes of their files. */
  deps: Map<number, { id: string; cost: number }[]>;
  /** Every package reached, with its bytes. */
  reached: Map<string, number>;
}

function measure(run: Run, misses: readonly number[]): Measures {
  const graph = run.dependencyGraph();
  const sizes = new Map<string, number>();
  const sizeOf = (file: string): number => {
    let s = sizes.get(file);
    if (s === undefined) {
      s = graph.size(file);
      if (s === 0) {
        try {
          s = statSync(file).size;
        } catch {
          s = 0;
        }
      }
      sizes.set(file, s);
    }
    return s;
  };
  const own = new Map<number, number>();
  const deps = new Map<number, { id: string; cost: number }[]>();
  const reached = new Map<string, number>();
  for (const i of misses) {
    const p = run.units[i]!;
    const list = graph.closure(run.importsOf(i)).nodes.map((n) => {
      let cost = reached.get(n.id);
      if (cost === undefined) {
        cost = n.pkg.goFiles.reduce((sum, f) => sum + sizeOf(f.path), 0);
        reached.set(n.id, cost);
      }
      return { id: n.id, cost };
    });
    deps.set(i, list);
    const files = new Set(variantsOf(p, run.req.tests).flatMap((v) => variantFiles(p, v)));
    let bytes = 0;
    for (const f of files) bytes += sizeOf(f.path);
    own.set(i, bytes);
  }
  return { own, deps, reached };
}

/**
 * How many of `jobs` threads pay off: k threads share the analysis (each adding
 * PARALLEL_EFFICIENCY of a thread's throughput), but each starts, and each checks the imports
 * of its packages again (counted at half, as the CPU it takes from other work). Imports that
 * dwarf the packages themselves (a small module on a big library) are best checked once, on
 * one thread.
 */
export function usefulThreads(run: Run, misses: readonly number[], jobs: number): number {
  const { own, reached } = measure(run, misses);
  let ownMb = 0;
  for (const bytes of own.values()) ownMb += bytes / 1e6;
  let depMb = 0;
  for (const bytes of reached.values()) depMb += bytes / 1e6;
  let best = 1;
  let bestTime = ownMb * ANALYZE_S_PER_MB;
  for (let k = 2; k <= jobs; k++) {
    const t =
      (ownMb * ANALYZE_S_PER_MB) / (1 + PARALLEL_EFFICIENCY * (k - 1)) +
      WORKER_START_S +
      0.5 * (k - 1) * depMb * DECLARATIONS_S_PER_MB;
    if (t < bestTime) {
      best = k;
      bestTime = t;
    }
  }
  return best;
}

/** Analyzes the packages `misses` on `jobs` worker threads; results go to run.complete. */
export async function runWorkers(
  run: Run,
  misses: readonly number[],
  jobs: number,
  setup: WorkerSetup,
): Promise<void> {
  const { own, deps } = measure(run, misses);
  const pending = new Set(misses);
  const pick = (known: Set<string>): number | undefined => {
    let best: number | undefined;
    let bestMissing = Number.POSITIVE_INFINITY;
    let bestOwn = -1;
    for (const i of pending) {
      let missing = 0;
      for (const d of deps.get(i)!) if (!known.has(d.id)) missing += d.cost;
      const o = own.get(i)!;
      if (missing < bestMissing || (missing === bestMissing && o > bestOwn)) {
        best = i;
        bestMissing = missing;
        bestOwn = o;
      }
    }
    if (best !== undefined) pending.delete(best);
    return best;
  };

  // The first thread starts with the package that reaches the most: knowing nearly every
  // import from then on, it takes packages high in the graph, while the others, starting from
  // nothing, begin with the ones low in it. On the standard library with two threads, that
  // parses 10% fewer bytes of imports again than both starting from nothing.
  const pickWidest = (): number | undefined => {
    let best: number | undefined;
    let bestCost = -1;
    for (const i of pending) {
      let cost = 0;
      for (const d of deps.get(i)!) cost += d.cost;
      if (cost > bestCost) {
        best = i;
        bestCost = cost;
      }
    }
    if (best !== undefined) pending.delete(best);
    return best;
  };

  const data: WorkerData = { setup, record: run.recording };
  await new Promise<void>((resolve, reject) => {
    let remaining = misses.length;
    let finished = false;
    const workers: Worker[] = [];
    const end = (e: Error | null): void => {
      if (finished) return;
      finished = true;
      for (const w of workers) void w.terminate();
      if (e === null) resolve();
      else reject(e);
    };
    for (let k = 0; k < jobs; k++) {
      // V8's default heap sizes: a larger young generation saved a few percent of the CPU
      // time and cost a third more memory (docs/performance.md).
      const worker = new Worker(new URL("./worker.js", import.meta.url), { workerData: data });
      workers.push(worker);
      const known = new Set<string>();
      let first = k === 0;
      const send = (): void => {
        const i = first ? pickWidest() : pick(known);
        first = false;
        if (i === undefined) return;
        for (const d of deps.get(i)!) known.add(d.id);
        const p = run.units[i]!;
        const task: Task = { index: i, dir: p.dir, importPath: p.importPath };
        worker.postMessage(task);
      };
      worker.on("message", (a: Answer) => {
        if (finished) return;
        if ("error" in a) {
          end(new Error(a.error));
          return;
        }
        for (const r of a.parsed) run.recordParsed(r);
        run.complete(a.index, a.result, a.times);
        if (--remaining === 0) end(null);
        else send();
      });
      worker.on("error", (e) => end(e));
      worker.on("exit", (code) => {
        if (!finished) end(new Error(`a worker thread exited (${code}) before the analysis was done`));
      });
      send();
    }
  });
}
