// The fuzzer's parsing worker: parses each input it is sent, checks the tree, and answers with
// the parse's time or the exception thrown. It runs apart from the fuzzer's main thread so that a
// parse that never ends can be stopped (host.ts terminates the worker and starts another).

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parentPort } from "node:worker_threads";
import type { Node } from "../../src/syntax/ast.js";
import type { ParseResult } from "../../src/syntax/parser.js";
import { SEEDS_DIR } from "./corpus.js";
import type { ErrorInfo, ParseRequest, WorkerMessage } from "./protocol.js";
import { ownThreadStatPath, threadCpuMs } from "./thread-cpu.js";

// Stacks of exceptions then point into the TypeScript sources rather than dist/. Only modules
// loaded afterwards get their maps, hence the dynamic imports of the code under test.
process.setSourceMapsEnabled(true);
const { parseFile } = await import("../../src/syntax/parser.js");
const { inspect } = await import("../../src/syntax/walk.js");

/** An error for a result that breaks the parser's documented contract (ast.ts, parser.ts). */
class InvariantError extends Error {
  override name = "InvariantError";
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as { kind: unknown }).kind === "string";
}

/**
 * Walks the tree as a rule would, and checks what every consumer relies on: each node is a node,
 * and its offsets lie in the file (-1 meaning "no position") with pos ≤ end. An end may be one
 * past the end of the file: like go/parser, a missing identifier at EOF becomes `_` there, and
 * go/ast's End() adds its length.
 */
function check(result: ParseResult, size: number): void {
  if (!isNode(result.file) || result.file.kind !== "File")
    throw new InvariantError("result.file is not a File");
  if (!Array.isArray(result.errors)) throw new InvariantError("result.errors is not an array");
  for (const e of result.errors) {
    if (!(e.pos >= 0 && e.pos <= size && e.line >= 1 && e.column >= 1 && typeof e.message === "string")) {
      throw new InvariantError(`bad diagnostic ${JSON.stringify(e)}`);
    }
  }
  inspect(result.file, (node) => {
    if (!isNode(node)) throw new InvariantError(`non-node in the tree: ${JSON.stringify(node)}`);
    const { pos, end } = node;
    const inFile = (p: number, max: number): boolean => Number.isInteger(p) && p >= -1 && p <= max;
    if (!inFile(pos, size) || !inFile(end, size + 1) || (pos >= 0 && end >= 0 && pos > end)) {
      throw new InvariantError(`${node.kind} has pos ${pos}, end ${end} in a file of ${size} bytes`);
    }
    return true;
  });
}

const statPath = ownThreadStatPath();
const port = parentPort;
if (port === null) throw new Error("worker.js must run as a worker thread");
const send = (m: WorkerMessage): void => port.postMessage(m);

function errorInfo(e: unknown): ErrorInfo {
  const err = e instanceof Error ? e : new Error(String(e));
  return { name: err.name, message: err.message, stack: err.stack ?? "" };
}

// Warm the parser up on the built-in seeds before saying ready: a fresh worker (the first, or one
// that replaced a hung worker) would otherwise parse its first inputs with cold, unoptimized code.
const WARM_UP_ROUNDS = 30;
const seeds = readdirSync(SEEDS_DIR)
  .filter((n) => n.endsWith(".go"))
  .map((n) => new Uint8Array(readFileSync(join(SEEDS_DIR, n))));
for (let i = 0; i < WARM_UP_ROUNDS; i++) {
  for (const bytes of seeds) parseFile("seed.go", bytes);
}

port.on("message", (req: ParseRequest) => {
  const t0 = performance.now();
  const cpu0 = statPath === null ? null : threadCpuMs(statPath);
  const cpuSince = (): number | null => {
    const cpu1 = statPath === null ? null : threadCpuMs(statPath);
    return cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
  };
  let result: ParseResult;
  try {
    result = parseFile(req.name, req.bytes, req.importsOnly ? { mode: "imports" } : {});
  } catch (e) {
    send({ type: "done", id: req.id, ms: performance.now() - t0, cpuMs: cpuSince(), error: errorInfo(e) });
    return;
  }
  const ms = performance.now() - t0;
  const cpuMs = cpuSince();
  send({ type: "parsed", id: req.id, ms });
  let error: ErrorInfo | null = null;
  try {
    check(result, req.bytes.length);
  } catch (e) {
    error = errorInfo(e);
  }
  send({ type: "done", id: req.id, ms, cpuMs, error });
});
send({ type: "ready", statPath });
