// The fuzzing loop, shared by `tools/fuzz-parse.ts` and the test suite: makes mutants, has a
// worker thread parse them under a watchdog (host.ts), and classifies and saves the failures.

import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./corpus.js";
import { type Outcome, ParserHost } from "./host.js";
import { type CorpusFile, type Mutant, Mutator } from "./mutate.js";

export interface Failure {
  kind: "exception" | "hang";
  /** Failures with the same signature are taken to be the same bug. */
  signature: string;
  /** The error and its innermost stack frames, or the time waited. */
  detail: string;
  source: string;
  seed: number;
  index: number;
  ops: string[];
  size: number;
  /** Path of the saved mutant, when saving. */
  saved: string | null;
  /** How many mutants failed with this signature. */
  count: number;
}

export interface FuzzOptions {
  corpus: readonly CorpusFile[];
  count: number;
  seed: number;
  /** A parse longer than this is a failure (a hang). */
  limitMs: number;
  /** Where failing mutants are saved (the smallest per signature); null to save nothing. */
  saveDir: string | null;
  /** Called with a line now and then, and for each new kind of failure. */
  log?: (line: string) => void;
}

export interface FuzzSummary {
  mutants: number;
  exceptions: number;
  hangs: number;
  /** The longest parse: its CPU time where /proc gives it (in 10 ms steps), else its wall-clock time. */
  slowestMs: number;
  /** Which mutant that was, with its wall-clock time. */
  slowest: string;
  seconds: number;
  /** One per signature: the smallest mutant that showed it. */
  failures: Failure[];
}

/** Stack frames of an error, without the message lines and with line:column numbers kept. */
function frames(stack: string, n: number): string[] {
  return stack
    .split("\n")
    .filter((l) => l.trimStart().startsWith("at "))
    .slice(0, n)
    .map((l) => relativePaths(l.trim()));
}

/** Makes the repository's paths and file URLs in a stack frame relative to the repository. */
function relativePaths(frame: string): string {
  return frame
    .replaceAll(`file://${REPO_ROOT}dist/`, "")
    .replaceAll(`file://${REPO_ROOT}`, "")
    .replaceAll(REPO_ROOT, "");
}

