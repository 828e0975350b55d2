// A rule's documentation as Markdown, from its definition: the same text goes into
// docs/rules/<rule>.md, `gopitfall explain <rule>`, SARIF help and editor hovers.

import type { RuleDefinition } from "./rule.js";

export function ruleMarkdown(rule: RuleDefinition): string {
  const { docs } = rule;
  const lines = [
    `# ${rule.name}`,
    "",
    `${docs.summary}`,
    "",
    `- Category: ${rule.category}`,
    `- Severity: ${rule.severity}${rule.offByDefault === true ? " (off by default)" : ""}`,
    `- Needs: ${rule.needs.join(", ")}`,
  ];
  if (rule.imports !== undefined)
    lines.push(`- Runs in packages importing: ${rule.imports.map((p) => `\`${p}\``).join(", ")}`);
  if (rule.options !== undefined && Object.keys(rule.options).length > 0) {
    lines.push(
      `- Options: ${Object.entries(rule.options)
        .map(([k, v]) => `\`${k}\` (default \`${JSON.stringify(v)}\`)`)
        .join(", ")}`,
    );
  }
  lines.push(
    "",
    "## Why",
    "",
    docs.details.trim(),
    "",
    "## Bad",
    "",
    "```go",
    docs.bad.trim(),
    "```",
    "",
    "## Good",
    "",
    "```go",
    docs.good.trim(),
    "```",
    "",
    "## Source",
    "",
    docs.source.trim(),
    "",
  );
  return lines.join("\n");
}

/** The index of every rule, by category. */
export function rulesIndexMarkdown(rules: readonly RuleDefinition[]): string {
  const lines = [
    "# Rules",
    "",
    "Generated from the rule definitions (`npm run gen:docs`); `gopitfall explain <rule>` prints the same pages.",
    "",
    "| rule | category | severity | summary |",
    "| --- | --- | --- | --- |",
  ];
  const sorted = [...rules].sort((a, b) =>
    a.category === b.category ? (a.name < b.name ? -1 : 1) : a.category < b.category ? -1 : 1,
  );
  for (const r of sorted) {
    const severity = r.offByDefault === true ? `${r.severity} (off)` : r.severity;
    lines.push(
      `| [${r.name}](${r.name}.md) | ${r.category} | ${severity} | ${r.docs.summary.replace(/\|/g, "\\|")} |`,
    );
  }
  lines.push("");
  return lines.join("\n");
}
