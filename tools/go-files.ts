// Lists and reads the `.go` files under a directory, for the parser benchmark and the fuzzer.
// Only the root is resolved through symlinks ($GOROOT/src is a symlink on Debian); links below it
// are not followed, like filepath.Walk, so a link cycle cannot make the walk endless.

import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";

export interface GoFile {
  path: string;
  bytes: Uint8Array;
}

export interface ListOptions {
  /** Directory names not descended into, wherever they occur. */
  skipDirs?: ReadonlySet<string>;
}

/** Paths of the `.go` files under `root` (or `root` itself if it is a file), sorted. */
export function listGoFiles(root: string, options: ListOptions = {}): string[] {
  const skip = options.skipDirs ?? new Set<string>();
  const start = realpathSync(root);
  if (statSync(start).isFile()) return start.endsWith(".go") ? [start] : [];
  const out: string[] = [];
  const dirs = [start];
  while (dirs.length > 0) {
    const dir = dirs.pop()!;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skip.has(entry.name)) dirs.push(path);
      } else if (entry.isFile() && entry.name.endsWith(".go")) {
        out.push(path);
      }
    }
  }
  // Plain code-unit order, so that a run is the same on every machine whatever its locale.
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function readGoFiles(paths: readonly string[]): GoFile[] {
  return paths.map((path) => ({ path, bytes: new Uint8Array(readFileSync(path)) }));
}
