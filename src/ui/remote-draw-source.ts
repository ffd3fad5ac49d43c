// server mode: the collector draws, enforcing stock and limits atomically; same DrawSource as client mode
import type { DrawResult, Eligibility } from "../core/engine/types.js";
import type { Campaign } from "../core/schema/campaign.js";
import type { DrawSource, Lead } from "./draw-source.js";
import { cryptoRandom } from "../core/engine/random.js";
import { createIdentityClient, type IdentityClient, type VisitorIdentity } from "./identity.js";

export type RemoteDrawSourceOptions = {
  campaignId: string;
  /**
   * The public campaign. With it, a browser that holds no minted visitor yet works out its eligibility from the
   * campaign's rules, as the collector would answer a visitor it has just minted, so a page view registers nobody:
   * the mint waits for the first play or lead. Without it, or for a member (whose plays other browsers may have
   * used), eligibility asks the collector, minting first.
   */
  campaign?: Campaign;
  /** the draw endpoint, such as https://collect.example.com/v1/campaigns/tet-2027/draw */
  drawUrl?: string;
  /** the collector's origin, such as https://collect.example.com, when drawUrl is not given */
  base?: string;
  fetch?: typeof fetch;
  /** where the minted visitor is kept (localStorage by default) */
  storage?: Storage;
  /** a JWT the brand's backend signed for its logged-in customer, passed to the mint call (data-member-token) */
  memberToken?: string;
  /** the referral token of the share link that brought this visitor (mg_ref), passed to the mint call */
  ref?: string;
  /** the public campaign asks for an ALTCHA proof of work before each draw (antiBot.proofOfWork) */
  proofOfWork?: boolean;
  /** solves a challenge; default fetches one and solves it with altcha-lib, loaded on first use */
  solveProofOfWork?: (root: string, fetch: typeof globalThis.fetch) => Promise<string>;
  /** retries of a draw after a network error or a 5xx, with the same requestId (default 2) */
  retries?: number;
  /** first retry delay in ms, doubled each time (default 400) */
  retryDelayMs?: number;
  newId?: () => string;
};

const FRESH_WORK_MS = 8 * 60_000;

/** a DrawSource that also knows the minted visitor's referral token, for share links */
export type RemoteDrawSource = DrawSource & { referralToken(): string | undefined };

/**
 * Client of the collector's visitor endpoints. The visitor is minted by the collector (once per campaign, kept in
 * storage, minted again when the collector refuses it); each play gets a fresh requestId, reused on retries, so a
 * retried draw never gives a second prize.
 * @example
 * const source = createRemoteDrawSource({ base: "https://collect.example.com", campaignId: "tet-2027" });
 */
