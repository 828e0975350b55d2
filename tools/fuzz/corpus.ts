// The fuzzer's default corpus: the repository's own `.go` files (which include the built-in seeds
// under test/fuzz/seeds/ and the saved regressions) plus the Go standard library when Go is
// installed, so that the fuzzer runs on a machine without Go and uses the larger corpus with it.

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { listGoFiles, readGoFiles } from "../go-files.js";
import type { CorpusFile } from "./mutate.js";

/** The repository root (this file is compiled to dist/tools/fuzz/). */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export const SEEDS_DIR = join(REPO_ROOT, "test", "fuzz", "seeds");
export const REGRESSIONS_DIR = join(REPO_ROOT, "test", "fuzz", "regressions");

/** Not Go sources of ours, in the repository; elsewhere nothing is skipped ($GOROOT/src/cmd/dist is Go). */
const REPO_SKIP_DIRS = new Set(["node_modules", ".git", "dist"]);

/** `$GOROOT/src`, when a Go installation can be found. */
export function goRootSrc(): string | null {
  let root = process.env.GOROOT ?? "";
  if (root === "") {
    try {
      root = execFileSync("go", ["env", "GOROOT"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim();
    } catch {
      return null;
    }
  }
  const src = join(root, "src");
  return root !== "" && existsSync(src) ? src : null;
}

export function loadCorpus(dirs: readonly string[]): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const dir of dirs) {
    const skipDirs = resolve(dir) === resolve(REPO_ROOT) ? REPO_SKIP_DIRS : new Set<string>();
    for (const f of readGoFiles(listGoFiles(dir, { skipDirs }))) {
      const rel = relative(REPO_ROOT, f.path);
      files.push({ name: rel.startsWith("..") ? f.path : rel, bytes: f.bytes });
    }
  }
  return files;
}

export function defaultCorpusDirs(): string[] {
  const goSrc = goRootSrc();
  return goSrc === null ? [REPO_ROOT] : [REPO_ROOT, goSrc];
}
