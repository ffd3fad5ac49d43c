// the engine's counters in the database: every draw reads, decides and writes under one lock per campaign
import {
  CodeTakenError,
  type DrawCommit,
  type DrawSnapshot,
  type EngineStore,
  type PrizeCounters,
  type VisitorState,
} from "../../core/engine/types.js";
import { COUNT_READS, COUNT_WRITE, DAY_MARK, LEDGER_MARKS, LEDGER_MARKS_NEW, counterShard } from "./draw-totals.js";
import type { Database, Queryable } from "./types.js";
import { drawRow, priorDraw, requester } from "./draw-row.js";
import { GUARD_COUNTS, guardKeys, guardToday, type WidenGuard } from "./guard.js";

/** thrown when a draw id was already used by another visitor of this campaign, or sent by another minted visitor */
export class DrawReplayError extends Error {
  constructor(readonly drawId: string) {
    super(`draw ${drawId} was already made`);
    this.name = "DrawReplayError";
  }
}

// one lock per campaign rather than per prize: a draw reads every prize's counters to choose, and the
// lock is held for one read and one write. A transaction-scoped advisory lock writes nothing (a row lock
// taken by an upsert would write a row version per draw); two campaigns sharing a hash only wait for each other
const LOCK = "SELECT pg_advisory_xact_lock(727002, hashtext($1))";

export type StoreHooks = {
  /** runs in the draw's transaction after a new draw was stored (the webhook outbox writes here) */
  afterDraw?: (tx: Queryable, campaignId: string, commit: DrawCommit) => Promise<void>;
};

/**
 * An EngineStore on PGlite or PostgreSQL. Each draw's result is stored with its commit, keyed by draw id,
 * so a retried request gets the answer it was given (as with the memory store). `widen` names the allowances a guard
 * key counts against besides its own (the collector: the IPv6 /56 and /48 of a /64).
 * @example const engine = createEngine(campaign, { store: createDatabaseStore(db) });
 */
export function createDatabaseStore(db: Database, hooks: StoreHooks = {}, widen?: WidenGuard): EngineStore {
  return {
    transact(campaignId, visitorId, day, decide, guardKey, guardPerDay) {
      const guard = guardKeys(guardKey, guardPerDay, widen);
      // four round trips under the lock: lock, read, write (one statement), commit
      return db.transaction(async (tx) => {
        await tx.query(LOCK, [campaignId]);
        const { commit, result } = decide(await readSnapshot(tx, campaignId, visitorId, day, guard));
        if (!commit) return result;
        // the play counts under every key the snapshot read: the guard's and the wider ones
        const outcome = await persist(tx, campaignId, commit, result, commit.guard === undefined ? [] : guard.keys);
        if (outcome === "stored") await hooks.afterDraw?.(tx, campaignId, commit);
        if (outcome === "replay") {
          // the same draw id again (a retried request) gets the first answer, not a second play
          const prior = await priorDraw<typeof result>(tx, campaignId, commit.drawId, commit.visitorId, commit.requestedBy);
          if (typeof prior !== "object") throw new DrawReplayError(commit.drawId);
          return prior.result;
        }
        return result;
      });
    },
    visitor: (campaignId, visitorId, day) => readVisitor(db, campaignId, visitorId, day),
    prizeCounters: (campaignId, day) => readPrizes(db, campaignId, day),
    grantBonus(campaignId, visitorId, day, plays, maxPerDay) {
      return db.transaction(async (tx) => {
        await tx.query(LOCK, [campaignId]);
        const state = await readVisitor(tx, campaignId, visitorId, day);
        const granted = Math.max(0, Math.min(plays, maxPerDay - state.bonusToday));
        if (granted > 0) {
          await tx.query(
            `INSERT INTO visitors (campaign_id, visitor_id, bonus_total) VALUES ($1, $2, $3)
             ON CONFLICT (campaign_id, visitor_id) DO UPDATE SET bonus_total = visitors.bonus_total + excluded.bonus_total`,
            [campaignId, visitorId, granted],
          );
          await tx.query(
            `INSERT INTO visitor_days (campaign_id, visitor_id, day, bonus) VALUES ($1, $2, $3, $4)
             ON CONFLICT (campaign_id, visitor_id, day) DO UPDATE SET bonus = visitor_days.bonus + excluded.bonus`,
            [campaignId, visitorId, day, granted],
          );
        }
        return granted;
      });
    },
    async markLead(campaignId, visitorId) {
      await db.query(
        `INSERT INTO visitors (campaign_id, visitor_id, lead) VALUES ($1, $2, true)
         ON CONFLICT (campaign_id, visitor_id) DO UPDATE SET lead = true`,
        [campaignId, visitorId],
      );
    },
  };
}

type VisitorRow = {
  total: number;
  last_play_at: number | null;
  bonus_total: number;
  lead: boolean;
  today: number | null;
  bonus_today: number | null;
};
type CounterRow = { prize_id: string; day: string; given: number };

const VISITOR_SQL = `SELECT v.total, v.last_play_at, v.bonus_total, v.lead, d.plays AS today, d.bonus AS bonus_today
  FROM visitors v LEFT JOIN visitor_days d ON d.campaign_id = v.campaign_id AND d.visitor_id = v.visitor_id AND d.day = $3
  WHERE v.campaign_id = $1 AND v.visitor_id = $2`;
const COUNTERS_SQL = "SELECT prize_id, day, given FROM prize_counters WHERE campaign_id = $1 AND (day = '' OR day = $2)";

