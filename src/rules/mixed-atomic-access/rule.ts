import { unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { Func, Obj } from "../../semantic/objects.js";
import type { SemanticModel } from "../../semantic/semantic-model.js";
import type * as ast from "../../syntax/ast.js";
import { forEachChild, inspect } from "../../syntax/walk.js";

const atomicPath = "sync/atomic";
const updatePrefixes = ["Add", "Store", "Swap", "CompareAndSwap", "And", "Or"];
const suffixes = ["Int32", "Int64", "Uint32", "Uint64", "Uintptr", "Pointer"];

/** A variable or field updated by a sync/atomic function somewhere in the package. */
interface AtomicUpdate {
  /** The function, e.g. AddInt64. */
  fn: string;
  /** Its type suffix, e.g. Int64. */
  suffix: string;
  /** The innermost functions that make atomic updates of the variable. */
  funcs: Set<ast.Node>;
  /** Whether an update's result is compared with zero: a reference count. */
  refcount: boolean;
}

function isZeroLit(e: ast.Expr): boolean {
  const x = unparen(e);
  return x.kind === "BasicLit" && x.value === "0";
}

/** Whether the call at path[i] is compared with zero: `atomic.AddInt32(&n, -1) == 0`. */
function comparedWithZero(path: readonly ast.Node[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && path[j]!.kind === "ParenExpr") j--;
  const p = path[j];
  if (p?.kind !== "BinaryExpr" || !["==", "!=", "<", "<=", ">", ">="].includes(p.op)) return false;
  return isZeroLit(p.x) || isZeroLit(p.y);
}

/** The sync/atomic function a call calls, or null. */
function atomicCallee(sem: SemanticModel, call: ast.CallExpr): Func | null {
  const f = sem.callee(call);
  return f !== null && f.pkg?.path === atomicPath && f.signature()?.recv === null ? f : null;
}

/** The variable or field `&x` designates, or null. */
function addressedObject(sem: SemanticModel, x: ast.Expr): Obj | null {
  const e = unparen(x);
  if (e.kind !== "UnaryExpr" || e.op !== "&") return null;
  const target = unparen(e.x);
  const id = target.kind === "Ident" ? target : target.kind === "SelectorExpr" ? target.sel : null;
  if (id === null) return null;
  const obj = sem.objectOf(id);
  return obj !== null && obj.kind === "Var" ? obj : null;
}

/** The nodes from `root` down to `target` (an identifier at a known position), or null if it is not there. */
function pathTo(root: ast.Node, target: ast.Ident): ast.Node[] | null {
  const path: ast.Node[] = [];
  let node: ast.Node | null = root;
  while (node !== null) {
    path.push(node);
    if (node === target) return path;
    let next: ast.Node | null = null;
    forEachChild(node, (c) => {
      if (next === null && c.pos <= target.pos && target.pos < c.end) next = c;
    });
    node = next;
  }
  return null;
}

const updatesCache = new WeakMap<SemanticModel, Map<Obj, AtomicUpdate>>();

const runtimeLinkedCache = new WeakMap<SemanticModel, boolean>();

/**
 * Whether the package declares functions without a body (implemented in the runtime or in
 * assembly and linked in, such as sync's runtime_procPin or internal/poll's runtime_Semacquire):
 * such a package orders its memory accesses through the runtime (pinning, stopped worlds,
 * semaphores) in ways not visible here, and its plain accesses are deliberate.
 */
function runtimeLinked(sem: SemanticModel): boolean {
  let linked = runtimeLinkedCache.get(sem);
  if (linked === undefined) {
    linked = sem.checked.files.some((f) =>
      f.file.decls.some((d) => d.kind === "FuncDecl" && d.body === null),
    );
    runtimeLinkedCache.set(sem, linked);
  }
  return linked;
}

/**
 * The package's variables and fields updated with sync/atomic functions, found from the uses of
 * those functions (each call reached by descending to it, not by walking the package).
 */
function atomicUpdates(sem: SemanticModel): Map<Obj, AtomicUpdate> {
  const cached = updatesCache.get(sem);
  if (cached !== undefined) return cached;
  const out = new Map<Obj, AtomicUpdate>();
  updatesCache.set(sem, out);
  const pkg = sem.checked.pkg.imports.find((p) => p.path === atomicPath);
  if (pkg === undefined) return out;
  for (const prefix of updatePrefixes) {
    for (const suffix of suffixes) {
      const fn = pkg.scope.lookup(prefix + suffix);
      if (fn === null) continue;
      for (const use of sem.uses(fn)) {
        for (const f of sem.checked.files) {
          const path = pathTo(f.file, use);
          if (path === null) continue;
          const ci = path.findLastIndex((n) => n.kind === "CallExpr");
          const call = path[ci];
          if (call !== undefined && call.kind === "CallExpr" && call.args.length > 0) {
            const obj = addressedObject(sem, call.args[0]!);
            const fn = path.findLast((n) => n.kind === "FuncDecl" || n.kind === "FuncLit");
            if (obj !== null) {
              let u = out.get(obj);
              if (u === undefined) {
                u = { fn: prefix + suffix, suffix, funcs: new Set(), refcount: false };
                out.set(obj, u);
              }
              if (fn !== undefined) u.funcs.add(fn);
              if (prefix === "Add" && comparedWithZero(path, ci)) u.refcount = true;
            }
          }
          break;
        }
      }
    }
  }
  return out;
}

/** Whether a node is `x = atomic.AddT(&x, ...)`'s x: reported as a direct assignment instead. */
function isAssignedAtomicResult(sem: SemanticModel, assign: ast.AssignStmt, lhs: ast.Node): boolean {
  const i = assign.lhs.indexOf(lhs as ast.Expr);
  if (i < 0 || assign.lhs.length !== assign.rhs.length) return false;
  const rhs = unparen(assign.rhs[i]!);
  return rhs.kind === "CallExpr" && atomicCallee(sem, rhs) !== null;
}

const waitCalls = ["(*sync.WaitGroup).Wait", "(*golang.org/x/sync/errgroup.Group).Wait"];

/** End positions of WaitGroup and errgroup Wait calls in a function, cached per function. */
function waitEnds(
  ctx: RuleContext,
  cache: Map<ast.Node, number[]>,
  fn: ast.FuncDecl | ast.FuncLit,
): number[] {
  let ends = cache.get(fn);
  if (ends === undefined) {
    const found: number[] = [];
    if (fn.body !== null) {
      inspect(fn.body, (n) => {
        if (n.kind === "FuncLit") return false;
        if (n.kind === "CallExpr" && ctx.sem.isCallTo(n, ...waitCalls)) found.push(n.end);
        return true;
      });
    }
    ends = found;
    cache.set(fn, ends);
  }
  return ends;
}

function sameText(ctx: RuleContext, a: ast.Node, b: ast.Node): boolean {
  const text = (n: ast.Node) => ctx.source.decode(n.pos, n.end).replace(/\s+/g, "");
  return text(a) === text(b);
}

export default defineRule({
  name: "mixed-atomic-access",
  category: "concurrency",
  severity: "error",
  needs: ["resolution", "types"],
  imports: [atomicPath],
  docs: {
    summary: "A variable updated with sync/atomic is also read or written without it",
    details:
      "Atomic functions make an access safe only if every concurrent access to the same word is " +
      "atomic too. A counter incremented with `atomic.AddInt64(&s.n, 1)` in one goroutine and read " +
      "as `s.n` in another is a data race: the plain read may see a stale or, on 32-bit platforms, " +
      "a torn value, and the race detector reports it. Worse is `x = atomic.AddInt64(&x, 1)`, which " +
      "undoes the atomic update with a plain store. Read with `atomic.LoadInt64`, write with " +
      "`atomic.StoreInt64`, or, from Go 1.19, declare the field as an `atomic.Int64` so that no plain " +
      "access can be written. Initialization in a composite literal, and reads that follow a " +
      "`WaitGroup.Wait` or errgroup `Wait` in the same function (which orders them after the " +
      "updates), are not reported, and neither are accesses in the function that makes the atomic " +
      "update, in constructors and initializers (`newT`, `NewT`, `init`, `Init`) and in test files, " +
      "which commonly run before the value is shared or after it no longer is. A read into the " +
      "blank identifier (`_ = x.n`, a hint to the race detector) is not reported either, and " +
      "neither is a package that declares functions without a body (implemented in the runtime or " +
      "in assembly, as in `sync` and `internal/poll`): it orders accesses through the runtime, by " +
      "pinning, semaphores or a stopped world, in ways the rule cannot see. Nor is a reference count " +
      "(a variable whose atomic `Add` result is compared with zero) set to zero: that happens when " +
      "the last reference is gone, as an object is recycled, or before any is taken.",
    bad: `package stats

import "sync/atomic"

type Stats struct {
	hits int64
}

func (s *Stats) Hit() { atomic.AddInt64(&s.hits, 1) }

func (s *Stats) Hits() int64 { return s.hits }
`,
    good: `package stats

import "sync/atomic"

type Stats struct {
	hits int64
}

func (s *Stats) Hit() { atomic.AddInt64(&s.hits, 1) }

func (s *Stats) Hits() int64 { return atomic.LoadInt64(&s.hits) }
`,
    source: "seed 004 §4.3 (atomic operations); go vet atomic; the race detector",
  },
  create(ctx) {
    const waits = new Map<ast.Node, number[]>();
    // tests read counters once their goroutines are done, synchronized in ways not seen here
    const skipFile = ctx.source.name.endsWith("_test.go");
    return {
      AssignStmt(assign) {
        if (assign.tok !== "=" || assign.lhs.length !== assign.rhs.length) return;
        assign.rhs.forEach((r, i) => {
          const call = unparen(r);
          if (call.kind !== "CallExpr" || call.args.length !== 2) return;
          const fn = atomicCallee(ctx.sem, call);
          if (fn === null || !fn.name.startsWith("Add")) return;
          const lhs = assign.lhs[i]!;
          const arg = unparen(call.args[0]!);
          const broken =
            arg.kind === "UnaryExpr" && arg.op === "&"
              ? sameText(ctx, lhs, arg.x)
              : lhs.kind === "StarExpr" && sameText(ctx, lhs.x, arg);
          if (broken)
            ctx.report(
              lhs,
              `direct assignment to atomic value: atomic.${fn.name} already stores the sum, and the plain ` +
                `assignment races with other atomic updates; call atomic.${fn.name} without assigning its result`,
            );
        });
      },
      Ident(id) {
        if (skipFile) return;
        const updates = atomicUpdates(ctx.sem);
        if (updates.size === 0 || ctx.sem.info.defs.has(id) || runtimeLinked(ctx.sem)) return;
        const obj = ctx.sem.info.uses.get(id);
        if (obj === undefined) return;
        const update = updates.get(obj);
        if (update === undefined) return;
        const anc = ctx.ancestors;
        let i = anc.length - 1;
        let access: ast.Node = id;
        let parent = anc[i];
        if (parent?.kind === "SelectorExpr") {
          if (parent.sel !== id) return;
          access = parent;
          parent = anc[--i];
        }
        while (parent?.kind === "ParenExpr") {
          access = parent;
          parent = anc[--i];
        }
        if (parent === undefined) return;
        const fd = anc.findLast((n) => n.kind === "FuncDecl");
        // constructors and initializers run before the value is shared
        if (fd?.kind === "FuncDecl" && /^(init|Init|new|New)([A-Z_]|$)/.test(fd.name.name)) return;
        // an address handed to an atomic function, or anywhere else: not a plain access here
        if (parent.kind === "UnaryExpr" && parent.op === "&") return;
        if (parent.kind === "KeyValueExpr" && parent.key === access) return;
        const write =
          (parent.kind === "AssignStmt" && parent.lhs.includes(access as ast.Expr)) ||
          (parent.kind === "IncDecStmt" && parent.x === access);
        if (parent.kind === "AssignStmt" && write && isAssignedAtomicResult(ctx.sem, parent, access)) return;
        // a reference count set to zero: done when no reference is left, or before any is taken
        if (
          update.refcount &&
          write &&
          parent.kind === "AssignStmt" &&
          parent.lhs.length === parent.rhs.length
        ) {
          const rhs = parent.rhs[parent.lhs.indexOf(access as ast.Expr)];
          if (rhs !== undefined && isZeroLit(rhs)) return;
        }
        // `_ = x`: a read for the race detector's sake (sync.RWMutex's `_ = rw.w.state`)
        if (parent.kind === "AssignStmt" && !write) {
          const k = parent.rhs.indexOf(access as ast.Expr);
          const lhs = k >= 0 && parent.lhs.length === parent.rhs.length ? parent.lhs[k] : undefined;
          if (lhs?.kind === "Ident" && lhs.name === "_") return;
        }
        for (let j = i; j >= 0; j--) {
          const n = anc[j]!;
          if (n.kind === "CallExpr") {
            const f = unparen(n.fun);
            const fid = f.kind === "SelectorExpr" ? f.sel : f.kind === "Ident" ? f : null;
            const fo = fid === null ? null : ctx.sem.objectOf(fid);
            // unsafe.Sizeof and friends do not access the value
            if (fo?.kind === "Builtin" && ["Sizeof", "Offsetof", "Alignof"].includes(fo.name)) return;
          }
          if (n.kind === "FuncDecl" || n.kind === "FuncLit") {
            // one function updating and reading in sequence is not racing with itself
            if (update.funcs.has(n)) return;
            if (waitEnds(ctx, waits, n).some((end) => end <= id.pos)) return;
            break;
          }
        }
        const name = access.kind === "SelectorExpr" ? ctx.source.decode(access.pos, access.end) : id.name;
        const typed = update.suffix === "Pointer" ? "atomic.Pointer[T]" : `atomic.${update.suffix}`;
        const instead = write
          ? `atomic.Store${update.suffix}(&${name}, v)`
          : `atomic.Load${update.suffix}(&${name})`;
        const orTyped = ctx.atLeast("1.19") ? `, or declare it as an ${typed}` : "";
        ctx.report(
          access,
          `${name} is updated with atomic.${update.fn} elsewhere but ${write ? "written" : "read"} here without ` +
            `sync/atomic, a data race with those updates; use ${instead}${orTyped}`,
        );
      },
    };
  },
});
