// server mode: the collector draws, enforcing stock and limits atomically; same DrawSource as client mode
import type { DrawResult, Eligibility } from "../core/engine/types.js";
import type { DrawSource, Lead } from "./draw-source.js";
import { cryptoRandom } from "../core/engine/random.js";

export type RemoteDrawSourceOptions = {
  campaignId: string;
  visitorId: string;
  /** the draw endpoint, such as https://collect.example.com/v1/campaigns/tet-2027/draw */
  drawUrl?: string;
  /** the collector's origin, such as https://collect.example.com, when drawUrl is not given */
  base?: string;
  fetch?: typeof fetch;
  /** retries of a draw after a network error or a 5xx, with the same requestId (default 2) */
  retries?: number;
  /** first retry delay in ms, doubled each time (default 400) */
  retryDelayMs?: number;
  newId?: () => string;
  /** the referral token the page was opened with (`mg_ref`), for the visitor mint call */
  ref?: string;
  /** the brand's signed member token (`data-member-token`), for the visitor mint call */
  memberToken?: string;
};

type WithToken = { visitorToken?: string };

/**
 * Client of the collector's draw endpoints. Each play gets a fresh requestId, reused on retries,
 * so a retried draw never gives a second prize.
 * @example
 * const source = createRemoteDrawSource({ base: "https://collect.example.com", campaignId: "tet-2027", visitorId });
 */
export function createRemoteDrawSource(options: RemoteDrawSourceOptions): DrawSource {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const root = resolveRoot(options);
  const retries = options.retries ?? 2;
  const delay = options.retryDelayMs ?? 400;
  const newId = options.newId ?? randomUuid;
  let visitorToken: string | undefined;

  async function call<T>(path: string, init?: { body: unknown }, attempts = 0): Promise<T> {
    const url = `${root}/${path}`;
    for (let attempt = 0; ; attempt++) {
      let res: Response | undefined;
      try {
        res = await doFetch(
          url,
          init ? { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(init.body) } : {},
        );
      } catch (e) {
        if (attempt >= attempts) throw new Error(`${path}: network error (${String(e)})`);
      }
      if (res) {
        const retryable = res.status >= 500 || res.status === 429;
        if (!retryable || attempt >= attempts) {
          const body = (await res.json().catch(() => null)) as (T & WithToken) | null;
          if (body && typeof body === "object") {
            if (body.visitorToken) visitorToken = body.visitorToken;
            // a refusal (403 with { ok: false, reason }) is an answer, not a failure
            if (res.ok || "ok" in body) return stripToken(body);
          }
          throw new Error(`${path}: HTTP ${res.status}`);
        }
      }
      // a 429 says when to come back; otherwise back off exponentially
      const after = Number(res?.headers.get("retry-after"));
      const wait = res?.status === 429 && after > 0 ? Math.min(after, 10) * 1000 : delay * 2 ** attempt;
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  async function token(): Promise<string> {
    if (!visitorToken) await eligibility();
    return visitorToken ?? "";
  }

  async function eligibility(): Promise<Eligibility> {
    return call<Eligibility>(`eligibility?visitorId=${encodeURIComponent(options.visitorId)}`, undefined, retries);
  }

  return {
    eligibility,
    async draw(opts) {
      const requestId = newId(); // one per play attempt, reused by every retry of it
      const body = {
        visitorId: options.visitorId,
        visitorToken: await token(),
        requestId,
        ...(opts?.answers ? { answers: opts.answers } : {}),
      };
      return call<DrawResult>("draw", { body }, retries);
    },
    async grantBonus() {
      const r = await call<{ granted: number }>("bonus", { body: { visitorId: options.visitorId, visitorToken: await token() } });
      return typeof r.granted === "number" ? r.granted : 0;
    },
    async submitLead(lead: Lead) {
      await call("leads", { body: { visitorId: options.visitorId, visitorToken: await token(), ...lead } });
    },
  };
}

function resolveRoot(o: RemoteDrawSourceOptions): string {
  if (o.drawUrl) return o.drawUrl.replace(/\/draw\/?$/, "");
  const base = (o.base ?? "").replace(/\/(v1\/events)?\/?$/, "");
  return `${base}/v1/campaigns/${encodeURIComponent(o.campaignId)}`;
}

function stripToken<T>(body: T & WithToken): T {
  const { visitorToken: _, ...rest } = body;
  return rest as T;
}

/** a v4 UUID from crypto.getRandomValues (crypto.randomUUID exists only in secure contexts and recent browsers) */
function randomUuid(): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(cryptoRandom() * 16).toString(16)).join("");
  const variant = "89ab"[Math.floor(cryptoRandom() * 4)];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}
