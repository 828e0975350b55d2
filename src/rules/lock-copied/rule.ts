import { isStdlibModelType, namedTypeName, unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import { newMethodSet } from "../../semantic/lookup.js";
import type { Package } from "../../semantic/objects.js";
import { under } from "../../semantic/predicates.js";
import { stdlibNoCopy } from "../../semantic/stdlib/facts.js";
import { Pointer, type Type } from "../../semantic/types.js";
import { relativeTo, typeString } from "../../semantic/typestring.js";
import type * as ast from "../../syntax/ast.js";

/** What goes wrong, after the path to the lock. */
const why = "the copy's lock is separate from the original's and guards nothing they share";

/**
 * The types on the way from `t` to a lock it holds by value (outermost first), or null: copylocks'
 * lockPath. Arrays count, pointers and interfaces do not.
 */
function lockPath(t: Type, seen: Set<Type>): Type[] | null {
  if (seen.has(t)) return null;
  seen.add(t);
  let typ = t;
  for (let u = under(typ); u.kind === "Array"; u = under(typ)) typ = u.elem;
  if (typ.kind === "Named") {
    const name = namedTypeName(typ.orig);
    if (name !== null && stdlibNoCopy.has(name)) return [typ];
    // the model lists every exported standard type that holds a lock; the others hold none
    if (isStdlibModelType(typ)) return null;
  }
  const st = under(typ);
  if (st.kind !== "Struct") return null;
  // a type whose pointer is a sync.Locker while the value is not: a lock, or a noCopy marker
  if (typ.kind === "Named" && isLocker(new Pointer(typ)) && !isLocker(typ)) return [typ];
  for (const f of st.fields) {
    const sub = lockPath(f.type, seen);
    if (sub !== null) return [typ, ...sub];
  }
  return null;
}

/**
 * lockPath from a fresh start, remembered per type: the rule asks about the type of nearly every
 * argument, operand and assignment, and the answer for a struct takes two method sets. (Only
 * fresh starts are remembered: inside a recursion, a type already seen answers null to break
 * the cycle, which is no answer for the type itself.)
 */
const lockPaths = new WeakMap<Type, Type[] | null>();

function lockPathOf(t: Type): Type[] | null {
  let path = lockPaths.get(t);
  if (path === undefined) {
    path = lockPath(t, new Set());
    lockPaths.set(t, path);
  }
  return path;
}

function isLocker(t: Type): boolean {
  const ms = newMethodSet(t);
  return ["Lock", "Unlock"].every((name) => {
    const sel = ms.lookup(null, name);
    if (sel === null || sel.obj.kind !== "Func") return false;
    const sig = sel.obj.type;
    return sig.kind === "Signature" && sig.params.vars.length === 0 && sig.results.vars.length === 0;
  });
}

function describe(path: readonly Type[], pkg: Package): string {
  const qf = relativeTo(pkg);
  const outer = typeString(path[0]!, qf);
  if (path.length === 1) return outer;
  return `${outer} contains ${typeString(path[path.length - 1]!, qf)}`;
}

/** The lock an expression's value holds, when evaluating it copies an existing value (copylocks' lockPathRhs). */
function rhsLockPath(ctx: RuleContext, x: ast.Expr): Type[] | null {
  const e = unparen(x);
  // a literal or a call makes a new value: copying it is how values with locks are built
  if (e.kind === "CompositeLit" || e.kind === "CallExpr") return null;
  if (e.kind === "StarExpr" && unparen(e.x).kind === "CallExpr") return null;
  const tv = ctx.sem.typeAndValue(e);
  if (tv === null || tv.mode === "typexpr" || tv.mode === "novalue" || tv.mode === "builtin") return null;
  return lockPathOf(tv.type);
}

const exemptBuiltins = new Set(["new", "len", "cap", "Sizeof", "Offsetof", "Alignof"]);

export default defineRule({
  name: "lock-copied",
  category: "concurrency",
  severity: "error",
  needs: ["types"],
  imports: ["sync", "sync/atomic"],
  docs: {
    summary: "A value holding a sync.Mutex, WaitGroup, atomic value or other lock is copied",
    details:
      "A `sync.Mutex`, `RWMutex`, `WaitGroup`, `Once`, `Cond`, `Map`, `Pool` or a typed atomic value " +
      "must not be copied once used: the copy starts with the lock state the original had at that " +
      "moment (possibly locked), and from then on the two are unrelated. A struct that holds one by " +
      "value, directly, in an array or embedded, is a lock too: passing it by value, returning it, " +
      "assigning it, using it as a value receiver or ranging over a slice of them copies the lock, " +
      "and code that locks the copy excludes nobody. The seed's example copies a `Counter` whose " +
      "mutex is then locked twice without contention: the critical section is no longer protected. " +
      "Pass and store pointers (`*Counter`), use pointer receivers, and range over indices. Values " +
      "made by a composite literal or returned by a call are not reported: that is how such values " +
      "are built. This is go vet's copylocks check, with the standard types it knows.",
    bad: `package counter

import "sync"

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c Counter) Inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}
`,
    good: `package counter

import "sync"

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}
`,
    source: "seed 004 §4.2 (copying a locked mutex); go vet copylocks",
  },
  create(ctx) {
    const pkg = ctx.sem.checked.pkg;
    const report = (at: ast.Node, what: string, path: Type[], instead = "use a pointer") =>
      ctx.report(at, `${what}: ${describe(path, pkg)}; ${why}: ${instead}`);

    const checkFunc = (name: string, recv: ast.FieldList | null, type: ast.FuncType) => {
      const fields = [...(recv?.list.slice(0, 1) ?? []), ...type.params.list];
      for (const f of fields) {
        const t = ctx.sem.typeOf(f.type);
        if (t === null) continue;
        const path = lockPathOf(t);
        if (path !== null)
          report(f.type, `${name} passes lock by value`, path, `use *${typeString(t, relativeTo(pkg))}`);
      }
    };
    const checkRange = (x: ast.Expr | null, tok: ast.RangeStmt["tok"]) => {
      if (x === null || (x.kind === "Ident" && x.name === "_")) return;
      if (tok === ":=" && x.kind !== "Ident") return;
      const t = ctx.sem.typeOf(x);
      if (t === null) return;
      const path = lockPathOf(t);
      if (path !== null) report(x, "range variable copies lock value", path, "range over the indices");
    };

    return {
      FuncDecl(fd) {
        checkFunc(fd.name.name, fd.recv, fd.type);
      },
      FuncLit(fl) {
        checkFunc("func literal", null, fl.type);
      },
      RangeStmt(rs) {
        checkRange(rs.key, rs.tok);
        checkRange(rs.value, rs.tok);
      },
      AssignStmt(as) {
        if (as.lhs.length !== as.rhs.length) return;
        as.rhs.forEach((x, i) => {
          const path = rhsLockPath(ctx, x);
          const lhs = as.lhs[i]!;
          const to = lhs.kind === "Ident" ? ` to ${lhs.name}` : "";
          if (path !== null) report(x, `assignment copies lock value${to}`, path);
        });
      },
      GenDecl(gd) {
        if (gd.tok !== "var") return;
        for (const spec of gd.specs) {
          if (spec.kind !== "ValueSpec" || spec.names.length !== spec.values.length) continue;
          spec.values.forEach((x, i) => {
            const path = rhsLockPath(ctx, x);
            if (path !== null)
              report(x, `variable declaration copies lock value to ${spec.names[i]!.name}`, path);
          });
        }
      },
      CompositeLit(cl) {
        for (const elt of cl.elts) {
          const x = elt.kind === "KeyValueExpr" ? elt.value : elt;
          const path = rhsLockPath(ctx, x);
          if (path !== null) report(x, "literal copies lock value", path);
        }
      },
      ReturnStmt(rs) {
        for (const x of rs.results) {
          const path = rhsLockPath(ctx, x);
          if (path !== null) report(x, "return copies lock value", path);
        }
      },
      CallExpr(call) {
        const fun = unparen(call.fun);
        const id = fun.kind === "Ident" ? fun : fun.kind === "SelectorExpr" ? fun.sel : null;
        if (id !== null) {
          const obj = ctx.sem.objectOf(id);
          if (
            obj !== null &&
            exemptBuiltins.has(obj.name) &&
            (obj.kind === "Builtin" || obj.pkg?.path === "unsafe")
          )
            return;
        }
        const what = id === null ? "call" : `call of ${id.name}`;
        for (const x of call.args) {
          const path = rhsLockPath(ctx, x);
          if (path !== null) report(x, `${what} copies lock value`, path);
        }
      },
    };
  },
});
