// server mode: the visitor id comes from the collector (POST …/visitors), minted once per campaign and kept in storage
import { fingerprintMember } from "./member.js";

/** what the collector mints: an id nobody chose, its token, and the token a share link carries */
export type VisitorIdentity = { visitorId: string; visitorToken: string; referralToken?: string };

export type IdentityClientOptions = {
  /** the campaign's API root, such as https://collect.example.com/v1/campaigns/tet-2027 */
  root: string;
  campaignId: string;
  fetch: typeof fetch;
  /** where the identity is kept between pages; localStorage by default, memory when storage is unavailable */
  storage?: (Pick<Storage, "getItem" | "setItem"> & Partial<Pick<Storage, "removeItem">>) | undefined;
  /** a JWT the brand's backend signed for its logged-in customer (data-member-token) */
  memberToken?: string;
  /** the referral token of the link that brought this visitor (mg_ref) */
  ref?: string;
};

export interface IdentityClient {
  /** the cached identity, minting one on first use */
  get(): Promise<VisitorIdentity>;
  /** whether this browser holds a minted visitor for the campaign and member, so that get() mints nothing */
  held(): boolean;
  /** drop the held visitor, which the collector refused, without minting another */
  forget(): void;
  /** forget the cached identity and mint a new one (the collector refused the old one with a 403) */
  renew(): Promise<VisitorIdentity>;
  /** this visitor's referral token once minted, for share links */
  referralToken(): string | undefined;
  /** the member the identity is for (fingerprintMember of the member token), "" for an anonymous visitor */
  readonly member: string;
}

// a ':' after "identity" cannot be part of a campaign id, so this key never meets a per-campaign key like minigame:<id>
const KEY_PREFIX = "minigame:identity:";

function defaultStorage(): IdentityClientOptions["storage"] {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // a sandboxed iframe throws on access
  }
}

type Stored = VisitorIdentity & { m: string };

/**
 * Where the visitor came from, as much as the collector needs to name the source their plays are credited to: the
 * page's origin, the referrer's origin (never its path or query) and the utm_source parameter.
 */
function arrival(): { url?: string; referrer?: string; utm?: { utm_source: string } } {
  try {
    const page = new URL(globalThis.location.href);
    const source = page.searchParams.get("utm_source");
    const referrer = globalThis.document?.referrer;
    return {
      url: page.origin,
      ...(referrer ? { referrer: new URL(referrer).origin } : {}),
      ...(source ? { utm: { utm_source: source.slice(0, 200) } } : {}),
    };
  } catch {
    return {};
  }
}

function isIdentity(v: unknown): v is Stored {
  const o = v as Partial<Stored> | null;
  return typeof o?.visitorId === "string" && typeof o.visitorToken === "string" && typeof o.m === "string";
}

/**
 * Mints a visitor once per campaign and keeps it, so the same browser stays the same visitor. A token for another
 * member (another `sub`) mints anew (another customer logged in on this browser); a fresh token for the same member
 * keeps the visitor, which the collector bound to that member when it verified the first token.
 * @example
 * const identity = createIdentityClient({ root, campaignId: "tet-2027", fetch });
 * const { visitorId, visitorToken } = await identity.get();
 */
export function createIdentityClient(options: IdentityClientOptions): IdentityClient {
  const storage = options.storage ?? defaultStorage();
  const key = KEY_PREFIX + options.campaignId;
  const member = fingerprintMember(options.memberToken);
  let current: VisitorIdentity | undefined = load();
  let minting: Promise<VisitorIdentity> | undefined;

  function load(): VisitorIdentity | undefined {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(key) ?? "null");
      if (isIdentity(parsed) && parsed.m === member) {
        const { m: _, ...identity } = parsed;
        return identity;
      }
    } catch {
      // unreadable or foreign content: mint a new identity
    }
    return undefined;
  }

  function save(identity: VisitorIdentity) {
    try {
      storage?.setItem(key, JSON.stringify({ ...identity, m: member }));
    } catch {
      // full or blocked storage: this page keeps it in memory
    }
  }

  async function mint(): Promise<VisitorIdentity> {
    const body = {
      ...(options.memberToken ? { memberToken: options.memberToken } : {}),
      ...(options.ref ? { ref: options.ref } : {}),
      context: arrival(),
    };
    let res: Response;
    try {
      res = await options.fetch(`${options.root}/visitors`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    } catch (e) {
      throw new Error(`visitors: network error (${String(e)})`);
    }
    const answer = (await res.json().catch(() => null)) as Partial<VisitorIdentity> & { error?: string };
    if (res.status !== 201 || typeof answer?.visitorId !== "string" || typeof answer.visitorToken !== "string")
      throw new Error(`visitors: HTTP ${res.status}${answer?.error ? ` (${answer.error})` : ""}`);
    const identity: VisitorIdentity = { visitorId: answer.visitorId, visitorToken: answer.visitorToken };
    if (typeof answer.referralToken === "string") identity.referralToken = answer.referralToken;
    save(identity);
    return identity;
  }

  // one mint at a time: several calls on a fresh page share it
  const mintOnce = () =>
    (minting ??= mint()
      .then((identity) => (current = identity))
      .finally(() => {
        minting = undefined;
      }));

  // another tab may have minted since this page loaded: read storage again before minting, so the browser stays one visitor
  const held = () => {
    current ??= load();
    return current !== undefined;
  };
  return {
    async get() {
      return held() ? current! : mintOnce();
    },
    held,
    forget() {
      current = undefined;
      try {
        storage?.removeItem?.(key);
      } catch {
        // blocked storage: the stale visitor is refused again and forgotten again
      }
    },
    async renew() {
      current = undefined;
      return mintOnce();
    },
    referralToken: () => current?.referralToken,
    member,
  };
}
