// npm run -s oracle:types -- [--show N] [--only PATH-REGEXP] <dir>
//
// Compares our type checker with go/types on every package in and below <dir> (with their
// in-package and external tests): the object of every identifier and the type of every
// expression go/types records. Prints the first mismatches and the most frequent kinds, then as
// its last line one JSON object: packages, idents, identAgree, exprs, exprAgree, crashes. Exits 1
// on a crash or when agreement is below --require-ident / --require-expr.

import { compareTypes, type TypesMismatch } from "./oracle/compare-types.js";

const usage =
  "usage: npm run -s oracle:types -- [--show N] [--only PATH-REGEXP] [--require-ident F] [--require-expr F] <dir>";

/** A mismatch's kind: what go says and what we say, with positions left out. */
function signature(m: TypesMismatch): string {
  const strip = (s: string): string => s.replace(/ -?\d+:-?\d+$/, "").replace(/\n[\s\S]*/, "");
  return `${m.what}: go ${strip(m.go)} / ours ${strip(m.ours)}`;
}

async function main(argv: string[]): Promise<number> {
  let show = 20;
  let only: RegExp | null = null;
  // Agreement below these (or any crash) fails the run: CI's bar.
  let requireIdent = 0;
  let requireExpr = 0;
  let dir: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--show") show = Number(argv[++i]);
    else if (arg === "--only") only = new RegExp(argv[++i] ?? "");
    else if (arg === "--require-ident") requireIdent = Number(argv[++i]);
    else if (arg === "--require-expr") requireExpr = Number(argv[++i]);
    else if (arg === "-h" || arg === "--help") {
      console.log(usage);
      return 0;
    } else dir = arg;
  }
  if (dir === null || !Number.isInteger(show) || show < 0) {
    console.error(usage);
    return 2;
  }
  const kinds = new Map<string, { count: number; example: string }>();
  let shown = 0;
  const summary = await compareTypes(dir, {
    filter: only === null ? undefined : (p) => only.test(p),
    onMismatch: (m) => {
      const key = signature(m);
      const k = kinds.get(key);
      if (k === undefined) kinds.set(key, { count: 1, example: m.where });
      else k.count++;
      if (shown < show) {
        shown++;
        console.log(`${m.what} ${m.pkg} ${m.where}\n  ours: ${m.ours}\n  go:   ${m.go}`);
      }
    },
  });
  if (kinds.size > 0) {
    console.log("mismatches by kind (count, kind, one place):");
    const sorted = [...kinds].sort((a, b) => b[1].count - a[1].count);
    for (const [key, { count, example }] of sorted.slice(0, 40)) {
      console.log(`${String(count).padStart(7)}  ${key}  (${example})`);
    }
  }
  console.log(JSON.stringify(summary));
  const failed = summary.identAgree < requireIdent || summary.exprAgree < requireExpr || summary.crashes > 0;
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exitCode = 2;
  },
);
