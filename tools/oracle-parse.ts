// npm run -s oracle:parse -- <dir>
//
// Compares our parser with go/parser on every .go file under <dir> (testdata included): whether
// each accepts the file and, when both do, the preorder (kind, pos, end) node lists. Prints the
// first mismatches and the most frequent kinds of mismatch, then as its last line one JSON object
// with the counts. Exits 1 when any file differs, 2 on a usage or setup error.

import { listGoFiles } from "./go-files.js";
import { compareParse, loadParseDifferences, type Mismatch } from "./oracle/compare.js";

const usage = "usage: npm run -s oracle:parse -- [--show N] <dir>...";

async function main(argv: string[]): Promise<number> {
  let show = 20;
  const dirs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--show") {
      show = Number(argv[++i]);
      if (!Number.isInteger(show) || show < 0) {
        console.error(usage);
        return 2;
      }
    } else if (arg === "-h" || arg === "--help") {
      console.log(usage);
      return 0;
    } else dirs.push(arg);
  }
  if (dirs.length === 0) {
    console.error(usage);
    return 2;
  }

  const files = dirs.flatMap((d) => listGoFiles(d));
  const differences = loadParseDifferences();
  const categories = new Map<string, { count: number; example: string }>();
  let shown = 0;
  const onMismatch = (m: Mismatch): void => {
    const key = `${m.category}: ${m.signature}`;
    const c = categories.get(key);
    if (c === undefined) categories.set(key, { count: 1, example: m.file });
    else c.count++;
    if (shown < show) {
      shown++;
      console.log(`${m.category} ${m.file}\n${m.detail}\n`);
    }
  };

  const { summary, deliberate, unusedDifferences } = await compareParse(files, { differences, onMismatch });

  if (categories.size > 0) {
    console.log("mismatches by kind (count, kind, one file):");
    const sorted = [...categories].sort((a, b) => b[1].count - a[1].count);
    for (const [key, { count, example }] of sorted.slice(0, 30))
      console.log(`${String(count).padStart(6)}  ${key}  (${example})`);
    if (sorted.length > 30) console.log(`   ... and ${sorted.length - 30} more kinds`);
  }
  console.log(
    `deliberate differences applied: ${deliberate} (tools/oracle/parse-differences.json lists ${differences.length})`,
  );
  for (const d of unusedDifferences)
    console.log(`note: deliberate difference matched no file: ${d.file} (${d.expect})`);
  console.log(JSON.stringify(summary));
  return summary.onlyOursAccepts + summary.onlyGoAccepts + summary.astMismatch > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 2;
  },
);
