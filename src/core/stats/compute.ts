// per-campaign participation and conversion from raw events, in one pass (docs/core.md, Stats)
import type { EngagementEvent } from "../events/schema.js";
import { isTestEvent, type EventType } from "../events/constants.js";
import { dayKey, isValidTimeZone } from "../util/time.js";
import type { CampaignStats, DailyStats, Funnel, StatsOptions } from "./types.js";
import { addToCockpit, finishCockpit, newCockpit, type CockpitAcc } from "./cockpit.js";
import { rate } from "./dimensions.js";

/** event types that count as an interaction for engagementRate */
const INTERACTIONS: ReadonlySet<EventType> = new Set(["open", "play", "result", "claim", "lead", "share"]);

type DayAcc = {
  impressions: number;
  plays: number;
  wins: number;
  claims: number;
  reach: Set<string>;
  participants: Set<string>;
  leads: Set<string>;
};

type CampaignAcc = {
  impressions: number;
  plays: number;
  results: number;
  wins: number;
  claims: number;
  /** distinct visitors per funnel step, plus leads and any interaction */
  seen: Record<keyof Funnel | "lead" | "engaged", Set<string>>;
  prizes: Map<string, number>;
  days: Map<string, DayAcc>;
  cockpit: CockpitAcc;
};

const newCampaign = (): CampaignAcc => ({
  impressions: 0,
  plays: 0,
  results: 0,
  wins: 0,
  claims: 0,
  seen: {
    impression: new Set(),
    open: new Set(),
    play: new Set(),
    result: new Set(),
    claim: new Set(),
    lead: new Set(),
    engaged: new Set(),
  },
  prizes: new Map(),
  days: new Map(),
  cockpit: newCockpit(),
});

const newDay = (): DayAcc => ({
  impressions: 0,
  plays: 0,
  wins: 0,
  claims: 0,
  reach: new Set(),
  participants: new Set(),
  leads: new Set(),
});

/**
 * Stats per campaign from engagement events: duplicates (same `id`, first occurrence wins) count once,
 * test events (`props.test === true`) never count, automated ones only with `includeAutomated`.
 * Work and memory grow with the number of events and distinct visitors, nothing else.
 * @example
 * const stats = computeStats(events, { timezone: "Asia/Ho_Chi_Minh" });
 * stats["tet-2027"]?.participationRate; // 0.42
 */
export function computeStats(events: Iterable<EngagementEvent>, options: StatsOptions = {}): Record<string, CampaignStats> {
  const timezone = options.timezone ?? "UTC";
  if (!isValidTimeZone(timezone)) throw new RangeError(`computeStats: timezone ${JSON.stringify(timezone)} is not an IANA time zone`);

  const seenIds = new Set<string>();
  const campaigns = new Map<string, CampaignAcc>();

  for (const e of events) {
    // dedupe before filtering: a resent copy of a test event is still that test event
    if (seenIds.has(e.id)) continue;
    seenIds.add(e.id);
    if (isTestEvent(e)) continue;
    if (e.context?.automated === true && !options.includeAutomated) continue;

    let c = campaigns.get(e.campaignId);
    if (!c) {
      c = newCampaign();
      campaigns.set(e.campaignId, c);
    }
    const key = dayKey(e.ts, timezone);
    let d = c.days.get(key);
    if (!d) {
      d = newDay();
      c.days.set(key, d);
    }

    const v = e.visitorId;
    if (INTERACTIONS.has(e.type)) c.seen.engaged.add(v);
    if (e.type !== "close" && e.type !== "error") addToCockpit(c.cockpit, e, key);
    switch (e.type) {
      case "impression":
        c.impressions++;
        d.impressions++;
        c.seen.impression.add(v);
        d.reach.add(v);
        break;
      case "open":
        c.seen.open.add(v);
        break;
      case "play":
        c.plays++;
        d.plays++;
        c.seen.play.add(v);
        d.participants.add(v);
        break;
      case "result": {
        c.results++;
        c.seen.result.add(v);
        if (e.props?.win !== true) break;
        c.wins++;
        d.wins++;
        const prizeId = e.props.prizeId;
        // numbers as text, as the collector's `props->>'prizeId'` reads them
        if (typeof prizeId === "string" || typeof prizeId === "number") {
          const k = String(prizeId);
          c.prizes.set(k, (c.prizes.get(k) ?? 0) + 1);
        }
        break;
      }
      case "claim":
        c.claims++;
        d.claims++;
        c.seen.claim.add(v);
        break;
      case "lead":
        c.seen.lead.add(v);
        d.leads.add(v);
        break;
    }
  }

  const today = dayKey(options.now ?? Date.now(), timezone);
  // an event names its campaign: a Map's entries, not assignments, so an id such as `__proto__` stays a key
  return Object.fromEntries([...campaigns].map(([id, c]) => [id, finish(c, today)]));
}

function finish(c: CampaignAcc, today: string): CampaignStats {
  const reach = c.seen.impression.size;
  const daily: Record<string, DailyStats> = {};
  // sorted so JSON output reads in calendar order whatever order the events came in
  for (const key of [...c.days.keys()].sort()) {
    const d = c.days.get(key)!;
    daily[key] = {
      impressions: d.impressions,
      reach: d.reach.size,
      participants: d.participants.size,
      plays: d.plays,
      wins: d.wins,
      claims: d.claims,
      leads: d.leads.size,
    };
  }
  // prize ids as the events sent them: defined, not assigned, for the same reason as the campaign ids
  const prizes = Object.fromEntries([...c.prizes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

  return {
    impressions: c.impressions,
    reach,
    participants: c.seen.play.size,
    plays: c.plays,
    wins: c.wins,
    claims: c.claims,
    leads: c.seen.lead.size,
    participationRate: rate(c.seen.play.size, reach),
    conversionRate: rate(c.seen.claim.size, reach),
    engagementRate: rate(c.seen.engaged.size, reach),
    winRate: rate(c.wins, c.results),
    prizes,
    funnel: {
      impression: reach,
      open: c.seen.open.size,
      play: c.seen.play.size,
      result: c.seen.result.size,
      claim: c.seen.claim.size,
    },
    daily,
    ...finishCockpit(c.cockpit, c.seen.impression, c.seen.play, today),
  };
}

/**
 * The stats of a campaign nothing was counted for yet.
 * @example const stats = computeStats(events)[id] ?? emptyStats();
 */
export function emptyStats(): CampaignStats {
  const zero = { impressions: 0, reach: 0, participants: 0, plays: 0, wins: 0, claims: 0, leads: 0 };
  return {
    ...zero,
    participationRate: 0,
    conversionRate: 0,
    engagementRate: 0,
    winRate: 0,
    prizes: {},
    funnel: { impression: 0, open: 0, play: 0, result: 0, claim: 0 },
    daily: {},
    ...finishCockpit(newCockpit(), new Set(), new Set(), "1970-01-01"),
  };
}
