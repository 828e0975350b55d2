// Control flow for rules: the graph of a function body (src/semantic/cfg.ts), built on first use
// and kept for the package, so that every rule of a traversal shares one graph per function;
// which calls never return, decided with types and with a summary of the package's own
// functions; and the statement of the graph that holds a given expression.

import {
  type Block,
  buildCFG,
  type CFG,
  type CfgNode,
  type MayReturn,
  syntacticMayReturn,
} from "../semantic/cfg.js";
import type { Func } from "../semantic/objects.js";
import type { SemanticModel } from "../semantic/semantic-model.js";
import type * as ast from "../syntax/ast.js";
import { parentMap, unparen } from "./astutil.js";

export type FuncNode = ast.FuncDecl | ast.FuncLit;

/** Where a node of the graph sits: its block and its index among the block's nodes. */
export interface FlowPoint {
  block: Block;
  index: number;
}

export interface Flow {
  fn: FuncNode;
  cfg: CFG;
  /** The parent of every node of the function (the function itself has none). */
  readonly parents: Map<ast.Node, ast.Node>;
  /** Where a graph node (statement, condition, case expression, spec) sits; undefined for others. */
  pointOf(node: ast.Node): FlowPoint | undefined;
  /**
   * The graph node that evaluates `n`: the statement or condition that holds it. For a node inside
   * a function literal, the node holding the literal. Null when `n` is not in the body.
   */
  holder(n: ast.Node): CfgNode | null;
}

interface PackageFlows {
  flows: Map<FuncNode, Flow>;
  mayReturn: MayReturn;
  decls: Map<Func, ast.FuncDecl> | null;
  /** Functions of the package that never return: true/false once known, "pending" while computed. */
  noReturn: Map<ast.FuncDecl, boolean | "pending">;
}

const byPackage = new WeakMap<SemanticModel, PackageFlows>();

function packageFlows(sem: SemanticModel): PackageFlows {
  let p = byPackage.get(sem);
  if (p === undefined) {
    const created: PackageFlows = {
      flows: new Map(),
      mayReturn: (call) => mayReturn(sem, created, call),
      decls: null,
      noReturn: new Map(),
    };
    p = created;
    byPackage.set(sem, p);
  }
  return p;
}

/** The control flow of a function body, built once per package. */
export function flowOf(sem: SemanticModel, fn: FuncNode): Flow {
  const p = packageFlows(sem);
  let flow = p.flows.get(fn);
  if (flow === undefined) {
    flow = makeFlow(fn, buildCFG(fn, p.mayReturn));
    p.flows.set(fn, flow);
  }
  return flow;
}

function makeFlow(fn: FuncNode, cfg: CFG): Flow {
  const points = new Map<ast.Node, FlowPoint>();
  for (const block of cfg.blocks) {
    block.nodes.forEach((node, index) => {
      points.set(node, { block, index });
    });
  }
  // The parent index is built on first use: many graphs are only walked, never climbed.
  let parents: Map<ast.Node, ast.Node> | null = null;
  const parentsOf = (): Map<ast.Node, ast.Node> => {
    if (parents === null) parents = parentMap(fn);
    return parents;
  };
  return {
    fn,
    cfg,
    get parents() {
      return parentsOf();
    },
    pointOf: (node) => points.get(node),
    holder(n) {
      let cur: ast.Node | undefined = n;
      while (cur !== undefined && cur !== fn) {
        if (points.has(cur)) return cur as CfgNode;
        cur = parentsOf().get(cur);
      }
      return null;
    },
  };
}

/** Where the value of an expression goes when it is a whole statement or a whole right-hand side. */
export type Destination =
  | { kind: "dropped"; stmt: ast.ExprStmt }
  | { kind: "assigned"; stmt: ast.AssignStmt | ast.ValueSpec; targets: readonly ast.Expr[] };

/**
 * The statement that receives an expression's value (a call's results): an expression statement
 * (dropped), or an assignment (`=`, `:=`) or var spec whose only right-hand side is the
 * expression; null otherwise (an operand, an argument, returned, ...).
 */
