import type { FuncNode } from "../../analysis/flow.js";
import { raceWith } from "../../analysis/race-report.js";
import { racesIn, VAR_WRITES } from "../../analysis/races.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";

function check(ctx: RuleContext, fn: FuncNode): void {
  for (const race of racesIn(ctx.sem, fn, VAR_WRITES)) {
    ctx.report(
      race.write.id,
      `${race.v.name} is assigned in a goroutine with no lock or atomic while ${raceWith(ctx.source, race)}: a data race, with lost updates and torn reads; guard it with a sync.Mutex, use sync/atomic, or send the value over a channel`,
    );
  }
}

export default defineRule({
  name: "unsynchronized-write",
  category: "concurrency",
  severity: "warning",
  needs: ["resolution", "types", "flow"],
  docs: {
    summary: "A shared variable assigned in a goroutine without a lock or atomic while other code uses it",
    details:
      "A variable written by one goroutine and read or written by another at the same time is a data race: " +
      "`count++` from many goroutines loses updates, a reader can see half of a multi-word value (a string, an " +
      "interface, a slice header) and crash, and the compiler may keep the value in a register so that a loop " +
      "never sees the change. The rule reports an assignment (`x = v`, `x += v`, `x++`) in a goroutine to a " +
      "package-level variable or a captured local, when another goroutine started by the same function uses it, " +
      "when the goroutine is started in a loop (its copies write at the same time), or when the starting function " +
      "uses it after the `go` statement with nothing in between that could order the two (a channel operation, a " +
      "`Wait`, any call that might block). Goroutines that take a lock or use `sync/atomic` are left alone, and " +
      "so are variables whose address is taken. Use a `sync.Mutex`, an `atomic.Int64`, or hand the result over a " +
      "channel.",
    bad: `package stats

import "sync"

func Count(items []string) int {
	var wg sync.WaitGroup
	n := 0
	for range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n++
		}()
	}
	wg.Wait()
	return n
}
`,
    good: `package stats

import (
	"sync"
	"sync/atomic"
)

func Count(items []string) int {
	var wg sync.WaitGroup
	var n atomic.Int64
	for range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n.Add(1)
		}()
	}
	wg.Wait()
	return int(n.Load())
}
`,
    source: "004 §4.1 (数据竞争)",
  },
  create(ctx) {
    return {
      FuncDecl: (fn) => check(ctx, fn),
      FuncLit: (fn) => check(ctx, fn),
    };
  },
});