function toVisitor(v: VisitorRow | undefined | null): VisitorState {
  return {
    total: v?.total ?? 0,
    today: v?.today ?? 0,
    lastPlayAt: v?.last_play_at ?? null,
    bonusTotal: v?.bonus_total ?? 0,
    bonusToday: v?.bonus_today ?? 0,
    lead: v?.lead ?? false,
  };
}

function toCounters(rows: readonly CounterRow[]): Record<string, PrizeCounters> {
  // a Map: a prize called `constructor` gets its own counters, not Object's
  const out = new Map<string, PrizeCounters>();
  for (const r of rows) {
    const c = out.get(r.prize_id) ?? { given: 0, givenToday: 0 };
    if (r.day === "") c.given = r.given;
    else c.givenToday = r.given;
    out.set(r.prize_id, c);
  }
  return Object.fromEntries(out);
}

async function readVisitor(q: Queryable, campaignId: string, visitorId: string, day: string): Promise<VisitorState> {
  return toVisitor((await q.query<VisitorRow>(VISITOR_SQL, [campaignId, visitorId, day]))[0]);
}

async function readPrizes(q: Queryable, campaignId: string, day: string): Promise<Record<string, PrizeCounters>> {
  return toCounters(await q.query<CounterRow>(COUNTERS_SQL, [campaignId, day]));
}

/** the visitor's ledger, every prize counter and the guard's plays today (per address, and its wider keys) in one round trip */
async function readSnapshot(
  q: Queryable,
  campaignId: string,
  visitorId: string,
  day: string,
  guard: { keys: string[]; caps: number[] },
): Promise<DrawSnapshot> {
  const [row] = await q.query<{ visitor: VisitorRow | null; counters: CounterRow[]; guard: number[] | null }>(
    `SELECT (SELECT row_to_json(v) FROM (${VISITOR_SQL}) v) AS visitor,
       (SELECT coalesce(json_agg(c), '[]'::json) FROM (${COUNTERS_SQL.replace("$2", "$3")}) c) AS counters,
       ${GUARD_COUNTS("$4")} AS guard`,
    [campaignId, visitorId, day, guard.keys],
  );
  const snapshot: DrawSnapshot = { visitor: toVisitor(row?.visitor), prizes: toCounters(row?.counters ?? []) };
  if (guard.keys.length > 0) snapshot.guardToday = guardToday(row?.guard, guard.caps);
  return snapshot;
}

// one statement: the draw row first, and every other write hangs off it, so a replayed draw id writes nothing; the
// server-mode counters too (draw-totals.ts), on shard 0: draws of a campaign take turns here anyway
const PERSIST_SQL = `WITH d AS (
    INSERT INTO draws (campaign_id, draw_id, visitor_id, prize_id, code, win, test, at, result, requested_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $15::text) ON CONFLICT (campaign_id, draw_id) DO NOTHING RETURNING draw_id
  )${COUNT_READS}, v AS (
    INSERT INTO visitors (campaign_id, visitor_id, total, last_play_at, ${LEDGER_MARKS_NEW.columns})
    SELECT $1, $3, 1, $8, ${LEDGER_MARKS_NEW.values} FROM d
    ON CONFLICT (campaign_id, visitor_id) DO UPDATE SET total = visitors.total + 1, last_play_at = excluded.last_play_at,
      ${LEDGER_MARKS}
  ), vd AS (
    INSERT INTO visitor_days (campaign_id, visitor_id, day, plays, counted) SELECT $1, $3, $10::text, 1, (NOT $7::boolean)::integer FROM d
    ON CONFLICT (campaign_id, visitor_id, day) DO UPDATE SET plays = visitor_days.plays + 1, ${DAY_MARK}
  ), p AS (
    INSERT INTO prize_counters (campaign_id, prize_id, day, given)
    SELECT $1, $4, x.day, 1 FROM d, (VALUES (''), ($10::text)) AS x(day) WHERE $11::boolean
    ON CONFLICT (campaign_id, prize_id, day) DO UPDATE SET given = prize_counters.given + 1
  ), c AS (
    INSERT INTO codes (campaign_id, code, draw_id) SELECT $1, $12::text, $2 FROM d WHERE $12::text IS NOT NULL
    ON CONFLICT (campaign_id, code) DO NOTHING RETURNING code
  ), g AS (
    INSERT INTO address_counters (campaign_id, kind, address, period, count)
    SELECT $1, 'play', k.address, $10::text, 1 FROM d, unnest($13::text[]) WITH ORDINALITY AS k(address, n) ORDER BY k.n
    ON CONFLICT (campaign_id, kind, address, period) DO UPDATE SET count = address_counters.count + 1
  )${COUNT_WRITE}
  SELECT (SELECT count(*) FROM d)::integer AS drawn, (SELECT count(*) FROM c)::integer AS coded`;

async function persist(
  tx: Queryable,
  campaignId: string,
  c: DrawCommit,
  result: unknown,
  keys: readonly string[],
): Promise<"stored" | "replay"> {
  const code = c.newCode ?? c.code ?? null;
  const [row] = await tx.query<{ drawn: number; coded: number }>(PERSIST_SQL, [
    ...drawRow(campaignId, c, result),
    c.consumes && c.prizeId !== null,
    code,
    keys,
    counterShard(false),
    requester(c),
  ]);
  if (!row?.drawn) return "replay";
  // a pool code is unique by construction, so only a generated one can collide; either way never hand it out twice
  if (code !== null && !row.coded) throw new CodeTakenError(code);
  return "stored";
}
