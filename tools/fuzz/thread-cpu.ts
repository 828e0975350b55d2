// CPU time of one thread, from Linux's /proc: the fuzzer's time limit is a limit on the CPU time
// a parse uses, not on the wall-clock time it takes, which on a machine shared with other work
// can be several times longer. Node 20 has no per-thread CPU clock (process.cpuUsage() sums all
// threads), so the worker names its /proc entry and the watchdog reads it.

import { readFileSync, readlinkSync } from "node:fs";

/** /proc's clock ticks (USER_HZ), which the kernel keeps at 100 per second for user space. */
const TICK_MS = 10;

/** The stat file of the calling thread, stable for the thread's life; null off Linux. */
export function ownThreadStatPath(): string | null {
  try {
    return `/proc/${readlinkSync("/proc/thread-self")}/stat`;
  } catch {
    return null;
  }
}

/** User plus system CPU time of the thread whose stat file is `path`, in ms (10 ms steps). */
export function threadCpuMs(path: string): number | null {
  try {
    const stat = readFileSync(path, "latin1");
    // Fields after the command name, which is in parentheses and may itself hold spaces: the
    // first is the state (field 3 of proc(5)), utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}
