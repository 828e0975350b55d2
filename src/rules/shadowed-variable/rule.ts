import { enclosingFunc, isErrorType, unparen } from "../../analysis/astutil.js";
import { type Flow, flowOf } from "../../analysis/flow.js";
import { searchForward } from "../../analysis/reach.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { CfgNode } from "../../semantic/cfg.js";
import type { Var } from "../../semantic/objects.js";
import { identical } from "../../semantic/predicates.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/**
 * `a := a` and `a := a.(T)`: deliberate redeclarations, as go vet's shadow check allows (a copy
 * per iteration, a narrowed value).
 */
function idiomaticRedecl(a: ast.AssignStmt): boolean {
  if (a.lhs.length !== a.rhs.length) return false;
  return a.rhs.every((r, i) => {
    const l = a.lhs[i]!;
    let x = unparen(r);
    if (x.kind === "TypeAssertExpr") x = unparen(x.x);
    return l.kind === "Ident" && x.kind === "Ident" && x.name === l.name;
  });
}

/** How a node of the graph uses `v`: reads it (outside function literals) at or after `from`, else writes it, else neither. */
function useOf(ctx: RuleContext, flow: Flow, node: CfgNode, v: Var, from: number): "read" | "write" | null {
  let read = false;
  let write = false;
  // a bare return reads every named result
  if (node.kind === "ReturnStmt" && node.results.length === 0 && v.isParam && node.pos >= from) return "read";
  inspect(node, (n) => {
    if (read) return false;
    if (n.kind === "FuncLit") return false;
    if (n.kind !== "Ident" || ctx.sem.objectOf(n) !== v) return true;
    const parent = flow.parents.get(n);
    if (parent?.kind === "AssignStmt" && parent.lhs.includes(n)) {
      if (parent.tok === "=" || parent.tok === ":=") write = true;
      else if (n.pos >= from) read = true;
      else write = true;
    } else if (parent?.kind === "RangeStmt" && (parent.key === n || parent.value === n)) {
      write = true;
    } else if (parent?.kind === "UnaryExpr" && parent.op === "&") {
      // its address escapes: whatever it holds later is not known here
      write = true;
    } else if (n.pos >= from) {
      read = true;
    }
    return true;
  });
  // a range statement's key and value are separate graph nodes
  if (!read && !write && (node.kind === "Ident" || node.kind === "ParenExpr")) {
    const parent = flow.parents.get(node);
    if (parent?.kind === "RangeStmt" && (parent.key === node || parent.value === node)) {
      const id = unparen(node as ast.Expr);
      if (id.kind === "Ident" && ctx.sem.objectOf(id) === v) write = true;
    }
  }
  return read ? "read" : write ? "write" : null;
}

/** Whether the statement's right-hand side reads `v`: a value derived from the outer one on purpose. */
function rhsReads(ctx: RuleContext, a: ast.AssignStmt, v: Var): boolean {
  let found = false;
  for (const r of a.rhs) {
    inspect(r, (n) => {
      if (found) return false;
      if (n.kind === "Ident" && ctx.sem.objectOf(n) === v) found = true;
      return true;
    });
  }
  return found;
}

/** Whether an expression is a value nobody computed: a constant, nil, an empty composite literal. */
function trivialValue(ctx: RuleContext, x: ast.Expr): boolean {
  const e = unparen(x);
  if (e.kind === "CompositeLit") return e.elts.length === 0;
  if (e.kind === "Ident" && ctx.sem.objectOf(e)?.kind === "Nil") return true;
  const tv = ctx.sem.typeAndValue(e);
  return tv !== null && tv.value !== null;
}

/**
 * Whether the outer variable holds nothing but its zero value or constants when the inner block
 * starts: every assignment written before `before` (its declaration included) stores a constant,
 * nil or an empty literal, and its address is never taken nor is it assigned from a function
 * literal. A parameter holds the caller's value; a named result starts at zero.
 */
