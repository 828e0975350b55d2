import { defineRule } from "../../analysis/rule.js";

export default defineRule({
  name: "gomod-local-replace",
  category: "modules",
  severity: "warning",
  needs: ["gomod"],
  docs: {
    summary: "A replace directive in go.mod points at a directory on disk",
    details: `\`replace example.com/lib => ../lib\` makes the build read whatever sits in that directory on this machine, not a version with a checksum in go.sum. A colleague's checkout, the CI runner and the release build each see different code, or none at all (the directory is missing and the build fails), and modules that depend on yours ignore the directive, so they build against another version than the one you tested. The enterprise field notes tell of three companies where such replaces hid real dependency conflicts and caused panics that could not be reproduced, and of a CI gate that rejects them.

For local development across modules use a \`go.work\` workspace, which stays out of the module; for a fork, publish it and replace with a module path and version (\`=> github.com/you/lib v1.8.3\`). The finding points at the \`replace\` line, or at the entry inside a \`replace ( ... )\` block.`,
    bad: `module example.com/app

go 1.21

require example.com/lib v1.8.2

replace example.com/lib => ../lib
`,
    good: `module example.com/app

go 1.21

require example.com/lib v1.8.2

replace example.com/lib => example.com/lib-fork v1.8.3
`,
    source: "seed 003 §4.4 (replace abuse and version drift); gomoddirectives (golangci-lint, replace-local)",
  },
  checkGoMod(ctx) {
    for (const r of ctx.goMod.replace) {
      if (!r.isLocal) continue;
      const what = r.oldVersion === null ? r.oldPath : `${r.oldPath} ${r.oldVersion}`;
      ctx.report(
        r,
        `replace sends ${what} to the local directory ${r.newPath}: builds differ between machines and CI, and modules that require this one ignore it; use a go.work workspace or a published version`,
      );
    }
  },
});
