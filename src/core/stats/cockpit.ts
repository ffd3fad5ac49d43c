// the cockpit's numbers (docs/metrics-and-webhooks.md) accumulated beside the headline ones: returning, retention, NPS, referrals, sources, devices
import type { EngagementEvent } from "../events/schema.js";
import { daysBetween } from "../util/time.js";
import { deviceOf, isReferredVisit, npsAnswerOf, npsGroupOf, npsOf, rate, retentionCutoffs, sourceOf, topSources } from "./dimensions.js";
import type { CockpitStats, Segment } from "./types.js";

/** a visitor's first event (by time, then id) gives the source and device they are credited to */
type VisitorAcc = { firstTs: number; firstId: string; source: string; device: string; claims: number; play1?: string; play2?: string };

export type CockpitAcc = {
  shares: number;
  nps: { promoters: number; passives: number; detractors: number };
  referred: Set<string>;
  visitors: Map<string, VisitorAcc>;
};

export const newCockpit = (): CockpitAcc => ({
  shares: 0,
  nps: { promoters: 0, passives: 0, detractors: 0 },
  referred: new Set(),
  visitors: new Map(),
});

/** fold one counted event of a type that marks a step (not close or error), on its campaign day */
export function addToCockpit(acc: CockpitAcc, e: EngagementEvent, day: string): void {
  let v = acc.visitors.get(e.visitorId);
  if (!v || e.ts < v.firstTs || (e.ts === v.firstTs && e.id < v.firstId)) {
    const first = { firstTs: e.ts, firstId: e.id, source: sourceOf(e.context), device: deviceOf(e.context) };
    if (v) Object.assign(v, first);
    else {
      v = { ...first, claims: 0 };
      acc.visitors.set(e.visitorId, v);
    }
  }
  switch (e.type) {
    case "share":
      acc.shares++;
      break;
    case "claim":
      v.claims++;
      break;
    case "impression":
      if (isReferredVisit(e)) acc.referred.add(e.visitorId);
      break;
    case "play":
      // the two earliest distinct play days are all that returning and retention need
      if (v.play1 === undefined || day < v.play1) [v.play1, v.play2] = [day, v.play1];
      else if (day !== v.play1 && (v.play2 === undefined || day < v.play2)) v.play2 = day;
      break;
    case "result": {
      const answer = npsAnswerOf(e);
      if (answer !== null) acc.nps[npsGroupOf(answer)]++;
      break;
    }
  }
}

/** the cockpit fields, given who reached and who played; `today` is the campaign day of the stats' "now" */
export function finishCockpit(acc: CockpitAcc, reached: ReadonlySet<string>, played: ReadonlySet<string>, today: string): CockpitStats {
  const cut = retentionCutoffs(today);
  let returning = 0;
  const cohorts = { d1: 0, d7: 0 };
  const kept = { d1: 0, d7: 0 };
  const sources = new Map<string, Segment & { claims: number }>();
  const devices = new Map<string, Segment>();
  for (const [id, v] of acc.visitors) {
    const reach = reached.has(id) ? 1 : 0;
    const participants = played.has(id) ? 1 : 0;
    const s = sources.get(v.source) ?? { reach: 0, participants: 0, claims: 0 };
    s.reach += reach;
    s.participants += participants;
    s.claims += v.claims;
    sources.set(v.source, s);
    if (reach || participants) {
      const d = devices.get(v.device) ?? { reach: 0, participants: 0 };
      d.reach += reach;
      d.participants += participants;
      devices.set(v.device, d);
    }
    if (v.play1 === undefined) continue;
    const gap = v.play2 === undefined ? Infinity : daysBetween(v.play1, v.play2);
    if (gap !== Infinity) returning++;
    if (v.play1 <= cut.d1) {
      cohorts.d1++;
      if (gap === 1) kept.d1++;
    }
    if (v.play1 <= cut.d7) {
      cohorts.d7++;
      if (gap <= 7) kept.d7++;
    }
  }
  let referredPlayers = 0;
  for (const id of acc.referred) if (played.has(id)) referredPlayers++;
  for (const [name, s] of sources) if (!s.reach && !s.participants && !s.claims) sources.delete(name);
  return {
    returning,
    retention: { d1: rate(kept.d1, cohorts.d1), d7: rate(kept.d7, cohorts.d7), cohorts },
    nps: npsOf(acc.nps.promoters, acc.nps.passives, acc.nps.detractors),
    referrals: {
      shares: acc.shares,
      visits: acc.referred.size,
      participants: referredPlayers,
      viralCoefficient: rate(referredPlayers, played.size),
    },
    sources: topSources(sources),
    devices: Object.fromEntries(devices),
  };
}
