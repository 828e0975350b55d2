import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeData, escapeProperty, formatGithub, formatReport } from "../src/output/index.js";
import { options, report } from "./output-fixture.js";

test("github: workflow commands, repository-relative, UTF-16 columns on single-line findings only", () => {
  assert.equal(
    formatReport(report(), "github", options({ cwd: "/repo/pkg" })),
    [
      "::error title=gopitfall%3A config error::no rule named no-such-rule",
      "::error file=bad.go,line=3,col=9,title=gopitfall%3A syntax error::expected ')', found '{'",
      "::notice file=/elsewhere/b.go,line=4,endLine=5,title=defer-in-loop::deferred closure, 100%25 of calls",
      '::error file=pkg/a.go,line=6,endLine=9,title=defer-in-loop::a <message> with & "quotes", a comma: and%0Aa newline',
      "::warning file=pkg/a.go,line=7,endLine=7,col=19,endColumn=42,title=time-after-in-loop::time.After in a loop: each iteration starts a timer",
      "",
    ].join("\n"),
  );
});

test("github: escaping of data and properties, as the Actions toolkit escapes them", () => {
  assert.equal(escapeData("100% done\r\nnext: a, b"), "100%25 done%0D%0Anext: a, b");
  assert.equal(escapeProperty("dir,x/a:b%\n.go"), "dir%2Cx/a%3Ab%25%0A.go");
  const r = report();
  r.errors = [];
  r.findings = [{ ...r.findings[1]!, file: "/repo/we,ird:dir/a.go", message: "::stop-commands::x" }];
  assert.equal(
    formatGithub(r, options()),
    "::warning file=we%2Cird%3Adir/a.go,line=7,endLine=7,col=20,endColumn=43,title=time-after-in-loop::::stop-commands::x\n",
  );
});

test("github: nothing for an empty report; endColumn never before col", () => {
  assert.equal(formatGithub({ ...report(), findings: [], errors: [] }, options()), "");
  const r = report();
  r.errors = [];
  r.findings = [{ ...r.findings[1]!, file: "/repo/x.go", line: 2, column: 5, endLine: 2, endColumn: 3 }];
  assert.equal(
    formatGithub(r, options()),
    "::warning file=x.go,line=2,endLine=2,col=5,endColumn=5,title=time-after-in-loop::time.After in a loop: each iteration starts a timer\n",
  );
});
