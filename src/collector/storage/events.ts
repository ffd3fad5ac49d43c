// storing events once each: the request path writes the events and their outbox rows in one statement, the rollups are
// applied from the outbox by storage/rollup-outbox.ts (stats drain it before they read, so they never miss an event)
import type { EventType } from "../../core/events/index.js";
import { isRetryable, type Database } from "./types.js";
import { ensurePartitions } from "./event-partitions.js";
import { kickRollups } from "./rollup-outbox.js";
import { rollupInputOf, type RollupInput } from "./rollups.js";

/** an event as stored: validated, its time corrected, flagged */
export type EventRow = {
  id: string;
  campaignId: string;
  type: EventType;
  visitorId: string;
  sessionId: string;
  /** corrected time, ms since epoch */
  ts: number;
  clientTs: number;
  receivedAt: number;
  /** YYYY-MM-DD of ts in the campaign time zone */
  day: string;
  seq: number | null;
  props: Record<string, string | number | boolean | null> | null;
  context: Record<string, unknown> | null;
  automated: boolean;
  test: boolean;
  clamped: boolean;
};

export type InsertOutcome = { accepted: number; duplicates: number };

const EVENT_NAMES =
  "id, campaign_id, type, visitor_id, session_id, ts, client_ts, received_at, day, seq, props, context, automated, test, clamped";
// one array per column: unnest reads typed arrays without parsing a JSON document per row
const UNNEST = `unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[],
  $9::text[], $10::bigint[], $11::jsonb[], $12::jsonb[], $13::boolean[], $14::boolean[], $15::boolean[]) AS x(${EVENT_NAMES})`;

// one statement, so one round trip and one commit: the id is claimed in event_ids (the key across every day partition;
// a concurrent batch holding the same id is waited for), the events whose id this batch claimed are stored, and their
// campaigns' outbox rows name them, with their rollup inputs; all of it commits together or not at all
export const STORE_EVENTS = `WITH x AS (SELECT * FROM ${UNNEST}),
  claimed AS (INSERT INTO event_ids (id, day) SELECT id, day FROM x ON CONFLICT (id) DO NOTHING RETURNING id),
  stored AS (INSERT INTO events (${EVENT_NAMES}) SELECT x.* FROM x JOIN claimed USING (id) RETURNING id, campaign_id, test),
  queued AS (INSERT INTO rollup_outbox (campaign_id, ids, rows)
    SELECT s.campaign_id, s.ids, p.rows FROM (SELECT campaign_id, array_agg(id) AS ids FROM stored WHERE NOT test GROUP BY campaign_id) s
      JOIN unnest($16::text[], $17::text[]) AS p(campaign_id, rows) USING (campaign_id))
  SELECT count(*)::integer AS accepted FROM stored`;

// the same for a batch none of whose ids is stored yet, the common case. A plain insert claims the ids: ON CONFLICT
// checks the key before each row and confirms the row after it (a lock and a second WAL record per row), about a
// fifth of the statement's CPU. Every event is stored, so the outbox rows name none (null: all of them, migrations/076).
// A plain insert meets an id stored before (or by a concurrent batch, once that commits) as a unique violation, which
// undoes the whole statement; the batch is then stored by STORE_EVENTS.
export const STORE_NEW_EVENTS = `WITH x AS (SELECT * FROM ${UNNEST}),
  claimed AS (INSERT INTO event_ids (id, day) SELECT id, day FROM x),
  stored AS (INSERT INTO events (${EVENT_NAMES}) SELECT * FROM x)
  INSERT INTO rollup_outbox (campaign_id, rows) SELECT * FROM unnest($16::text[], $17::text[])`;

// an id of the batch is in event_ids already
const isTaken = (e: unknown) => (e as { code?: string }).code === "23505";

/**
 * Store events once each (by id, across all time and every day partition) and queue the new ones for the stats
 * rollups. Durable when it resolves; the rollups follow (storage/rollup-outbox.ts).
 * @example const { accepted, duplicates } = await insertEvents(db, rows);
 */
export async function insertEvents(db: Database, rows: readonly EventRow[], now = Date.now()): Promise<InsertOutcome> {
  if (rows.length === 0) return { accepted: 0, duplicates: 0 };
  // first occurrence wins inside a batch; sorted so concurrent batches claim ids in the same order
  const first = new Map<string, EventRow>();
  for (const r of rows) if (!first.has(r.id)) first.set(r.id, r);
  const unique = [...first.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  await ensurePartitions(db, new Set(unique.map((r) => r.day)), now);
  const params = columnsOf(unique);
  let sql = STORE_NEW_EVENTS;
  for (let attempt = 0; ; attempt++) {
    try {
      const [out] = await db.query<{ accepted: number }>(sql, params);
      // a statement of new events stores them all or fails
      const accepted = sql === STORE_NEW_EVENTS ? unique.length : (out?.accepted ?? 0);
      if (accepted > 0) kickRollups(db);
      return { accepted, duplicates: rows.length - accepted };
    } catch (e) {
      if (sql === STORE_NEW_EVENTS && isTaken(e)) sql = STORE_EVENTS;
      else if (!isRetryable(e) || attempt >= 4) throw e;
    }
  }
}

const json = (v: unknown) => (v === null ? null : JSON.stringify(v));

/** the parameters of STORE_EVENTS (rows unique by id): a column array each, then per campaign the rollup inputs of its non-test events */
export function columnsOf(rows: readonly EventRow[]): unknown[] {
  const inputs = new Map<string, RollupInput[]>();
  for (const r of rows) {
    if (r.test) continue;
    let list = inputs.get(r.campaignId);
    if (!list) {
      list = [];
      inputs.set(r.campaignId, list);
    }
    list.push(rollupInputOf(r));
  }
  return [
    rows.map((r) => r.id),
    rows.map((r) => r.campaignId),
    rows.map((r) => r.type),
    rows.map((r) => r.visitorId),
    rows.map((r) => r.sessionId),
    rows.map((r) => r.ts),
    rows.map((r) => r.clientTs),
    rows.map((r) => r.receivedAt),
    rows.map((r) => r.day),
    rows.map((r) => r.seq),
    rows.map((r) => json(r.props)),
    rows.map((r) => json(r.context)),
    rows.map((r) => r.automated),
    rows.map((r) => r.test),
    rows.map((r) => r.clamped),
    [...inputs.keys()],
    [...inputs.values()].map((l) => JSON.stringify(l)),
  ];
}
