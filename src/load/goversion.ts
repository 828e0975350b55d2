// Go release versions with the semantics of go/version (Go 1.22) and the go command's gover
// package: "1.21" is the 1.21 language version and orders before its release candidates, which
// order before the release "1.21.0". Before Go 1.21 a version without a patch number meant the
// ".0" release, so "1.19" and "1.19.0" are equal. Versions may be written with or without the
// "go" prefix, so go.mod's "1.21.0" and a toolchain's "go1.21.0" compare directly.

interface ParsedGoVersion {
  major: string;
  minor: string;
  patch: string;
  /** "", "alpha", "beta" or "rc"; orders by plain string comparison, as gover does. */
  kind: string;
  pre: string;
}

const decimal = /^(0|[1-9][0-9]*)/;

function cutInt(s: string): [string, string] | null {
  const m = decimal.exec(s);
  if (m === null) return null;
  return [m[1]!, s.slice(m[1]!.length)];
}

/** Parses "1.21", "1.21.3", "1.22rc1", "1" (and the same with "go" in front); null if invalid. */
export function parseGoVersion(v: string): ParsedGoVersion | null {
  let x = v.startsWith("go") ? v.slice(2) : v;
  const major = cutInt(x);
  if (major === null) return null;
  const out: ParsedGoVersion = { major: major[0], minor: "", patch: "", kind: "", pre: "" };
  x = major[1];
  if (x === "") {
    // "1" means "1.0.0".
    out.minor = "0";
    out.patch = "0";
    return out;
  }
  if (x[0] !== ".") return null;
  const minor = cutInt(x.slice(1));
  if (minor === null) return null;
  out.minor = minor[0];
  x = minor[1];
  if (x === "") {
    // A missing patch number is ".0" before Go 1.21 and the bare language version after.
    if (cmpInt(out.minor, "21") < 0) out.patch = "0";
    return out;
  }
  if (x[0] === ".") {
    const patch = cutInt(x.slice(1));
    // Pre-releases of patch releases (1.21.3rc1) do not exist.
    if (patch === null || patch[1] !== "") return null;
    out.patch = patch[0];
    return out;
  }
  const kind = /^[a-z]+/.exec(x);
  if (kind === null) return null;
  out.kind = kind[0];
  x = x.slice(kind[0].length);
  if (x === "") return out;
  const pre = cutInt(x);
  if (pre === null || pre[1] !== "") return null;
  out.pre = pre[0];
  return out;
}

export function isValidGoVersion(v: string): boolean {
  return parseGoVersion(v) !== null;
}

function cmpInt(x: string, y: string): number {
  if (x === y) return 0;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : 1;
}

function cmpString(x: string, y: string): number {
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Parsed versions by text: a run compares the same few versions (files', rules') very often. */
const parsedVersions = new Map<string, ParsedGoVersion | null>();

function parsedOnce(v: string): ParsedGoVersion | null {
  let p = parsedVersions.get(v);
  if (p === undefined) {
    p = parseGoVersion(v);
    if (parsedVersions.size < 1024) parsedVersions.set(v, p);
  }
  return p;
}

/**
 * Compares two Go versions: -1, 0 or +1. Invalid versions order before all valid ones and equal
 * each other, as in go/version.Compare.
 */
export function compareGoVersions(a: string, b: string): number {
  const x = parsedOnce(a);
  const y = parsedOnce(b);
  if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
  return (
    cmpInt(x.major, y.major) ||
    cmpInt(x.minor, y.minor) ||
    cmpInt(x.patch, y.patch) ||
    cmpString(x.kind, y.kind) ||
    cmpInt(x.pre, y.pre)
  );
}

/** The language version of a Go version, as go/version.Lang: "1.21.3" → "go1.21"; "" if invalid. */
export function goLanguageVersion(v: string): string {
  const p = parseGoVersion(v);
  if (p === null) return "";
  if (p.major === "1" && p.minor === "0") return "go1";
  return `go${p.major}.${p.minor}`;
}

/** The minor number of a Go 1 version ("1.21.3" → 21), or -1 if v is not a valid Go 1 version. */
export function goMinorVersion(v: string): number {
  const p = parseGoVersion(v);
  if (p === null || p.major !== "1" || p.minor.length > 6) return -1;
  return Number(p.minor);
}
