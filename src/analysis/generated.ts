// Generated files are skipped unless asked for: their findings are the generator's to fix, and
// nobody can act on them in the file. The test is Go's own (go/ast.IsGenerated, the convention of
// https://go.dev/s/generatedcode): a line `// Code generated <anything> DO NOT EDIT.` in a comment
// before the package clause.

import type * as ast from "../syntax/ast.js";

const prefix = "// Code generated ";
const suffix = " DO NOT EDIT.";

/** Whether a comment before the package clause carries Go's "generated code" line. */
export function isGenerated(file: ast.File): boolean {
  for (const group of file.comments) {
    if (group.pos > file.package) break;
    for (const comment of group.list) {
      if (comment.pos > file.package) return false;
      // Cheap test first: most comments are not the marker.
      if (!comment.text.includes(prefix)) continue;
      // Like go/ast, every line of a comment counts: the marker may sit inside a /* */ block.
      for (const line of comment.text.split("\n")) {
        if (
          line.startsWith(prefix) &&
          line.endsWith(suffix) &&
          line.length >= prefix.length + suffix.length
        ) {
          return true;
        }
      }
    }
  }
  return false;
}
