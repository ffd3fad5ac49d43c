// the engine's counters on PostgreSQL without a campaign-wide lock: a draw locks its visitor's ledger rows, takes a unit
// from one stock shard and a pool code with SKIP LOCKED, and counts its address with a conditional upsert (docs/scaling.md)
import { CodeTakenError, type DrawCommit, type DrawSnapshot, type EngineStore, type VisitorState } from "../../core/engine/types.js";
import type { Campaign } from "../../core/schema/index.js";
import { drawStatement, type LedgerSeen } from "./draw-statement.js";
import { DrawReplayError, type StoreHooks } from "./engine-store.js";
import { COUNT_READS, COUNT_WRITE, DAY_MARK, LEDGER_MARKS, counterShard } from "./draw-totals.js";
import { prepareStock, readShardCounters, stockPlans, takePoolCode, takeUnit, type StockPlan } from "./stock.js";
import { isRetryable, type Database, type Queryable } from "./types.js";
import { drawRow, priorDraw, requester } from "./draw-row.js";
import { GUARD_COUNTS, guardKeys, guardToday, type WidenGuard } from "./guard.js";

/** a deadlock or serialization failure is retried this many times before it reaches the caller */
const ATTEMPTS = 4;

/** leaves a transaction by rolling it back, carrying what the caller should answer */
class Rollback<T> {
  constructor(readonly value: T) {}
}

type Prepared = { plans: Map<string, StockPlan> };

export type ShardedStoreOptions = {
  /** the campaign behind an id; a draw of a campaign it does not know is refused */
  campaign: (campaignId: string) => Campaign | undefined;
  now?: () => number;
  /** the allowances a guard key counts against besides its own (the collector: the IPv6 /56 and /48 of a /64) */
  widen?: WidenGuard;
};

/**
 * An EngineStore for PostgreSQL whose draws of one campaign run side by side. Every guarantee of the locked store holds
 * (docs/scaling.md gives the argument): limits per visitor by a lock on the visitor's own rows, per address by a
 * conditional upsert, stock by conditional updates of shard rows, codes by SKIP LOCKED and unique keys, replays by the
 * draw id's unique key.
 * @example const store = createShardedStore(db, { campaign: (id) => campaigns.get(id) });
 */