function signatureOf(outcome: Outcome, mutant: Mutant): string {
  switch (outcome.kind) {
    case "exception":
      if (outcome.message.includes("Maximum call stack size exceeded")) {
        // Where a runaway recursion overflows is chance; the functions of its cycle are not.
        const names = new Set(frames(outcome.stack, 10).map((f) => f.replace(/^at | \(.*$/g, "")));
        return `stack overflow: ${[...names].sort().join(" ")}`;
      }
      // Offsets and sizes vary between mutants that hit the same bug; the place does not.
      return `${outcome.name}: ${outcome.message.replace(/\d+/g, "N")} ${frames(outcome.stack, 1).join("")}`;
    case "crash":
      return `crash: ${outcome.message}`;
    case "hang":
      // Where a loop was interrupted varies from line to line; the functions it runs in do not.
      if (outcome.stack !== null) {
        return `hang: ${outcome.stack
          .slice(0, 3)
          .map((f) => f.replace(/ \(.*$/, ""))
          .join(" < ")}`;
      }
      return `hang: ${[...new Set(mutant.ops.map((op) => op.replace(/[×@].*$/, "")))].sort().join(" ")}`;
    default:
      return "";
  }
}

/** The error and its innermost stack frames, or how long a parse ran and where it was stopped. */
export function detailOf(outcome: Outcome): string {
  switch (outcome.kind) {
    case "exception":
      return [`${outcome.name}: ${outcome.message}`, ...frames(outcome.stack, 4)].join("\n    ");
    case "crash":
      return outcome.message;
    case "hang":
      return [
        `${outcome.phase === "parse" ? "parse" : "check of the tree"} still running after ${outcome.ms.toFixed(0)} ms` +
          (outcome.cpuMs === null ? "" : ` (${outcome.cpuMs} ms of CPU time)`),
        ...(outcome.stack ?? ["(no stack)"]).slice(0, 6).map((f) => `at ${relativePaths(f)}`),
      ].join("\n    ");
    default:
      return "";
  }
}

function hashName(bytes: Uint8Array): string {
  return `${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}.go`;
}

export async function fuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const { count, seed, limitMs, saveDir } = options;
  const log = options.log ?? (() => {});
  const mutator = new Mutator(options.corpus);
  const host = new ParserHost(limitMs);
  const bySignature = new Map<string, Failure>();
  let exceptions = 0;
  let hangs = 0;
  let slowestMs = 0;
  let slowest = "";
  const t0 = performance.now();
  let lastLog = t0;
  const progressEvery = Math.max(1, Math.ceil(count / 10));
  try {
    let next = count > 0 ? mutator.mutant(seed, 0) : null;
    for (let i = 0; i < count; i++) {
      const mutant = next!;
      const pending = host.parse(mutant.source, mutant.bytes, mutant.importsOnly);
      // Make the next mutant while the worker parses this one.
      next = i + 1 < count ? mutator.mutant(seed, i + 1) : null;
      const outcome = await pending;
      if (outcome.kind === "ok") {
        // CPU time, where there is, so that the figure does not depend on the machine's load.
        const ms = outcome.cpuMs ?? outcome.ms;
        if (ms > slowestMs || (ms === slowestMs && slowest === "")) {
          slowestMs = ms;
          slowest =
            `mutant ${i} of ${mutant.source} (${mutant.bytes.length} bytes; ${mutant.ops.join(", ")}), ` +
            `${outcome.ms.toFixed(1)} ms wall-clock${outcome.cpuMs === null ? "" : `, ${outcome.cpuMs} ms CPU`}`;
        }
      } else {
        if (outcome.kind === "hang") hangs++;
        else exceptions++;
        const failure: Failure = {
          kind: outcome.kind === "hang" ? "hang" : "exception",
          signature: signatureOf(outcome, mutant),
          detail: detailOf(outcome),
          source: mutant.source,
          seed,
          index: i,
          ops: mutant.ops,
          size: mutant.bytes.length,
          saved: null,
          count: 1,
        };
        const known = bySignature.get(failure.signature);
        if (known === undefined) log(formatFailure(failure));
        if (known === undefined || failure.size < known.size) {
          if (saveDir !== null) {
            mkdirSync(saveDir, { recursive: true });
            failure.saved = join(saveDir, hashName(mutant.bytes));
            writeFileSync(failure.saved, mutant.bytes);
            if (known?.saved != null && known.saved !== failure.saved) unlinkSync(known.saved);
          }
          failure.count += known?.count ?? 0;
          bySignature.set(failure.signature, failure);
        } else {
          known.count++;
        }
      }
      const now = performance.now();
      if ((i + 1) % progressEvery === 0 || now - lastLog > 60_000) {
        lastLog = now;
        log(
          `${i + 1}/${count} mutants, ${exceptions} exceptions, ${hangs} hangs, ` +
            `slowest parse ${slowestMs.toFixed(1)} ms, ${((now - t0) / 1000).toFixed(0)} s`,
        );
      }
    }
  } finally {
    await host.close();
  }
  return {
    mutants: count,
    exceptions,
    hangs,
    slowestMs,
    slowest,
    seconds: (performance.now() - t0) / 1000,
    failures: [...bySignature.values()],
  };
}

export function formatFailure(f: Failure): string {
  return [
    `FAIL ${f.kind}${f.count > 1 ? ` (${f.count} mutants)` : ""}: ${f.detail}`,
    `    mutant ${f.index} of seed ${f.seed}, from ${f.source}, ${f.size} bytes`,
    `    ops: ${f.ops.join(", ")}`,
    ...(f.saved !== null ? [`    saved: ${f.saved}`] : []),
  ].join("\n");
}

/** The regression fixtures: the `.go` files of `dir`, sorted by name; none when it does not exist. */
export function readRegressions(dir: string): CorpusFile[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith(".go"))
      .sort();
  } catch {
    return [];
  }
  return names.map((name) => ({
    name: join(dir, name),
    bytes: new Uint8Array(readFileSync(join(dir, name))),
  }));
}
