// per-visitor rollups (per day and per campaign) and the counters that sum them, moved together in the caller's transaction:
// a row's contribution before the upsert comes off its counters and its contribution after goes on, so the counters always
// equal a recount of the rows (tests/collector/campaign-totals.test.ts) and whole-campaign stats never read a row per visitor
import { STEP } from "./steps.js";
import type { Queryable } from "./types.js";

/** a visitor's row (per day or per campaign): steps as bits, and the event that credits them to a source and device */
export type VisitorRow = {
  campaign_id: string;
  automated: boolean;
  visitor_id: string;
  steps: number;
  first_ts: number;
  first_id: string;
  source: string;
  device: string;
  claims: number;
  day?: string;
  play1?: string | null;
  play2?: string | null;
};

/** visitors per day who reached, played and left a lead, added to stats_daily by the caller */
export type DayVisitorCounts = { reach: number; participants: number; leads: number };

// the stored first event stays unless the new one is earlier (rows from before version 20 have none: the new one names them)
const EARLIER = "(t.first_ts IS NULL OR (excluded.first_ts, excluded.first_id) < (t.first_ts, t.first_id))";
const FIRST_TOUCH = ["first_ts", "first_id", "source", "device"]
  .map((c) => `${c} = CASE WHEN ${EARLIER} THEN excluded.${c} ELSE t.${c} END`)
  .join(", ");

// what a group of the campaign counts: visitors with each step, referred players, claims
const GROUP_COUNTERS = ["impression", "open", "play", "result", "claim", "lead", "engaged", "referred", "referred_play", "claims"] as const;
const COHORT_COUNTERS = ["players", "returners", "d1", "d7"] as const;

type Stored = { steps: number; claims: number; source: string | null; device: string | null; play1: string | null; play2: string | null };
type Counts<K extends string> = Record<K, number>;

/**
 * Rows of `table` with the keys of `rows` as they stand, locked until the transaction ends so no other ingest moves them
 * meanwhile. Absent rows are inserted empty first (steps 0: they count nowhere), so a visitor another transaction is
 * adding at the same moment is waited for and read, never counted twice.
 */
async function lockStored(tx: Queryable, table: string, keys: readonly string[], rows: string) {
  const types = keys.map((k) => `${k} ${k === "automated" ? "boolean" : "text"}`).join(", ");
  const ordered = keys.map((k) => `x.${k}`).join(", ");
  await tx.query(
    `INSERT INTO ${table} (${keys.join(", ")}, steps) SELECT ${ordered}, 0 FROM jsonb_to_recordset($1::jsonb) AS x(${types})
     ORDER BY ${ordered} ON CONFLICT DO NOTHING`,
    [rows],
  );
  const stored = await tx.query<Record<string, unknown> & Stored>(
    `SELECT t.* FROM ${table} t JOIN jsonb_to_recordset($1::jsonb) AS x(${types}) USING (${keys.join(", ")})
     ORDER BY ${keys.map((k) => `t.${k}`).join(", ")} FOR UPDATE OF t`,
    [rows],
  );
  return new Map(stored.map((r) => [JSON.stringify(keys.map((k) => r[k])), r]));
}

/**
 * Upsert visitor-day rows (`rows` sorted by key, as JSON) and return, per "campaign|day|automated", how many visitors
 * newly reached, played and left a lead that day.
 * @example const perDay = await upsertDayVisitors(tx, JSON.stringify(sortedRows));
 */
