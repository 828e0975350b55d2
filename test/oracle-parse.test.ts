// Our parser against go/parser on a few standard library packages (seconds, not minutes): the
// full run over the whole standard library is `npm run oracle:parse` in CI. Needs Go; without it
// the test is skipped, so the test command passes on machines without a Go toolchain.

import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { listGoFiles } from "../tools/go-files.js";
import { compareParse, loadParseDifferences, type Mismatch } from "../tools/oracle/compare.js";
import { goRoot, goVersion } from "../tools/oracle/oracle.js";

// Packages chosen for breadth in a second: go/parser (its testdata holds generics and odd or
// invalid syntax), go/printer (comments in every position), net/http (large, every statement
// form), sort (examples and external tests).
const sample = ["go/parser", "go/printer", "net/http", "sort"];

const skip =
  goVersion() === null
    ? "go is not on PATH: install Debian's golang-go golang-src to run the parser oracle"
    : false;

test("our parser agrees with go/parser on a sample of the standard library", { skip }, async () => {
  const src = join(goRoot(), "src");
  const files = sample.flatMap((pkg) => listGoFiles(join(src, pkg)));
  const mismatches: Mismatch[] = [];
  const { summary } = await compareParse(files, {
    differences: loadParseDifferences(),
    onMismatch: (m) => mismatches.push(m),
  });
  const report = mismatches
    .slice(0, 5)
    .map((m) => `${m.category} ${m.file}\n${m.detail}`)
    .join("\n\n");
  assert.equal(summary.files, files.length);
  assert.deepEqual(
    {
      onlyOursAccepts: summary.onlyOursAccepts,
      onlyGoAccepts: summary.onlyGoAccepts,
      astMismatch: summary.astMismatch,
    },
    { onlyOursAccepts: 0, onlyGoAccepts: 0, astMismatch: 0 },
    report,
  );
});
