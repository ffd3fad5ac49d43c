// the prize engine over a given store. createEngine (create-engine.ts) adds the default in-memory store; client mode's
// chunk calls this with its localStorage store, so the memory store never reaches a browser that does not use it.
// The quiz scorer is passed in for the same reason: a browser fetches quiz.ts only for a quiz campaign
import type { Campaign } from "../schema/campaign.js";
import { dayKey } from "../util/time.js";
import { createDecider, type DrawRequest } from "./decide.js";
import type { SyncEngineStore } from "./memory-store.js";
import type { scoreQuiz } from "./quiz.js";
import { cryptoRandom } from "./random.js";
import { compileRules } from "./rules.js";
import { createSampler } from "./sampler.js";
import {
  CodeTakenError,
  type DrawCommit,
  type DrawOptions,
  type DrawResult,
  type Engine,
  type EngineOptions,
  type EngineStore,
  type DrawSnapshot,
  type Random,
} from "./types.js";

/**
 * clashes of one prize's generated codes in a row before its codes count as used up: the schema asks for ten codes per
 * unit of stock, so with stock a clash is at most 1 in 10 and 32 in a row never happen while codes are left
 */
const CODE_ATTEMPTS = 32;
/** prizes one draw may find out of codes before it fails */
const CODE_PRIZES = 4;

/** an engine over a synchronous store (the memory store): `drawSync` skips the promise machinery for simulations */
export type SyncEngine = Engine & { drawSync(visitorId: string, options?: DrawOptions): DrawResult };

/** createEngine's options without the store, plus the quiz scorer a quiz campaign needs (quiz.ts's scoreQuiz) */
export type EngineCoreOptions = Omit<EngineOptions, "store"> & { scoreQuiz?: typeof scoreQuiz };

/**
 * createEngine with its store given: an engine, or a SyncEngine when the store is synchronous. A quiz campaign
 * needs `options.scoreQuiz`; without it this throws rather than draw prizes that ignore the answers.
 * @example
 * const engine = createEngineOn(campaign, createLocalStore(), { scoreQuiz });
 */
export function createEngineOn(campaign: Campaign, store: EngineStore, options: EngineCoreOptions = {}): Engine | SyncEngine {
  // loud at creation: without its scorer a quiz's draws would ignore the answers
  const score = campaign.game === "quiz" ? options.scoreQuiz : undefined;
  if (campaign.game === "quiz" && !score) throw new TypeError("createEngineOn: a quiz campaign needs options.scoreQuiz");
  const random = options.random ?? cryptoRandom;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => uuidV4(random));
  // one sampler: what eligibility() learns about gone prizes serves the draws too
  const sampler = createSampler(campaign);
  const decide = createDecider(campaign, sampler, random);
  const checkRules = compileRules(campaign);

  const request = (visitorId: string, drawOptions: DrawOptions): DrawRequest => {
    const at = now();
    const r: DrawRequest = { visitorId, drawId: drawOptions.drawId ?? newId(), at, day: dayKey(at, campaign.timezone) };
    // a quiz draw is always restricted by the score computed here; missing answers score nothing
    if (score && campaign.quiz) r.quiz = score(campaign, drawOptions.answers ?? {});
    if (drawOptions.guard) r.guard = drawOptions.guard;
    if (drawOptions.requestedBy) r.requestedBy = drawOptions.requestedBy;
    return r;
  };

  // a clash of a generated code keeps the prize and draws only a new code: drawing the prize again would take a
  // prize's chance away in proportion to how full its code space is. A prize whose codes clash CODE_ATTEMPTS times in
  // a row is out of codes for this draw, which then gets what the stock-out policy gives
  const retrying = (r: DrawRequest) => {
    let last: DrawCommit | null = null;
    let clashes = 0;
    return {
      decide: (snapshot: DrawSnapshot) => {
        const decision = decide(snapshot, r);
        last = decision.commit;
        return decision;
      },
      /** rethrows `e` unless the draw should run again */
      failed(e: unknown) {
        const prizeId = last?.prizeId ?? null;
        if (!(e instanceof CodeTakenError) || prizeId === null) throw e;
        if (r.keep !== prizeId) [r.keep, clashes] = [prizeId, 0];
        if (++clashes < CODE_ATTEMPTS) return;
        r.codesOut = [...(r.codesOut ?? []), prizeId];
        r.keep = undefined;
        if (r.codesOut.length >= CODE_PRIZES) throw e;
      },
    };
  };

  const engine: Engine = {
    campaign,
    async eligibility(visitorId) {
      const at = now();
      const day = dayKey(at, campaign.timezone);
      const rules = checkRules(await store.visitor(campaign.id, visitorId, day), at);
      if (!rules.ok) return rules;
      if (!sampler.anyAvailable(await store.prizeCounters(campaign.id, day), day))
        return { ok: false, reason: "out_of_stock", playsLeft: rules.playsLeft, playsLeftToday: rules.playsLeftToday };
      return rules;
    },
    async draw(visitorId, drawOptions = {}) {
      const r = request(visitorId, drawOptions);
      const run = retrying(r);
      for (;;) {
        try {
          return await store.transact(campaign.id, visitorId, r.day, run.decide, r.guard?.key, r.guard?.perDay);
        } catch (e) {
          run.failed(e);
        }
      }
    },
    async grantBonus(visitorId) {
      if (!campaign.bonusPlays) return 0;
      const { perShare, maxPerDay } = campaign.bonusPlays;
      return store.grantBonus(campaign.id, visitorId, dayKey(now(), campaign.timezone), perShare, maxPerDay);
    },
    markLead(visitorId) {
      return store.markLead(campaign.id, visitorId);
    },
  };

  const sync = store as Partial<SyncEngineStore>;
  if (typeof sync.transactSync !== "function") return engine;
  const transactSync = sync.transactSync.bind(store);
  return {
    ...engine,
    drawSync(visitorId, drawOptions = {}) {
      const r = request(visitorId, drawOptions);
      const run = retrying(r);
      for (;;) {
        try {
          return transactSync(campaign.id, visitorId, r.day, run.decide);
        } catch (e) {
          run.failed(e);
        }
      }
    },
  };
}

/** a random UUID v4 from the engine's Random, so a seeded engine is reproducible end to end */
function uuidV4(random: Random): string {
  let hex = "";
  for (let i = 0; i < 4; i++)
    hex += Math.floor(random() * 4_294_967_296)
      .toString(16)
      .padStart(8, "0");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
