// Path globs for the configuration's `exclude` list. Node 20 has no stable glob matcher, and the
// semantics are small enough to own: a pattern is matched segment by segment against a path
// relative to the configuration file's directory, with `/` as the separator.
//
//   `*`  any run of characters within one segment (possibly empty)
//   `?`  one character within one segment
//   `**` as a whole segment: zero or more segments
//
// A pattern that matches a directory matches everything below it, so `vendor` and `gen/` exclude
// whole trees. Every other character stands for itself.

/** Whether a relative path (with `/` separators) matches. */
export type PathMatcher = (relPath: string) => boolean;

/** Why a pattern cannot be used, or null. */
export function globError(pattern: string): string | null {
  if (pattern.trim() === "") return "empty pattern";
  if (pattern.startsWith("/")) return "pattern must be relative to the configuration file's directory";
  if (pattern.includes("\\")) return "use / to separate path segments";
  return null;
}

/** Compiles a pattern; the caller has checked it with globError. */
export function compileGlob(pattern: string): PathMatcher {
  const segments = splitPath(pattern);
  // A trailing `/` only says "a directory"; since matching a directory excludes what is below
  // it, the pattern means the same without it.
  return (relPath) => {
    const parts = splitPath(relPath);
    // Files outside the configuration's directory are only matched by patterns that say so.
    if (parts[0] === ".." && segments[0] !== "..") return false;
    return matchSegments(segments, 0, parts, 0);
  };
}

/** Splits at `/`, dropping empty and `.` segments (so `./a//b/` is `a/b`). */
function splitPath(p: string): string[] {
  return p.split("/").filter((s) => s !== "" && s !== ".");
}

/**
 * Whether pattern segments [i..] match a prefix of path segments [j..] that ends at a segment
 * boundary (the matched prefix is the file itself or one of its directories).
 */
function matchSegments(pat: readonly string[], i: number, parts: readonly string[], j: number): boolean {
  // `**` segments make this a search; memoize on (i, j) so that many `**` stay polynomial.
  const seen = new Set<number>();
  const stride = parts.length + 1;
  const visit = (pi: number, pj: number): boolean => {
    const key = pi * stride + pj;
    if (seen.has(key)) return false;
    seen.add(key);
    // The whole pattern is used up: a match if it covered the file or one of its directories.
    if (pi === pat.length) return pj > 0;
    const seg = pat[pi]!;
    if (seg === "**") {
      // Zero segments, or one more segment and stay on `**`.
      if (visit(pi + 1, pj)) return true;
      return pj < parts.length && visit(pi, pj + 1);
    }
    return pj < parts.length && matchSegment(seg, parts[pj]!) && visit(pi + 1, pj + 1);
  };
  return visit(i, j);
}

/** Matches one segment with `*` and `?` (iterative, with the classic single backtrack point). */
export function matchSegment(pattern: string, name: string): boolean {
  const p = Array.from(pattern);
  const s = Array.from(name);
  let pi = 0;
  let si = 0;
  let starP = -1;
  let starS = 0;
  while (si < s.length) {
    const c = p[pi];
    if (c === "*") {
      starP = pi++;
      starS = si;
    } else if (c !== undefined && (c === "?" || c === s[si])) {
      pi++;
      si++;
    } else if (starP >= 0) {
      pi = starP + 1;
      si = ++starS;
    } else {
      return false;
    }
  }
  while (p[pi] === "*") pi++;
  return pi === p.length;
}