export function createShardedStore(db: Database, options: ShardedStoreOptions, hooks: StoreHooks = {}): EngineStore {
  const now = options.now ?? Date.now;
  const prepared = new Map<string, Promise<Prepared>>();
  const prepare = (campaignId: string): Promise<Prepared> => {
    let p = prepared.get(campaignId);
    if (!p) {
      const campaign = options.campaign(campaignId);
      if (!campaign) return Promise.reject(new Error(`unknown campaign "${campaignId}"`));
      p = prepareStock(db, campaign, now()).then(() => ({ plans: stockPlans(campaign) }));
      // a failed fill (database away) is tried again by the next draw
      p.catch(() => prepared.delete(campaignId));
      prepared.set(campaignId, p);
    }
    return p;
  };

  // the transaction path: lock the visitor's rows, decide, take (waiting for held shards if need be), persist, commit.
  // Taken when the one-statement path cannot finish a draw, and when a hook must write in the draw's transaction.
  // `pending` is a decision the one-statement path made and could not take because the prize's shards were held: it is
  // kept, not drawn again, so a held shard never changes which prize a draw gives (docs/scaling.md, "Odds exactly")
  const attempt = async <T>(
    campaignId: string,
    visitorId: string,
    day: string,
    decide: (snapshot: DrawSnapshot) => { commit: DrawCommit | null; result: T },
    plans: Map<string, StockPlan>,
    guard: Guard,
    pending?: Pending<T>,
  ): Promise<T> => {
    const outcome = await db
      .transaction(async (tx) => {
        const snapshot = await lockVisitor(tx, campaignId, visitorId, day, guard);
        const gone: string[] = [];
        // the decision stands on the ledger it was made from; one that moved since (another play or grant of this
        // visitor) is decided again on the locked rows, as the one-statement path does on "stale"
        let kept = pending && sameLedger(snapshot.visitor, pending.seen) ? pending : undefined;
        for (;;) {
          const { commit, result } = kept ?? decide({ ...snapshot, gone });
          kept = undefined;
          if (!commit) throw new Rollback(result);
          const plan = commit.consumes && commit.prizeId !== null ? plans.get(commit.prizeId) : undefined;
          if (plan && !(await takeUnit(tx, campaignId, plan, day))) {
            // every shard is spent: the decider gives this draw the fallback, or draws again under renormalize
            gone.push(plan.prize.id);
            continue;
          }
          if (commit.pool && commit.prizeId !== null) {
            commit.code = await takePoolCode(tx, campaignId, commit.prizeId, commit.drawId);
            (result as { code?: string }).code = commit.code;
          }
          const stored = await persist(tx, campaignId, commit, result, commit.guard === undefined ? NO_GUARD : guard);
          if (stored === "replay") throw new Rollback<Replay>({ replay: commit });
          if (stored === "guard") throw new Rollback(decide({ ...snapshot, guardToday: Number.POSITIVE_INFINITY }).result);
          await hooks.afterDraw?.(tx, campaignId, commit);
          return result;
        }
      })
      .catch((e: unknown) => {
        if (e instanceof Rollback) return e.value as T | Replay;
        throw e;
      });
    return isReplay(outcome) ? prior<T>(campaignId, outcome.replay) : outcome;
  };

  // the same draw id again (a retried request) gets the first answer, not a second play
  const prior = async <T>(campaignId: string, commit: DrawCommit): Promise<T> => {
    const row = await priorDraw<T>(db, campaignId, commit.drawId, commit.visitorId, commit.requestedBy);
    if (typeof row !== "object") throw new DrawReplayError(commit.drawId);
    return row.result;
  };

  // the one-statement path: read the ledger (no lock), decide, then one statement takes, stores and counts only while the
  // ledger still holds what was read (draw-statement.ts). Two round trips and one commit per draw; no transaction is held
  // open across the decision, so a connection serves the next draw while Node decides.
  const oneStatement = async <T>(
    campaignId: string,
    visitorId: string,
    day: string,
    decide: (snapshot: DrawSnapshot) => { commit: DrawCommit | null; result: T },
    plans: Map<string, StockPlan>,
    guard: Guard,
  ): Promise<T> => {
    for (let read = 1; read <= ATTEMPTS; read++) {
      const [row] = await db.query<LedgerRow>(READ_SQL, [campaignId, visitorId, day, guard.keys]);
      const snapshot: DrawSnapshot = { visitor: toVisitor(row), prizes: {} };
      if (guard.keys.length > 0) snapshot.guardToday = guardToday(row?.guard, guard.caps);
      const { total, bonusTotal, lead, today, bonusToday } = snapshot.visitor;
      const seen = { total, bonusTotal, lead, today, bonusToday };
      const gone: string[] = [];
      for (;;) {
        const { commit, result } = decide({ ...snapshot, gone });
        if (!commit) return result;
        const plan = commit.consumes && commit.prizeId !== null ? plans.get(commit.prizeId) : undefined;
        const outcome = await drawStatement(db, campaignId, commit, result, seen, plan, commit.guard === undefined ? NO_GUARD : guard);
        if (outcome.kind === "stored") {
          if (outcome.code !== null) commit.code = (result as { code?: string }).code = outcome.code;
          return result;
        }
        if (outcome.kind === "gone" && plan) {
          // every shard is spent: the decider gives this draw the fallback, or draws again under renormalize
          gone.push(plan.prize.id);
          continue;
        }
        if (outcome.kind === "replay") return prior<T>(campaignId, commit);
        if (outcome.kind === "code") throw new CodeTakenError(commit.newCode ?? commit.code ?? "");
        if (outcome.kind === "guard") return decide({ ...snapshot, guardToday: Number.POSITIVE_INFINITY }).result;
        // "busy": every shard with units left is held by other draws; the transaction path waits for them and takes the
        // prize already drawn (drawing again would hand a hot prize's chance to the others)
        if (outcome.kind === "busy") return attempt(campaignId, visitorId, day, decide, plans, guard, { commit, result, seen });
        break; // "stale": another draw or grant of this visitor committed since the read; read again
      }
    }
    // a visitor drawing that often at once takes turns on the row locks instead
    return attempt(campaignId, visitorId, day, decide, plans, guard);
  };
  // a hook writes in the draw's transaction, which the one-statement path does not hold open
  const draw = hooks.afterDraw ? attempt : oneStatement;

  return {
    async transact(campaignId, visitorId, day, decide, guardKey, guardPerDay) {
      const { plans } = await prepare(campaignId);
      const guard = guardKeys(guardKey, guardPerDay, options.widen);
      for (let n = 1; ; n++) {
        try {
          return await draw(campaignId, visitorId, day, decide, plans, guard);
        } catch (e) {
          if (e instanceof CodeTakenError || !isRetryable(e) || n >= ATTEMPTS) throw e;
        }
      }
    },
    async visitor(campaignId, visitorId, day) {
      const [row] = await db.query<LedgerRow>(LEDGER_SQL, [campaignId, visitorId, day]);
      return toVisitor(row);
    },
    async prizeCounters(campaignId, day) {
      await prepare(campaignId);
      return readShardCounters(db, campaignId, day);
    },
    grantBonus(campaignId, visitorId, day, plays, maxPerDay) {
      return db.transaction(async (tx) => {
        const { visitor } = await lockVisitor(tx, campaignId, visitorId, day);
        const granted = Math.max(0, Math.min(plays, maxPerDay - visitor.bonusToday));
        if (granted > 0) {
          await tx.query("UPDATE visitors SET bonus_total = bonus_total + $3 WHERE campaign_id = $1 AND visitor_id = $2", [
            campaignId,
            visitorId,
            granted,
          ]);
          await tx.query("UPDATE visitor_days SET bonus = bonus + $4 WHERE campaign_id = $1 AND visitor_id = $2 AND day = $3", [
            campaignId,
            visitorId,
            day,
            granted,
          ]);
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

/** a decision the one-statement path could not take, and the ledger it was made from */
type Pending<T> = { commit: DrawCommit; result: T; seen: LedgerSeen };

const sameLedger = (v: VisitorState, seen: LedgerSeen): boolean =>
  v.total === seen.total &&
  v.bonusTotal === seen.bonusTotal &&
  v.lead === seen.lead &&
  v.today === seen.today &&
  v.bonusToday === seen.bonusToday;

/** the keys a draw's play counts under (the guard's own first) and their caps; none without a guard */
type Guard = { keys: string[]; caps: number[] };
const NO_GUARD: Guard = { keys: [], caps: [] };

/** a draw rolled back because its id was stored before: the answer is read after the rollback */
type Replay = { replay: DrawCommit };
const isReplay = (x: unknown): x is Replay => typeof x === "object" && x !== null && "replay" in x;

type LedgerRow = {
  total: number;
  last_play_at: number | null;
  bonus_total: number;
  lead: boolean;
  today: number | null;
  bonus_today: number | null;
  guard?: number[] | null;
};

const LEDGER_SQL = `SELECT v.total, v.last_play_at, v.bonus_total, v.lead, d.plays AS today, d.bonus AS bonus_today
  FROM visitors v LEFT JOIN visitor_days d ON d.campaign_id = v.campaign_id AND d.visitor_id = v.visitor_id AND d.day = $3
  WHERE v.campaign_id = $1 AND v.visitor_id = $2`;

// the visitor's two ledger rows, created if new and locked until commit: draws of one visitor take turns, draws of
// different visitors never wait for each other here. RETURNING gives the rows' latest versions, after any wait.
// the same and the address's plays today (its guard keys' counts), without a lock: the one-statement path checks the ledger
// again where it writes
const READ_SQL = `SELECT v.total, v.last_play_at, v.bonus_total, v.lead, d.plays AS today, d.bonus AS bonus_today,
    ${GUARD_COUNTS("$4")} AS guard
  FROM (VALUES (1)) AS one(x) LEFT JOIN visitors v ON v.campaign_id = $1 AND v.visitor_id = $2
  LEFT JOIN visitor_days d ON d.campaign_id = $1 AND d.visitor_id = $2 AND d.day = $3`;

const LOCK_SQL = `WITH v AS (
    INSERT INTO visitors AS t (campaign_id, visitor_id) VALUES ($1, $2)
    ON CONFLICT (campaign_id, visitor_id) DO UPDATE SET total = t.total RETURNING t.total, t.last_play_at, t.bonus_total, t.lead
  ), d AS (
    INSERT INTO visitor_days AS t (campaign_id, visitor_id, day) VALUES ($1, $2, $3)
    ON CONFLICT (campaign_id, visitor_id, day) DO UPDATE SET plays = t.plays RETURNING t.plays, t.bonus
  )
  SELECT v.total, v.last_play_at, v.bonus_total, v.lead, d.plays AS today, d.bonus AS bonus_today, ${GUARD_COUNTS("$4")} AS guard
  FROM v, d`;

function toVisitor(v: LedgerRow | undefined): VisitorState {
  return {
    total: v?.total ?? 0,
    today: v?.today ?? 0,
    lastPlayAt: v?.last_play_at ?? null,
    bonusTotal: v?.bonus_total ?? 0,
    bonusToday: v?.bonus_today ?? 0,
    lead: v?.lead ?? false,
  };
}

async function lockVisitor(tx: Queryable, campaignId: string, visitorId: string, day: string, guard?: Guard): Promise<DrawSnapshot> {
  const [row] = await tx.query<LedgerRow>(LOCK_SQL, [campaignId, visitorId, day, guard?.keys ?? []]);
  // the guard's counts are read without a lock: persist counts them conditionally, which is what makes the limits exact
  const snapshot: DrawSnapshot = { visitor: toVisitor(row), prizes: {} };
  if (guard && guard.keys.length > 0) snapshot.guardToday = guardToday(row?.guard, guard.caps);
  return snapshot;
}

// one statement: the draw row first (its unique key catches a replayed id), the ledgers, the code's unique key, the
// address counted under each of its keys only while under that key's allowance (narrowest first, the order their rows are
// locked in), and the server-mode counters on a random shard (draw-totals.ts)
const PERSIST_SQL = `WITH d AS (
    INSERT INTO draws (campaign_id, draw_id, visitor_id, prize_id, code, win, test, at, result, requested_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $15::text) ON CONFLICT (campaign_id, draw_id) DO NOTHING RETURNING draw_id
  )${COUNT_READS}, v AS (
    UPDATE visitors SET total = total + 1, last_play_at = $8, ${LEDGER_MARKS}
    WHERE campaign_id = $1 AND visitor_id = $3 AND EXISTS (SELECT 1 FROM d)
  ), vd AS (
    UPDATE visitor_days SET plays = plays + 1, ${DAY_MARK}
    WHERE campaign_id = $1 AND visitor_id = $3 AND day = $10 AND EXISTS (SELECT 1 FROM d)
  ), c AS (
    INSERT INTO codes (campaign_id, code, draw_id) SELECT $1, $11::text, $2 FROM d WHERE $11::text IS NOT NULL
    ON CONFLICT (campaign_id, code) DO NOTHING RETURNING code
  ), g AS (
    INSERT INTO address_counters AS a (campaign_id, kind, address, period, count)
    SELECT $1, 'play', k.address, $10::text, 1 FROM d, unnest($12::text[]) WITH ORDINALITY AS k(address, n) ORDER BY k.n
    ON CONFLICT (campaign_id, kind, address, period) DO UPDATE SET count = a.count + 1
    WHERE a.count < ($13::integer[])[array_position($12::text[], a.address)] RETURNING 1
  )${COUNT_WRITE}
  SELECT (SELECT count(*) FROM d)::integer AS drawn, (SELECT count(*) FROM c)::integer AS coded, (SELECT count(*) FROM g)::integer AS guarded`;

async function persist(
  tx: Queryable,
  campaignId: string,
  c: DrawCommit,
  result: unknown,
  guard: Guard,
): Promise<"stored" | "replay" | "guard"> {
  const code = c.newCode ?? c.code ?? null;
  const [row] = await tx.query<{ drawn: number; coded: number; guarded: number }>(PERSIST_SQL, [
    ...drawRow(campaignId, c, result),
    code,
    guard.keys,
    guard.caps,
    counterShard(true),
    requester(c),
  ]);
  if (!row?.drawn) return "replay";
  if (code !== null && !row.coded) throw new CodeTakenError(code);
  // every key counted, or the draw undoes itself: a wider allowance is spent even when the address's own is not
  if (row.guarded < guard.keys.length) return "guard";
  return "stored";
}
