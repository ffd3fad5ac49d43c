// mount(): the public entry (docs/ui.md); validates the campaign, picks the draw source, renders the widget
import { parseCampaign, formatIssue, type Campaign } from "../core/schema/index.js";
import { createEngine } from "../core/engine/create-engine.js";
import { publishedOdds } from "../core/engine/odds.js";
import { computeStats, emptyStats, type CampaignStats } from "../core/stats/index.js";
import type { EngagementEvent } from "../core/events/index.js";
import { createTracker, type Consent, type Tracker } from "../tracker/index.js";
import { createWidget, type Placement, type WidgetController } from "../ui/create-widget.js";
import { createLocalDrawSource, type DrawSource } from "../ui/draw-source.js";
import { createRemoteDrawSource } from "../ui/remote-draw-source.js";
import { createLocalStore } from "../ui/local-store.js";
import type { Locale } from "../ui/i18n/index.js";
import type { EventName, EventProps } from "../ui/shell/flow.js";

export type MountOptions = {
  /** the campaign document: an object or its JSON text, validated here */
  campaign: unknown;
  collector?: { endpoint?: string };
  /** your own stable visitor id for events; otherwise a first-party id kept in localStorage (server-mode plays use one the collector mints) */
  visitorId?: string;
  /**
   * server mode, campaigns with "identity": "member": a JWT your backend signed for the logged-in customer
   * (script tag: data-member-token); the collector counts plays per its `sub`
   */
  memberToken?: string;
  /** "server": the collector draws (also implied by drawUrl or campaign.mode) */
  mode?: "client" | "server";
  drawUrl?: string;
  locale?: Locale;
  /** "inline" in the target (default with a target), "modal" behind a floating launcher (default without) */
  placement?: Placement;
  strings?: Record<string, string>;
  /** analytics consent for the tracker: "granted" (default), "pending" (held in memory) or "denied" */
  consent?: Consent;
  /** also receives every engagement event (type, props) */
  track?: (type: EventName, props?: EventProps) => void;
  /** storage for client mode's ledger, the visitor id and server mode's minted visitor (tests); localStorage by default */
  storage?: Storage;
  fetch?: typeof fetch;
};

export type WidgetEvent = "open" | "play" | "result" | "claim" | "lead" | "share" | "close" | "error";
export type Listener = (payload: unknown) => void;

export type MinigameWidget = {
  /** listen to "open", "play", "result" (a DrawResult), "claim", "lead", "share", "close", "error"; returns an unsubscribe */
  on(name: WidgetEvent, cb: Listener): () => void;
  off(name: WidgetEvent, cb: Listener): void;
  open(): void;
  close(): void;
  destroy(): void;
  /** this browser's numbers for the campaign; null when nothing was mounted */
  stats(): CampaignStats | null;
};

/**
 * Mount a game. Never throws: a bad campaign or target renders nothing, logs one console error and
 * emits "error" to `on("error")` listeners.
 * @example
 * const widget = mount("#slot", { campaign, collector: { endpoint: "https://collect.example.com/v1/events" } });
 * widget.on("result", (r) => console.log(r));
 */
