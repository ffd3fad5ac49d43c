// an EngineStore in memory: the default for createEngine, simulations, tests and single-process servers
import { CodeTakenError, type DrawCommit, type DrawSnapshot, type EngineStore, type PrizeCounters, type VisitorState } from "./types.js";
import { ownValue } from "../util/own.js";

type Decide<T> = (snapshot: DrawSnapshot) => { commit: DrawCommit | null; result: T };

/** a store whose transaction can run synchronously; createEngine then offers `drawSync` */
export interface SyncEngineStore extends EngineStore {
  transactSync<T>(campaignId: string, visitorId: string, day: string, decide: Decide<T>, guardKey?: string): T;
}

export type MemoryStoreOptions = {
  /** draw ids remembered for idempotent replays (oldest forgotten first); default 10,000 */
  rememberDraws?: number;
  /** false keeps no visitor ledgers, so every play looks like a first play: simulations of many visitors */
  keepVisitors?: boolean;
};

type VisitorRecord = {
  total: number;
  lastPlayAt: number | null;
  lead: boolean;
  bonusTotal: number;
  day: string;
  today: number;
  bonusToday: number;
};

type CampaignData = {
  visitors: Map<string, VisitorRecord>;
  given: Map<string, number>;
  givenOn: Map<string, Map<string, number>>;
  codes: Set<string>;
  /** plays per guard key and day (the collector's per-address allowance) */
  guards: Map<string, number>;
  draws: Map<string, unknown>;
  /** draw ids in arrival order, a ring buffer: Map iteration after many deletes would scan tombstones */
  drawOrder: string[];
  drawCursor: number;
  /** the counters as of one day, kept current on commit so a snapshot costs nothing */
  view: { day: string; prizes: Record<string, PrizeCounters> } | null;
};

