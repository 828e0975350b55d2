import { isNamedType, unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import { under } from "../../semantic/predicates.js";
import type { Type } from "../../semantic/types.js";
import type * as ast from "../../syntax/ast.js";

/**
 * Where a time.Time sits inside a value of type t, compared field by field by `==`: "" for
 * t itself, a field path such as "Created" or "Meta.Created" for a struct, "[i]" for an
 * array element; null when t holds no time.Time by value (pointers, slices and maps are not
 * compared by content).
 */
function timeInside(t: Type, depth = 0): string | null {
  if (isNamedType(t, "time.Time")) return "";
  if (depth > 10) return null;
  const u = under(t);
  if (u.kind === "Struct") {
    for (const f of u.fields) {
      const inner = timeInside(f.type, depth + 1);
      if (inner !== null) return inner === "" ? f.name : `${f.name}.${inner}`;
    }
  } else if (u.kind === "Array") {
    const inner = timeInside(u.elem, depth + 1);
    if (inner !== null) return inner === "" ? "[i]" : `[i].${inner}`;
  }
  return null;
}

/** Source text of a node, shortened for a message. */
function text(ctx: RuleContext, x: ast.Node): string {
  const s = ctx.source.decode(x.pos, x.end).replace(/\s+/g, " ");
  return s.length > 30 ? `${s.slice(0, 27)}...` : s;
}

/**
 * How x normalizes a time, when it is a call of UTC(), Local() or In(loc): these strip the
 * monotonic reading and set the location, so `a.UTC() == b.UTC()` compares instants exactly.
 */
function normalization(ctx: RuleContext, x: ast.Expr): string | null {
  x = unparen(x);
  if (x.kind !== "CallExpr") return null;
  const fun = unparen(x.fun);
  if (fun.kind !== "SelectorExpr" || !isNamedType(ctx.sem.typeOf(fun.x), "time.Time")) return null;
  if ((fun.sel.name === "UTC" || fun.sel.name === "Local") && x.args.length === 0) return fun.sel.name;
  if (fun.sel.name === "In" && x.args.length === 1) return `In(${text(ctx, x.args[0]!)})`;
  return null;
}

/** Whether x is the zero Time written as a literal: `time.Time{}`. */
function isZeroTimeLiteral(ctx: RuleContext, x: ast.Expr): boolean {
  x = unparen(x);
  return x.kind === "CompositeLit" && x.elts.length === 0 && isNamedType(ctx.sem.typeOf(x), "time.Time");
}

export default defineRule({
  name: "time-compare-operator",
  category: "time",
  severity: "warning",
  needs: ["types"],
  imports: ["time"],
  skipTests: true,
  docs: {
    summary:
      "time.Time values compared with == or used as map keys: the monotonic reading and location take part",
    details:
      "A time.Time holds a wall clock reading, an optional monotonic clock reading (set by " +
      "time.Now) and a location pointer. The == operator compares all three, so two values for the " +
      "same instant differ when one came from time.Now and the other from JSON, a database or " +
      "t.Round(0), or when they carry different locations (UTC and Local). The comparison then " +
      "depends on where the values came from, not on the instant, and tests that pass in one time " +
      "zone fail in another. The same holds for structs and arrays that contain a time.Time by " +
      "value, and for maps keyed by time.Time (or by such structs): the same instant lands under " +
      "different keys. Both sides normalized the same way (a.UTC() == b.UTC(), a.In(loc) == " +
      "b.In(loc)) compare exactly and are not reported. Use t.Equal(u) (and u.IsZero() for the zero value); compare structs field by " +
      "field with Equal for the times; key maps by t.UnixNano() or by a normalized t.UTC().Round(0). " +
      "Test files are left out: a test comparing times with == checks the exact value, location " +
      "included, on purpose, and a spurious inequality there fails the test instead of passing " +
      "silently; so is package time itself, which defines what == means for its values.",
    bad: `package main

import (
	"encoding/json"
	"fmt"
	"time"
)

type Event struct {
	At time.Time
}

func main() {
	e1 := Event{At: time.Now()}
	b, _ := json.Marshal(e1)
	var e2 Event
	_ = json.Unmarshal(b, &e2)
	fmt.Println(e1.At == e2.At) // false: e1.At has a monotonic reading
}
`,
    good: `package main

import (
	"encoding/json"
	"fmt"
	"time"
)

type Event struct {
	At time.Time
}

func main() {
	e1 := Event{At: time.Now()}
	b, _ := json.Marshal(e1)
	var e2 Event
	_ = json.Unmarshal(b, &e2)
	fmt.Println(e1.At.Equal(e2.At))
}
`,
    source: "seed 001 #77 (10.3.2, JSON and the monotonic clock); go doc time.Time",
  },
  create(ctx) {
    // A test comparing times with == checks the exact value, location included, on purpose
    // (archive/zip's tests check that ModTime comes back in UTC); a spurious inequality there
    // fails the test, it does not pass silently. Package time defines what == means.
    if (ctx.sem.checked.pkg.path === "time") return {};
    return {
      BinaryExpr(x) {
        if (x.op !== "==" && x.op !== "!=") return;
        const tx = ctx.sem.typeOf(x.x);
        const ty = ctx.sem.typeOf(x.y);
        // both sides must be known, concrete values: an interface holding a Time is not ours to judge
        if (tx === null || ty === null || under(tx).kind === "Interface" || under(ty).kind === "Interface")
          return;
        const path = timeInside(tx);
        if (path === null) return;
        const negate = x.op === "!=" ? "!" : "";
        if (path === "") {
          const norm = normalization(ctx, x.x);
          if (norm !== null && norm === normalization(ctx, x.y)) return;
          const zero = isZeroTimeLiteral(ctx, x.y) ? x.x : isZeroTimeLiteral(ctx, x.x) ? x.y : null;
          const fix =
            zero !== null
              ? `${negate}${text(ctx, zero)}.IsZero()`
              : `${negate}${text(ctx, x.x)}.Equal(${text(ctx, x.y)})`;
          ctx.report(
            x,
            `${x.op} on time.Time compares the monotonic clock reading and the location too, so equal ` +
              `instants can compare unequal; use ${fix}`,
          );
          return;
        }
        ctx.report(
          x,
          `${x.op} compares values containing a time.Time (${path}), including its monotonic clock ` +
            `reading and location, so equal instants can compare unequal; compare the fields, with Equal for the times`,
        );
      },
      MapType(m) {
        const key = ctx.sem.typeOf(m.key);
        if (key === null) return;
        const path = timeInside(key);
        if (path === null) return;
        const what = path === "" ? "time.Time as a map key" : `map key containing a time.Time (${path})`;
        ctx.report(
          m.key,
          `${what}: the same instant with another location or monotonic reading is another key; ` +
            `key by t.UnixNano() or a normalized t.UTC().Round(0)`,
        );
      },
    };
  },
});
