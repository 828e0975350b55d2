// Module versions: semantic versions with a "v" prefix, as golang.org/x/mod/semver reads them
// ("v1" and "v1.2" are shorthands for "v1.0.0" and "v1.2.0").

const numeric = "(0|[1-9][0-9]*)";
const preIdent = "(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";
const buildIdent = "[0-9A-Za-z-]+";
const semverRE = new RegExp(
  `^v${numeric}(?:\\.${numeric}(?:\\.${numeric}(-${preIdent}(?:\\.${preIdent})*)?(\\+${buildIdent}(?:\\.${buildIdent})*)?)?)?$`,
);

interface Semver {
  major: string;
  minor: string;
  patch: string;
  prerelease: string;
  build: string;
}

function parse(v: string): Semver | null {
  const m = semverRE.exec(v);
  if (m === null) return null;
  return {
    major: m[1]!,
    minor: m[2] ?? "0",
    patch: m[3] ?? "0",
    prerelease: m[4] ?? "",
    build: m[5] ?? "",
  };
}

export function isValidSemver(v: string): boolean {
  return semverRE.test(v);
}

/** "v1.2" → "v1.2.0", "v1.2.3+meta" → "v1.2.3"; "" if v is not a valid version. */
export function canonicalSemver(v: string): string {
  const p = parse(v);
  if (p === null) return "";
  return `v${p.major}.${p.minor}.${p.patch}${p.prerelease}`;
}

/**
 * The canonical form the go command uses for module versions: like canonicalSemver, but a
 * "+incompatible" suffix (a v2+ version of a module without go.mod) is kept.
 */
export function canonicalModuleVersion(v: string): string {
  const c = canonicalSemver(v);
  if (c !== "" && parse(v)!.build === "+incompatible") return `${c}+incompatible`;
  return c;
}

/** "v2.1.0" → "v2"; "" if invalid. */
export function semverMajor(v: string): string {
  const p = parse(v);
  return p === null ? "" : `v${p.major}`;
}

export function semverBuild(v: string): string {
  return parse(v)?.build ?? "";
}

function cmpInt(x: string, y: string): number {
  if (x === y) return 0;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : 1;
}

function comparePrerelease(x: string, y: string): number {
  // No pre-release orders after any pre-release; otherwise compare dot-separated identifiers:
  // numeric ones numerically and before alphanumeric ones.
  if (x === y) return 0;
  if (x === "") return 1;
  if (y === "") return -1;
  const xs = x.slice(1).split(".");
  const ys = y.slice(1).split(".");
  for (let i = 0; i < xs.length && i < ys.length; i++) {
    const a = xs[i]!;
    const b = ys[i]!;
    if (a === b) continue;
    const an = /^[0-9]+$/.test(a);
    const bn = /^[0-9]+$/.test(b);
    if (an !== bn) return an ? -1 : 1;
    if (an) return cmpInt(a, b);
    return a < b ? -1 : 1;
  }
  return xs.length === ys.length ? 0 : xs.length < ys.length ? -1 : 1;
}

/** Compares two versions; an invalid version orders before every valid one. Build metadata is ignored. */
export function compareSemver(v: string, w: string): number {
  const a = parse(v);
  const b = parse(w);
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return (
    cmpInt(a.major, b.major) ||
    cmpInt(a.minor, b.minor) ||
    cmpInt(a.patch, b.patch) ||
    comparePrerelease(a.prerelease, b.prerelease)
  );
}
