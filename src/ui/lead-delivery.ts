// client mode with a collector: the lead form's details reach the collector, queued in storage until they do
import type { DrawSource, Lead } from "./draw-source.js";
import { createIdentityClient, type VisitorIdentity } from "./identity.js";

export type LeadDeliveryOptions = {
  /** the campaign's root on the collector, such as https://collect.example.com/v1/campaigns/tet-2027 */
  root: string;
  /** a collector-minted identity; `fresh` asks for a new one after the collector refused the cached one (403) */
  identify(fresh: boolean): Promise<VisitorIdentity>;
  /** where undelivered leads wait across page loads; memory only when absent */
  storage?: Pick<Storage, "getItem" | "setItem" | "removeItem"> | undefined;
  /** the storage key of the queue */
  key: string;
  /** the member whose leads this page sends (fingerprintMember of the member token; "" or absent: anonymous) */
  member?: string;
  fetch?: typeof fetch;
  /** first retry delay in ms, doubled up to a minute (default 2000) */
  retryDelayMs?: number;
  /** a lead the collector refused for good (it will not be sent again) */
  onError?(message: string): void;
};

export type LeadDelivery = {
  /** queue a lead and try to deliver it now */
  send(lead: Lead): void;
  /** deliver what is queued; resolves when every lead was delivered, refused, or is waiting for a retry */
  flush(): Promise<void>;
  /** stop retrying; queued leads stay in storage for the next page */
  destroy(): void;
};

const MAX_DELAY_MS = 60_000;
const MAX_QUEUED = 20;

/** a lead waiting in the queue, with the member it was given under (`m`, absent for an anonymous visitor) */
type Queued = Lead & { m?: string };

/**
 * Deliver lead-form submissions to the collector's `POST …/leads`, like the tracker delivers events: queued in
 * storage first (nothing lost on a closed tab or a dead network), retried with backoff on network errors, 429 and
 * 5xx, with a fresh identity on 403. A lead another member queued on this browser is dropped unsent: it is not this
 * page's member's to give, and their details do not stay behind on a shared browser.
 * @example const leads = createLeadDelivery({ root, identify, storage: localStorage, key: "minigame:leads:tet-2027" });
 */
export function createLeadDelivery(options: LeadDeliveryOptions): LeadDelivery {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const base = options.retryDelayMs ?? 2000;
  const member = options.member ?? "";
  let memory: Queued[] = [];
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let destroyed = false;

  const load = (): Queued[] => {
    let queue = memory;
    try {
      const raw = options.storage?.getItem(options.key);
      const parsed = raw ? (JSON.parse(raw) as unknown) : null;
      if (Array.isArray(parsed)) queue = parsed as Queued[];
    } catch {
      // unreadable storage: the queue in memory is all there is
    }
    const mine = queue.filter((lead) => typeof lead === "object" && lead !== null && (lead.m ?? "") === member);
    if (mine.length < queue.length) save(mine);
    return mine;
  };
  const save = (queue: Queued[]) => {
    memory = queue;
    try {
      if (queue.length) options.storage?.setItem(options.key, JSON.stringify(queue));
      else options.storage?.removeItem(options.key);
    } catch {
      // storage full or blocked: the queue lives in memory for this page
    }
  };

  /** one attempt: "done" (delivered or refused for good) or "retry" */
  async function deliver({ m: _, ...lead }: Queued): Promise<"done" | "retry"> {
    for (let fresh = false; ; fresh = true) {
      let res: Response;
      try {
        const { visitorId, visitorToken } = await options.identify(fresh);
        res = await doFetch(`${options.root}/leads`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ visitorId, visitorToken, ...lead }),
          keepalive: true,
        });
      } catch {
        return "retry";
      }
      if (res.ok) return "done";
      if (res.status === 403 && !fresh) continue; // the cached identity is no longer accepted: mint one and try again
      if (res.status === 429 || res.status >= 500) return "retry";
      const said = ((await res.json().catch(() => null)) as { error?: unknown } | null)?.error;
      options.onError?.(`the collector refused the lead (HTTP ${res.status}${typeof said === "string" ? `: ${said}` : ""})`);
      return "done";
    }
  }

  async function run(): Promise<void> {
    for (let queue = load(); queue.length && !destroyed; queue = load()) {
      const outcome = await deliver(queue[0]!);
      if (outcome === "retry") {
        failures++;
        const wait = Math.min(base * 2 ** (failures - 1), MAX_DELAY_MS);
        timer = setTimeout(() => void flush(), wait);
        return;
      }
      failures = 0;
      save(load().slice(1));
    }
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    running ??= run().finally(() => (running = undefined));
    return running;
  }

  return {
    send(lead) {
      // the newest leads are kept when a visitor somehow piles up more than a form's worth
      save([...load(), member ? { ...lead, m: member } : lead].slice(-MAX_QUEUED));
      void flush();
    },
    flush,
    destroy() {
      destroyed = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/**
 * Client mode with a collector: the local source, with every lead also delivered to the collector (queued, retried).
 * The engine still records the lead locally at once, so the visitor plays on while the delivery catches up.
 * The visitor is the one server mode mints (`createIdentityClient`, same storage), so both modes of a campaign
 * on one browser are one visitor.
 * @example const { source, destroy } = withLeadDelivery(local, { endpoint, campaignId, storage });
 */
export function withLeadDelivery(
  local: DrawSource,
  o: {
    endpoint: string;
    campaignId: string;
    /** the page's member token, so the stored identity is the one server mode keeps for this customer */
    memberToken?: string | undefined;
    storage?: Pick<Storage, "getItem" | "setItem" | "removeItem"> | undefined;
    fetch?: typeof fetch;
    onError?(message: string): void;
  },
): { source: DrawSource; destroy(): void } {
  const root = `${o.endpoint.replace(/\/(v1\/events)?\/?$/, "")}/v1/campaigns/${encodeURIComponent(o.campaignId)}`;
  const identity = createIdentityClient({
    root,
    campaignId: o.campaignId,
    fetch: o.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args)),
    storage: o.storage,
    ...(o.memberToken ? { memberToken: o.memberToken } : {}),
  });
  const identify = (fresh: boolean) => (fresh ? identity.renew() : identity.get());
  const delivery = createLeadDelivery({
    root,
    identify,
    storage: o.storage,
    key: `minigame:leads:${o.campaignId}`,
    // the identity's member: leads go out only under the visitor minted for the member who gave them
    member: identity.member,
    ...(o.fetch ? { fetch: o.fetch } : {}),
    ...(o.onError ? { onError: o.onError } : {}),
  });
  // leads a closed tab left behind go out now
  void delivery.flush();
  return {
    source: {
      ...local,
      async submitLead(lead) {
        await local.submitLead(lead);
        delivery.send(lead);
      },
    },
    destroy: () => delivery.destroy(),
  };
}
