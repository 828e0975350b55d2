import { enclosingFunc, isNamedType, unparen } from "../../analysis/astutil.js";
import {
  canLeaveLoop,
  clausesOf,
  commOf,
  type GoroutineLaunch,
  launchesOf,
  loopHead,
} from "../../analysis/channels.js";
import { type FuncNode, flowOf } from "../../analysis/flow.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type * as ast from "../../syntax/ast.js";

/** A doc comment saying the function is meant to run for the life of the process. */
const RUNS_FOREVER =
  /\b(forever|never (returns|exits|stops|terminates)|does not return|doesn't return|for the (life|lifetime|duration) of the (program|process|application|server)|until the (program|process) (exits|ends|terminates))\b/i;

/** The select statements at the top of a loop body (also behind labels). */
function topSelects(body: ast.BlockStmt): ast.SelectStmt[] {
  const out: ast.SelectStmt[] = [];
  for (let s of body.list) {
    while (s.kind === "LabeledStmt") s = s.stmt;
    if (s.kind === "SelectStmt") out.push(s);
  }
  return out;
}

/**
 * Whether every start of the goroutine is one that lives as long as the process by design: in
 * `init`, or in `main` of package main, or outside any function (a package-level initializer).
 */
function processLifetime(starts: readonly GoroutineLaunch[]): boolean {
  return starts.every((st) => {
    if (st.decl === null) return true;
    if (st.decl.recv !== null) return false;
    if (st.decl.name.name === "init") return true;
    return st.decl.name.name === "main" && st.file.name.name === "main";
  });
}

/** Whether every case of a select communicates on a package-level variable. */
function servesPackageChannels(ctx: RuleContext, s: ast.SelectStmt): boolean {
  let any = false;
  for (const c of clausesOf(s)) {
    const comm = commOf(c);
    if (comm === null) continue;
    const x = unparen(comm.chan);
    const obj = x.kind === "Ident" ? ctx.sem.objectOf(x) : null;
    if (obj === null || obj.kind !== "Var" || obj.parent !== obj.pkg?.scope) return false;
    any = true;
  }
  return any;
}

/** A ticker's channel: `time.Tick(d)`, `t.C` of a *time.Ticker. */
function isTickerChannel(ctx: RuleContext, x: ast.Expr): boolean {
  const e = unparen(x);
  if (e.kind === "CallExpr") return ctx.sem.isCallTo(e, "time.Tick");
  return (
    e.kind === "SelectorExpr" && e.sel.name === "C" && isNamedType(ctx.sem.typeOf(e.x), "time.Ticker", true)
  );
}

/** What the loop waits on, for the message: `jobs`, `ticker.C`, `send on out`. */
function waitsOn(ctx: RuleContext, loop: ast.ForStmt | ast.RangeStmt, selects: ast.SelectStmt[]): string {
  const text = (x: ast.Node): string => ctx.source.decode(x.pos, x.end).replace(/\s+/g, " ");
  if (loop.kind === "RangeStmt") return text(loop.x);
  const parts: string[] = [];
  for (const s of selects) {
    for (const c of clausesOf(s)) {
      const comm = commOf(c);
      if (comm === null) continue;
      parts.push(comm.op === "send" ? `a send on ${text(comm.chan)}` : text(comm.chan));
    }
  }
  if (parts.length === 0) return "nothing";
  if (parts.length > 4) return `${parts.slice(0, 4).join(", ")}, ...`;
  return parts.join(", ");
}

function check(ctx: RuleContext, loop: ast.ForStmt | ast.RangeStmt): void {
  let selects: ast.SelectStmt[] = [];
  let neverEnds = false;
  if (loop.kind === "ForStmt") {
    if (loop.cond !== null) return;
    selects = topSelects(loop.body);
    if (selects.length === 0) return;
  } else {
    if (!isTickerChannel(ctx, loop.x)) return;
    neverEnds = true;
  }
  const fn: FuncNode | null = enclosingFunc(ctx.ancestors);
  if (fn === null) return;
  const starts = launchesOf(ctx.sem, fn);
  if (starts.length === 0) return;
  if (processLifetime(starts)) return;
  if (
    fn.kind === "FuncDecl" &&
    fn.doc !== null &&
    RUNS_FOREVER.test(fn.doc.list.map((c) => c.text).join("\n"))
  )
    return;
  // a goroutine that serves package-level channels is the package's own, for the process's life
  if (selects.length > 0 && selects.every((s) => servesPackageChannels(ctx, s))) return;
  const flow = flowOf(ctx.sem, fn);
  const head = loopHead(flow, loop);
  if (head === null || !head.live) return;
  if (canLeaveLoop(flow, loop, head, { rangeNeverEnds: neverEnds })) return;
  const what = waitsOn(ctx, loop, selects);
  const shape = loop.kind === "RangeStmt" ? "range loop over a ticker" : "for-select loop";
  ctx.report(
    { pos: loop.pos, end: loop.body.pos },
    `this goroutine's ${shape} (waiting on ${what}) has no way out: no path returns or breaks out of it, so the goroutine can never be stopped and leaks with everything it holds; add a case on ctx.Done() or a quit channel that returns`,
  );
}

export default defineRule({
  name: "for-select-no-exit",
  category: "concurrency",
  severity: "warning",
  needs: ["syntax", "flow"],
  skipTests: true,
  docs: {
    summary:
      "A goroutine's for-select loop (or range over a ticker) that no path leaves: the goroutine can never be stopped",
    details:
      "A goroutine lives until its function returns. A worker written as `for { select { ... } }`, or as `for range " +
      "ticker.C`, with no `return`, no `break` out of the loop and no case on a stop signal, runs until the process " +
      "exits: when the component that started it is closed, restarted or started again per request, the old " +
      "goroutine stays behind with its ticker, its buffers and everything its closure captured. Such leaks grow " +
      "slowly and show up only in `pprof`'s goroutine profile, thousands of goroutines parked in the same `select`. " +
      "Every goroutine needs an explicit way out: select on `ctx.Done()` (or a `quit`/`done` channel the owner " +
      "closes) and return there; for a ticker loop, put the ticker's channel in a `select` beside the stop signal, " +
      "and `defer ticker.Stop()`. The rule follows the control-flow graph of the goroutine's function (a `go` " +
      "statement's literal, a function of the package started with `go` or `errgroup.Go`, or one a goroutine's " +
      "literal calls): a `return`, a labeled `break` or `goto` out of the loop, a `panic` or a call that never " +
      "returns all count as a way out (an unlabeled `break` in a `select` case only leaves the `select`). It is " +
      "silent for goroutines started in `init` or in `main` of package main, which live as long as the process by " +
      "design, for functions whose doc comment says they run forever, and in tests.",
    bad: `package worker

import "time"

type Cache struct {
	items map[string]string
	evict chan string
}

func (c *Cache) Start() {
	go c.loop()
}

func (c *Cache) loop() {
	ticker := time.NewTicker(time.Minute)
	defer ticker.Stop()
	for {
		select {
		case key := <-c.evict:
			delete(c.items, key)
		case <-ticker.C:
			c.items = map[string]string{}
		}
	}
}
`,
    good: `package worker

import (
	"context"
	"time"
)

type Cache struct {
	items map[string]string
	evict chan string
}

func (c *Cache) Start(ctx context.Context) {
	go c.loop(ctx)
}

func (c *Cache) loop(ctx context.Context) {
	ticker := time.NewTicker(time.Minute)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case key := <-c.evict:
			delete(c.items, key)
		case <-ticker.C:
			c.items = map[string]string{}
		}
	}
}
`,
    source: '003 ch.1 ("所有 goroutine 是否有明确退出路径"), ch.5; 004 §2.2, §2.4',
  },
  create(ctx) {
    return {
      ForStmt(loop) {
        check(ctx, loop);
      },
      RangeStmt(loop) {
        check(ctx, loop);
      },
    };
  },
});
