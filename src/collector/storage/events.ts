// storing events and their rollups in one transaction: stats never see an event twice or half of one
import type { EngagementEvent, EventType } from "../../core/events/index.js";
import { isRetryable, type Database, type Queryable } from "./types.js";
import { STEP, stepsOf } from "./steps.js";
import { upsertCampaignVisitors, upsertDayVisitors, type VisitorRow } from "./visitor-rollups.js";
import { deviceOf, isReferredVisit, npsAnswerOf, npsGroupOf, sourceOf } from "../../core/stats/index.js";

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

const EVENT_COLUMNS = `id text, campaign_id text, type text, visitor_id text, session_id text, ts bigint, client_ts bigint,
  received_at bigint, day text, seq bigint, props jsonb, context jsonb, automated boolean, test boolean, clamped boolean`;
const EVENT_NAMES =
  "id, campaign_id, type, visitor_id, session_id, ts, client_ts, received_at, day, seq, props, context, automated, test, clamped";

/**
 * Store events once each (by id, across all time) and add the new ones to the stats rollups.
 * @example const { accepted, duplicates } = await insertEvents(db, rows);
 */
export async function insertEvents(db: Database, rows: readonly EventRow[]): Promise<InsertOutcome> {
  if (rows.length === 0) return { accepted: 0, duplicates: 0 };
  // first occurrence wins inside a batch; sorted so concurrent batches lock rows in the same order
  const first = new Map<string, EventRow>();
  for (const r of rows) if (!first.has(r.id)) first.set(r.id, r);
  const unique = [...first.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (let attempt = 0; ; attempt++) {
    try {
      const accepted = await db.transaction(async (tx) => {
        const inserted = await tx.query<{ id: string }>(
          `INSERT INTO events (${EVENT_NAMES}) SELECT ${EVENT_NAMES} FROM jsonb_to_recordset($1::jsonb) AS x(${EVENT_COLUMNS})
           ON CONFLICT (id) DO NOTHING RETURNING id`,
          [JSON.stringify(unique.map(toRecord))],
        );
        const fresh = new Set(inserted.map((r) => r.id));
        await addToRollups(
          tx,
          unique.filter((r) => fresh.has(r.id) && !r.test),
        );
        return fresh.size;
      });
      return { accepted, duplicates: rows.length - accepted };
    } catch (e) {
      if (!isRetryable(e) || attempt >= 4) throw e;
    }
  }
}

function toRecord(r: EventRow) {
  return {
    id: r.id,
    campaign_id: r.campaignId,
    type: r.type,
    visitor_id: r.visitorId,
    session_id: r.sessionId,
    ts: r.ts,
    client_ts: r.clientTs,
    received_at: r.receivedAt,
    day: r.day,
    seq: r.seq,
    props: r.props,
    context: r.context,
    automated: r.automated,
    test: r.test,
    clamped: r.clamped,
  };
}

type DailyRow = {
  campaign_id: string;
  day: string;
  automated: boolean;
  events: number;
  impressions: number;
  plays: number;
  results: number;
  wins: number;
  claims: number;
  shares: number;
  nps_promoters: number;
  nps_passives: number;
  nps_detractors: number;
  reach: number;
  participants: number;
  leads: number;
};

function addToVisitor(rows: Map<string, VisitorRow>, key: string, r: EventRow, steps: number, fields: Partial<VisitorRow>): VisitorRow {
  let v = rows.get(key);
  // same rule as core: the earliest event by time, then id, names the source and device
  if (!v || r.ts < v.first_ts || (r.ts === v.first_ts && r.id < v.first_id)) {
    // stored contexts passed the event schema at ingest
    const context = r.context as EngagementEvent["context"] | null;
    const first = { first_ts: r.ts, first_id: r.id, source: sourceOf(context), device: deviceOf(context) };
    if (v) Object.assign(v, first);
    else {
      v = { campaign_id: r.campaignId, automated: r.automated, visitor_id: r.visitorId, steps: 0, claims: 0, ...fields, ...first };
      rows.set(key, v);
    }
  }
  v.steps |= steps;
  if (r.type === "claim") v.claims++;
  return v;
}

/** fold new events into per-day counters, per-day prize wins, and the steps of each visitor per day and per campaign */
async function addToRollups(tx: Queryable, rows: readonly EventRow[]): Promise<void> {
  if (rows.length === 0) return;
  const daily = new Map<string, DailyRow>();
  const prizes = new Map<string, { campaign_id: string; day: string; automated: boolean; prize_id: string; wins: number }>();
  const visitors = new Map<string, VisitorRow>();
  const campaignVisitors = new Map<string, VisitorRow>();
  for (const r of rows) {
    const dayId = JSON.stringify([r.campaignId, r.day, r.automated]);
    let d = daily.get(dayId);
    if (!d) {
      d = {
        campaign_id: r.campaignId,
        day: r.day,
        automated: r.automated,
        events: 0,
        impressions: 0,
        plays: 0,
        results: 0,
        wins: 0,
        claims: 0,
        shares: 0,
        nps_promoters: 0,
        nps_passives: 0,
        nps_detractors: 0,
        reach: 0,
        participants: 0,
        leads: 0,
      };
      daily.set(dayId, d);
    }
    d.events++;
    if (r.type === "impression") d.impressions++;
    else if (r.type === "play") d.plays++;
    else if (r.type === "claim") d.claims++;
    else if (r.type === "share") d.shares++;
    else if (r.type === "result") {
      d.results++;
      const nps = npsAnswerOf(r);
      if (nps !== null) d[`nps_${npsGroupOf(nps)}`]++;
      if (r.props?.win === true) {
        d.wins++;
        const prizeId = r.props.prizeId;
        // numbers as text, the way core computeStats keys them
        if (typeof prizeId === "string" || typeof prizeId === "number") {
          const key = JSON.stringify([r.campaignId, r.day, r.automated, String(prizeId)]);
          const p = prizes.get(key) ?? {
            campaign_id: r.campaignId,
            day: r.day,
            automated: r.automated,
            prize_id: String(prizeId),
            wins: 0,
          };
          p.wins++;
          prizes.set(key, p);
        }
      }
    }
    const steps = stepsOf(r.type) | (isReferredVisit(r) ? STEP.referred : 0);
    if (r.type !== "close" && r.type !== "error") {
      addToVisitor(visitors, JSON.stringify([r.campaignId, r.day, r.automated, r.visitorId]), r, steps, { day: r.day });
      const w = addToVisitor(campaignVisitors, JSON.stringify([r.campaignId, r.automated, r.visitorId]), r, steps, {
        play1: null,
        play2: null,
      });
      // the two earliest distinct play days, merged with the stored ones below
      if (r.type === "play") {
        if (!w.play1 || r.day < w.play1) [w.play1, w.play2] = [r.day, w.play1 ?? null];
        else if (r.day !== w.play1 && (!w.play2 || r.day < w.play2)) w.play2 = r.day;
      }
    }
  }
  const sorted = <T>(m: Map<string, T>) => JSON.stringify([...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v));
  // visitors first: the day's counters then take the visitors who reached, played or left a lead for the first time that day
  if (visitors.size) {
    for (const [key, c] of await upsertDayVisitors(tx, sorted(visitors))) Object.assign(daily.get(key)!, c);
    await upsertCampaignVisitors(tx, sorted(campaignVisitors));
  }
  await tx.query(
    `INSERT INTO stats_daily (campaign_id, day, automated, events, impressions, plays, results, wins, claims,
       shares, nps_promoters, nps_passives, nps_detractors, reach, participants, leads)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(campaign_id text, day text, automated boolean, events integer,
       impressions integer, plays integer, results integer, wins integer, claims integer,
       shares integer, nps_promoters integer, nps_passives integer, nps_detractors integer,
       reach integer, participants integer, leads integer)
     ON CONFLICT (campaign_id, day, automated) DO UPDATE SET
       events = stats_daily.events + excluded.events, impressions = stats_daily.impressions + excluded.impressions,
       plays = stats_daily.plays + excluded.plays, results = stats_daily.results + excluded.results,
       wins = stats_daily.wins + excluded.wins, claims = stats_daily.claims + excluded.claims,
       shares = stats_daily.shares + excluded.shares, nps_promoters = stats_daily.nps_promoters + excluded.nps_promoters,
       nps_passives = stats_daily.nps_passives + excluded.nps_passives,
       nps_detractors = stats_daily.nps_detractors + excluded.nps_detractors,
       reach = stats_daily.reach + excluded.reach, participants = stats_daily.participants + excluded.participants,
       leads = stats_daily.leads + excluded.leads`,
    [sorted(daily)],
  );
  if (prizes.size) {
    await tx.query(
      `INSERT INTO stats_prizes (campaign_id, day, automated, prize_id, wins)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(campaign_id text, day text, automated boolean, prize_id text, wins integer)
       ON CONFLICT (campaign_id, day, automated, prize_id) DO UPDATE SET wins = stats_prizes.wins + excluded.wins`,
      [sorted(prizes)],
    );
  }
}
