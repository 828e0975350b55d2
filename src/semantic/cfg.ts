// The control-flow graph of one function body (a FuncDecl or a FuncLit), built from the syntax
// tree alone, in the manner of golang.org/x/tools/go/cfg.
//
// Blocks hold, in execution order, the statements and expressions evaluated there: simple
// statements, the condition of an `if` or `for`, a `switch` tag and its case expressions, the
// operand of a `range` (and its key and value, at the head of each iteration's body), and one
// ValueSpec per `var` specification. Control statements themselves (break, continue, goto,
// fallthrough) are not held: they are edges. Function literals are not entered; each gets its own
// graph.
//
// Shape, and where it differs from go/cfg:
// - Block 0 is the entry and block 1 the exit. Every `return` and the fall-off end of the body
//   jump to the exit; go/cfg has no exit block.
// - A call that never returns (`panic`, `os.Exit`, `log.Fatal`, `t.FailNow`, ..., as decided by
//   the caller's `mayReturn`) ends its block: the block records the call in `noReturn` and has no
//   successor, so such paths never reach the exit (there is no separate "panic exit": a panic runs
//   the deferred calls but does not return to the caller, and an analysis that asks "on every path
//   to the exit" must not count it). Code after it starts a new, dead "unreachable" block.
// - Deferred calls are listed in `defers` with the block that registers them; they run, in
//   reverse order, whenever the function returns after that block was executed (and when it
//   panics or calls runtime.Goexit, but not on os.Exit).
// - `default` of a type switch or a select gets its own body block, and a select without
//   `default` does not test its last case (the select blocks until one is ready), so it jumps to
//   that case's body unconditionally. The communication of a select case is the first node of
//   its body block (go/cfg evaluates all of them before the select).
// - A `break`, `continue` or `fallthrough` with no target, or a `goto` to a label that is never
//   defined, ends its block without an edge (the tree is ill-formed).
//
// The builder never throws on broken trees and keeps its own work stack instead of recursing, so
// that deeply nested statements cannot exhaust the JavaScript stack.

import type * as ast from "../syntax/ast.js";

export type BlockKind =
  | "entry"
  | "exit"
  | "if.then"
  | "if.else"
  | "if.done"
  | "for.body"
  | "for.loop"
  | "for.post"
  | "for.done"
  | "range.body"
  | "range.loop"
  | "range.done"
  | "switch.case"
  | "switch.body"
  | "switch.done"
  | "typeswitch.case"
  | "typeswitch.body"
  | "typeswitch.done"
  | "select.case"
  | "select.body"
  | "select.done"
  | "label"
  | "unreachable";

/** What a block holds: statements, expressions (conditions, tags, cases) and var specs. */
export type CfgNode = ast.Stmt | ast.Expr | ast.ValueSpec;

export interface Block {
  index: number;
  /** Why the block exists. */
  kind: BlockKind;
  /**
   * The statement (or case/comm clause) the block was made for; null for the entry and the exit,
   * and for a label block of a label that is referenced but never defined.
   */
  stmt: ast.Stmt | null;
  /** Statements and expressions in execution order. */
  nodes: CfgNode[];
  succs: Block[];
  preds: Block[];
  /** Reachable from the entry. */
  live: boolean;
  /** The call that ends this block without returning (panic, os.Exit, ...), or null. */
  noReturn: ast.CallExpr | null;
}

export interface DeferSite {
  stmt: ast.DeferStmt;
  /** The block that registers the deferred call. */
  block: Block;
}

export interface CFG {
  /** Every block; blocks[0] is the entry, blocks[1] the exit. */
  blocks: Block[];
  entry: Block;
  exit: Block;
  /** Every defer statement of the body (not of nested function literals), in source order. */
  defers: DeferSite[];
}

/** Decides whether a call may return normally (false for panic, os.Exit, log.Fatal, ...). */
export type MayReturn = (call: ast.CallExpr) => boolean;

/** Builds the graph of a function's body. A function without a body gets entry -> exit. */
export function buildCFG(fn: ast.FuncDecl | ast.FuncLit, mayReturn: MayReturn): CFG {
  return buildBodyCFG(fn.body, mayReturn);
}

