// the rollups, applied off the request path: ingest stores the events and one outbox row per batch and campaign in one
// statement; a consumer takes outbox rows (FOR UPDATE SKIP LOCKED, so several instances share the work), folds their
// events into the rollups and deletes the rows in the same transaction: each stored event is counted exactly once,
// and a crash at any point leaves either the row (applied later) or the rollups (and no row).
import { isRetryable, type Database } from "./types.js";
import { addToRollups, type RollupInput } from "./rollups.js";

/** outbox rows per consumer transaction: enough to batch the upserts, few enough to keep the locks short */
const ROWS_PER_TAKE = 32;

export type ApplyOptions = {
  /** only this campaign's rows */
  campaignId?: string;
  /**
   * wait for rows another consumer holds, and take only rows committed before the call (so a stats read that drains
   * first sees every event accepted before it, and a busy ingest cannot keep it draining)
   */
  wait?: boolean;
};

/**
 * Apply what is in the outbox to the rollups; resolves with the number of outbox rows applied.
 * @example await applyPendingRollups(db, { campaignId: "tet-2027", wait: true }); // before reading its stats
 */
export async function applyPendingRollups(db: Database, options: ApplyOptions = {}): Promise<number> {
  const params: unknown[] = [ROWS_PER_TAKE];
  const where: string[] = [];
  if (options.campaignId !== undefined) where.push(`campaign_id = $${params.push(options.campaignId)}`);
  if (options.wait) {
    const [top] = await db.query<{ seq: number | null }>(
      `SELECT max(seq) AS seq FROM rollup_outbox${options.campaignId === undefined ? "" : " WHERE campaign_id = $1"}`,
      options.campaignId === undefined ? [] : [options.campaignId],
    );
    if (top?.seq == null) return 0;
    where.push(`seq <= $${params.push(top.seq)}`);
  }
  const take = `DELETE FROM rollup_outbox WHERE seq IN (
      SELECT seq FROM rollup_outbox ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY seq LIMIT $1 FOR UPDATE${options.wait ? "" : " SKIP LOCKED"})
    RETURNING campaign_id, ids, rows`;
  let applied = 0;
  for (;;) {
    const taken = await retrying(() =>
      db.transaction(async (tx) => {
        const rows = await tx.query<{ campaign_id: string; ids: string[] | null; rows: string }>(take, params);
        await addToRollups(
          tx,
          rows.map((r) => {
            const inputs = JSON.parse(r.rows) as RollupInput[];
            // null: the batch stored every event of it (migrations/076)
            if (r.ids === null) return [r.campaign_id, inputs] as const;
            const stored = new Set(r.ids);
            // the batch's other events were duplicates: someone else stored (and queued) them
            return [r.campaign_id, inputs.filter((e) => stored.has(e[0]))] as const;
          }),
        );
        return rows.length;
      }),
    );
    if (taken === 0) return applied;
    applied += taken;
  }
}

async function retrying<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isRetryable(e) || attempt >= 4) throw e;
    }
  }
}

export type RollupWorker = {
  /** run soon (ingest calls it after storing new events); runs never overlap within a process */
  kick(): void;
  /** stop the timer, finish the run in progress and apply what is left */
  stop(): Promise<void>;
};

// the worker of each database in this process, so storing events (any caller of insertEvents) wakes it
const workers = new WeakMap<Database, () => void>();

/** wake the worker of `db`, when this process runs one */
export function kickRollups(db: Database): void {
  workers.get(db)?.();
}

/**
 * Apply the outbox in the background: at start (what a crashed instance left), `gatherMs` after a stored batch, and
 * every `everyMs` (what other instances left).
 * @example const worker = startRollups(db, (e) => console.error(e)); ... await worker.stop();
 */
export function startRollups(db: Database, onError: (error: unknown) => void, everyMs = 1000, gatherMs = 20): RollupWorker {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let soon: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    soon = undefined;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await applyPendingRollups(db).catch(onError);
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
  };
  // a stored batch wakes the worker a moment later, so the batches stored meanwhile are applied in one transaction
  const kick = () => {
    if (stopped || soon) return;
    soon = setTimeout(run, gatherMs);
    soon.unref?.();
  };
  workers.set(db, kick);
  const timer = setInterval(run, everyMs);
  // a pending run must not hold a finished process open
  timer.unref?.();
  run();
  return {
    kick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(soon);
      if (workers.get(db) === kick) workers.delete(db);
      await running;
      await applyPendingRollups(db).catch(onError);
    },
  };
}
