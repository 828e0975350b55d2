// A short, seeded run of the parser fuzzer over the built-in seeds, and a replay of every saved
// regression: the parser must neither throw nor take longer than the limit on any of them.
// The long run is `npm run -s fuzz:parse -- --count 100000`.

import assert from "node:assert/strict";
import { relative } from "node:path";
import { test } from "node:test";
import { loadCorpus, REGRESSIONS_DIR, REPO_ROOT, SEEDS_DIR } from "../tools/fuzz/corpus.js";
import { ParserHost } from "../tools/fuzz/host.js";
import { detailOf, formatFailure, fuzz, readRegressions } from "../tools/fuzz/run.js";

const LIMIT_MS = 1000;

test("seeded fuzz run over the built-in seeds finds no failure", async () => {
  const count = 1500;
  const seed = 20260101;
  const summary = await fuzz({
    corpus: loadCorpus([SEEDS_DIR]),
    count,
    seed,
    limitMs: LIMIT_MS,
    saveDir: null,
  });
  assert.equal(summary.mutants, count);
  assert.deepEqual(
    summary.failures.map(formatFailure),
    [],
    `reproduce and save with: npm run -s fuzz:parse -- --corpus test/fuzz/seeds --seed ${seed} --count ${count}`,
  );
});

test("every saved regression parses without an exception and within the limit", async () => {
  const host = new ParserHost(LIMIT_MS);
  try {
    for (const file of readRegressions(REGRESSIONS_DIR)) {
      // A mutant may have failed in either mode; replay both.
      for (const importsOnly of [false, true]) {
        const outcome = await host.parse(file.name, file.bytes, importsOnly);
        assert.equal(
          outcome.kind,
          "ok",
          `${relative(REPO_ROOT, file.name)} (imports only: ${importsOnly}): ${detailOf(outcome)}`,
        );
      }
    }
  } finally {
    await host.close();
  }
});