/** Builds the graph of a function body (null: a declaration without a body). */
export function buildBodyCFG(body: ast.BlockStmt | null, mayReturn: MayReturn): CFG {
  const b = new Builder(mayReturn);
  if (body !== null) b.run(body);
  b.jump(b.exit);
  const blocks = b.blocks;
  for (const blk of blocks) for (const s of blk.succs) s.preds.push(blk);
  // Liveness: breadth-first from the entry.
  const queue: Block[] = [blocks[0]];
  blocks[0].live = true;
  for (let i = 0; i < queue.length; i++) {
    for (const s of queue[i].succs) {
      if (!s.live) {
        s.live = true;
        queue.push(s);
      }
    }
  }
  return { blocks, entry: blocks[0], exit: b.exit, defers: b.defers };
}

const FATAL_METHODS = new Set(["Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"]);
const TESTING_STOP = new Set(["FailNow", "SkipNow", "Skip", "Skipf"]);
const TESTING_RECEIVERS = new Set(["t", "b", "f", "tb"]);

/**
 * A syntactic approximation of "may return", for tests and for code without types: false for
 * `panic(...)`, `os.Exit`, `runtime.Goexit`, any `X.Fatal*`/`X.Panic*` (log and loggers), and
 * `FailNow`/`Skip*` on a receiver named t, b, f or tb.
 */
export function syntacticMayReturn(call: ast.CallExpr): boolean {
  const fun = unparen(call.fun);
  if (!fun) return true;
  if (fun.kind === "Ident") return fun.name !== "panic";
  if (fun.kind !== "SelectorExpr") return true;
  const name = fun.sel.name;
  const x = unparen(fun.x);
  if (x && x.kind === "Ident") {
    if (x.name === "os" && name === "Exit") return false;
    if (x.name === "runtime" && name === "Goexit") return false;
    if (TESTING_RECEIVERS.has(x.name) && TESTING_STOP.has(name)) return false;
  }
  return !FATAL_METHODS.has(name);
}

function unparen(e: ast.Expr): ast.Expr {
  let x = e;
  while (x !== null && x.kind === "ParenExpr") x = x.x;
  return x;
}

type Step = () => void;

interface Targets {
  tail: Targets | null;
  brk: Block | null;
  cont: Block | null;
  fall: Block | null;
}

interface LabelInfo {
  goto: Block;
  defined: boolean;
  brk: Block | null;
  cont: Block | null;
}

class Builder {
  readonly blocks: Block[] = [];
  readonly exit: Block;
  readonly defers: DeferSite[] = [];
  private current: Block;
  private readonly work: Step[] = [];
  private targets: Targets | null = null;
  private readonly labels = new Map<string, LabelInfo>();

  constructor(private readonly mayReturn: MayReturn) {
    this.current = this.newBlock("entry", null);
    this.exit = this.newBlock("exit", null);
  }

  run(body: ast.BlockStmt): void {
    this.sync(body);
  }

  jump(to: Block): void {
    this.current.succs.push(to);
  }

  private newBlock(kind: BlockKind, stmt: ast.Stmt | null): Block {
    const blk: Block = {
      index: this.blocks.length,
      kind,
      stmt,
      nodes: [],
      succs: [],
      preds: [],
      live: false,
      noReturn: null,
    };
    this.blocks.push(blk);
    return blk;
  }

  private add(n: CfgNode | null): void {
    if (n !== null && n !== undefined) this.current.nodes.push(n);
  }

  private ifelse(t: Block, f: Block): void {
    this.current.succs.push(t, f);
  }

  /** Schedules steps to run next, in order. */
  private seq(steps: readonly (Step | null)[]): void {
    for (let i = steps.length - 1; i >= 0; i--) {
      const s = steps[i];
      if (s !== null) this.work.push(s);
    }
  }

  private stmtStep(s: ast.Stmt | null, label: LabelInfo | null = null): Step | null {
    return s === null || s === undefined ? null : () => this.stmt(s, label);
  }

  /** Builds a statement completely before returning (for headers: init, post, comm). */
  private sync(s: ast.Stmt | null): void {
    if (s === null || s === undefined) return;
    const mark = this.work.length;
    this.stmt(s, null);
    while (this.work.length > mark) this.work.pop()!();
  }

