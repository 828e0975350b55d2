// Finds Go and builds the oracle program (tools/oracle/*.go) once into a cache folder, keyed by
// a hash of its sources and of `go version`, so every run after the first starts at once and an
// edit to the Go sources or a new Go toolchain rebuilds it.

import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The `go` command's version line, or null when Go is not installed (not on PATH). */
export function goVersion(): string | null {
  const r = spawnSync("go", ["version"], { encoding: "utf8" });
  if (r.error !== undefined || r.status !== 0) return null;
  return r.stdout.trim();
}

/** `go env GOROOT`. */
export function goRoot(): string {
  return execFileSync("go", ["env", "GOROOT"], { encoding: "utf8" }).trim();
}

/**
 * The repository root: the nearest folder above this module holding tools/oracle/go.mod. This
 * module runs compiled from dist/tools/oracle/, so the Go sources are not next to it.
 */
export function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "tools", "oracle", "go.mod"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("oracle: cannot find tools/oracle/go.mod above this module");
    dir = parent;
  }
}

/** Returns the path of the oracle binary, building it first when its sources changed. */
export function oracleBinary(): string {
  const version = goVersion();
  if (version === null) throw new Error("oracle: `go` is not on PATH (install Debian's golang-go)");
  const root = repositoryRoot();
  const sources = join(root, "tools", "oracle");
  const hash = createHash("sha256").update(version);
  const names = readdirSync(sources)
    .filter((n) => n.endsWith(".go") || n === "go.mod")
    .sort();
  for (const name of names) {
    hash.update(`\0${name}\0`);
    hash.update(readFileSync(join(sources, name)));
  }
  const key = hash.digest("hex").slice(0, 16);
  const cache = join(root, "node_modules", ".cache", "gopitfall-oracle");
  const binary = join(cache, `oracle-${key}`);
  if (existsSync(binary)) return binary;

  mkdirSync(cache, { recursive: true });
  // Build under a unique name and rename, so a test and a script building at the same time
  // never run a half-written binary.
  const temp = join(cache, `build-${process.pid}-${key}`);
  const r = spawnSync("go", ["build", "-o", temp, "."], {
    cwd: sources,
    encoding: "utf8",
    env: { ...process.env, GOWORK: "off", GOFLAGS: "-mod=mod", CGO_ENABLED: "0" },
  });
  if (r.status !== 0) {
    rmSync(temp, { force: true });
    throw new Error(`oracle: go build failed:\n${r.stderr}${r.error?.message ?? ""}`);
  }
  renameSync(temp, binary);
  for (const old of readdirSync(cache)) {
    if (old.startsWith("oracle-") && old !== `oracle-${key}`) rmSync(join(cache, old), { force: true });
  }
  return binary;
}
