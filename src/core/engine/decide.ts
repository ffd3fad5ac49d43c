// the one decision of a draw, run inside the store's transaction: rules, availability, prize, code
import type { Campaign, Prize } from "../schema/campaign.js";
import { generateCode, poolCode, testCode } from "./codes.js";
import { fallbackIndex, toPublicPrize } from "./odds.js";
import { allowance, compileRules } from "./rules.js";
import type { Restriction, Sampler } from "./sampler.js";
import type { DrawCommit, DrawGuard, DrawResult, DrawSnapshot, PublicPrize, QuizScore, Random } from "./types.js";
import { ownValue } from "../util/own.js";

export type DrawRequest = {
  visitorId: string;
  drawId: string;
  at: number;
  day: string;
  quiz?: QuizScore;
  guard?: DrawGuard;
  requestedBy?: string;
  /** the prize an earlier try of this draw drew: its generated code was taken, so only the code is drawn again */
  keep?: string;
  /** prizes whose generated codes this draw found all taken: treated as out of stock (engine-core.ts) */
  codesOut?: readonly string[];
};
export type Decision = { commit: DrawCommit | null; result: DrawResult };
export type Decider = (snapshot: DrawSnapshot, request: DrawRequest) => Decision;

/**
 * A function of the snapshot and the randomness alone (the sampler's caches only remember what every later
 * snapshot of the day will say too), so a database store may re-run it on a conflict.
 * The prize is decided here; a wheel only animates it.
 */
export function createDecider(campaign: Campaign, sampler: Sampler, random: Random): Decider {
  const checkRules = compileRules(campaign);
  const publicPrizes = campaign.prizes.map((p) => Object.freeze(toPublicPrize(p)));
  const fallback = fallbackIndex(campaign);
  const restrictions = new Map<string, Restriction>();
  const stockOutFallback = campaign.onStockOut === "fallback" ? fallback : -1;
  const indexById = new Map(campaign.prizes.map((p, i) => [p.id, i]));

  /** tell the sampler what the store found gone; the index of the last one (the take that just failed), or -1 */
  const dropGone = (gone: readonly string[], day: string): number => {
    let last = -1;
    for (const id of gone) {
      last = indexById.get(id) ?? -1;
      if (last >= 0) sampler.drop(last, day);
    }
    return last;
  };

  const restrictionFor = (prizeIds: string[]): Restriction => {
    const key = prizeIds.join(",");
    let r = restrictions.get(key);
    if (!r) {
      r = { key, prizeIds: new Set(prizeIds) };
      restrictions.set(key, r);
    }
    return r;
  };

  return (snapshot, request) => {
    const { visitor } = snapshot;
    const rules = checkRules(visitor, request.at);
    if (!rules.ok) return { commit: null, result: rules };
    // the shared allowance is checked after the visitor's own rules, so a visitor out of plays hears why
    if (request.guard && (snapshot.guardToday ?? 0) >= request.guard.perDay)
      return { commit: null, result: { ok: false, reason: "limit_address", ...allowance(campaign, visitor) } };

    const quiz = request.quiz;
    // a prize out of codes counts as found gone before anything the store found in this transaction
    const gone = request.codesOut ? [...request.codesOut, ...(snapshot.gone ?? [])] : snapshot.gone;
    const failed = gone ? dropGone(gone, request.day) : -1;
    let index: number;
    if (quiz && quiz.prizeIds.length === 0)
      index = fallback; // failed: the consolation prize, if any
    else if (failed >= 0 && stockOutFallback >= 0 && failed !== stockOutFallback && !gone!.includes(campaign.prizes[stockOutFallback]!.id))
      // the drawn prize's take failed: its mass belongs to the fallback; drawing again would favour every other prize
      index = stockOutFallback;
    else {
      const keep = request.keep === undefined ? -1 : (indexById.get(request.keep) ?? -1);
      index = sampler.pick(snapshot.prizes, request.day, quiz ? restrictionFor(quiz.prizeIds) : null, random, keep);
      if (index < 0 && quiz) index = fallback; // the tier's prizes ran out
      if (index < 0) return { commit: null, result: { ok: false, reason: "out_of_stock", ...allowance(campaign, visitor) } };
    }

    const prize: Prize | undefined = campaign.prizes[index];
    const test = campaign.testMode;
    let code: string | undefined;
    let newCode: string | undefined;
    let pool = false;
    if (prize && (prize.codes || prize.codeGenerator)) {
      if (test) code = testCode(random);
      else if (prize.codes && snapshot.gone)
        pool = true; // the store takes the code with the unit
      else if (prize.codes) code = poolCode(prize, ownValue(snapshot.prizes, prize.id)?.given ?? 0);
      else code = newCode = generateCode(prize.codeGenerator!, random);
    }
    const win = prize?.win ?? false;
    const after = allowance(campaign, visitor, 1);

    const commit: DrawCommit = {
      drawId: request.drawId,
      visitorId: request.visitorId,
      day: request.day,
      at: request.at,
      prizeId: prize?.id ?? null,
      consumes: !test,
      win,
      test,
    };
    if (code !== undefined) commit.code = code;
    if (newCode !== undefined) commit.newCode = newCode;
    if (pool) commit.pool = true;
    if (request.guard) commit.guard = request.guard.key;
    if (request.requestedBy) commit.requestedBy = request.requestedBy;

    const result: DrawResult = {
      ok: true,
      drawId: request.drawId,
      prize: prize ? (publicPrizes[index] as PublicPrize) : null,
      win,
      playsLeft: after.playsLeft,
      playsLeftToday: after.playsLeftToday,
      at: request.at,
    };
    if (code !== undefined) result.code = code;
    // a shared code is the same for every winner: shown, never recorded as a unit handed out
    else if (win && prize?.code !== undefined) result.code = test ? testCode(random) : prize.code;
    if (test) result.test = true;
    if (quiz) result.quiz = quiz;
    return { commit, result };
  };
}
