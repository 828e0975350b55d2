import type { FuncNode } from "../../analysis/flow.js";
import { raceWith } from "../../analysis/race-report.js";
import { MAP_WRITES, racesIn } from "../../analysis/races.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";

function check(ctx: RuleContext, fn: FuncNode): void {
  for (const race of racesIn(ctx.sem, fn, MAP_WRITES)) {
    ctx.report(
      race.write.id,
      `map ${race.v.name} is written in a goroutine with no lock while ${raceWith(ctx.source, race)}: concurrent map writes crash the program ("fatal error: concurrent map writes"); guard every access with a sync.Mutex or use sync.Map`,
    );
  }
}

export default defineRule({
  name: "concurrent-map-access",
  category: "concurrency",
  severity: "error",
  needs: ["resolution", "types", "flow"],
  docs: {
    summary: "A map written by a goroutine while other code reads or writes it, with no lock",
    details:
      "Go maps are not safe for concurrent use: a write at the same time as another read or write is detected by " +
      "the runtime, which stops the whole process with `fatal error: concurrent map read and map write` — not a " +
      "panic that `recover` could catch. The rule reports a map element write (`m[k] = v`, `delete(m, k)`) in a " +
      "goroutine when the same map — a package-level variable or one the goroutine's closure captures — is also " +
      "used by another goroutine started by the same function, by copies of the goroutine started in a loop, or by " +
      "the starting function after the `go` statement with nothing in between that could order the two (a channel " +
      "operation, a `Wait`, any call that might block). Goroutines that take a lock or use `sync/atomic` are left " +
      "alone, as are maps whose address is taken. Guard the map with a `sync.Mutex` (or `RWMutex` for many " +
      "readers), or use `sync.Map`.",
    bad: `package cache

var hits = map[string]int{}

func Record(keys []string) {
	for _, k := range keys {
		go func(k string) {
			hits[k]++
		}(k)
	}
}
`,
    good: `package cache

import "sync"

var (
	mu   sync.Mutex
	hits = map[string]int{}
)

func Record(keys []string) {
	for _, k := range keys {
		go func(k string) {
			mu.Lock()
			hits[k]++
			mu.Unlock()
		}(k)
	}
}
`,
    source: '000 "并行读写map"; 004 §4.1',
  },
  create(ctx) {
    return {
      FuncDecl: (fn) => check(ctx, fn),
      FuncLit: (fn) => check(ctx, fn),
    };
  },
});
