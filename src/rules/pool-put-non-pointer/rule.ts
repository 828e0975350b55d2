import { typeLayout } from "../../analysis/astutil.js";
import { defineRule } from "../../analysis/rule.js";
import { under } from "../../semantic/predicates.js";
import { BasicKind, type Type } from "../../semantic/types.js";
import { relativeTo, typeString } from "../../semantic/typestring.js";

/** Whether a value of type t fits an interface word as is (staticcheck's IsPointerLike). */
function isPointerLike(t: Type): boolean {
  const u = under(t);
  switch (u.kind) {
    case "Pointer":
    case "Map":
    case "Chan":
    case "Signature":
      return true;
    case "Basic":
      return u.basicKind === BasicKind.UnsafePointer;
    default:
      return false;
  }
}

export default defineRule({
  name: "pool-put-non-pointer",
  category: "concurrency",
  severity: "warning",
  needs: ["resolution", "types"],
  imports: ["sync"],
  docs: {
    summary: "sync.Pool.Put of a value that is not a pointer allocates on every call",
    details:
      "`sync.Pool` stores `any`. Putting a slice, string, struct or number into it converts the value " +
      "to an interface, which copies it to a new heap allocation on every `Put`: the pool meant to save " +
      "allocations makes one per use (a `[]byte` buffer pool is the classic case). Pool pointers " +
      "instead: `New` returns a `*bytes.Buffer` or a `*[]byte`, `Get` asserts to the pointer type, and " +
      "`Put` gets the pointer back (reset the value first, so the next `Get` does not see old data). " +
      "Values already held in an interface, and zero-size values, are not reported: they do not " +
      "allocate.",
    bad: `package buffers

import "sync"

var pool = sync.Pool{New: func() any { return make([]byte, 0, 4096) }}

func process(data []byte) {
	buf := pool.Get().([]byte)
	buf = append(buf[:0], data...)
	pool.Put(buf)
}
`,
    good: `package buffers

import "sync"

var pool = sync.Pool{New: func() any {
	b := make([]byte, 0, 4096)
	return &b
}}

func process(data []byte) {
	bp := pool.Get().(*[]byte)
	*bp = append((*bp)[:0], data...)
	pool.Put(bp)
}
`,
    source: "seed 004 §3.2 (sync.Pool misuse); staticcheck SA6002",
  },
  create(ctx) {
    return {
      CallExpr(call) {
        if (call.args.length !== 1 || !ctx.sem.isCallTo(call, "(*sync.Pool).Put")) return;
        const arg = call.args[0]!;
        const tv = ctx.sem.typeAndValue(arg);
        // a constant is boxed once, statically; an interface value needs no boxing
        if (tv === null || tv.value !== null || tv.mode === "typexpr") return;
        const t = tv.type;
        const u = under(t);
        if (u.kind === "Interface" || u.kind === "Tuple" || t.kind === "TypeParam" || isPointerLike(t))
          return;
        if (u.kind === "Basic" && u.basicKind === BasicKind.UntypedNil) return;
        const layout = typeLayout(t);
        // a zero-size value is boxed without allocating
        if (layout !== null && layout.size === 0) return;
        const name = typeString(t, relativeTo(ctx.sem.checked.pkg));
        ctx.report(
          call,
          `sync.Pool.Put of a ${name} value allocates on every call to box it in an interface; ` +
            `pool pointers instead (*${name})`,
        );
      },
    };
  },
});
