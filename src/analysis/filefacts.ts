// The loader's file facts (load/packages.ts, FileFactsStore) remembered in the findings cache:
// one entry per directory, keyed by the directory and gopitfall's build, listing each file's
// name, stamp and facts. With it a run lists directories and stats files, and reads only the
// source it parses: after a small edit, a fraction of the tree.

import * as path from "node:path";
import type { FileFacts, FileFactsStore } from "../load/packages.js";
import type { Cache } from "./cache.js";
import { sha256, toolId } from "./cachekey.js";

const KIND = "files";
const FORMAT = 1;

type Remembered = [name: string, stamp: string, facts: FileFacts];

interface DirectoryFacts {
  key: string;
  byName: Map<string, { stamp: string; facts: FileFacts }>;
  /** Names met in this run, with what they had then. */
  met: Map<string, { stamp: string; facts: FileFacts }>;
  changed: boolean;
}

function isRememberedList(x: unknown): x is Remembered[] {
  return (
    Array.isArray(x) &&
    x.every(
      (e) =>
        Array.isArray(e) &&
        e.length === 3 &&
        typeof e[0] === "string" &&
        typeof e[1] === "string" &&
        typeof e[2] === "object" &&
        e[2] !== null,
    )
  );
}

export class CachedFileFacts implements FileFactsStore {
  private readonly dirs = new Map<string, DirectoryFacts>();

  constructor(private readonly cache: Cache) {}

  private directory(dir: string): DirectoryFacts {
    let d = this.dirs.get(dir);
    if (d === undefined) {
      const key = sha256(`${KIND}\0${FORMAT}\0${toolId()}\0${dir}`);
      const byName = new Map<string, { stamp: string; facts: FileFacts }>();
      const payload = this.cache.get(KIND, key);
      if (isRememberedList(payload))
        for (const [name, stamp, facts] of payload) byName.set(name, { stamp, facts });
      d = { key, byName, met: new Map(), changed: false };
      this.dirs.set(dir, d);
    }
    return d;
  }

  get(file: string, stamp: string): FileFacts | null {
    const d = this.directory(path.dirname(file));
    const name = path.basename(file);
    const known = d.byName.get(name);
    if (known === undefined || known.stamp !== stamp) return null;
    d.met.set(name, known);
    return known.facts;
  }

  put(file: string, stamp: string, facts: FileFacts): void {
    const d = this.directory(path.dirname(file));
    const name = path.basename(file);
    d.met.set(name, { stamp, facts });
    d.changed = true;
  }

  /**
   * Stores the directories where a file's facts were computed anew, with the files met in this
   * run (a file deleted since is dropped then).
   */
  flush(): void {
    for (const d of this.dirs.values()) {
      if (!d.changed) continue;
      const list: Remembered[] = [...d.met].map(([name, { stamp, facts }]) => [name, stamp, facts]);
      this.cache.put(KIND, d.key, list);
      d.changed = false;
    }
  }
}
