// the admin API as the dashboard reads it: every call carries the token, every failure becomes one sentence
import type { CampaignSummary, Inventory } from "../core/api/admin.js";
import type { CampaignStats, CockpitStats } from "../core/stats/index.js";
import { CAMPAIGNS_PATH, statsPath, takePrefetched, takeRead } from "./prefetch.js";
import type { DayRange } from "./range.js";

export type { CampaignSummary, Inventory, PrizeInventory } from "../core/api/admin.js";

export type Endpoints = { statsCsv?: boolean; leadsCsv?: boolean; webhookDeliveries?: boolean };
export type CampaignList = { campaigns: CampaignSummary[]; endpoints: Endpoints };

/** CampaignStats plus the fields newer collectors add (docs/core.md#stats); each may be missing on an older one */
export type Stats = Omit<CampaignStats, keyof CockpitStats> & {
  returning?: number;
  retention?: { d1: number; d7: number; cohorts?: { d1: number; d7: number } };
  nps?: { responses: number; promoters: number; passives: number; detractors: number; score: number } | null;
  referrals?: { shares: number; visits: number; participants: number; viralCoefficient: number };
  sources?: unknown;
  devices?: unknown;
};

/** a failed call: `status` 0 when the collector could not be reached */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type Api = {
  campaigns(): Promise<CampaignList>;
  stats(id: string, range?: DayRange): Promise<Stats>;
  /** the list or the stats when the page's first requests are already answered and read (prefetch.ts), else undefined */
  readCampaigns(): CampaignList | undefined;
  readStats(id: string, range?: DayRange): Stats | undefined;
  inventory(id: string): Promise<Inventory>;
  webhookDeliveries(id: string): Promise<unknown>;
  /** a CSV export as a Blob (the token cannot ride on a plain link) */
  download(path: string): Promise<Blob>;
};

/**
 * A client of the collector's admin API on this origin.
 * @example const api = createApi(token); const { campaigns } = await api.campaigns();
 */
export function createApi(token: string, base = ""): Api {
  const check = async (answer: Promise<Response>): Promise<Response> => {
    let res: Response;
    try {
      res = await answer;
    } catch {
      throw new ApiError(0, "the collector did not answer");
    }
    if (res.ok) return res;
    const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
    throw new ApiError(res.status, typeof body?.error === "string" ? body.error : `HTTP ${res.status}`);
  };
  const ask = (path: string) => fetch(base + path, { headers: { authorization: `Bearer ${token}` }, cache: "no-store" });
  const call = (path: string) => check(ask(path));
  // one request per path at a time, and its answer kept a few seconds: the page's inline script asks for the list
  // and the stats before the bundle runs (prefetch.ts), and the view asking again later gets the same answer
  const recent = new Map<string, Promise<unknown>>();
  const json = <T>(path: string): Promise<T> => {
    let p = recent.get(path);
    if (!p) {
      p = check(base ? ask(path) : takePrefetched(path, token, () => ask(path))).then((res) => res.json());
      recent.set(path, p);
      p.then(
        () => setTimeout(() => recent.delete(path), 5000),
        () => recent.delete(path),
      );
    }
    return p as Promise<T>;
  };
  const campaign = (id: string) => `/v1/campaigns/${encodeURIComponent(id)}`;
  return {
    campaigns: () => json<CampaignList>(CAMPAIGNS_PATH),
    stats: (id, range) => json<Stats>(statsPath(id, range)),
    readCampaigns: () => (base ? undefined : takeRead<CampaignList>(CAMPAIGNS_PATH, token)),
    readStats: (id, range) => (base ? undefined : takeRead<Stats>(statsPath(id, range), token)),
    inventory: (id) => json<Inventory>(`${campaign(id)}/inventory`),
    webhookDeliveries: (id) => json<unknown>(`/v1/webhooks/deliveries?campaign=${encodeURIComponent(id)}&limit=50`),
    download: async (path) => (await call(path)).blob(),
  };
}
