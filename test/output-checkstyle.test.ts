import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeXml, formatCheckstyle, formatReport } from "../src/output/index.js";
import { options, report } from "./output-fixture.js";

test("checkstyle: files in path order, errors by position, XML-escaped", () => {
  assert.equal(
    formatReport(report(), "checkstyle", options()),
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<checkstyle version="4.3">',
      '  <file name="">',
      '    <error severity="error" message="no rule named no-such-rule" source="gopitfall.config-error"/>',
      "  </file>",
      '  <file name="/elsewhere/b.go">',
      '    <error line="4" column="2" severity="info" message="deferred closure, 100% of calls" source="gopitfall.defer-in-loop"/>',
      "  </file>",
      '  <file name="bad.go">',
      `    <error line="3" column="9" severity="error" message="expected ')', found '{'" source="gopitfall.syntax-error"/>`,
      "  </file>",
      '  <file name="pkg/a.go">',
      '    <error line="6" column="2" severity="error" message="a &lt;message&gt; with &amp; &quot;quotes&quot;, a comma: and&#10;a newline" source="gopitfall.defer-in-loop"/>',
      '    <error line="7" column="20" severity="warning" message="time.After in a loop: each iteration starts a timer" source="gopitfall.time-after-in-loop"/>',
      "  </file>",
      "</checkstyle>",
      "",
    ].join("\n"),
  );
});

test("checkstyle: an empty report is an empty document", () => {
  assert.equal(
    formatCheckstyle({ ...report(), findings: [], errors: [] }, options()),
    '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n</checkstyle>\n',
  );
});

test("checkstyle: characters XML 1.0 cannot carry become U+FFFD, white space survives attributes", () => {
  assert.equal(escapeXml("a\u0000b\u001bc\ud800d\uffffe"), "a\ufffdb\ufffdc\ufffdd\ufffde");
  assert.equal(escapeXml("tab\there\r\n"), "tab&#9;here&#13;&#10;");
  assert.equal(escapeXml("héllo 😀 <&>"), "héllo 😀 &lt;&amp;&gt;");
});