export async function upsertDayVisitors(tx: Queryable, rows: string): Promise<Map<string, DayVisitorCounts>> {
  const keys = ["campaign_id", "day", "automated", "visitor_id"];
  const before = await lockStored(tx, "stats_visitors", keys, rows);
  const after = await tx.query<{
    campaign_id: string;
    day: string;
    automated: boolean;
    visitor_id: string;
    steps: number;
  }>(
    `INSERT INTO stats_visitors AS t (campaign_id, day, automated, visitor_id, steps, first_ts, first_id, source, device, claims)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(campaign_id text, day text, automated boolean, visitor_id text, steps integer,
       first_ts bigint, first_id text, source text, device text, claims integer)
     ON CONFLICT (campaign_id, day, automated, visitor_id) DO UPDATE SET steps = t.steps | excluded.steps, claims = t.claims + excluded.claims,
       ${FIRST_TOUCH}
     RETURNING campaign_id, day, automated, visitor_id, steps`,
    [rows],
  );
  const perDay = new Map<string, DayVisitorCounts>();
  for (const r of after) {
    const old = before.get(JSON.stringify([r.campaign_id, r.day, r.automated, r.visitor_id]));
    // steps only ever gain bits: a bit counts the day it first appears
    const added = r.steps & ~(old?.steps ?? 0);
    if (!(added & (STEP.impression | STEP.play | STEP.lead))) continue;
    const key = JSON.stringify([r.campaign_id, r.day, r.automated]);
    const c = perDay.get(key) ?? { reach: 0, participants: 0, leads: 0 };
    if (added & STEP.impression) c.reach++;
    if (added & STEP.play) c.participants++;
    if (added & STEP.lead) c.leads++;
    perDay.set(key, c);
  }
  return perDay;
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** what one campaign-visitor row adds to its (source, device) group */
function groupCounts(r: Stored): Counts<(typeof GROUP_COUNTERS)[number]> {
  const bit = (b: number) => (r.steps & b ? 1 : 0);
  return {
    impression: bit(STEP.impression),
    open: bit(STEP.open),
    play: bit(STEP.play),
    result: bit(STEP.result),
    claim: bit(STEP.claim),
    lead: bit(STEP.lead),
    engaged: bit(STEP.engaged),
    referred: bit(STEP.referred),
    referred_play: (r.steps & (STEP.referred | STEP.play)) === (STEP.referred | STEP.play) ? 1 : 0,
    claims: r.claims,
  };
}

/** what one campaign-visitor row adds to its first-play-day cohort (the same windows as core's retention) */
function cohortCounts(r: Stored): Counts<(typeof COHORT_COUNTERS)[number]> {
  const gap = r.play1 && r.play2 ? daysBetween(r.play1, r.play2) : undefined;
  return { players: 1, returners: gap === undefined ? 0 : 1, d1: gap === 1 ? 1 : 0, d7: gap !== undefined && gap <= 7 ? 1 : 0 };
}

function add<K extends string>(into: Map<string, Counts<K>>, key: string, counts: Counts<K>, sign: 1 | -1) {
  const c = into.get(key) ?? (Object.fromEntries(Object.keys(counts).map((k) => [k, 0])) as Counts<K>);
  for (const k of Object.keys(counts) as K[]) c[k] += sign * counts[k];
  into.set(key, c);
}

/** add `deltas` (keyed by the JSON of the key columns) to `table`'s counters; rows whose deltas are all zero are skipped */
async function addCounters<K extends string>(
  tx: Queryable,
  table: string,
  keys: string[],
  counters: readonly K[],
  deltas: Map<string, Counts<K>>,
) {
  const rows = [...deltas.entries()]
    .filter(([, c]) => counters.some((k) => c[k] !== 0))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, c]) => ({ ...Object.fromEntries(keys.map((k, i) => [k, (JSON.parse(key) as unknown[])[i]])), ...c }));
  if (!rows.length) return;
  const types = [...keys.map((k) => `${k} ${k === "automated" ? "boolean" : "text"}`), ...counters.map((k) => `${k} integer`)];
  await tx.query(
    `INSERT INTO ${table} AS t (${[...keys, ...counters].join(", ")})
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${types.join(", ")})
     ON CONFLICT (${keys.join(", ")}) DO UPDATE SET ${counters.map((k) => `${k} = t.${k} + excluded.${k}`).join(", ")}`,
    [JSON.stringify(rows)],
  );
}

/**
 * Upsert campaign-visitor rows (`rows` sorted by key, as JSON) and move each visitor's contribution in
 * stats_campaign_groups (by first-touch source and device) and stats_campaign_cohorts (by first play day).
 * @example await upsertCampaignVisitors(tx, JSON.stringify(sortedRows));
 */
export async function upsertCampaignVisitors(tx: Queryable, rows: string): Promise<void> {
  const keys = ["campaign_id", "automated", "visitor_id"];
  const before = await lockStored(tx, "stats_campaign_visitors", keys, rows);
  const after = await tx.query<Stored & { campaign_id: string; automated: boolean; visitor_id: string }>(
    `INSERT INTO stats_campaign_visitors AS t (campaign_id, automated, visitor_id, steps, first_ts, first_id, source, device, claims, play1, play2)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(campaign_id text, automated boolean, visitor_id text, steps integer,
       first_ts bigint, first_id text, source text, device text, claims integer, play1 text, play2 text)
     ON CONFLICT (campaign_id, automated, visitor_id) DO UPDATE SET steps = t.steps | excluded.steps, claims = t.claims + excluded.claims,
       ${FIRST_TOUCH},
       play1 = least(t.play1, excluded.play1),
       play2 = (SELECT min(d) FROM (VALUES (t.play1), (t.play2), (excluded.play1), (excluded.play2)) AS p(d)
                WHERE d > least(t.play1, excluded.play1))
     RETURNING campaign_id, automated, visitor_id, steps, claims, source, device, play1, play2`,
    [rows],
  );
  const groups = new Map<string, Counts<(typeof GROUP_COUNTERS)[number]>>();
  const cohorts = new Map<string, Counts<(typeof COHORT_COUNTERS)[number]>>();
  for (const r of after) {
    const old = before.get(JSON.stringify([r.campaign_id, r.automated, r.visitor_id]));
    for (const [row, sign] of [
      [old, -1],
      [r, 1],
    ] as const) {
      if (!row) continue;
      const group = [r.campaign_id, r.automated, row.source ?? "direct", row.device ?? "unknown"];
      add(groups, JSON.stringify(group), groupCounts(row), sign);
      if (row.play1) add(cohorts, JSON.stringify([r.campaign_id, r.automated, row.play1]), cohortCounts(row), sign);
    }
  }
  await addCounters(tx, "stats_campaign_groups", ["campaign_id", "automated", "source", "device"], GROUP_COUNTERS, groups);
  await addCounters(tx, "stats_campaign_cohorts", ["campaign_id", "automated", "play1"], COHORT_COUNTERS, cohorts);
}
