// Messages between the fuzzer and its parsing worker.

export interface ParseRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
  importsOnly: boolean;
}

export interface ErrorInfo {
  name: string;
  message: string;
  stack: string;
}

export type WorkerMessage =
  /** Warmed up and listening; `statPath` is the worker thread's /proc stat file, if any. */
  | { type: "ready"; statPath: string | null }
  /** The parse returned after `ms`; the tree is being checked. */
  | { type: "parsed"; id: number; ms: number }
  /**
   * Finished: `ms` is the parse's wall-clock time and `cpuMs` its CPU time (null without /proc);
   * `error` is what the parse or the check threw.
   */
  | { type: "done"; id: number; ms: number; cpuMs: number | null; error: ErrorInfo | null };