/**
 * Counters and ledgers in memory. Transactions run one after another (a promise chain), and each one
 * reads, decides and writes without yielding, so concurrent draws can never oversell.
 * @example const engine = createEngine(campaign, { store: createMemoryStore() });
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): SyncEngineStore {
  const rememberDraws = options.rememberDraws ?? 10_000;
  const keepVisitors = options.keepVisitors ?? true;
  const NEW_VISITOR: VisitorState = Object.freeze({ total: 0, today: 0, lastPlayAt: null, bonusTotal: 0, bonusToday: 0, lead: false });
  const campaigns = new Map<string, CampaignData>();
  let tail: Promise<unknown> = Promise.resolve();

  const data = (campaignId: string): CampaignData => {
    let d = campaigns.get(campaignId);
    if (!d) {
      d = {
        visitors: new Map(),
        given: new Map(),
        givenOn: new Map(),
        codes: new Set(),
        guards: new Map(),
        draws: new Map(),
        drawOrder: [],
        drawCursor: 0,
        view: null,
      };
      campaigns.set(campaignId, d);
    }
    return d;
  };

  const visitorState = (d: CampaignData, visitorId: string, day: string): VisitorState => {
    const r = keepVisitors ? d.visitors.get(visitorId) : undefined;
    if (!r) return NEW_VISITOR; // read-only: decide never writes to its snapshot
    const same = r.day === day;
    return {
      total: r.total,
      today: same ? r.today : 0,
      lastPlayAt: r.lastPlayAt,
      bonusTotal: r.bonusTotal,
      bonusToday: same ? r.bonusToday : 0,
      lead: r.lead,
    };
  };

  /** the record to write to; with a `day`, its daily counters are moved to that day first */
  const visitorRecord = (d: CampaignData, visitorId: string, day?: string): VisitorRecord => {
    let r = d.visitors.get(visitorId);
    if (!r) {
      r = { total: 0, lastPlayAt: null, lead: false, bonusTotal: 0, day: day ?? "", today: 0, bonusToday: 0 };
      d.visitors.set(visitorId, r);
    }
    if (day !== undefined && r.day !== day) [r.day, r.today, r.bonusToday] = [day, 0, 0];
    return r;
  };

  const counters = (d: CampaignData, day: string): Record<string, PrizeCounters> => {
    if (d.view?.day !== day) {
      const today = d.givenOn.get(day);
      const prizes = Object.fromEntries([...d.given].map(([id, given]) => [id, { given, givenToday: today?.get(id) ?? 0 }]));
      d.view = { day, prizes };
    }
    return d.view.prizes;
  };

  const apply = (d: CampaignData, commit: DrawCommit) => {
    if (keepVisitors) {
      const v = visitorRecord(d, commit.visitorId, commit.day);
      v.total++;
      v.today++;
      v.lastPlayAt = commit.at;
    }
    if (commit.newCode !== undefined) d.codes.add(commit.newCode);
    if (!commit.consumes || commit.prizeId === null) return;
    const id = commit.prizeId;
    d.given.set(id, (d.given.get(id) ?? 0) + 1);
    let day = d.givenOn.get(commit.day);
    if (!day) {
      day = new Map();
      d.givenOn.set(commit.day, day);
    }
    day.set(id, (day.get(id) ?? 0) + 1);
    if (d.view) {
      // own counters only: `d.view.prizes.constructor` would be Object itself
      const c = ownValue(d.view.prizes, id) ?? { given: 0, givenToday: 0 };
      d.view.prizes[id] = c;
      c.given++;
      if (d.view.day === commit.day) c.givenToday++;
    }
  };

  const transactSync = <T>(campaignId: string, visitorId: string, day: string, decide: Decide<T>, guardKey?: string): T => {
    const d = data(campaignId);
    const snapshot: DrawSnapshot = { visitor: visitorState(d, visitorId, day), prizes: counters(d, day) };
    if (guardKey !== undefined) snapshot.guardToday = d.guards.get(`${day}\u0000${guardKey}`) ?? 0;
    const { commit, result } = decide(snapshot);
    if (!commit) return result;
    // the same draw id again (a retried request) gets the first answer, not a second play; keyed with the
    // visitor so nobody can read another visitor's result (and code) by reusing their draw id
    const drawKey = `${visitorId}\u0000${commit.drawId}`;
    if (d.draws.has(drawKey)) return d.draws.get(drawKey) as T;
    if (commit.newCode !== undefined && d.codes.has(commit.newCode)) throw new CodeTakenError(commit.newCode);
    apply(d, commit);
    if (commit.guard !== undefined) {
      const key = `${commit.day}\u0000${commit.guard}`;
      d.guards.set(key, (d.guards.get(key) ?? 0) + 1);
    }
    if (rememberDraws > 0) {
      const oldest = d.drawOrder[d.drawCursor];
      if (oldest !== undefined) d.draws.delete(oldest);
      d.draws.set(drawKey, result);
      d.drawOrder[d.drawCursor] = drawKey;
      d.drawCursor = (d.drawCursor + 1) % rememberDraws;
    }
    return result;
  };

  return {
    transactSync,
    transact(campaignId, visitorId, day, decide, guardKey) {
      const run = tail.then(() => transactSync(campaignId, visitorId, day, decide, guardKey));
      tail = run.catch(() => undefined);
      return run;
    },
    async visitor(campaignId, visitorId, day) {
      return visitorState(data(campaignId), visitorId, day);
    },
    async prizeCounters(campaignId, day) {
      const prizes = counters(data(campaignId), day);
      return Object.fromEntries(Object.entries(prizes).map(([id, c]) => [id, { ...c }]));
    },
    async grantBonus(campaignId, visitorId, day, plays, maxPerDay) {
      const v = visitorRecord(data(campaignId), visitorId, day);
      const granted = Math.max(0, Math.min(plays, maxPerDay - v.bonusToday));
      v.bonusToday += granted;
      v.bonusTotal += granted;
      return granted;
    },
    async markLead(campaignId, visitorId) {
      visitorRecord(data(campaignId), visitorId).lead = true;
    },
  };
}
