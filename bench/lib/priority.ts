// Chromium sets its own threads' priorities (nice 0, its display threads -8), so a browser started by a benchmark run
// under `nice -n -10` does not inherit it: on a shared machine the browser then competes with everything else while
// the harness waits at a higher priority. And with the kernel's autogroups, nice only orders threads within one session:
// the browser starts its own session (so does each of the machine's other users' shells), and sessions share the CPU
// equally whatever their threads' nice. This gives every thread of every process below this one the harness's own
// priority, and each of their sessions (and this one) the same, again every 100 ms (Chromium starts processes per page
// and threads as it goes); the harness's session gets its old priority back when it stops.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { getPriority, setPriority } from "node:os";

function children(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // the field after the parenthesised name: state, then the parent's pid
      const stat = readFileSync(`/proc/${name}/stat`, "latin1");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended meanwhile
    }
  }
  return byParent;
}

/** a process's autogroup (its session's share of the CPU): its name and nice, or null without autogroups */
function autogroup(pid: number | "self"): { name: string; nice: number } | null {
  try {
    const [name, , nice] = readFileSync(`/proc/${pid}/autogroup`, "latin1").trim().split(/\s+/);
    return name ? { name, nice: Number(nice) } : null;
  } catch {
    return null;
  }
}

function setAutogroup(pid: number | "self", nice: number) {
  try {
    writeFileSync(`/proc/${pid}/autogroup`, String(nice));
  } catch {
    // not allowed here, or the process ended
  }
}

/**
 * While running, keep every thread of this process's descendants at this process's own priority when that is raised
 * (negative nice); a no-op otherwise, or where it is not allowed. Returns the function that stops it.
 * @example const stop = keepPriority(); try { await bench(); } finally { stop(); }
 */
export function keepPriority(): () => void {
  const nice = getPriority();
  if (nice >= 0 || process.platform !== "linux") return () => {};
  const own = autogroup("self");
  if (own) setAutogroup("self", nice);
  const apply = () => {
    const tree = children();
    const queue = [...(tree.get(process.pid) ?? [])];
    while (queue.length) {
      const pid = queue.pop()!;
      queue.push(...(tree.get(pid) ?? []));
      const group = autogroup(pid);
      if (group && group.name !== own?.name && group.nice > nice) setAutogroup(pid, nice);
      let tasks: string[] = [];
      try {
        tasks = readdirSync(`/proc/${pid}/task`);
      } catch {
        continue;
      }
      for (const tid of tasks) {
        try {
          if (getPriority(Number(tid)) > nice) setPriority(Number(tid), nice);
        } catch {
          // the thread ended, or raising priority is not allowed here
        }
      }
    }
  };
  apply();
  const timer = setInterval(apply, 100);
  return () => {
    clearInterval(timer);
    if (own) setAutogroup("self", own.nice);
  };
}
