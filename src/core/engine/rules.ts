// who may play now: schedule, lead, per-visitor limits (with bonus plays) and cooldown, from a visitor's ledger
import type { Campaign } from "../schema/campaign.js";
import { dayKey } from "../util/time.js";
import type { DenyReason, Eligibility, VisitorState } from "./types.js";

const QUARTER_HOUR = 15 * 60 * 1000;

export type Allowance = { playsLeft: number | null; playsLeftToday: number | null };

/** plays left in total and today (after `played` more); bonus plays add to both allowances; null means unlimited */
export function allowance(campaign: Campaign, visitor: VisitorState, played = 0): Allowance {
  const { total, perDay } = campaign.limits.perVisitor;
  return {
    playsLeft: total === undefined ? null : Math.max(0, total + visitor.bonusTotal - visitor.total - played),
    playsLeftToday: perDay === undefined ? null : Math.max(0, perDay + visitor.bonusToday - visitor.today - played),
  };
}

/**
 * Whether `visitor` may play at `now`; a refusal names its reason and, when waiting helps, when to retry.
 * @example checkRules(campaign, visitor, Date.now()) // { ok: false, reason: "cooldown", retryAt: 1769… }
 */
export function checkRules(campaign: Campaign, visitor: VisitorState, now: number): Eligibility {
  return compileRules(campaign)(visitor, now);
}

/** checkRules with the schedule parsed once, for the engine's hot path */
export function compileRules(campaign: Campaign): (visitor: VisitorState, now: number) => Eligibility {
  const startsAt = campaign.schedule?.startsAt ? Date.parse(campaign.schedule.startsAt) : -Infinity;
  const endsAt = campaign.schedule?.endsAt ? Date.parse(campaign.schedule.endsAt) : Infinity;
  const cooldownMs = campaign.limits.cooldownSeconds * 1000;

  return (visitor, now) => {
    const left = allowance(campaign, visitor);
    let reason: DenyReason | undefined;
    let retryAt: number | undefined;
    if (now < startsAt) [reason, retryAt] = ["not_started", startsAt];
    else if (now > endsAt) reason = "ended";
    else if (campaign.requireLead && !visitor.lead) reason = "lead_required";
    else if (left.playsLeft === 0) reason = "limit_total";
    else if (left.playsLeftToday === 0) {
      reason = "limit_day";
      const tomorrow = nextDayStart(now, campaign.timezone);
      if (tomorrow <= endsAt) retryAt = tomorrow;
    } else if (cooldownMs > 0 && visitor.lastPlayAt !== null && now < visitor.lastPlayAt + cooldownMs) {
      [reason, retryAt] = ["cooldown", visitor.lastPlayAt + cooldownMs];
    }
    const { playsLeft, playsLeftToday } = left;
    if (reason === undefined) return { ok: true, playsLeft, playsLeftToday };
    return retryAt === undefined
      ? { ok: false, reason, playsLeft, playsLeftToday }
      : { ok: false, reason, retryAt, playsLeft, playsLeftToday };
  };
}

/**
 * The first instant of the calendar day after `now` in `timeZone` (midnight, or the first instant after
 * a DST gap). Offsets and transitions fall on quarter hours, so a binary search over them is exact.
 * @example nextDayStart(Date.parse("2027-01-20T23:59:00+07:00"), "Asia/Ho_Chi_Minh") // 2027-01-21T00:00+07:00
 */
export function nextDayStart(now: number, timeZone: string): number {
  const today = dayKey(now, timeZone);
  let lo = Math.floor(now / QUARTER_HOUR); // a bucket still on `today`
  let hi = lo + 27 * 4; // a bucket surely on a later day
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (dayKey(mid * QUARTER_HOUR, timeZone) === today) lo = mid;
    else hi = mid;
  }
  return hi * QUARTER_HOUR;
}
