// Where is a hung worker? Before the fuzzer terminates a worker whose parse ran past the limit, it
// pauses it through the inspector protocol (the main thread's session reaches workers through the
// NodeWorker domain; V8 interrupts even a tight loop to pause) and reads its stack. The stack
// tells one hang from another, so that each distinct hang is saved once, and says where to look.

import { readFileSync } from "node:fs";
import { type Debugger, Session } from "node:inspector";
import { SourceMap, type SourceMapPayload } from "node:module";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";

/** A message from the worker's inspector: a reply or one of the Debugger events we use. */
type WorkerMessage =
  | { method: "Debugger.scriptParsed"; params: Debugger.ScriptParsedEventDataType }
  | { method: "Debugger.paused"; params: Debugger.PausedEventDataType }
  | { method?: undefined; id: number };

const sourceMaps = new Map<string, SourceMap | null>();

function sourceMapOf(url: string): SourceMap | null {
  let map = sourceMaps.get(url);
  if (map === undefined) {
    map = null;
    if (url.startsWith("file:")) {
      try {
        const payload = JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, "utf8")) as SourceMapPayload;
        map = new SourceMap(payload);
      } catch {
        // No map next to the file: report the compiled position.
      }
    }
    sourceMaps.set(url, map);
  }
  return map;
}

/** `function (url:line:column)`, in the TypeScript source when the compiled file has a map. */
function describe(frame: Debugger.CallFrame, url: string): string {
  const name = frame.functionName === "" ? "<anonymous>" : frame.functionName;
  const line = frame.location.lineNumber;
  const column = frame.location.columnNumber ?? 0;
  const entry = sourceMapOf(url)?.findEntry(line, column);
  if (entry !== undefined && "originalSource" in entry) {
    // The map names its sources relative to the compiled file.
    const source = new URL(entry.originalSource, url).href;
    return `${name} (${source}:${entry.originalLine + 1}:${entry.originalColumn + 1})`;
  }
  return `${name} (${url}:${line + 1}:${column + 1})`;
}

/**
 * Pauses `worker` and returns its call stack, innermost frame first; null when it could not be
 * had within `waitMs`. The worker is resumed afterwards, so it can be terminated as usual.
 */
export function pausedStack(worker: Worker, waitMs: number): Promise<string[] | null> {
  return new Promise((resolve) => {
    const session = new Session();
    const scripts = new Map<string, string>();
    let sessionId: string | null = null;
    let settled = false;
    const send = (id: number, method: string): void => {
      if (sessionId === null) return;
      session.post("NodeWorker.sendMessageToWorker", { sessionId, message: JSON.stringify({ id, method }) });
    };
    const finish = (stack: string[] | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Disabling the debugger resumes the worker.
      send(3, "Debugger.disable");
      session.post("NodeWorker.disable", () => session.disconnect());
      resolve(stack);
    };
    const timer = setTimeout(() => finish(null), waitMs);
    session.connect();
    session.on("NodeWorker.attachedToWorker", (m) => {
      // The inspector numbers workers on its own; its title for a worker carries the thread id.
      if (m.params.workerInfo.title.endsWith(`[worker ${worker.threadId}]`)) sessionId = m.params.sessionId;
    });
    session.on("NodeWorker.receivedMessageFromWorker", (m) => {
      if (m.params.sessionId !== sessionId) return;
      const msg = JSON.parse(m.params.message) as WorkerMessage;
      if (msg.method === "Debugger.scriptParsed") {
        scripts.set(msg.params.scriptId, msg.params.url);
      } else if (msg.method === "Debugger.paused") {
        finish(msg.params.callFrames.map((f) => describe(f, scripts.get(f.location.scriptId) ?? "?")));
      }
    });
    // Workers that already run are reported (attachedToWorker) before this call completes.
    session.post("NodeWorker.enable", { waitForDebuggerOnStart: false }, (err) => {
      if (err || sessionId === null) {
        finish(null);
        return;
      }
      send(1, "Debugger.enable");
      send(2, "Debugger.pause");
    });
  });
}
