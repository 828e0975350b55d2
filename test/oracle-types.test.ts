// Our type checker against go/types on a few standard library packages, with their tests
// (seconds): the full run over the whole standard library is `npm run oracle:types` in CI. Needs
// Go; without it the test is skipped, so the test command passes on machines without Go.

import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { compareTypes, type TypesMismatch } from "../tools/oracle/compare-types.js";
import { goRoot, goVersion } from "../tools/oracle/oracle.js";

// sort: generics-free classic code with examples and external tests; strconv: constants of every
// kind, shifts and untyped arithmetic; container/list: methods through pointers.
const sample = ["sort", "strconv", "container/list"];

const skip =
  goVersion() === null
    ? "go is not on PATH: install Debian's golang-go golang-src to run the type oracle"
    : false;

for (const pkg of sample) {
  test(`our type checker agrees with go/types on ${pkg}`, { skip }, async () => {
    const mismatches: TypesMismatch[] = [];
    const summary = await compareTypes(join(goRoot(), "src", pkg), { onMismatch: (m) => mismatches.push(m) });
    const first = mismatches
      .slice(0, 5)
      .map((m) => `${m.what} ${m.where}: ours ${m.ours}, go ${m.go}`)
      .join("\n");
    assert.equal(summary.crashes, 0, first);
    assert.ok(summary.packages > 0);
    assert.equal(summary.identAgree, 1, first);
    assert.equal(summary.exprAgree, 1, first);
  });
}