  /** Schedules a statement list under new branch targets, then `after`. */
  private withTargets(t: Omit<Targets, "tail">, list: readonly ast.Stmt[], after: Step): void {
    let saved: Targets | null = null;
    const steps: Step[] = [
      () => {
        saved = this.targets;
        this.targets = { tail: saved, ...t };
      },
    ];
    for (const s of list ?? []) {
      const st = this.stmtStep(s);
      if (st !== null) steps.push(st);
    }
    steps.push(() => {
      this.targets = saved;
      after();
    });
    this.seq(steps);
  }

  private label(name: string): LabelInfo {
    let lb = this.labels.get(name);
    if (lb === undefined) {
      lb = { goto: this.newBlock("label", null), defined: false, brk: null, cont: null };
      this.labels.set(name, lb);
    }
    return lb;
  }

  private findTarget(pick: (t: Targets) => Block | null): Block | null {
    for (let t = this.targets; t !== null; t = t.tail) {
      const b = pick(t);
      if (b !== null) return b;
    }
    return null;
  }

  private stmt(s: ast.Stmt, label: LabelInfo | null): void {
    switch (s.kind) {
      case "EmptyStmt":
        return;
      case "BadStmt":
      case "SendStmt":
      case "IncDecStmt":
      case "AssignStmt":
      case "GoStmt":
        this.add(s);
        return;
      case "DeferStmt":
        this.add(s);
        this.defers.push({ stmt: s, block: this.current });
        return;
      case "ExprStmt": {
        this.add(s);
        const x = s.x ? unparen(s.x) : null;
        if (x !== null && x.kind === "CallExpr" && !this.mayReturn(x)) {
          this.current.noReturn = x;
          this.current = this.newBlock("unreachable", s);
        }
        return;
      }
      case "DeclStmt":
        if (s.decl && s.decl.kind === "GenDecl" && s.decl.tok === "var") {
          for (const spec of s.decl.specs) if (spec.kind === "ValueSpec") this.add(spec);
        }
        return;
      case "ReturnStmt":
        this.add(s);
        this.jump(this.exit);
        this.current = this.newBlock("unreachable", s);
        return;
      case "LabeledStmt": {
        const lb = s.label ? this.label(s.label.name) : null;
        if (lb !== null) {
          if (!lb.defined) {
            lb.defined = true;
            lb.goto.stmt = s;
          }
          this.jump(lb.goto);
          this.current = lb.goto;
        }
        this.seq([this.stmtStep(s.stmt, lb)]);
        return;
      }
      case "BranchStmt":
        this.branch(s);
        return;
      case "BlockStmt":
        this.seq((s.list ?? []).map((x) => this.stmtStep(x)));
        return;
      case "CaseClause":
      case "CommClause":
        // Only in a broken tree: a clause outside its switch or select.
        this.seq((s.body ?? []).map((x) => this.stmtStep(x)));
        return;
      case "IfStmt":
        this.ifStmt(s);
        return;
      case "SwitchStmt":
        this.switchStmt(s, label);
        return;
      case "TypeSwitchStmt":
        this.typeSwitchStmt(s, label);
        return;
      case "SelectStmt":
        this.selectStmt(s, label);
        return;
      case "ForStmt":
        this.forStmt(s, label);
        return;
      case "RangeStmt":
        this.rangeStmt(s, label);
        return;
      default:
        this.add(s);
    }
  }

  private branch(s: ast.BranchStmt): void {
    const name = s.label ? s.label.name : null;
    let target: Block | null = null;
    switch (s.tok) {
      case "break":
        target = name !== null ? (this.labels.get(name)?.brk ?? null) : this.findTarget((t) => t.brk);
        break;
      case "continue":
        target = name !== null ? (this.labels.get(name)?.cont ?? null) : this.findTarget((t) => t.cont);
        break;
      case "fallthrough":
        target = this.findTarget((t) => t.fall);
        break;
      case "goto":
        target = name !== null ? this.label(name).goto : null;
        break;
    }
    if (target !== null) this.jump(target);
    this.current = this.newBlock("unreachable", s);
  }