export function mount(target: string | Element | null, options: MountOptions): MinigameWidget {
  const listeners = new Map<string, Set<Listener>>();
  const notify = (name: string, payload?: unknown) =>
    listeners.get(name)?.forEach((cb) => {
      try {
        cb(payload);
      } catch (e) {
        console.error("minigame: an event listener threw", e);
      }
    });
  let controller: WidgetController | null = null;
  let statsOf: (() => CampaignStats) | null = null;
  let stopTracker = () => {};

  const api: MinigameWidget = {
    on(name, cb) {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name)!.add(cb);
      return () => api.off(name, cb);
    },
    off: (name, cb) => void listeners.get(name)?.delete(cb),
    open: () => controller?.open(),
    close: () => controller?.close(),
    destroy() {
      controller?.destroy();
      controller = null;
      stopTracker();
      stopTracker = () => {};
      listeners.clear();
    },
    stats: () => statsOf?.() ?? null,
  };

  /** one console error and one "error" event, after mount() returned so listeners added right away hear it */
  const refuse = (message: string, detail: Record<string, unknown>) => {
    console.error(`minigame: ${message}`);
    queueMicrotask(() => notify("error", { where: "mount", message, ...detail }));
    return api;
  };

  try {
    const parsed = parseCampaign(options?.campaign);
    if (!parsed.ok) {
      return refuse(`the campaign is invalid, nothing was rendered:\n${parsed.issues.map(formatIssue).join("\n")}`, {
        issues: parsed.issues,
      });
    }
    const campaign = parsed.campaign;
    const doc = globalThis.document;
    let host: Element | null = null;
    if (typeof target === "string") {
      try {
        host = doc.querySelector(target);
      } catch {
        host = null; // an invalid selector is reported like a missing element
      }
      if (!host) return refuse(`no element matches the target ${JSON.stringify(target)}, nothing was rendered`, {});
    } else if (target) host = target;
    const placement: Placement = options.placement ?? (host ? "inline" : "modal");
    if (placement === "modal") host = doc.body;

    const visitorId = options.visitorId ?? stableVisitorId(options.storage);
    const source = createSource(campaign, options, visitorId);
    if (!source) return refuse("server mode needs a drawUrl or a collector endpoint; nothing was rendered", {});

    // events go to the tracker when there is a collector; otherwise they are only kept here, for stats()
    const endpoint = options.collector?.endpoint ?? campaign.collector?.endpoint;
    const tracker: Tracker | null = endpoint
      ? createTracker({
          endpoint,
          campaignId: campaign.id,
          visitorId,
          ...(options.consent ? { consent: options.consent } : {}),
          // retries are routine; only lost events are worth telling the page about
          onError: (e) => (e.code === "dropped" || e.code === "internal") && notify("error", { where: "tracker", message: e.message }),
        })
      : null;
    const local = tracker ? null : createLocalLog(campaign.id, visitorId);
    statsOf = () => (tracker ? tracker.stats({ timezone: campaign.timezone }) : local!.stats(campaign.timezone));
    const track = (type: EventName, props?: EventProps) => {
      if (tracker) tracker.track(type, props);
      else local!.add(type, props);
      options.track?.(type, props);
    };
    stopTracker = () => {
      // send what is queued, then let go of timers and listeners; anything unsent stays stored for the next page
      if (tracker) void tracker.flush().finally(() => tracker.destroy());
    };
    controller = createWidget(host!, {
      campaign,
      placement,
      source,
      track,
      onEvent: (name, payload) => notify(name, payload),
      odds: () => publishedOdds(campaign),
      ...(options.locale ? { locale: options.locale } : {}),
      ...(options.strings ? { strings: options.strings } : {}),
    });
    return api;
  } catch (e) {
    return refuse(`could not mount the widget (${String(e)})`, {});
  }
}

function createSource(campaign: Campaign, options: MountOptions, visitorId: string): DrawSource | null {
  const drawUrl = options.drawUrl ?? campaign.collector?.drawUrl;
  const server = options.mode ? options.mode === "server" : !!options.drawUrl || campaign.mode === "server";
  if (!server) return createLocalDrawSource(createEngine(campaign, { store: createLocalStore(options.storage) }), visitorId);
  const base = options.collector?.endpoint ?? campaign.collector?.endpoint;
  if (!drawUrl && !base) return null;
  const ref = referralFromPage();
  return createRemoteDrawSource({
    campaignId: campaign.id,
    ...(drawUrl ? { drawUrl } : { base: base! }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.storage ? { storage: options.storage } : {}),
    // the widget passes what the page gave it; only the collector knows what the campaign's identity mode makes of it
    ...(options.memberToken ? { memberToken: options.memberToken } : {}),
    ...(ref ? { ref } : {}),
    ...(campaign.antiBot?.proofOfWork ? { proofOfWork: true } : {}),
  });
}

/** the referral token of the share link that brought this visitor (`?mg_ref=`) */
function referralFromPage(): string | undefined {
  try {
    const ref = new URLSearchParams(globalThis.location?.search ?? "").get("mg_ref");
    return ref && ref.length <= 100 ? ref : undefined;
  } catch {
    return undefined;
  }
}

const VISITOR_KEY = "minigame:visitor";

/** a first-party anonymous id, stable per browser; a fresh one per page when storage is unavailable */
function stableVisitorId(storage?: Storage): string {
  try {
    const s = storage ?? globalThis.localStorage;
    const existing = s.getItem(VISITOR_KEY);
    if (existing) return existing;
    const id = randomId();
    s.setItem(VISITOR_KEY, id);
    return id;
  } catch {
    return randomId();
  }
}

function randomId(): string {
  return globalThis.crypto.randomUUID();
}

/** without a collector: this page's events in memory, enough for stats() */
function createLocalLog(campaignId: string, visitorId: string) {
  const events: EngagementEvent[] = [];
  const sessionId = randomId();
  return {
    add(type: EventName, props?: EventProps) {
      events.push({ id: randomId(), type, campaignId, visitorId, sessionId, ts: Date.now(), ...(props ? { props } : {}) });
    },
    stats: (timezone: string) => computeStats(events, { timezone })[campaignId] ?? emptyStats(),
  };
}
