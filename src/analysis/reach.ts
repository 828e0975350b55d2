// Forward searches over a function's control-flow graph (src/analysis/flow.ts): "is there a path
// from here to a node like that, one that meets no node like this?" Shared by the rules that ask
// what happens to a variable after a statement (defer-eager-args, shadowed-variable).

import type { Block, CfgNode } from "../semantic/cfg.js";
import type { FlowPoint } from "./flow.js";

/** What a search does at a node: ends the search with success, ends this path, or goes on. */
export type Step = "found" | "stop" | "continue";

/**
 * Whether some path that starts just after `from` (excluded) reaches a node for which `visit`
 * answers "found" before one for which it answers "stop". Paths follow the graph's edges only
 * (a call that never returns ends its path); each block is entered once, so loops are walked
 * once round, back to the nodes of `from`'s block before `from`.
 */
export function searchForward(from: FlowPoint, visit: (node: CfgNode, block: Block) => Step): boolean {
  const start = from.block;
  for (let i = from.index + 1; i < start.nodes.length; i++) {
    const step = visit(start.nodes[i]!, start);
    if (step === "found") return true;
    if (step === "stop") return false;
  }
  const seen = new Set<Block>();
  const queue: Block[] = [...start.succs];
  while (queue.length > 0) {
    const b = queue.shift()!;
    if (seen.has(b)) continue;
    seen.add(b);
    let stopped = false;
    for (const node of b.nodes) {
      const step = visit(node, b);
      if (step === "found") return true;
      if (step === "stop") {
        stopped = true;
        break;
      }
    }
    if (!stopped) queue.push(...b.succs);
  }
  return false;
}
