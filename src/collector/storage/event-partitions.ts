// one partition of `events` per day, created by the collector: a few days ahead on a timer, and on demand for a day it
// has not seen. Days long past get none: their events (late stragglers, or a forger inventing old times to make the
// collector create tables without end) land in `events_default`. A day whose events already went there keeps them
// there (PostgreSQL refuses a partition the default partition holds rows of), which changes where rows live, never
// which rows exist.
import type { Database } from "./types.js";

const DAY_MS = 86_400_000;
/** days before today (UTC) that still get their own partition; campaign time zones are within a day of UTC */
export const PARTITION_DAYS_BACK = 7;
/** days after today (UTC) created ahead, so the first events of a day never wait for DDL */
export const PARTITION_DAYS_AHEAD = 3;
// any constant: instances creating the same partition at once take turns (transaction-scoped, so PgBouncer's
// transaction mode keeps working)
const LOCK_KEY = 727_050;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const utcDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** the partition table of a day: events_2027_01_20 */
export const partitionName = (day: string) => `events_${day.replaceAll("-", "_")}`;

// per database: the days already created (or settled in the default partition), as the promise of that work
const known = new WeakMap<Database, Map<string, Promise<void>>>();

async function create(db: Database, day: string): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
      const [found] = await tx.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [partitionName(day)]);
      if (found?.t) return;
      // the day passed the pattern above: digits and dashes only
      await tx.query(`CREATE TABLE ${partitionName(day)} PARTITION OF events FOR VALUES IN ('${day}')`);
    });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    // 23514: the default partition already holds rows of that day; they stay there
    if (code !== "23514" && code !== "42P07" && code !== "23505") throw e;
  }
}

/**
 * Make sure each day of `days` has somewhere to go: its own partition when it is recent or ahead, else the default one.
 * Cheap after the first call per day and process.
 * @example await ensurePartitions(db, ["2027-01-20"], Date.now());
 */
export async function ensurePartitions(db: Database, days: Iterable<string>, now: number): Promise<void> {
  let map = known.get(db);
  if (!map) {
    map = new Map();
    known.set(db, map);
  }
  const oldest = utcDay(now - PARTITION_DAYS_BACK * DAY_MS);
  const waits: Promise<void>[] = [];
  for (const day of days) {
    let done = map.get(day);
    if (!done) {
      done = DAY.test(day) && day >= oldest ? create(db, day) : Promise.resolve();
      // a failed creation is tried again by the next batch of that day
      done.catch(() => map.delete(day));
      map.set(day, done);
    }
    waits.push(done);
  }
  await Promise.all(waits);
}

/**
 * Create today's partition and the next few days' (UTC), then again every `everyMs` (default one hour).
 * @example const partitions = startPartitions(db, Date.now); await partitions.ready; partitions.stop();
 */
export function startPartitions(db: Database, now: () => number, everyMs = 60 * 60 * 1000) {
  const ahead = () =>
    ensurePartitions(
      db,
      Array.from({ length: PARTITION_DAYS_AHEAD + 1 }, (_, i) => utcDay(now() + i * DAY_MS)),
      now(),
    );
  const timer = setInterval(() => ahead().catch(() => {}), everyMs);
  // a pending creation must not hold a finished process open
  timer.unref?.();
  return { ready: ahead(), stop: () => clearInterval(timer) };
}