function onlyTrivialBefore(
  ctx: RuleContext,
  flow: Flow,
  outer: Var,
  decl: ast.Ident,
  before: number,
): boolean {
  const fn = flow.fn;
  const parentOf = (n: ast.Node): ast.Node | undefined => flow.parents.get(n);
  const declParent = parentOf(decl);
  if (outer.isParam) {
    const results = fn.type.results;
    if (results === null || decl.pos < results.pos || decl.pos >= results.end) return false;
  } else if (declParent?.kind === "ValueSpec") {
    const i = declParent.names.indexOf(decl);
    if (declParent.values.length > 0) {
      if (declParent.values.length !== declParent.names.length) return false;
      if (!trivialValue(ctx, declParent.values[i]!)) return false;
    }
  } else if (declParent?.kind === "AssignStmt") {
    if (declParent.lhs.length !== declParent.rhs.length) return false;
    if (!trivialValue(ctx, declParent.rhs[declParent.lhs.indexOf(decl)]!)) return false;
  } else {
    return false;
  }
  for (const id of ctx.sem.uses(outer)) {
    const parent = parentOf(id);
    if (parent === undefined) continue;
    if (parent.kind === "UnaryExpr" && parent.op === "&") return false;
    let lit = false;
    for (let p: ast.Node | undefined = parent; p !== undefined && p !== fn; p = parentOf(p)) {
      if (p.kind === "FuncLit") lit = true;
    }
    if (parent.kind === "IncDecStmt") {
      if (lit || id.pos < before) return false;
    } else if (parent.kind === "RangeStmt" && (parent.key === id || parent.value === id)) {
      if (lit || id.pos < before) return false;
    } else if (parent.kind === "AssignStmt" && parent.lhs.includes(id)) {
      if (lit) return false;
      if (id.pos >= before) continue;
      if (parent.tok !== "=" && parent.tok !== ":=") return false;
      if (parent.lhs.length !== parent.rhs.length) return false;
      if (!trivialValue(ctx, parent.rhs[parent.lhs.indexOf(id)]!)) return false;
    }
  }
  return true;
}

/** The first node on a path from `a` that reads `outer` after the inner scope ends, before anything writes it. */
function readAfter(
  ctx: RuleContext,
  flow: Flow,
  a: ast.AssignStmt,
  outer: Var,
  scopeEnd: number,
): CfgNode | null {
  const at = flow.pointOf(a);
  if (at === undefined || !at.block.live) return null;
  let hit: CfgNode | null = null;
  searchForward(at, (node) => {
    const use = useOf(ctx, flow, node, outer, scopeEnd);
    if (use === "read") {
      hit = node;
      return "found";
    }
    return use === "write" ? "stop" : "continue";
  });
  return hit;
}

/**
 * Whether a path from `a` assigns `v` between two positions (after the inner block, before the
 * read): the outer variable gets its value after the block, so the block was not meant to set it.
 */
function assignedBetween(
  ctx: RuleContext,
  flow: Flow,
  a: ast.AssignStmt,
  v: Var,
  from: number,
  to: number,
): boolean {
  const targets = new Set<CfgNode>();
  for (const id of ctx.sem.uses(v)) {
    if (id.pos < from || id.pos >= to) continue;
    const parent = flow.parents.get(id);
    const writes =
      (parent?.kind === "AssignStmt" && parent.lhs.includes(id)) ||
      parent?.kind === "IncDecStmt" ||
      (parent?.kind === "UnaryExpr" && parent.op === "&");
    const holder = writes ? flow.holder(id) : null;
    if (holder !== null) targets.add(holder);
  }
  const at = flow.pointOf(a);
  if (targets.size === 0 || at === undefined) return false;
  return searchForward(at, (node) => (targets.has(node) ? "found" : "continue"));
}

/**
 * Whether the inner variable is only tested, by `if` conditions whose bodies do not jump out of
 * the block with it (`break`, `continue`, `goto`): a probe such as `v, ok := m[k]; if !ok { return }`
 * or `x, err := f(); if err != nil { return err }`, consumed where it is declared.
 */
function onlyTested(
  ctx: RuleContext,
  flow: Flow,
  v: Var,
  decl: ast.Ident,
  from: number,
  to: number,
): boolean {
  let uses = 0;
  for (const id of ctx.sem.uses(v)) {
    if (id === decl || id.pos < from || id.pos >= to) continue;
    uses++;
    let ok = false;
    let child: ast.Node = id;
    for (let p = flow.parents.get(id); p !== undefined && p !== flow.fn; p = flow.parents.get(p)) {
      if (p.kind === "FuncLit") break;
      if (p.kind === "ReturnStmt") {
        ok = true;
        break;
      }
      if (p.kind === "IfStmt" && p.cond === child) {
        ok = !jumpsOut(p.body);
        break;
      }
      if (p.kind === "BlockStmt" || p.kind === "CaseClause" || p.kind === "CommClause") break;
      child = p;
    }
    if (!ok) return false;
  }
  return uses > 0;
}

/** Whether a block holds a `break`, `continue` or `goto` (outside function literals). */
function jumpsOut(body: ast.BlockStmt): boolean {
  let found = false;
  inspect(body, (n) => {
    if (found || n.kind === "FuncLit") return false;
    if (n.kind === "BranchStmt" && n.tok !== "fallthrough") found = true;
    return true;
  });
  return found;
}

/** Whether the inner variable is returned inside its block: its value is delivered there, not meant for the outer one. */
function returnedWithin(ctx: RuleContext, flow: Flow, v: Var, from: number, to: number): boolean {
  for (const id of ctx.sem.uses(v)) {
    if (id.pos < from || id.pos >= to) continue;
    for (let p = flow.parents.get(id); p !== undefined && p !== flow.fn; p = flow.parents.get(p)) {
      if (p.kind === "FuncLit") break;
      if (p.kind === "ReturnStmt") return true;
    }
  }
  return false;
}

