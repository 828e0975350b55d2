// A worker thread of parallel analysis (parallel.ts): rebuilds the run's request from the
// setup it is given, then analyzes each package it is sent and answers with the findings.

import { parentPort, workerData } from "node:worker_threads";
import type { Package as LoadedPackage } from "../load/packages.js";
import {
  type AnalyzeRequest,
  analysisProgram,
  analyzeUnit,
  newLoader,
  type ParsedFileRecord,
} from "./analyze.js";
import type { Answer, Task, WorkerData } from "./parallel.js";

const data = workerData as WorkerData;
const port = parentPort!;
const module = (await import(data.setup.module)) as { workerRequest?: (options: unknown) => AnalyzeRequest };
if (module.workerRequest === undefined) throw new Error(`${data.setup.module} has no workerRequest`);
const req = module.workerRequest(data.setup.options);
const loader = newLoader(req);
const records: ParsedFileRecord[] = [];
const program = analysisProgram(loader, data.record ? (r) => records.push(r) : null);
let all: Map<string, LoadedPackage> | null = null;

/** The package the main thread loaded: loaded again here by its directory, or from the patterns. */
function find(dir: string, importPath: string): LoadedPackage {
  const direct = loader.load([dir]).packages.find((p) => p.dir === dir && p.importPath === importPath);
  if (direct !== undefined) return direct;
  if (all === null) {
    all = new Map();
    for (const p of loader.load(req.patterns).packages) all.set(`${p.dir}\0${p.importPath}`, p);
  }
  const p = all.get(`${dir}\0${importPath}`);
  if (p === undefined) throw new Error(`worker: package ${importPath} in ${dir} not found`);
  return p;
}

port.on("message", (task: Task) => {
  let answer: Answer;
  try {
    const [result, times] = analyzeUnit(program, find(task.dir, task.importPath), req);
    answer = { index: task.index, result, times, parsed: records.splice(0) };
  } catch (e) {
    answer = { index: task.index, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(answer);
});
