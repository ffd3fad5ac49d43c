// CPU time of processes from /proc (Linux): what a load cost each side (collectors, PostgreSQL, the load's own clients),
// so a rate can be read against the cores that made it
import { readdirSync, readFileSync } from "node:fs";

/** clock ticks per second of /proc's utime/stime (USER_HZ; 100 on every Linux this runs on) */
const TICKS = 100;

/** the fields of /proc/<pid>/stat after the command (which may hold spaces), as numbers; undefined when the process is gone */
function stat(pid: number): number[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    return text
      .slice(text.lastIndexOf(")") + 2)
      .split(" ")
      .map(Number);
  } catch {
    return undefined;
  }
}

/** a process's own CPU time, ms (utime + stime; fields 14 and 15 of stat, 12 and 13 after the command) */
export function processCpuMs(pid: number): number {
  const f = stat(pid);
  return f ? ((f[11]! + f[12]!) * 1000) / TICKS : 0;
}

/**
 * CPU time of a PostgreSQL cluster, ms: the postmaster, its children alive now, and those it reaped (cutime + cstime), so
 * backends that ended between two readings still count.
 * @example const before = clusterCpuMs(postmasterPid);
 */
export function clusterCpuMs(postmaster: number): number {
  const own = stat(postmaster);
  if (!own) return 0;
  let ticks = own[11]! + own[12]! + own[13]! + own[14]!;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const f = stat(Number(entry));
    if (f && f[1] === postmaster) ticks += f[11]! + f[12]!;
  }
  return (ticks * 1000) / TICKS;
}

/** the parent of a process (a backend's parent is the postmaster) */
export function parentPid(pid: number): number {
  return stat(pid)?.[1] ?? 0;
}
