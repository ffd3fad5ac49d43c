// what the stats rollups need of an event, and folding a set of new events into them (in the caller's transaction)
import type { EngagementEvent, EventType } from "../../core/events/index.js";
import { deviceOf, isReferredVisit, npsAnswerOf, npsGroupOf, sourceOf } from "../../core/stats/index.js";
import type { EventRow } from "./events.js";
import { STEP, stepsOf } from "./steps.js";
import type { Queryable } from "./types.js";
import { upsertCampaignVisitors, upsertDayVisitors, type VisitorRow } from "./visitor-rollups.js";

/**
 * An event as the rollups read it, computed at ingest so the outbox row is small and the consumer parses nothing else:
 * [id, type, visitorId, ts, day, automated, steps, source, device, wonPrizeId, npsGroup]
 * (wonPrizeId: null for no win, true for a win without a prize id; npsGroup: null without an answer).
 */
export type RollupInput = [
  id: string,
  type: EventType,
  visitorId: string,
  ts: number,
  day: string,
  automated: boolean,
  steps: number,
  source: string,
  device: string,
  won: string | true | null,
  nps: "promoters" | "passives" | "detractors" | null,
];

/** the rollup input of a stored event (test events have none: the caller leaves them out) */
export function rollupInputOf(r: EventRow): RollupInput {
  // stored contexts passed the event schema at ingest
  const context = r.context as EngagementEvent["context"] | null;
  const prizeId = r.props?.prizeId;
  // numbers as text, the way core computeStats keys them
  const won =
    r.type === "result" && r.props?.win === true
      ? typeof prizeId === "string" || typeof prizeId === "number"
        ? String(prizeId)
        : true
      : null;
  const nps = npsAnswerOf(r);
  return [
    r.id,
    r.type,
    r.visitorId,
    r.ts,
    r.day,
    r.automated,
    stepsOf(r.type) | (isReferredVisit(r) ? STEP.referred : 0),
    sourceOf(context),
    deviceOf(context),
    won,
    nps === null ? null : npsGroupOf(nps),
  ];
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

const emptyDay = (campaign_id: string, day: string, automated: boolean): DailyRow => ({
  campaign_id,
  day,
  automated,
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
});

function addToVisitor(
  rows: Map<string, VisitorRow>,
  key: string,
  campaignId: string,
  e: RollupInput,
  fields: Partial<VisitorRow>,
): VisitorRow {
  const [id, type, visitorId, ts, , automated, steps, source, device] = e;
  let v = rows.get(key);
  // same rule as core: the earliest event by time, then id, names the source and device
  if (!v || ts < v.first_ts || (ts === v.first_ts && id < v.first_id)) {
    const first = { first_ts: ts, first_id: id, source, device };
    if (v) Object.assign(v, first);
    else {
      v = { campaign_id: campaignId, automated, visitor_id: visitorId, steps: 0, claims: 0, ...fields, ...first };
      rows.set(key, v);
    }
  }
  v.steps |= steps;
  if (type === "claim") v.claims++;
  return v;
}

/**
 * Fold new events of campaigns into per-day counters, per-day prize wins, and the steps of each visitor per day and per
 * campaign. Each event must be new to the rollups: the caller guarantees it (storage/rollup-outbox.ts).
 * @example await addToRollups(tx, [["tet-2027", inputs]]);
 */
export async function addToRollups(tx: Queryable, batches: readonly (readonly [string, readonly RollupInput[]])[]): Promise<void> {
  const daily = new Map<string, DailyRow>();
  const prizes = new Map<string, { campaign_id: string; day: string; automated: boolean; prize_id: string; wins: number }>();
  const visitors = new Map<string, VisitorRow>();
  const campaignVisitors = new Map<string, VisitorRow>();
  for (const [campaignId, inputs] of batches) {
    for (const e of inputs) {
      const [, type, visitorId, , day, automated, , , , won, nps] = e;
      const dayId = JSON.stringify([campaignId, day, automated]);
      let d = daily.get(dayId);
      if (!d) {
        d = emptyDay(campaignId, day, automated);
        daily.set(dayId, d);
      }
      d.events++;
      if (type === "impression") d.impressions++;
      else if (type === "play") d.plays++;
      else if (type === "claim") d.claims++;
      else if (type === "share") d.shares++;
      else if (type === "result") {
        d.results++;
        if (nps !== null) d[`nps_${nps}`]++;
        if (won !== null) {
          d.wins++;
          if (won !== true) {
            const key = JSON.stringify([campaignId, day, automated, won]);
            const p = prizes.get(key) ?? { campaign_id: campaignId, day, automated, prize_id: won, wins: 0 };
            p.wins++;
            prizes.set(key, p);
          }
        }
      }
      if (type !== "close" && type !== "error") {
        addToVisitor(visitors, JSON.stringify([campaignId, day, automated, visitorId]), campaignId, e, { day });
        const w = addToVisitor(campaignVisitors, JSON.stringify([campaignId, automated, visitorId]), campaignId, e, {
          play1: null,
          play2: null,
        });
        // the two earliest distinct play days, merged with the stored ones below
        if (type === "play") {
          if (!w.play1 || day < w.play1) [w.play1, w.play2] = [day, w.play1 ?? null];
          else if (day !== w.play1 && (!w.play2 || day < w.play2)) w.play2 = day;
        }
      }
    }
  }
  if (daily.size === 0) return;
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