export function destinationOf(flow: Flow, x: ast.Expr): Destination | null {
  let child: ast.Node = x;
  let p = flow.parents.get(x);
  while (p !== undefined && p.kind === "ParenExpr") {
    child = p;
    p = flow.parents.get(p);
  }
  return p === undefined ? null : destinationAt(p, child);
}

/** destinationOf when the node `p` directly holding the value `child` is known. */
export function destinationAt(p: ast.Node, child: ast.Node): Destination | null {
  if (p.kind === "ExprStmt") return { kind: "dropped", stmt: p };
  if (
    p.kind === "AssignStmt" &&
    p.rhs.length === 1 &&
    p.rhs[0] === child &&
    (p.tok === ":=" || p.tok === "=")
  ) {
    return { kind: "assigned", stmt: p, targets: p.lhs };
  }
  if (p.kind === "ValueSpec" && p.values.length === 1 && p.values[0] === child) {
    return { kind: "assigned", stmt: p, targets: p.names };
  }
  return null;
}

/** The declaration of a function or method of the package, or null (another package, a literal). */
export function declOf(sem: SemanticModel, f: Func): ast.FuncDecl | null {
  const p = packageFlows(sem);
  if (p.decls === null) {
    const decls = new Map<Func, ast.FuncDecl>();
    for (const parsed of sem.checked.files) {
      for (const d of parsed.file.decls) {
        if (d.kind !== "FuncDecl") continue;
        const obj = sem.info.defs.get(d.name);
        if (obj !== undefined && obj !== null && obj.kind === "Func") decls.set(obj, d);
      }
    }
    p.decls = decls;
  }
  return p.decls.get(f) ?? null;
}

/** The function of the package a call calls statically, with its declaration, or null. */
export function calledDecl(sem: SemanticModel, call: ast.CallExpr): ast.FuncDecl | null {
  const f = sem.callee(call);
  return f === null ? null : declOf(sem, f);
}

const TESTING_STOPS = ["Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow"];
const TESTING_RECEIVERS = ["*testing.common", "*testing.T", "*testing.B", "*testing.F", "testing.TB"];
const LOG_STOPS = ["Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"];

/** Standard functions and methods that never return, by qualified name. */
const NO_RETURN = new Set<string>([
  "os.Exit",
  "runtime.Goexit",
  "syscall.Exit",
  ...LOG_STOPS.map((m) => `log.${m}`),
  ...LOG_STOPS.map((m) => `(*log.Logger).${m}`),
  ...TESTING_RECEIVERS.flatMap((r) => TESTING_STOPS.map((m) => `(${r}).${m}`)),
]);

/** Method names that, on another package's logger, end the program by convention. */
const FOREIGN_STOPS = new Set(["Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"]);

function mayReturn(sem: SemanticModel, p: PackageFlows, call: ast.CallExpr): boolean {
  const fun = unparen(call.fun);
  if (fun.kind === "Ident" && fun.name === "panic") {
    const obj = sem.objectOf(fun);
    return !(obj === null || obj.kind === "Builtin");
  }
  const f = sem.callee(call);
  if (f === null) return syntacticMayReturn(call);
  if (NO_RETURN.has(sem.calleeName(call) ?? "")) return false;
  // another package's logger (logrus, zap's sugar, klog): not known here, the same contract
  if (f.pkg !== null && f.pkg !== sem.checked.pkg) return !FOREIGN_STOPS.has(f.name);
  const decl = declOf(sem, f);
  return decl === null || !neverReturns(sem, p, decl);
}

/** Whether a function of the package never returns normally: its exit cannot be reached. */
function neverReturns(sem: SemanticModel, p: PackageFlows, decl: ast.FuncDecl): boolean {
  const known = p.noReturn.get(decl);
  if (known === "pending") return false; // recursion: assume it returns
  if (known !== undefined) return known;
  if (decl.body === null || decl.body.list.length === 0) {
    p.noReturn.set(decl, false);
    return false;
  }
  p.noReturn.set(decl, "pending");
  const result = !flowOf(sem, decl).cfg.exit.live;
  p.noReturn.set(decl, result);
  return result;
}
