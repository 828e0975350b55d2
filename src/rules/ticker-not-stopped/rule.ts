import { leakOf, type ResourceKind } from "../../analysis/lifecycle.js";
import { defineRule } from "../../analysis/rule.js";

const TICKER: ResourceKind = {
  name: "time-ticker",
  releases: [["Stop"]],
  resourceFields: [],
  endlessChannel: "C",
};

export default defineRule({
  name: "ticker-not-stopped",
  category: "resources",
  severity: "warning",
  needs: ["resolution", "types", "flow", "version"],
  imports: ["time"],
  // Tests are short-lived processes that provoke failures on purpose (a dropped result whose
  // error is expected, a body left open to exercise the transport): their leaks never reach
  // production, and reporting them drowns the real ones.
  skipTests: true,
  docs: {
    summary: "A time.Ticker is not stopped on every path (before Go 1.23)",
    details:
      "A `time.Ticker` fires forever until `Stop` is called. Before Go 1.23 the runtime keeps every running ticker " +
      "reachable, so a ticker that is not stopped is never collected: a function that starts one per call and " +
      "returns without `Stop` leaks a timer, its channel and the work it triggers, and a long-running service " +
      "slowly fills its timer heap (one of the seed's workers leaked a ticker on every reconnect). Write " +
      "`defer ticker.Stop()` after `time.NewTicker`. The rule is silent for tickers returned, stored or handed to a " +
      "goroutine, in functions that never return, and from Go 1.23, where tickers nobody references are collected. " +
      "Timers (`time.NewTimer`, `time.AfterFunc`) are left alone: they fire once and are then released, so an " +
      "unstopped timer is late garbage, not a leak. " +
      "Test files are left alone: a test is a short-lived process that provokes failures on purpose.",
    bad: `package health

import (
	"context"
	"time"
)

func WaitReady(ctx context.Context, ready func() bool) error {
	ticker := time.NewTicker(100 * time.Millisecond)
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticker.C:
			if ready() {
				return nil
			}
		}
	}
}
`,
    good: `package health

import (
	"context"
	"time"
)

func WaitReady(ctx context.Context, ready func() bool) error {
	ticker := time.NewTicker(100 * time.Millisecond)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticker.C:
			if ready() {
				return nil
			}
		}
	}
}
`,
    source: "000 worker2 (ticker 未 Stop); 004 §2.4",
  },
  create(ctx) {
    if (ctx.atLeast("1.23")) return {};
    return {
      CallExpr(call) {
        if (!ctx.sem.isCallTo(call, "time.NewTicker")) return;
        const leak = leakOf(ctx, call, TICKER);
        if (leak === null) return;
        const v = leak.creation.holder?.name ?? "ticker";
        ctx.report(
          call,
          `the ticker of time.NewTicker is not stopped ${leak.where}: it keeps firing and is never collected (before Go 1.23); defer ${v}.Stop() after creating it`,
          leak.related,
        );
      },
    };
  },
});
