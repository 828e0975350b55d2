// npm run gen:docs
//
// Writes docs/rules/<rule>.md for every rule and docs/rules/README.md, the index, from the rule
// definitions. A test fails when the committed pages differ from what this writes.

import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ruleMarkdown, rulesIndexMarkdown } from "../src/analysis/docs.js";
import { allRules } from "../src/rules/index.js";

/** The repository's docs/rules folder (this module runs compiled from dist/tools/). */
export const docsDir = fileURLToPath(new URL("../../docs/rules/", import.meta.url));

/** Every page, by file name. */
export function docPages(): Map<string, string> {
  const pages = new Map<string, string>();
  for (const rule of allRules) pages.set(`${rule.name}.md`, ruleMarkdown(rule));
  pages.set("README.md", rulesIndexMarkdown(allRules));
  return pages;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(docsDir, { recursive: true });
  const pages = docPages();
  for (const name of readdirSync(docsDir)) if (!pages.has(name)) rmSync(join(docsDir, name));
  for (const [name, text] of pages) writeFileSync(join(docsDir, name), text);
}
