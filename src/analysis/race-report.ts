// The message tail both race rules give: what the write races with, and where.

import type { SourceFile } from "../syntax/source.js";
import type { Race } from "./races.js";

export function raceWith(source: SourceFile, race: Race): string {
  const line = (pos: number): number => source.lineOf(pos);
  const other = race.other;
  switch (other.how) {
    case "itself":
      return `the goroutine started at line ${line(race.start.stmt.pos)} runs once per iteration, so its copies write it at the same time`;
    case "goroutine":
      return `the goroutine started at line ${line(other.start.stmt.pos)} ${other.access.write ? "writes" : "reads"} it at line ${line(other.access.id.pos)} at the same time`;
    case "spawner":
      return `the function that starts the goroutine (line ${line(race.start.stmt.pos)}) uses it at line ${line(other.access.id.pos)} with nothing ordering the two`;
  }
}
