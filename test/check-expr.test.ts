// Types the checker records for expressions, compared with what go/types 1.19 records for the
// same snippets (every expected string was produced by go/types).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkSource, exprType } from "./check-helpers.js";

describe("untyped constants take the type of their context", () => {
  const c = checkSource(`package p
func f(length int, x int64) (uint, int64, float64) {
	shift := uint(length)
	var f float64 = 1
	return uint(1 << shift), x + 2, f
}
`);
  it("records no errors", () => assert.deepEqual(c.errors, []));
  const cases: [string, string][] = [
    ["1 << shift", "uint value"],
    ["1", "float64 constant"],
    ["x + 2", "int64 value"],
    ["2", "int64 constant"],
  ];
  for (const [text, want] of cases) it(text, () => assert.equal(exprType(c, text), want));
  it("the shifted 1", () => assert.equal(exprType(c, "1", 1), "uint constant"));
});
