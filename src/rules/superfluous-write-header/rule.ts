import { enclosingFunc, unparen } from "../../analysis/astutil.js";
import { type Flow, flowOf } from "../../analysis/flow.js";
import { type ResponseWrite, reassigns, responseWriterVar, writesIn } from "../../analysis/responsewrite.js";
import { defineRule } from "../../analysis/rule.js";
import type { Block } from "../../semantic/cfg.js";
import type { Var } from "../../semantic/objects.js";
import type { SemanticModel } from "../../semantic/semantic-model.js";
import type * as ast from "../../syntax/ast.js";

/**
 * What is known before a point: null when no path reaches it yet (top), an empty list when some
 * path reaches it without a write to the response, else the writes that may be the last one
 * (every path has written).
 */
type Written = readonly ResponseWrite[] | null;

function meet(a: Written, b: Written): Written {
  if (a === null) return b;
  if (b === null) return a;
  if (a.length === 0 || b.length === 0) return [];
  const out = [...a];
  for (const x of b) if (!out.includes(x)) out.push(x);
  return out;
}

function sameWritten(a: Written, b: Written): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * For every write to `w` in the function, what is known just before it: a must-analysis over the
 * graph ("on every path from the entry, the response was written"). Cached per function and writer.
 */
const cache = new WeakMap<Flow, Map<Var, Map<ast.CallExpr, Written>>>();

function writtenBefore(sem: SemanticModel, flow: Flow, w: Var): Map<ast.CallExpr, Written> {
  let byVar = cache.get(flow);
  if (byVar === undefined) {
    byVar = new Map();
    cache.set(flow, byVar);
  }
  const known = byVar.get(w);
  if (known !== undefined) return known;
  const blocks = flow.cfg.blocks;
  // the writes and reassignments of each block, once
  type Step = { kind: "write"; write: ResponseWrite } | { kind: "reset" };
  const steps = new Map<Block, Step[]>();
  for (const b of blocks) {
    if (!b.live) continue;
    const list: Step[] = [];
    for (const node of b.nodes) {
      for (const write of writesIn(sem, node, w, flow.parents)) list.push({ kind: "write", write });
      if (reassigns(sem, node, w)) list.push({ kind: "reset" });
    }
    steps.set(b, list);
  }
  const before = new Map<ast.CallExpr, Written>();
  const transfer = (b: Block, state: Written, record: boolean): Written => {
    let s = state;
    for (const step of steps.get(b) ?? []) {
      if (step.kind === "reset") {
        s = [];
        continue;
      }
      if (record) before.set(step.write.call, s);
      if (step.write.certain) s = [step.write];
    }
    return s;
  };
  const inState = new Map<Block, Written>();
  const outState = new Map<Block, Written>();
  inState.set(flow.cfg.entry, []);
  const work: Block[] = [flow.cfg.entry];
  const queued = new Set<Block>(work);
  let rounds = 0;
  while (work.length > 0 && rounds++ < 100_000) {
    const b = work.shift()!;
    queued.delete(b);
    let s: Written = b === flow.cfg.entry ? [] : null;
    for (const p of b.preds) if (p.live) s = meet(s, outState.get(p) ?? null);
    inState.set(b, s);
    const out = transfer(b, s, false);
    if (outState.has(b) && sameWritten(outState.get(b) ?? null, out)) continue;
    outState.set(b, out);
    for (const succ of b.succs) {
      if (!queued.has(succ)) {
        queued.add(succ);
        work.push(succ);
      }
    }
  }
  for (const b of blocks) if (b.live) transfer(b, inState.get(b) ?? null, true);
  byVar.set(w, before);
  return before;
}

export default defineRule({
  name: "superfluous-write-header",
  category: "http",
  severity: "warning",
  needs: ["resolution", "types", "flow"],
  imports: ["net/http"],
  // Tests are left alone: server tests write a second status on purpose, to exercise net/http.
  skipTests: true,
  docs: {
    summary: "w.WriteHeader after the response was already written: the status is ignored",
    details:
      "An HTTP response's status line is sent once. `w.Write` sends it (with 200 OK) before the first byte of the " +
      "body if `WriteHeader` was not called yet, and so do `fmt.Fprint*(w, ...)`, `io.WriteString`, `http.Error`, " +
      "`http.Redirect` and an earlier `WriteHeader`. A `WriteHeader` after that has no effect: the client sees the " +
      'first status, and net/http only logs "http: superfluous response.WriteHeader call". The usual slips are ' +
      "writing the body before the status (`w.Write(b); w.WriteHeader(http.StatusCreated)`), setting an error " +
      "status when a write fails (the status is long gone by then), and an error branch that falls through to the " +
      "success path without `return`. Call `WriteHeader` before the first write, and set headers before both. The " +
      "rule reports a `WriteHeader` only when on every path that reaches it the same writer was certainly written " +
      "before; writes that may write nothing (`io.Copy` from an empty reader, a template or encoder whose error is " +
      "checked, another handler) do not count, and an informational 1xx status does not either. Test files are " +
      "left alone: server tests write a second status on purpose.",
    bad: `package api

import "net/http"

func create(w http.ResponseWriter, r *http.Request) {
	_, _ = w.Write([]byte("created"))
	w.WriteHeader(http.StatusCreated)
}
`,
    good: `package api

import "net/http"

func create(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusCreated)
	_, _ = w.Write([]byte("created"))
}
`,
    source:
      '001 #80 ("http: superfluous response.WriteHeader call"); net/http ResponseWriter.WriteHeader docs',
  },
  create(ctx) {
    const sem = ctx.sem;
    return {
      CallExpr(call) {
        const fun = unparen(call.fun);
        if (fun.kind !== "SelectorExpr" || fun.sel.name !== "WriteHeader") return;
        const w = responseWriterVar(sem, fun.x);
        if (w === null) return;
        const fn = enclosingFunc(ctx.ancestors);
        if (fn === null) return;
        const before = writtenBefore(sem, flowOf(sem, fn), w).get(call);
        if (before === undefined || before === null || before.length === 0) return;
        // the first of the writes that may be the last before it names the cause
        const prior = [...before].sort((a, b) => a.call.pos - b.call.pos)[0]!;
        const line = ctx.source.lineOf(prior.call.pos);
        const how = prior.setsStatus ? "which set the status" : "which sent the status line (200 OK)";
        ctx.report(
          call,
          `${ctx.source.decode(fun.pos, fun.end)} has no effect: on every path to it the response was already written by ${prior.name} at line ${line}, ${how}; net/http only logs "superfluous response.WriteHeader call". Call WriteHeader before the first write`,
          [{ pos: prior.call.pos, end: prior.call.end, message: "the response is written here" }],
        );
      },
    };
  },
});
