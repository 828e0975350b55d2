// The on-disk cache: small JSON entries named by the hash of their key, in the user's cache
// directory (see docs/performance.md).
//
// - An entry is `{"format", "key", "kind", "sum", "payload"}`, its payload a JSON string whose
//   SHA-256 is `sum`. A reader that finds anything else (unreadable, truncated, corrupt, another
//   format, another key) treats the entry as missing; the run then rewrites it.
// - Writes go to a temporary file in the entry's directory, renamed over the entry: readers see
//   the old entry or the new one, never half of one, and two runs writing the same entry at once
//   write the same bytes.
// - The cache is bounded: a run that wrote entries trims it (at most once a minute) to 80% of
//   its bound, least recently used first (a hit sets an entry's modification time).

import { randomBytes } from "node:crypto";
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { sha256 } from "./cachekey.js";

/** Version of the entry format and layout: a new one starts an empty directory beside the old. */
const FORMAT = "gopitfall-cache/1";
const LAYOUT_DIR = "v1";

/** Default bound on the cache's size. */
export const DEFAULT_CACHE_BYTES = 512 * 2 ** 20;

/** How often a trim may scan the cache. */
const TRIM_INTERVAL_MS = 60_000;

/**
 * The user's cache directory for gopitfall: `$XDG_CACHE_HOME/gopitfall`, else the platform's
 * (`~/.cache`, `~/Library/Caches`, `%LocalAppData%`).
 */
export function defaultCacheDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && path.isAbsolute(xdg)) return path.join(xdg, "gopitfall");
  if (platform === "darwin") return path.join(home, "Library", "Caches", "gopitfall");
  if (platform === "win32") {
    const local = env.LocalAppData ?? env.LOCALAPPDATA;
    if (local !== undefined && local !== "") return path.join(local, "gopitfall");
    return path.join(home, "AppData", "Local", "gopitfall");
  }
  return path.join(home, ".cache", "gopitfall");
}

interface Entry {
  format: string;
  key: string;
  kind: string;
  sum: string;
  payload: string;
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Entries that were there but unusable (corrupt, truncated, foreign). */
  rejected: number;
  writes: number;
}

export class Cache {
  readonly root: string;
  readonly maxBytes: number;
  readonly stats: CacheStats = { hits: 0, misses: 0, rejected: 0, writes: 0 };
  private readonly made = new Set<string>();

  constructor(dir: string, maxBytes: number = DEFAULT_CACHE_BYTES) {
    this.root = path.join(dir, LAYOUT_DIR);
    this.maxBytes = maxBytes;
  }

  private file(key: string): string {
    return path.join(this.root, key.slice(0, 2), `${key}.json`);
  }

  /** The payload stored under key for kind, or null. */
  get(kind: string, key: string): unknown {
    const file = this.file(key);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      this.stats.misses++;
      return null;
    }
    const payload = decode(text, kind, key);
    if (payload === undefined) {
      this.stats.rejected++;
      this.stats.misses++;
      return null;
    }
    this.stats.hits++;
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // removed meanwhile (a trim in another run): the payload read is still good
    }
    return payload;
  }

  /** Stores payload under key for kind, atomically. Failures leave the cache as it was. */
  put(kind: string, key: string, payload: unknown): void {
    const file = this.file(key);
    const dir = path.dirname(file);
    const text = JSON.stringify(payload);
    const entry: Entry = { format: FORMAT, key, kind, sum: sha256(text), payload: text };
    const body = `${JSON.stringify(entry)}\n`;
    const temp = path.join(dir, `.${key.slice(0, 16)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    try {
      if (!this.made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        this.made.add(dir);
      }
      writeFileSync(temp, body);
      renameSync(temp, file);
      this.stats.writes++;
    } catch {
      try {
        unlinkSync(temp);
      } catch {
        // never created
      }
    }
  }

  /**
   * Keeps the cache within its bound: when it is larger, removes the least recently used
   * entries until it is at 80% of the bound; also removes temporary files left by crashed runs.
   * With force false, does nothing if another trim ran in the last minute.
   */
  trim(force = false): { entries: number; bytes: number; removed: number } {
    const marker = path.join(this.root, "trim.txt");
    const now = Date.now();
    if (!force) {
      try {
        if (now - statSync(marker).mtimeMs < TRIM_INTERVAL_MS) return { entries: 0, bytes: 0, removed: 0 };
      } catch {
        // no marker yet
      }
    }
    try {
      mkdirSync(this.root, { recursive: true });
      writeFileSync(marker, `${new Date(now).toISOString()}\n`);
    } catch {
      return { entries: 0, bytes: 0, removed: 0 };
    }
    const entries: { file: string; size: number; mtime: number }[] = [];
    let total = 0;
    let removed = 0;
    for (const shard of safeReaddir(this.root)) {
      if (shard.length !== 2) continue;
      const dir = path.join(this.root, shard);
      for (const name of safeReaddir(dir)) {
        const file = path.join(dir, name);
        let st: { size: number; mtimeMs: number };
        try {
          st = statSync(file);
        } catch {
          continue;
        }
        if (name.endsWith(".tmp")) {
          if (now - st.mtimeMs > 10 * 60_000 && tryUnlink(file)) removed++;
          continue;
        }
        entries.push({ file, size: st.size, mtime: st.mtimeMs });
        total += st.size;
      }
    }
    const count = entries.length;
    const bytes = total;
    if (total > this.maxBytes) {
      entries.sort((a, b) => a.mtime - b.mtime);
      const target = this.maxBytes * 0.8;
      for (const e of entries) {
        if (total <= target) break;
        if (tryUnlink(e.file)) removed++;
        total -= e.size;
      }
    }
    return { entries: count, bytes, removed };
  }
}

/** Removes the cache's entries (only its own layout directories, never other files in dir). */
export function cleanCache(dir: string): void {
  for (const name of safeReaddir(dir)) {
    if (/^v\d+$/.test(name)) rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

function decode(text: string, kind: string, key: string): unknown {
  let entry: Partial<Entry>;
  try {
    entry = JSON.parse(text) as Partial<Entry>;
  } catch {
    return undefined;
  }
  if (
    entry === null ||
    typeof entry !== "object" ||
    entry.format !== FORMAT ||
    entry.key !== key ||
    entry.kind !== kind ||
    typeof entry.payload !== "string" ||
    entry.sum !== sha256(entry.payload)
  ) {
    return undefined;
  }
  try {
    return JSON.parse(entry.payload) as unknown;
  } catch {
    return undefined;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function tryUnlink(file: string): boolean {
  try {
    unlinkSync(file);
    return true;
  } catch {
    return false;
  }
}
