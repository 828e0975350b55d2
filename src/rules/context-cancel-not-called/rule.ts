import { leakOf, type ResourceKind } from "../../analysis/lifecycle.js";
import { defineRule } from "../../analysis/rule.js";

/** Functions whose second result cancels the derived context. */
const WITH_CANCEL = new Set(
  [
    "WithCancel",
    "WithTimeout",
    "WithDeadline",
    "WithCancelCause",
    "WithTimeoutCause",
    "WithDeadlineCause",
  ].map((f) => `context.${f}`),
);

// As in go vet's lostcancel, any use of the cancel function counts: calling it, deferring it,
// handing it to someone who will.
const CANCEL: ResourceKind = {
  name: "context-cancel",
  releases: [],
  anyUseReleases: true,
  resourceFields: [],
};

export default defineRule({
  name: "context-cancel-not-called",
  category: "concurrency",
  severity: "error",
  needs: ["resolution", "types", "flow"],
  imports: ["context"],
  // Tests are short-lived processes that provoke failures on purpose (a dropped result whose
  // error is expected, a body left open to exercise the transport): their leaks never reach
  // production, and reporting them drowns the real ones.
  skipTests: true,
  docs: {
    summary: "The cancel function of context.WithCancel/WithTimeout/WithDeadline is not called on every path",
    details:
      "`context.WithCancel`, `WithTimeout` and `WithDeadline` register the new context with its parent and, for " +
      "the timed ones, start a timer. Both are released only by calling the returned `cancel` (or when the parent " +
      "is cancelled, which for a server's root context is never). A path that returns without calling it leaks " +
      "the context, its timer and every goroutine waiting on `Done()` until the deadline passes — per request, " +
      "this grows without bound. Write `defer cancel()` on the line after. The rule follows every path of the " +
      "function, like go vet's lostcancel: any use of `cancel` counts (called, deferred, stored, passed on). " +
      "Test files are left alone: a test is a short-lived process that provokes failures on purpose.",
    bad: `package api

import (
	"context"
	"time"
)

func Call(parent context.Context, do func(context.Context) error, retry bool) error {
	ctx, cancel := context.WithTimeout(parent, 2*time.Second)
	if !retry {
		return do(ctx)
	}
	defer cancel()
	if err := do(ctx); err != nil {
		return do(ctx)
	}
	return nil
}
`,
    good: `package api

import (
	"context"
	"time"
)

func Call(parent context.Context, do func(context.Context) error, retry bool) error {
	ctx, cancel := context.WithTimeout(parent, 2*time.Second)
	defer cancel()
	if !retry {
		return do(ctx)
	}
	if err := do(ctx); err != nil {
		return do(ctx)
	}
	return nil
}
`,
    source: "003 §2.4; 004 §2.2; go vet lostcancel",
  },
  create(ctx) {
    return {
      CallExpr(call) {
        const name = ctx.sem.calleeName(call);
        if (name === null || !WITH_CANCEL.has(name)) return;
        const leak = leakOf(ctx, call, CANCEL, 1);
        if (leak === null) return;
        const what = ctx.source.decode(call.fun.pos, call.fun.end);
        if (leak.verdict.how === "discarded") {
          ctx.report(
            call,
            `the cancel function of ${what} is discarded: the context and its resources leak until the parent is cancelled; keep it and defer cancel()`,
          );
          return;
        }
        const v = leak.creation.holder?.name ?? "cancel";
        ctx.report(
          call,
          `the cancel function of ${what} is not called ${leak.where}: the context and its resources leak until the parent is cancelled; defer ${v}() right after this line`,
          leak.related,
        );
      },
    };
  },
});
