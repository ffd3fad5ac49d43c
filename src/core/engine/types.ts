// the engine's contract with its callers (ui, collector, cli) and with the stores that keep its counters
import type { Campaign, Prize } from "../schema/campaign.js";

/** uniform in [0, 1), the built-in random() contract; the default draws from crypto.getRandomValues */
export type Random = () => number;

/** what a visitor may see of a prize: never the code pool */
export type PublicPrize = Pick<Prize, "id" | "label" | "win"> & Partial<Pick<Prize, "description" | "image" | "color" | "value">>;

export type DenyReason =
  | "not_started" // before schedule.startsAt
  | "ended" // after schedule.endsAt
  | "limit_total" // limits.perVisitor.total reached
  | "limit_day" // limits.perVisitor.perDay reached today
  | "limit_address" // limits.perAddress.perDay reached today from this network address (server mode)
  | "cooldown" // limits.cooldownSeconds not yet elapsed
  | "lead_required" // requireLead and no lead yet
  | "out_of_stock"; // nothing left to give and no fallback

export type Eligibility =
  | { ok: true; playsLeft: number | null; playsLeftToday: number | null }
  | { ok: false; reason: DenyReason; retryAt?: number; playsLeft: number | null; playsLeftToday: number | null };

export type QuizAnswers = Record<string, number | number[]>;

export type QuizScore = {
  score: number;
  maxScore: number;
  passed: boolean;
  /** outcome quizzes: the winning outcome */
  outcomeId?: string;
  /** prizes this score may win; empty when it wins nothing */
  prizeIds: string[];
};

/**
 * What a draw's answer says of the quiz. The engine gives the whole QuizScore (client mode, and the collector's own
 * records); the collector's answer to a browser keeps only `passed` and `outcomeId`, since a score per attempt would
 * let a script learn the answer key one changed answer at a time.
 */
export type QuizResult = Pick<QuizScore, "passed" | "outcomeId"> & Partial<Pick<QuizScore, "score" | "maxScore" | "prizeIds">>;

export type DrawResult =
  | {
      ok: true;
      drawId: string;
      /** null when a quiz was failed and the campaign has no fallback prize */
      prize: PublicPrize | null;
      win: boolean;
      code?: string;
      playsLeft: number | null;
      playsLeftToday: number | null;
      at: number;
      test?: boolean;
      quiz?: QuizResult;
      /** server mode: signed by the collector, for the brand's backend to verify at redemption */
      token?: string;
    }
  | { ok: false; reason: DenyReason; retryAt?: number; playsLeft: number | null; playsLeftToday: number | null };

/** a visitor's ledger for one campaign, as seen on `day` */
export type VisitorState = {
  total: number;
  today: number;
  lastPlayAt: number | null;
  /** extra plays granted in total and today (shares) */
  bonusTotal: number;
  bonusToday: number;
  lead: boolean;
};

/** units given of one prize: in total and on `day` */
export type PrizeCounters = { given: number; givenToday: number };

export type DrawSnapshot = {
  visitor: VisitorState;
  prizes: Record<string, PrizeCounters>;
  /** plays already counted today against the draw's guard, when it has one */
  guardToday?: number;
  /**
   * Set by a store that takes stock and pool codes itself once the prize is chosen (the sharded PostgreSQL store):
   * `prizes` is then not read for availability, and `gone` lists the prizes this draw found with nothing left, in
   * the order found. The last of them is the prize this draw just failed to take: under "fallback" the draw gives
   * the fallback (where that prize's mass belongs), under "renormalize" it draws afresh among the others.
   */
  gone?: readonly string[];
};

/**
 * A per-day allowance shared by everyone behind one key (the collector's per-address limit): the store
 * reads and counts it in the draw's transaction, so it holds across instances.
 */
export type DrawGuard = { key: string; perDay: number };

/** what a draw changes; a store persists it atomically with the read of the snapshot */
export type DrawCommit = {
  drawId: string;
  visitorId: string;
  day: string;
  at: number;
  /** the prize given; stock and today's counter move only when `consumes` */
  prizeId: string | null;
  consumes: boolean;
  /** a generated code that must not exist yet (pool codes are unique by construction) */
  newCode?: string;
  /** the code handed out, if any */
  code?: string;
  /**
   * the prize's code comes from its pool and is taken by the store (set only when the snapshot had `gone`): the store
   * writes the code it took to `code` here and to the result's `code`
   */
  pool?: true;
  win: boolean;
  test: boolean;
  /** the guard key this play counts against */
  guard?: string;
  /** who sent the draw when its plays count for someone else (DrawOptions.requestedBy) */
  requestedBy?: string;
};

/** thrown by a store's transact when `commit.newCode` was already issued; the engine retries */
export class CodeTakenError extends Error {
  constructor(code: string) {
    super(`code ${code} was already issued`);
    this.name = "CodeTakenError";
  }
}

/**
 * Counters and ledgers behind the engine. Memory, localStorage and database implementations exist;
 * a database store runs `transact` in one transaction so "check stock and take one" is atomic.
 */
export interface EngineStore {
  /** read a snapshot, let `decide` choose (pure, may be re-run), persist its commit, return its result */
  transact<T>(
    campaignId: string,
    visitorId: string,
    day: string,
    decide: (snapshot: DrawSnapshot) => { commit: DrawCommit | null; result: T },
    guardKey?: string,
    /** the guard's plays per day, for a store that counts the guard without reading it first */
    guardPerDay?: number,
  ): Promise<T>;
  visitor(campaignId: string, visitorId: string, day: string): Promise<VisitorState>;
  prizeCounters(campaignId: string, day: string): Promise<Record<string, PrizeCounters>>;
  /** add `plays` bonus plays unless `maxPerDay` were already granted today; returns the plays granted */
  grantBonus(campaignId: string, visitorId: string, day: string, plays: number, maxPerDay: number): Promise<number>;
  markLead(campaignId: string, visitorId: string): Promise<void>;
}

export type EngineOptions = {
  random?: Random;
  store?: EngineStore;
  /** ms since epoch */
  now?: () => number;
  /** ids for draws; defaults to a UUID v4 from the random source */
  newId?: () => string;
};

export type DrawOptions = {
  /** idempotency key chosen by the caller (server mode sends one per attempt) */
  drawId?: string;
  /** quiz answers by question id; the score is computed here, never taken from the caller */
  answers?: QuizAnswers;
  /** a shared per-day allowance the store enforces with the draw (server mode: plays per network address) */
  guard?: DrawGuard;
  /**
   * who sent the draw, when that may be someone else than whom its plays count for (server mode: the minted visitor,
   * playing as a lead's contact or a member); the collector answers a repeated `drawId` only to the same sender
   */
  requestedBy?: string;
};

export type OddsRow = {
  prize: PublicPrize;
  weight: number;
  /** configured chance of one play, in [0, 1] */
  probability: number;
  stock: number | null;
  dailyCap: number | null;
};

export interface Engine {
  readonly campaign: Campaign;
  eligibility(visitorId: string): Promise<Eligibility>;
  draw(visitorId: string, options?: DrawOptions): Promise<DrawResult>;
  /** grant bonus plays for a share (campaign.bonusPlays); returns the plays granted */
  grantBonus(visitorId: string): Promise<number>;
  markLead(visitorId: string): Promise<void>;
}
