// npm run -s bench:check -- <dir>
//
// Loads, parses and type-checks every package in and below <dir> (non-test files, with their
// imports: declarations only, once per run), single-threaded, and prints the phases and, as its
// last line, {"packages":N,"files":N,"seconds":S,"peakRssMb":M}.

import { Loader } from "../src/load/packages.js";
import { dependencyOrder, Program } from "../src/semantic/program.js";

function main(argv: string[]): number {
  const dir = argv[0];
  if (dir === undefined || argv.length > 1) {
    console.error("usage: npm run -s bench:check -- <dir>");
    return 2;
  }
  let peakRss = process.memoryUsage.rss();
  const sample = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50);
  const start = performance.now();
  const loader = new Loader({ dir, tests: false });
  const loaded = loader.load(["./..."]);
  const loadMs = performance.now() - start;
  const program = new Program(loader);
  let packages = 0;
  let errors = 0;
  for (const p of dependencyOrder(loaded.packages)) {
    if (p.goFiles.length === 0) continue;
    const checked = program.check(p, "package");
    packages++;
    errors += checked.errors.length;
  }
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sample);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  const s = program.stats;
  const checkOnly = s.checkMs;
  console.log(`load (find packages, read headers)  ${(loadMs / 1000).toFixed(2)} s`);
  console.log(
    `parse (${s.files} files, ${(s.bytes / 1e6).toFixed(1)} MB)        ${(s.parseMs / 1000).toFixed(2)} s`,
  );
  console.log(`check                               ${(checkOnly / 1000).toFixed(2)} s`);
  console.log(`type errors reported: ${errors}`);
  console.log(
    JSON.stringify({
      packages,
      files: s.files,
      seconds: Math.round(seconds * 100) / 100,
      peakRssMb: Math.round(peakRss / 2 ** 20),
    }),
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
