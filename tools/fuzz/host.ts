// Runs parses in a worker thread, one at a time, under a watchdog: a parse that uses more CPU time
// than the limit is paused to read its stack, then the worker is terminated and replaced.

import { Worker } from "node:worker_threads";
import { pausedStack } from "./hang-stack.js";
import type { ParseRequest, WorkerMessage } from "./protocol.js";
import { threadCpuMs } from "./thread-cpu.js";

export type Outcome =
  /** Parsed in `ms` of wall-clock time, `cpuMs` of CPU time (null without /proc). */
  | { kind: "ok"; ms: number; cpuMs: number | null }
  | { kind: "exception"; ms: number; name: string; message: string; stack: string }
  /**
   * Still running after the limit, twice (the second time on a fresh worker while this thread
   * waits idle); `phase` says whether the parse or the check of its tree ran long, `ms` and
   * `cpuMs` for how long (CPU time when /proc has it), and `stack` where the worker was paused,
   * when it could be had.
   */
  | { kind: "hang"; phase: "parse" | "check"; ms: number; cpuMs: number | null; stack: string[] | null }
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

/**
 * The limit is on CPU time where /proc tells the worker thread's; whatever the CPU time, a phase
 * is stopped after this many times its limit in wall-clock time.
 */
const WALL_FACTOR = 10;

interface Slot {
  worker: Worker;
  /** Settles when the worker has warmed up, or died. */
  ready: Promise<void>;
  /** The worker thread's /proc stat file, once it is ready; null where there is none. */
  statPath: string | null;
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
    const slot: Slot = { worker, ready: new Promise((resolve) => (markReady = resolve)), statPath: null };
    // Messages and events of a worker that was already replaced are stale and ignored.
    worker.on("message", (m: WorkerMessage) => {
      if (this.current !== slot) return;
      if (m.type === "ready") {
        slot.statPath = m.statPath;
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
    const cpuNow = (): number | null => (slot.statPath === null ? null : threadCpuMs(slot.statPath));
    return new Promise<Outcome>((resolve) => {
      const t0 = performance.now();
      let phase: "parse" | "check" = "parse";
      let phaseWall = t0;
      let phaseCpu = cpuNow();
      const end = (outcome: Outcome): void => {
        clearTimeout(timer);
        this.running = null;
        resolve(outcome);
      };
      const stop = (cpuMs: number | null): void => {
        this.running = null;
        this.current = null;
        const ms = performance.now() - t0;
        void pausedStack(slot.worker, STACK_WAIT_MS).then((stack) => {
          void slot.worker.terminate();
          resolve({ kind: "hang", phase, ms, cpuMs, stack });
        });
      };
      // Called when the phase has run for its limit in wall-clock time: stop it if it also used
      // that much CPU time (or when that cannot be known), else look again when it could have.
      const watch = (): void => {
        const limit = phase === "parse" ? this.limitMs : this.limitMs * CHECK_FACTOR;
        const now = cpuNow();
        const used = now === null || phaseCpu === null ? null : now - phaseCpu;
        if (used !== null && used < limit && performance.now() - phaseWall < limit * WALL_FACTOR) {
          timer = setTimeout(watch, Math.max(limit - used, 20));
          return;
        }
        stop(used);
      };
      let timer = setTimeout(watch, this.limitMs);
      this.running = {
        id: req.id,
        onParsed: () => {
          clearTimeout(timer);
          phase = "check";
          phaseWall = performance.now();
          phaseCpu = cpuNow();
          timer = setTimeout(watch, this.limitMs * CHECK_FACTOR);
        },
        onDone: (m) =>
          end(
            m.error === null
              ? { kind: "ok", ms: m.ms, cpuMs: m.cpuMs }
              : { kind: "exception", ms: m.ms, ...m.error },
          ),
        onDied: (message) => end({ kind: "crash", ms: performance.now() - t0, message }),
      };
      slot.worker.postMessage(req);
    });
  }

  /**
   * Parses `bytes`. A parse that runs past the limit is tried once more on a fresh worker: the
   * first try ran while this thread made the next mutant, the second runs alone.
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