/** The init statement of an `if` or `switch`. */
function initOf(n: ast.Node | undefined): ast.Stmt | null {
  if (n?.kind === "IfStmt" || n?.kind === "SwitchStmt" || n?.kind === "TypeSwitchStmt") return n.init;
  return null;
}

/** The identifier that declares a local variable of the function. */
function declIdent(ctx: RuleContext, flow: Flow, v: Var): ast.Ident | null {
  let found: ast.Ident | null = null;
  inspect(flow.fn, (n) => {
    if (found !== null) return false;
    if (n.kind === "Ident" && n.pos === v.pos && ctx.sem.info.defs.get(n) === v) found = n;
    return n.pos <= v.pos && v.pos < n.end;
  });
  return found;
}

export default defineRule({
  name: "shadowed-variable",
  category: "correctness",
  severity: "warning",
  needs: ["resolution", "flow"],
  docs: {
    summary: "a := in an inner block declares a new variable where the outer one was meant to be assigned",
    details:
      "`:=` declares new variables in the innermost block. Written inside an `if`, `for` or `switch` for a " +
      "name that an outer block (or the function's named results) already declares, it creates a second " +
      "variable that hides the first until the block ends; whatever is assigned to it is lost there, and " +
      "the code after the block reads the outer variable, which never changed. The seed's `findTarget` sets " +
      "its result `i` to -1, searches with `for i := 0; ...; i++ { ... break }` and returns `i`: always -1, " +
      "because the loop's `i` is another variable. Use `=` to assign the outer variable (declaring the " +
      "others beforehand if needed), or give the inner one another name. Like go vet's shadow check (not " +
      "strict), the rule reports the inner `:=` when both variables have the same type and the outer one is " +
      "still used after the inner declaration, and it is stricter still: the outer variable must be read " +
      "after the inner block ends, on a path from the `:=` that does not assign it first, so " +
      "`if err := f(); err != nil { return err }` is reported only when the outer `err` is read afterwards " +
      "without being set again. Deliberate copies (`x := x`, `v := v.(T)`), values derived from the outer " +
      "variable (`n := n + 1`), type switches and declarations inside function literals are left alone.",
    bad: `package search

func FindTarget(strs []string, target string) (i int) {
	i = -1
	for i := 0; i < len(strs); i++ {
		if strs[i] == target {
			break
		}
	}
	return i
}
`,
    good: `package search

func FindTarget(strs []string, target string) int {
	for i := 0; i < len(strs); i++ {
		if strs[i] == target {
			return i
		}
	}
	return -1
}
`,
    source: 'seeds 000 "变量遮蔽"; go vet shadow (golang.org/x/tools/go/analysis/passes/shadow)',
  },
  create(ctx) {
    return {
      AssignStmt(a) {
        if (a.tok !== ":=" || idiomaticRedecl(a)) return;
        const parent = ctx.ancestors[ctx.ancestors.length - 1];
        if (parent?.kind === "TypeSwitchStmt" && parent.assign === a) return;
        const fn = enclosingFunc(ctx.ancestors);
        if (fn === null || fn.body === null) return;
        for (const l of a.lhs) {
          if (l.kind !== "Ident" || l.name === "_") continue;
          const inner = ctx.sem.info.defs.get(l);
          if (inner === undefined || inner === null || inner.kind !== "Var") continue;
          const scope = inner.parent;
          if (scope === null || scope.parent === null) continue;
          const outer = scope.parent.lookupParent(l.name, l.pos);
          if (outer === null || outer.kind !== "Var" || outer.isField) continue;
          // a local of this very function: declared inside it, in this file
          if (outer.file !== inner.file || outer.pos < fn.pos || outer.pos >= fn.end) continue;
          if (!identical(inner.type, outer.type)) continue;
          if (rhsReads(ctx, a, outer)) continue;
          // `if err := f(); err != nil`: the error is scoped to the check on purpose
          if (initOf(parent) === a && isErrorType(inner.type)) continue;
          const flow = flowOf(ctx.sem, fn);
          const outerDecl = declIdent(ctx, flow, outer);
          if (outerDecl === null || !onlyTrivialBefore(ctx, flow, outer, outerDecl, a.pos)) continue;
          const read = readAfter(ctx, flow, a, outer, scope.end);
          if (read === null || assignedBetween(ctx, flow, a, outer, scope.end, read.pos)) continue;
          if (returnedWithin(ctx, flow, inner, scope.pos, scope.end)) continue;
          if (onlyTested(ctx, flow, inner, l, scope.pos, scope.end)) continue;
          const outerLine = ctx.source.lineOf(outer.pos);
          const readLine = ctx.source.lineOf(read.pos);
          ctx.report(
            l,
            `declaration of ${l.name} shadows the ${l.name} declared at line ${outerLine}: values assigned to this one are lost when the block ends, and line ${readLine} reads the outer ${l.name}, unchanged; assign with = instead of :=, or rename`,
          );
        }
      },
    };
  },
});
