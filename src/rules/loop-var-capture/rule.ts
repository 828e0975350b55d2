import { unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { Obj } from "../../semantic/objects.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

// Functions that run their func-literal argument later, on another goroutine.
const asyncRunners = ["(*golang.org/x/sync/errgroup.Group).Go", "(*sync.WaitGroup).Go"];

/** The variables a loop declares afresh for its iterations (from Go 1.22 on), blank excluded. */
function iterationVars(ctx: RuleContext, loop: ast.ForStmt | ast.RangeStmt): Obj[] {
  const ids: ast.Expr[] = [];
  if (loop.kind === "RangeStmt") {
    if (loop.tok !== ":=") return [];
    if (loop.key !== null) ids.push(loop.key);
    if (loop.value !== null) ids.push(loop.value);
  } else {
    if (loop.init === null || loop.init.kind !== "AssignStmt" || loop.init.tok !== ":=") return [];
    ids.push(...loop.init.lhs);
  }
  const vars: Obj[] = [];
  for (const id of ids) {
    if (id.kind !== "Ident" || id.name === "_") continue;
    const obj = ctx.sem.objectOf(id);
    if (obj !== null && obj.kind === "Var") vars.push(obj);
  }
  return vars;
}

/**
 * Calls onLast with each statement that may run last in an iteration, descending into the last
 * statement's branches like go vet's loopclosure: a goroutine started there runs while the
 * next iteration changes the variable, unless something after it in the iteration waits.
 */
function forEachLastStmt(stmts: readonly ast.Stmt[], onLast: (s: ast.Stmt) => void): void {
  if (stmts.length === 0) return;
  let s = stmts[stmts.length - 1]!;
  while (s.kind === "LabeledStmt") s = s.stmt;
  switch (s.kind) {
    case "IfStmt": {
      let branch: ast.Stmt | null = s;
      while (branch !== null && branch.kind === "IfStmt") {
        forEachLastStmt(branch.body.list, onLast);
        branch = branch.else;
      }
      if (branch !== null && branch.kind === "BlockStmt") forEachLastStmt(branch.list, onLast);
      return;
    }
    case "BlockStmt":
      forEachLastStmt(s.list, onLast);
      return;
    case "ForStmt":
    case "RangeStmt":
      forEachLastStmt(s.body.list, onLast);
      return;
    case "SwitchStmt":
    case "TypeSwitchStmt":
      for (const c of s.body.list) if (c.kind === "CaseClause") forEachLastStmt(c.body, onLast);
      return;
    case "SelectStmt":
      for (const c of s.body.list) if (c.kind === "CommClause") forEachLastStmt(c.body, onLast);
      return;
    default:
      onLast(s);
  }
}

/** The func literal a `go`/`defer` statement or an errgroup/WaitGroup `Go` call runs later. */
function laterClosure(ctx: RuleContext, s: ast.Stmt): { lit: ast.FuncLit; how: string } | null {
  if (s.kind === "GoStmt" || s.kind === "DeferStmt") {
    const fun = unparen(s.call.fun);
    if (fun.kind === "FuncLit")
      return { lit: fun, how: s.kind === "GoStmt" ? "go statement" : "defer statement" };
    return null;
  }
  if (s.kind === "ExprStmt") {
    const call = unparen(s.x);
    if (call.kind !== "CallExpr" || call.args.length !== 1) return null;
    const arg = unparen(call.args[0]!);
    if (arg.kind !== "FuncLit" || !ctx.sem.isCallTo(call, ...asyncRunners)) return null;
    const fun = unparen(call.fun);
    const name = fun.kind === "SelectorExpr" ? fun.sel.name : "Go";
    return { lit: arg, how: `${name} call` };
  }
  return null;
}

/** Whether an expression names a variable declared outside the loop body (or at package level). */
function declaredOutside(ctx: RuleContext, x: ast.Expr, loop: ast.ForStmt | ast.RangeStmt): boolean {
  x = unparen(x);
  if (x.kind !== "Ident" || x.name === "_") return false;
  const obj = ctx.sem.objectOf(x);
  if (obj === null || obj.kind !== "Var") return false;
  return (
    obj.pkg !== null &&
    (obj.parent === obj.pkg.scope || obj.pos < loop.body.lbrace || obj.pos > loop.body.end)
  );
}

/**
 * Func literals in the loop body (outside other func literals) that are kept for after the
 * iteration: appended to a slice declared outside the loop, or stored in a map or slice
 * element. A plain assignment to a variable or field is left alone: it keeps one closure,
 * usually called before the next iteration replaces it.
 */
function storedClosures(ctx: RuleContext, loop: ast.ForStmt | ast.RangeStmt): ast.FuncLit[] {
  const out: ast.FuncLit[] = [];
  inspect(loop.body, (n) => {
    if (n.kind === "FuncLit") return false;
    if (n.kind !== "AssignStmt" || n.tok !== "=" || n.lhs.length !== n.rhs.length) return true;
    n.rhs.forEach((rhs, i) => {
      const lhs = unparen(n.lhs[i]!);
      const r = unparen(rhs);
      if (r.kind === "FuncLit" && lhs.kind === "IndexExpr") out.push(r);
      else if (r.kind === "CallExpr" && isBuiltinAppend(ctx, r) && declaredOutside(ctx, lhs, loop)) {
        for (const a of r.args.slice(1)) {
          const lit = unparen(a);
          if (lit.kind === "FuncLit") out.push(lit);
        }
      }
    });
    return true;
  });
  return out;
}

function isBuiltinAppend(ctx: RuleContext, call: ast.CallExpr): boolean {
  const fun = unparen(call.fun);
  if (fun.kind !== "Ident") return false;
  const obj = ctx.sem.objectOf(fun);
  return obj !== null && obj.kind === "Builtin" && obj.name === "append";
}

export default defineRule({
  name: "loop-var-capture",
  category: "concurrency",
  severity: "error",
  needs: ["syntax", "resolution", "version"],
  docs: {
    summary:
      "A closure run later (go, defer, errgroup/WaitGroup Go, stored) captures a loop variable before Go 1.22",
    details:
      "Before Go 1.22 a `for` loop declares its variables once, and every iteration assigns to the same variable. " +
      "A func literal that refers to it captures the variable, not its value: a goroutine started in the loop, a " +
      "deferred closure or a closure stored in a slice or map runs after the loop has moved on, and sees whatever " +
      "the variable holds then, usually the last element. The classic symptom is ten goroutines that all print 9. " +
      "Pass the variable to the func literal as an argument, or copy it in the loop body (`v := v`). From Go 1.22 " +
      "each iteration has its own variable and the rule is silent; it follows the `go` line of go.mod or a " +
      "`//go:build go1.N` constraint. Like go vet's loopclosure, a `go`/`defer` is considered only where it is the " +
      "last thing an iteration does, because code after it may wait for the goroutine.",
    bad: `package main

import "fmt"

func main() {
	done := make(chan bool)
	for _, name := range []string{"a", "b", "c"} {
		go func() {
			fmt.Println(name)
			done <- true
		}()
	}
	for i := 0; i < 3; i++ {
		<-done
	}
}
`,
    good: `package main

import "fmt"

func main() {
	done := make(chan bool)
	for _, name := range []string{"a", "b", "c"} {
		go func(name string) {
			fmt.Println(name)
			done <- true
		}(name)
	}
	for i := 0; i < 3; i++ {
		<-done
	}
}
`,
    source: 'seeds 000 "意料之外的遍历结果"; 004 §4.1; go vet loopclosure',
  },
  create(ctx) {
    const check = (loop: ast.ForStmt | ast.RangeStmt): void => {
      if (ctx.atLeast("1.22")) return;
      const vars = iterationVars(ctx, loop);
      if (vars.length === 0) return;
      const reportCaptures = (lit: ast.FuncLit, how: string): void => {
        const seen = new Set<Obj>();
        inspect(lit.body, (n) => {
          if (n.kind !== "Ident") return true;
          const obj = ctx.sem.objectOf(n);
          if (obj === null || seen.has(obj) || !vars.includes(obj)) return true;
          seen.add(obj);
          ctx.report(
            n,
            `loop variable ${n.name} captured by func literal (${how}); before Go 1.22 all iterations share it: pass it as an argument or copy it (${n.name} := ${n.name})`,
          );
          return true;
        });
      };
      forEachLastStmt(loop.body.list, (s) => {
        const c = laterClosure(ctx, s);
        if (c !== null) reportCaptures(c.lit, c.how);
      });
      for (const lit of storedClosures(ctx, loop)) reportCaptures(lit, "stored for later");
    };
    return { ForStmt: check, RangeStmt: check };
  },
});
