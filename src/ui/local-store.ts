// client mode's EngineStore: one localStorage entry per campaign, surviving reloads; memory when storage is unavailable
import { CodeTakenError, type DrawSnapshot, type EngineStore, type PrizeCounters, type VisitorState } from "../core/engine/types.js";

// only today's counters are kept: older days never matter to limits or caps
type VisitorRecord = {
  total: number;
  day: string;
  today: number;
  lastPlayAt: number | null;
  bonusTotal: number;
  bonusDay: string;
  bonusToday: number;
  lead: boolean;
};
type PrizeRecord = { given: number; day: string; givenToday: number };
type CampaignRecord = {
  v: 1;
  visitors: Record<string, VisitorRecord>;
  prizes: Record<string, PrizeRecord>;
  codes: string[];
  /** recent draws by `visitor\u0000drawId`, oldest first: a retried draw gets its first answer, as in the memory store */
  draws: [string, unknown][];
};

// a browser holds one visitor's recent plays: a short memory keeps the entry small in localStorage
const REMEMBER_DRAWS = 20;
// client mode hands out no per-visitor codes (parseCampaign refuses them); a preview of a server campaign may,
// and this many are enough to never repeat one on a page while the entry stays bounded
const REMEMBER_CODES = 500;

/** a table keyed by visitor or prize id without a prototype: `constructor` finds nothing and `__proto__` is a key */
const table = <T>(from?: Record<string, T>): Record<string, T> => Object.assign(Object.create(null), from);

const emptyVisitor = (): VisitorRecord => ({
  total: 0,
  day: "",
  today: 0,
  lastPlayAt: null,
  bonusTotal: 0,
  bonusDay: "",
  bonusToday: 0,
  lead: false,
});

/**
 * An engine store on localStorage, keyed per campaign (`${prefix}${campaignId}`), with the memory store's
 * semantics: a replayed draw id gets its first answer, and a code is never issued twice. What it keeps is
 * bounded (the last draws and codes), so the entry cannot grow without end.
 * A visitor can clear it: client mode suits demos and low-value prizes.
 * @example
 * const engine = createEngine(campaign, { store: createLocalStore() });
 */
export function createLocalStore(storage?: Storage, prefix = "minigame:"): EngineStore {
  const memory = new Map<string, string>();
  const backend = storage ?? defaultStorage();

  function read(campaignId: string): CampaignRecord {
    const key = prefix + campaignId;
    let raw: string | null = memory.get(key) ?? null;
    try {
      if (backend) raw = backend.getItem(key) ?? raw;
    } catch {
      // private mode or a sandboxed iframe: keep playing from memory
    }
    try {
      const parsed = raw ? (JSON.parse(raw) as CampaignRecord) : null;
      if (parsed && parsed.v === 1 && parsed.visitors && parsed.prizes)
        return {
          ...parsed,
          visitors: table(parsed.visitors),
          prizes: table(parsed.prizes),
          codes: parsed.codes ?? [],
          draws: parsed.draws ?? [],
        };
    } catch {
      // a corrupt entry is replaced by a fresh ledger rather than breaking the game
    }
    return { v: 1, visitors: table(), prizes: table(), codes: [], draws: [] };
  }

  function write(campaignId: string, record: CampaignRecord): void {
    const key = prefix + campaignId;
    const raw = JSON.stringify(record);
    memory.set(key, raw);
    try {
      backend?.setItem(key, raw);
    } catch {
      // quota or access error: memory keeps this page's state
    }
  }

  const visitorState = (r: VisitorRecord | undefined, day: string): VisitorState => {
    const v = r ?? emptyVisitor();
    return {
      total: v.total,
      today: v.day === day ? v.today : 0,
      lastPlayAt: v.lastPlayAt,
      bonusTotal: v.bonusTotal,
      bonusToday: v.bonusDay === day ? v.bonusToday : 0,
      lead: v.lead,
    };
  };

  const prizeCounters = (record: CampaignRecord, day: string): Record<string, PrizeCounters> => {
    return Object.fromEntries(
      Object.entries(record.prizes).map(([id, p]) => [id, { given: p.given, givenToday: p.day === day ? p.givenToday : 0 }]),
    );
  };

  return {
    async transact(campaignId, visitorId, day, decide) {
      const record = read(campaignId);
      const snapshot: DrawSnapshot = { visitor: visitorState(record.visitors[visitorId], day), prizes: prizeCounters(record, day) };
      const { commit, result } = decide(snapshot);
      if (!commit) return result;
      // the same draw id again (a retried call) gets the first answer, not a second play; keyed with the visitor
      const drawKey = `${visitorId}\u0000${commit.drawId}`;
      const earlier = record.draws.find(([key]) => key === drawKey);
      if (earlier) return earlier[1] as typeof result;
      if (commit.newCode !== undefined && record.codes.includes(commit.newCode)) throw new CodeTakenError(commit.newCode);
      const v = { ...emptyVisitor(), ...record.visitors[visitorId] };
      v.today = v.day === day ? v.today + 1 : 1;
      v.day = day;
      v.total += 1;
      v.lastPlayAt = commit.at;
      record.visitors[visitorId] = v;
      if (commit.consumes && commit.prizeId !== null) {
        const p = record.prizes[commit.prizeId] ?? { given: 0, day, givenToday: 0 };
        p.givenToday = p.day === day ? p.givenToday + 1 : 1;
        p.day = day;
        p.given += 1;
        record.prizes[commit.prizeId] = p;
      }
      if (commit.newCode !== undefined) record.codes = [...record.codes, commit.newCode].slice(-REMEMBER_CODES);
      record.draws = [...record.draws, [drawKey, result] as [string, unknown]].slice(-REMEMBER_DRAWS);
      write(campaignId, record);
      return result;
    },
    async visitor(campaignId, visitorId, day) {
      return visitorState(read(campaignId).visitors[visitorId], day);
    },
    async prizeCounters(campaignId, day) {
      return prizeCounters(read(campaignId), day);
    },
    async grantBonus(campaignId, visitorId, day, plays, maxPerDay) {
      const record = read(campaignId);
      const v = { ...emptyVisitor(), ...record.visitors[visitorId] };
      const today = v.bonusDay === day ? v.bonusToday : 0;
      const granted = Math.max(0, Math.min(plays, maxPerDay - today));
      if (granted === 0) return 0;
      v.bonusDay = day;
      v.bonusToday = today + granted;
      v.bonusTotal += granted;
      record.visitors[visitorId] = v;
      write(campaignId, record);
      return granted;
    },
    async markLead(campaignId, visitorId) {
      const record = read(campaignId);
      record.visitors[visitorId] = { ...emptyVisitor(), ...record.visitors[visitorId], lead: true };
      write(campaignId, record);
    },
  };
}

function defaultStorage(): Storage | undefined {
  try {
    return globalThis.localStorage; // reading the property itself throws in some sandboxed frames
  } catch {
    return undefined;
  }
}