  private ifStmt(s: ast.IfStmt): void {
    this.sync(s.init);
    const then = this.newBlock("if.then", s);
    const done = this.newBlock("if.done", s);
    const hasElse = s.else !== null && s.else !== undefined;
    const els = hasElse ? this.newBlock("if.else", s) : done;
    this.add(s.cond);
    this.ifelse(then, els);
    this.current = then;
    this.seq([
      this.stmtStep(s.body),
      () => {
        this.jump(done);
        this.current = els;
      },
      hasElse ? this.stmtStep(s.else) : null,
      () => {
        if (hasElse) this.jump(done);
        this.current = done;
      },
    ]);
  }

  private switchStmt(s: ast.SwitchStmt, label: LabelInfo | null): void {
    this.sync(s.init);
    this.add(s.tag);
    const done = this.newBlock("switch.done", s);
    if (label !== null) label.brk = done;
    const clauses = clausesOf<ast.CaseClause>(s.body, "CaseClause");
    // As in go/cfg, the default clause is tested last, and each case's body block is made before
    // the next case's tests so that `fallthrough` can target the next body in source order.
    let fallthru: Block | null = null;
    let dflt: { clause: ast.CaseClause; body: Block; fall: Block } | null = null;
    const steps: Step[] = clauses.map((cc, i) => () => {
      const body = fallthru ?? this.newBlock("switch.body", cc);
      fallthru = i + 1 < clauses.length ? this.newBlock("switch.body", clauses[i + 1]) : done;
      if (cc.list === null) {
        dflt = { clause: cc, body, fall: fallthru };
        return;
      }
      let next = this.current;
      for (const e of cc.list) {
        next = this.newBlock("switch.case", cc);
        this.add(e);
        this.ifelse(body, next);
        this.current = next;
      }
      this.current = body;
      this.withTargets({ brk: done, cont: null, fall: fallthru }, cc.body, () => {
        this.jump(done);
        this.current = next;
      });
    });
    steps.push(() => {
      const d = dflt as { clause: ast.CaseClause; body: Block; fall: Block } | null;
      if (d === null) {
        this.jump(done);
        this.current = done;
        return;
      }
      this.jump(d.body);
      this.current = d.body;
      this.withTargets({ brk: done, cont: null, fall: d.fall }, d.clause.body, () => {
        this.jump(done);
        this.current = done;
      });
    });
    this.seq(steps);
  }

  private typeSwitchStmt(s: ast.TypeSwitchStmt, label: LabelInfo | null): void {
    this.sync(s.init);
    this.sync(s.assign);
    const done = this.newBlock("typeswitch.done", s);
    if (label !== null) label.brk = done;
    const clauses = clausesOf<ast.CaseClause>(s.body, "CaseClause");
    const dflt = clauses.find((cc) => cc.list === null) ?? null;
    const steps: Step[] = clauses
      .filter((cc) => cc.list !== null)
      .map((cc) => () => {
        const body = this.newBlock("typeswitch.body", cc);
        // The case types are not evaluated, so the test blocks hold nothing.
        for (const _ of cc.list ?? []) {
          const next = this.newBlock("typeswitch.case", cc);
          this.ifelse(body, next);
          this.current = next;
        }
        const after = this.current;
        this.current = body;
        this.withTargets({ brk: done, cont: null, fall: null }, cc.body, () => {
          this.jump(done);
          this.current = after;
        });
      });
    steps.push(() => this.defaultClause(dflt, "typeswitch.body", done));
    this.seq(steps);
  }

  private defaultClause(clause: ast.CaseClause | ast.CommClause | null, kind: BlockKind, done: Block): void {
    if (clause === null) {
      this.jump(done);
      this.current = done;
      return;
    }
    const body = this.newBlock(kind, clause);
    this.jump(body);
    this.current = body;
    this.withTargets({ brk: done, cont: null, fall: null }, clause.body, () => {
      this.jump(done);
      this.current = done;
    });
  }

