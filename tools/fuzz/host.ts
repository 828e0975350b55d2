// Runs parses in a worker thread, one at a time, under a watchdog: a parse that outlives the time
// limit is paused to read its stack, then the worker is terminated and replaced.

import { Worker } from "node:worker_threads";
import { pausedStack } from "./hang-stack.js";
import type { ParseRequest, WorkerMessage } from "./protocol.js";

export type Outcome =
  | { kind: "ok"; ms: number }
  | { kind: "exception"; ms: number; name: string; message: string; stack: string }
  /**
   * Still running after the limit, twice (the second time on a fresh worker while this thread
   * waits idle); `phase` says whether the parse or the check of its tree ran long, and `stack`
   * where the worker was paused, when it could be had.
   */
  | { kind: "hang"; phase: "parse" | "check"; ms: number; stack: string[] | null }
  /** The worker died (out of memory, or a fatal error in the engine). */
  | { kind: "crash"; ms: number; message: string };

const WORKER_URL = new URL("./worker.js", import.meta.url);

/**
 * Resource limits of the parsing worker. The stack is that of Node's main thread (V8's default of
 * 984 KB) rather than a worker's 4 MB, so that "never overflows the stack" holds wherever the
 * parser runs. The heap is bounded so that an input that makes the parser hoard memory ends as a
 * crash of the worker rather than of the machine.
 */
const RESOURCE_LIMITS = { stackSizeMb: 0.984, maxOldGenerationSizeMb: 4096 };

/** How long to wait for a hung worker to pause and show its stack. */
const STACK_WAIT_MS = 2000;

/** The tree check (a walk over every node) gets this many times the parse's limit. */
const CHECK_FACTOR = 10;

interface Slot {
  worker: Worker;
  /** Settles when the worker has warmed up, or died. */
  ready: Promise<void>;
}

interface Running {
  id: number;
  onParsed(): void;
  onDone(message: Extract<WorkerMessage, { type: "done" }>): void;
  onDied(message: string): void;
}

export class ParserHost {
  private current: Slot | null = null;
  private running: Running | null = null;
  private nextId = 1;

  constructor(private readonly limitMs: number) {}

  private start(): Slot {
    const worker = new Worker(WORKER_URL, { resourceLimits: RESOURCE_LIMITS });
    let markReady = (): void => {};
    const slot: Slot = { worker, ready: new Promise((resolve) => (markReady = resolve)) };
    // Messages and events of a worker that was already replaced are stale and ignored.
    worker.on("message", (m: WorkerMessage) => {
      if (this.current !== slot) return;
      if (m.type === "ready") {
        markReady();
        return;
      }
      const run = this.running;
      if (run === null || run.id !== m.id) return;
      if (m.type === "parsed") run.onParsed();
      else run.onDone(m);
    });
    const died = (message: string): void => {
      markReady();
      if (this.current !== slot) return;
      this.current = null;
      this.running?.onDied(message);
    };
    worker.on("error", (e) => died(`${e.name}: ${e.message}`));
    worker.on("exit", (code) => died(`worker exited with code ${code}`));
    this.current = slot;
    return slot;
  }

  /** Parses once, with the watchdog. */
  private async once(name: string, bytes: Uint8Array, importsOnly: boolean): Promise<Outcome> {
    const slot = this.current ?? this.start();
    // The limit starts once the worker is warm, so a fresh worker's start-up does not count.
    await slot.ready;
    if (this.current !== slot) return { kind: "crash", ms: 0, message: "the worker died while starting" };
    const req: ParseRequest = { id: this.nextId++, name, bytes, importsOnly };
    return new Promise<Outcome>((resolve) => {
      const t0 = performance.now();
      const end = (outcome: Outcome): void => {
        clearTimeout(timer);
        this.running = null;
        resolve(outcome);
      };
      const stop = (phase: "parse" | "check"): void => {
        this.running = null;
        this.current = null;
        const ms = performance.now() - t0;
        void pausedStack(slot.worker, STACK_WAIT_MS).then((stack) => {
          void slot.worker.terminate();
          resolve({ kind: "hang", phase, ms, stack });
        });
      };
      let timer = setTimeout(() => stop("parse"), this.limitMs);
      this.running = {
        id: req.id,
        onParsed: () => {
          clearTimeout(timer);
          timer = setTimeout(() => stop("check"), this.limitMs * CHECK_FACTOR);
        },
        onDone: (m) =>
          end(m.error === null ? { kind: "ok", ms: m.ms } : { kind: "exception", ms: m.ms, ...m.error }),
        onDied: (message) => end({ kind: "crash", ms: performance.now() - t0, message }),
      };
      slot.worker.postMessage(req);
    });
  }

  /**
   * Parses `bytes`. A parse that runs past the limit is tried once more on a fresh worker: the
   * first timer may have been delayed by work on this thread or by other processes on the
   * machine, while during the second this thread waits idle.
   */
  async parse(name: string, bytes: Uint8Array, importsOnly = false): Promise<Outcome> {
    const first = await this.once(name, bytes, importsOnly);
    if (first.kind !== "hang") return first;
    return this.once(name, bytes, importsOnly);
  }

  async close(): Promise<void> {
    const slot = this.current;
    this.current = null;
    this.running = null;
    if (slot !== null) await slot.worker.terminate();
  }
}
