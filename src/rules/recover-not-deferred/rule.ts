import { enclosingFunc, unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { Obj } from "../../semantic/objects.js";
import type { SemanticModel } from "../../semantic/semantic-model.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** How the package refers to its functions: as the callee of a defer, of a plain call, or otherwise. */
interface CallSites {
  deferred: Set<ast.Ident>;
  called: Set<ast.Ident>;
}

// One index per package, built the first time a recover() in a named function asks for it.
const callSitesByPackage = new WeakMap<SemanticModel, CallSites>();

function calleeIdent(call: ast.CallExpr): ast.Ident | null {
  const fun = unparen(call.fun);
  if (fun.kind === "Ident") return fun;
  if (fun.kind === "SelectorExpr") return fun.sel;
  return null;
}

function callSites(sem: SemanticModel): CallSites {
  let sites = callSitesByPackage.get(sem);
  if (sites !== undefined) return sites;
  sites = { deferred: new Set(), called: new Set() };
  const s = sites;
  for (const parsed of sem.checked.files) {
    inspect(parsed.file, (n) => {
      if (n.kind === "DeferStmt") {
        const id = calleeIdent(n.call);
        if (id !== null) s.deferred.add(id);
      } else if (n.kind === "CallExpr") {
        const id = calleeIdent(n);
        if (id !== null && !s.deferred.has(id)) s.called.add(id);
      }
      return true;
    });
  }
  callSitesByPackage.set(sem, s);
  return s;
}

/** Whether every use of a function is a plain call (none deferred, none as a value), and there is one. */
function onlyCalledDirectly(sem: SemanticModel, fn: Obj): boolean {
  const uses = sem.uses(fn);
  if (uses.length === 0) return false;
  const sites = callSites(sem);
  return uses.every((id) => sites.called.has(id));
}

function isRecover(ctx: RuleContext, call: ast.CallExpr): boolean {
  const fun = unparen(call.fun);
  if (fun.kind !== "Ident" || fun.name !== "recover") return false;
  const obj = ctx.sem.objectOf(fun);
  return obj !== null && obj.kind === "Builtin";
}

/** For a func literal among the ancestors, the statement that calls it on the spot, if any. */
function immediateCaller(ancestors: readonly ast.Node[], lit: ast.FuncLit): ast.Node | null {
  let i = ancestors.indexOf(lit) - 1;
  while (i >= 0 && ancestors[i]!.kind === "ParenExpr") i--;
  const call = ancestors[i];
  if (call === undefined || call.kind !== "CallExpr" || unparen(call.fun) !== lit) return null;
  return ancestors[i - 1] ?? null;
}

export default defineRule({
  name: "recover-not-deferred",
  category: "concurrency",
  severity: "error",
  needs: ["syntax", "resolution"],
  docs: {
    summary: "recover() called other than directly by a deferred function returns nil and stops no panic",
    details:
      "`recover` stops a panic only when it is called directly by a function that a `defer` statement runs. " +
      "Called in ordinary code it returns nil because nothing is panicking yet; called by a helper that the deferred " +
      "function calls, or by a func literal inside it, it returns nil too; and `defer recover()` defers recover itself, " +
      "which is not a call by a deferred function, so it does nothing either. In every case the panic goes on and " +
      "kills the goroutine and the process, although the code looks protected. Write `defer func() { if r := " +
      "recover(); r != nil { ... } }()`, or keep a named helper that calls recover and defer it directly " +
      "(`defer handlePanic()`). Named functions are reported only when unexported and never deferred in their " +
      "package.",
    bad: `package jobs

import "log"

func run(job func()) {
	if r := recover(); r != nil {
		log.Printf("job panicked: %v", r)
	}
	job()
}

func Start(job func()) { go run(job) }
`,
    good: `package jobs

import "log"

func run(job func()) {
	defer func() {
		if r := recover(); r != nil {
			log.Printf("job panicked: %v", r)
		}
	}()
	job()
}

func Start(job func()) { go run(job) }
`,
    source: 'seeds 002 (defer, panic and recover); Go spec "Handling panics"',
  },
  create(ctx) {
    const isMainPackage = ctx.file.name.name === "main";
    return {
      CallExpr(call) {
        if (!isRecover(ctx, call)) return;
        const parent = ctx.ancestors[ctx.ancestors.length - 1];
        if (parent !== undefined && parent.kind === "DeferStmt" && parent.call === call) {
          ctx.report(
            call,
            "defer recover() does not stop a panic: recover must be called by the deferred function; write defer func() { recover() }()",
          );
          return;
        }
        const fn = enclosingFunc(ctx.ancestors);
        if (fn === null) {
          ctx.report(
            call,
            "recover() outside any function always returns nil: call it in a deferred function",
          );
          return;
        }
        if (fn.kind === "FuncLit") {
          const caller = immediateCaller(ctx.ancestors, fn);
          // a literal handed elsewhere or stored may well be deferred: stay silent
          if (caller === null || caller.kind === "DeferStmt") return;
          const how = caller.kind === "GoStmt" ? "started by go" : "called directly";
          ctx.report(
            call,
            `recover() in a func literal ${how}, not deferred, always returns nil and stops no panic: call it in a function run by defer`,
          );
          return;
        }
        const name = fn.name.name;
        if (fn.recv === null && (name === "init" || (name === "main" && isMainPackage))) {
          ctx.report(
            call,
            `recover() called directly in ${name} always returns nil and stops no panic: call it in a function run by defer`,
          );
          return;
        }
        const obj = ctx.sem.objectOf(fn.name);
        if (obj === null || obj.exported() || !onlyCalledDirectly(ctx.sem, obj)) return;
        ctx.report(
          call,
          `recover() in ${name} returns nil: ${name} is only ever called directly, never by defer, so no panic is stopped; defer ${name}() or call recover in the deferred function`,
        );
      },
    };
  },
});