  private selectStmt(s: ast.SelectStmt, label: LabelInfo | null): void {
    const done = this.newBlock("select.done", s);
    if (label !== null) label.brk = done;
    const clauses = clausesOf<ast.CommClause>(s.body, "CommClause");
    const dflt = clauses.find((cc) => cc.comm === null) ?? null;
    const cases = clauses.filter((cc) => cc.comm !== null);
    const steps: Step[] = cases.map((cc, i) => () => {
      const body = this.newBlock("select.body", cc);
      let next: Block | null = null;
      if (dflt === null && i === cases.length - 1) {
        this.jump(body);
      } else {
        next = this.newBlock("select.case", cc);
        this.ifelse(body, next);
      }
      this.current = body;
      this.sync(cc.comm);
      this.withTargets({ brk: done, cont: null, fall: null }, cc.body, () => {
        this.jump(done);
        this.current = next ?? done;
      });
    });
    steps.push(() => {
      if (dflt !== null) this.defaultClause(dflt, "select.body", done);
      // Without default, the last case was taken unconditionally; `select {}` blocks forever.
      else this.current = done;
    });
    this.seq(steps);
  }

  private forStmt(s: ast.ForStmt, label: LabelInfo | null): void {
    this.sync(s.init);
    const body = this.newBlock("for.body", s);
    const done = this.newBlock("for.done", s);
    const loop = s.cond ? this.newBlock("for.loop", s) : body;
    const cont = s.post ? this.newBlock("for.post", s) : loop;
    if (label !== null) {
      label.brk = done;
      label.cont = cont;
    }
    this.jump(loop);
    this.current = loop;
    if (loop !== body) {
      this.add(s.cond);
      this.ifelse(body, done);
      this.current = body;
    }
    this.withTargets({ brk: done, cont, fall: null }, s.body ? [s.body] : [], () => {
      this.jump(cont);
      if (s.post) {
        this.current = cont;
        this.sync(s.post);
        this.jump(loop);
      }
      this.current = done;
    });
  }

  private rangeStmt(s: ast.RangeStmt, label: LabelInfo | null): void {
    this.add(s.x);
    const loop = this.newBlock("range.loop", s);
    this.jump(loop);
    this.current = loop;
    const body = this.newBlock("range.body", s);
    const done = this.newBlock("range.done", s);
    this.ifelse(body, done);
    this.current = body;
    // The key and value are assigned at the start of each iteration.
    this.add(s.key);
    this.add(s.value);
    if (label !== null) {
      label.brk = done;
      label.cont = loop;
    }
    this.withTargets({ brk: done, cont: loop, fall: null }, s.body ? [s.body] : [], () => {
      this.jump(loop);
      this.current = done;
    });
  }
}

function clausesOf<C extends ast.CaseClause | ast.CommClause>(
  body: ast.BlockStmt | null,
  kind: C["kind"],
): C[] {
  const out: C[] = [];
  for (const s of body?.list ?? []) if (s.kind === kind) out.push(s as C);
  return out;
}

/**
 * A stable text of the graph, for tests and debugging: one `.N: kind -> succs` line per block
 * (` [dead]` when unreachable from the entry, ` [noreturn]` when it ends in a call that does not
 * return), its nodes' source text indented below, then one `defer .N: call` line per defer.
 */
export function format(cfg: CFG, src: string | Uint8Array): string {
  const bytes = typeof src === "string" ? Buffer.from(src, "utf8") : Buffer.from(src);
  const text = (n: CfgNode): string => {
    if (!(n.pos >= 0 && n.end >= n.pos && n.end <= bytes.length)) return `<${n.kind}>`;
    return bytes.toString("utf8", n.pos, n.end).replace(/\s+/g, " ");
  };
  const lines: string[] = [];
  for (const b of cfg.blocks) {
    let head = `.${b.index}: ${b.kind}`;
    if (!b.live) head += " [dead]";
    if (b.noReturn !== null) head += " [noreturn]";
    if (b.succs.length > 0) head += ` -> ${b.succs.map((s) => s.index).join(" ")}`;
    lines.push(head);
    for (const n of b.nodes) lines.push(`  ${text(n)}`);
  }
  for (const d of cfg.defers) lines.push(`defer .${d.block.index}: ${text(d.stmt.call)}`);
  return `${lines.join("\n")}\n`;
}