export function createRemoteDrawSource(options: RemoteDrawSourceOptions): RemoteDrawSource {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const root = resolveRoot(options);
  const retries = options.retries ?? 2;
  const delay = options.retryDelayMs ?? 400;
  // crypto.randomUUID exists only in secure contexts (not on http:// pages) and recent browsers
  const newId = options.newId ?? randomUuid;
  const identity: IdentityClient = createIdentityClient({
    root,
    campaignId: options.campaignId,
    fetch: doFetch,
    ...(options.storage ? { storage: options.storage } : {}),
    ...(options.memberToken ? { memberToken: options.memberToken } : {}),
    ...(options.ref ? { ref: options.ref } : {}),
  });
  const solve = options.solveProofOfWork ?? ((r, f) => import("./proof-of-work.js").then((m) => m.solveProofOfWork(r, f)));
  // solved while the visitor looks at the game, so the draw itself does not wait for it
  let solving: { work: Promise<string>; at: number } | undefined;
  const prepareWork = () => {
    // a challenge lives 10 minutes on the collector: one solved long ago is thrown away
    if (!options.proofOfWork || (solving && Date.now() - solving.at < FRESH_WORK_MS)) return;
    solving = { work: solve(root, doFetch), at: Date.now() };
    solving.work.catch(() => {}); // reported by the draw that needs it
  };
  const takeWork = async (): Promise<string | undefined> => {
    if (!options.proofOfWork) return undefined;
    prepareWork();
    const { work } = solving!;
    solving = undefined;
    return work;
  };

  /** one HTTP exchange with retries; `undefined` body means GET */
  async function call<T>(path: string, body: unknown, attempts: number): Promise<{ status: number; value: T }> {
    const url = `${root}/${path}`;
    for (let attempt = 0; ; attempt++) {
      let res: Response | undefined;
      try {
        res = await doFetch(
          url,
          body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
        );
      } catch (e) {
        if (attempt >= attempts) throw new Error(`${path.split("?")[0]}: network error (${String(e)})`);
      }
      if (res) {
        const retryable = res.status >= 500 || res.status === 429;
        if (!retryable || attempt >= attempts) {
          const value = (await res.json().catch(() => null)) as T | null;
          if (value && typeof value === "object") return { status: res.status, value };
          throw new Error(`${path.split("?")[0]}: HTTP ${res.status}`);
        }
      }
      // a 429 says when to come back; otherwise back off exponentially
      const after = Number(res?.headers.get("retry-after"));
      const wait = res?.status === 429 && after > 0 ? Math.min(after, 10) * 1000 : delay * 2 ** attempt;
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  /**
   * A visitor call: with the minted identity, minted again once if the collector no longer accepts it, or, with
   * `refused`, that answer instead of a new mint (a read on a page view registers nobody).
   */
  async function visitorCall<T>(
    path: string,
    build: (me: VisitorIdentity) => { path: string; body: unknown },
    attempts = 0,
    refused?: () => T,
  ): Promise<T> {
    for (let renewed = false; ; renewed = true) {
      const me = renewed ? await identity.renew() : await identity.get();
      const request = build(me);
      const { status, value } = await call<T & { error?: string }>(request.path, request.body, attempts);
      // a refusal ({ ok: false, reason }) is an answer, not a failure
      if ((status >= 200 && status < 300) || "ok" in value) return value;
      if (status === 403 && refused) {
        identity.forget();
        return refused();
      }
      if (status === 403 && !renewed) continue;
      throw new Error(`${path}: HTTP ${status}${value.error ? ` (${value.error})` : ""}`);
    }
  }

  const { campaign } = options;
  // a new visitor's eligibility is the campaign's rules; a member's is the collector's (other browsers may have played),
  // and a page opened from a share link mints at once, so the sharer's bonus holds after a click inside the site
  const rules =
    campaign && campaign.identity !== "member" && !options.memberToken && !options.ref
      ? () => newVisitorEligibility(campaign, Date.now())
      : undefined;
  return {
    async eligibility() {
      const result =
        rules && !identity.held()
          ? rules()
          : await visitorCall<Eligibility>(
              "eligibility",
              (me) => ({
                path: `eligibility?visitorId=${encodeURIComponent(me.visitorId)}&visitorToken=${encodeURIComponent(me.visitorToken)}`,
                body: undefined,
              }),
              retries,
              rules,
            );
      if (result.ok) prepareWork();
      return result;
    },
    async draw(opts) {
      const requestId = newId(); // one per play attempt, reused by every retry of it
      const proofOfWork = await takeWork();
      return visitorCall<DrawResult>(
        "draw",
        (me) => ({
          path: "draw",
          body: {
            visitorId: me.visitorId,
            visitorToken: me.visitorToken,
            requestId,
            ...(opts?.answers ? { answers: opts.answers } : {}),
            ...(proofOfWork ? { proofOfWork } : {}),
          },
        }),
        retries,
      );
    },
    async grantBonus() {
      const r = await visitorCall<{ granted?: number }>("bonus", (me) => ({
        path: "bonus",
        body: { visitorId: me.visitorId, visitorToken: me.visitorToken },
      }));
      return typeof r.granted === "number" ? r.granted : 0;
    },
    async submitLead(lead: Lead) {
      await visitorCall("leads", (me) => ({ path: "leads", body: { visitorId: me.visitorId, visitorToken: me.visitorToken, ...lead } }));
    },
    referralToken: () => identity.referralToken(),
  };
}

function resolveRoot(o: RemoteDrawSourceOptions): string {
  if (o.drawUrl) return o.drawUrl.replace(/\/draw\/?$/, "");
  const base = (o.base ?? "").replace(/\/(v1\/events)?\/?$/, "");
  return `${base}/v1/campaigns/${encodeURIComponent(o.campaignId)}`;
}

/** a v4 UUID from crypto.getRandomValues */
function randomUuid(): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(cryptoRandom() * 16).toString(16)).join("");
  const variant = "89ab"[Math.floor(cryptoRandom() * 4)];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/**
 * What the collector answers a visitor it has just minted (routes/campaigns.ts): the engine's rules (checkRules) over
 * a ledger with nothing played and no lead. Written out here rather than imported, so server mode's chunk does not
 * carry the engine's rules and client mode's does not split in two; a test holds the two equal, rule by rule.
 */
export function newVisitorEligibility(campaign: Campaign, now: number): Eligibility {
  // lead mode counts plays for a contact, and a new visitor has named none
  if (campaign.identity === "lead") return { ok: false, reason: "lead_required", playsLeft: null, playsLeftToday: null };
  const { total, perDay } = campaign.limits.perVisitor;
  const left = { playsLeft: total ?? null, playsLeftToday: perDay ?? null };
  const startsAt = Date.parse(campaign.schedule?.startsAt as string);
  if (now < startsAt) return { ok: false, reason: "not_started", retryAt: startsAt, ...left };
  if (now > Date.parse(campaign.schedule?.endsAt as string)) return { ok: false, reason: "ended", ...left };
  if (campaign.requireLead) return { ok: false, reason: "lead_required", ...left };
  return { ok: true, ...left };
}
