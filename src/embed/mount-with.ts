// a checked campaign → a mounted widget, with the widget's code (Preact, the shell, the game) passed in: at hand for npm's
// mountCampaign (mount-campaign.ts), fetched on demand by the script tag's widget chunk. What the first paint does not
// need loads after it: the draw source, the tracker; over a wheel the loader painted, the widget's code itself.
import type { Campaign } from "../core/schema/campaign.js";
import type { CampaignIssue } from "../core/schema/issues.js";
import type { Consent } from "../tracker/types.js";
import type { createWidget, WidgetController } from "../ui/create-widget.js";
import { frameIn, handOverFrame } from "../ui/first-frame.js";
import { observeImpression } from "../ui/impression.js";
import { createPlayMemory } from "../ui/play-memory.js";
import type { DrawSource } from "../ui/draw-source.js";
import type { GameModule } from "../ui/games.js";
import type { EventName, EventProps } from "../ui/shell/flow.js";
import type { Analytics } from "./analytics.js";
import type { Listener, MinigameWidget, MountOptions, WidgetError } from "./types.js";

export type MountCampaignOptions = Omit<MountOptions, "campaign"> & {
  /** the game's module, when the caller fetched it already */
  game?: GameModule | Promise<GameModule>;
};

/** the widget's code: createWidget and, when the caller has it, the game's module */
export type WidgetCode = { createWidget: typeof createWidget; game?: GameModule | Promise<GameModule> };

/**
 * Mount a campaign that was already validated or checked, rendering with the widget's code `code()` gives, at once or
 * once it resolves. Over a wheel the loader painted, `code()` is called only when the visitor first reaches for it.
 * Never throws: problems render nothing, log one console error and emit one "error" event.
 * @example
 * const widget = mountCampaignWith(() => import("../ui/create-widget.js"), "#slot", campaign, { collector: { endpoint } });
 */
export function mountCampaignWith(
  code: () => WidgetCode | Promise<WidgetCode>,
  target: string | Element | null,
  campaign: Campaign,
  options: Omit<MountOptions, "campaign"> = {},
  /** called when `code()` waits for the visitor's first reach: the moment to fetch it ahead without running it */
  ahead?: () => void,
): MinigameWidget {
  const listeners = new Map<string, Set<Listener>>();
  const notify = (name: string, payload?: unknown) =>
    listeners.get(name)?.forEach((cb) => {
      try {
        (cb as (p: unknown) => void)(payload);
      } catch (e) {
        console.error("minigame: an event listener threw", e);
      }
    });
  let controller: WidgetController | null = null;
  let analytics: Analytics | null = null;
  let consent: Consent | undefined = options.consent;
  let stopped = false;
  let stopLeads = () => {};
  /** a painted wheel the widget has not taken over yet: start it now (widget.open()), or let it go (destroy) */
  let early: { reach(): void; stop(): void } | null = null;
  let opening = false;
  /** fetch the analytics chunk (set once the campaign's collector is known) */
  let loadAnalytics = () => {};
  /** store or remove the events' visitor id as consent now says (set once the mode is known) */
  let keepId = () => {};

  const api: MinigameWidget = {
    on(name, cb) {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name)!.add(cb as Listener);
      return () => api.off(name, cb);
    },
    off: (name, cb) => void listeners.get(name)?.delete(cb as Listener),
    open() {
      if (controller) return controller.open();
      opening = true; // opened once it is here
      early?.reach();
    },
    close() {
      opening = false;
      controller?.close();
    },
    destroy() {
      controller?.destroy();
      early?.stop();
      controller = null;
      stopped = true;
      analytics?.stop();
      analytics = null;
      stopLeads();
      listeners.clear();
    },
    setConsent(next) {
      consent = next;
      analytics?.setConsent(next);
      keepId();
    },
    stats() {
      if (!analytics) loadAnalytics();
      return analytics?.stats() ?? null;
    },
  };

  const refuse = (message: string, issues?: CampaignIssue[]) => {
    console.error(`minigame: ${message}`);
    const payload: WidgetError = { error: `minigame: ${message}`, where: "mount", ...(issues ? { issues } : {}) };
    // after mount() returned, so listeners added right away hear it
    queueMicrotask(() => notify("error", payload));
    return api;
  };

  try {
    const doc = globalThis.document;
    let host: Element | null = null;
    if (typeof target === "string") {
      try {
        host = doc.querySelector(target);
      } catch {
        host = null; // an invalid selector is reported like a missing element
      }
      if (!host) return refuse(`no element matches the target ${JSON.stringify(target)}, nothing was rendered`);
    } else if (target) host = target;
    const placement = options.placement ?? (host ? "inline" : "modal");
    if (placement === "modal") host = doc.body;

    // the events' visitor: read from storage by the analytics chunk after the first paint, and stored only under
    // consent "granted" (docs/tracker.md: "pending" writes nothing, "denied" removes our ids). Consent read when the
    // chunk is here, not when asked, so a setConsent() in between counts
    let id: Promise<string> | null = null;
    const visitorId = () =>
      (id ??= options.visitorId
        ? Promise.resolve(options.visitorId)
        : import("./visitor-id.js").then((m) => m.stableVisitorId(options.storage, consent)));
    const drawUrl = options.drawUrl ?? campaign.collector?.drawUrl;
    const base = options.collector?.endpoint ?? campaign.collector?.endpoint;
    const server = options.mode ? options.mode === "server" : !!options.drawUrl || campaign.mode === "server";
    if (server && !drawUrl && !base) {
      handOverFrame(host?.shadowRoot); // a first frame the loader painted goes too: nothing is shown
      return refuse("server mode needs a drawUrl or a collector endpoint; nothing was rendered");
    }
    const ref = referral(doc);
    keepId = () => {
      if (consent !== "pending")
        Promise.all([import("./visitor-id.js"), id]).then(
          // a visitorId the page passed is the page's to keep, never stored by us
          ([m, v]) => m.keepVisitorId(options.visitorId ? null : v, options.storage, consent, server ? undefined : campaign.id),
          () => {}, // the chunk did not load: nothing of ours was written on this page either
        );
    };
    // a page that starts with "denied" removes an id an earlier page stored
    if (consent === "denied") keepId();

    // a page runs one campaign in one mode, so it fetches one of the two: the engine here, or the collector's client
    const source = lazySource(async () => {
      // server mode: the collector mints the visitor; client mode plays as the page's visitorId or the ledger's
      if (!server) {
        const m = await import("./client-source.js");
        const local = await m.createClientSource(campaign, options.visitorId, options.storage);
        if (!base) return local;
        // client mode draws here, but the contact details a visitor gives must reach the brand's collector
        const { withLeadDelivery } = await import("../ui/lead-delivery.js");
        const delivered = withLeadDelivery(local, {
          endpoint: base,
          campaignId: campaign.id,
          ...(options.memberToken ? { memberToken: options.memberToken } : {}),
          storage: options.storage ?? safeLocalStorage(),
          ...(options.fetch ? { fetch: options.fetch } : {}),
          onError: (message) => notify("error", { error: `minigame: ${message}`, where: "lead" } as WidgetError),
        });
        stopLeads = delivered.destroy;
        return delivered.source;
      }
      const { createRemoteDrawSource } = await import("../ui/remote-draw-source.js");
      return createRemoteDrawSource({
        campaignId: campaign.id,
        // a page view registers no visitor: a new one's plays left come from the campaign's rules until they play
        campaign,
        ...(drawUrl ? { drawUrl } : { base: base! }),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.storage ? { storage: options.storage } : {}),
        // the widget passes what the page gave it; only the collector knows what the campaign's identity mode makes of it
        ...(options.memberToken ? { memberToken: options.memberToken } : {}),
        ...(ref ? { ref } : {}),
        ...(campaign.antiBot?.proofOfWork ? { proofOfWork: true } : {}),
      });
    });

    // events wait in memory until the analytics chunk is here. With a collector it is fetched with the first event;
    // without one the events only feed this page's stats(), so it is fetched when the page first asks for them
    const pending: Array<[EventName, EventProps | undefined, number]> = [];
    let loading = false;
    loadAnalytics = () => {
      if (loading) return;
      loading = true;
      Promise.all([import("./analytics.js"), visitorId()]).then(
        ([m, id]) => {
          if (stopped) return;
          analytics = m.createAnalytics({
            campaign,
            visitorId: id,
            endpoint: base,
            consent,
            onLost: (message) => notify("error", { error: message, where: "tracker" } satisfies WidgetError),
          });
          for (const [t, p, at] of pending.splice(0)) analytics.track(t, p, at);
        },
        (e) => notify("error", { error: `minigame: could not load analytics (${String(e)})`, where: "load" } satisfies WidgetError),
      );
    };
    const track = (type: EventName, props?: EventProps) => {
      options.track?.(type, props);
      if (analytics) return analytics.track(type, props);
      pending.push([type, props, Date.now()]);
      if (base) loadAnalytics();
    };

    const widgetOptions: Parameters<typeof createWidget>[1] = {
      campaign,
      placement,
      source,
      track,
      onEvent: (name, payload) => notify(name, payload),
      listening: (name) => (listeners.get(name)?.size ?? 0) > 0,
      remember: { storage: options.storage, visitorId: options.visitorId, memberToken: options.memberToken },
      ...(ref ? { impression: { ref } } : {}),
      ...(options.locale ? { locale: options.locale } : {}),
      ...(options.strings ? { strings: options.strings } : {}),
    };
    const root = host?.shadowRoot;
    /** render with the widget's code once it is here; if it cannot load, nothing is shown (a painted frame goes too) */
    const render = (extra: Partial<Parameters<typeof createWidget>[1]>, then?: () => void) => {
      const start = ({ createWidget, game }: WidgetCode) => {
        if (stopped) return;
        controller = createWidget(host!, { ...widgetOptions, ...(game ? { game } : {}), ...extra });
        then?.();
        if (opening) controller.open();
      };
      const failed = (e: unknown) => {
        handOverFrame(root);
        const error = `minigame: could not load the widget (${String(e)})`;
        console.error(error);
        notify("error", { error, where: "load" } satisfies WidgetError);
      };
      try {
        const c = code();
        if ("then" in c) c.then(start, failed);
        else start(c);
      } catch (e) {
        failed(e);
      }
    };
    const frame = placement === "inline" && root ? frameIn(root) : undefined;
    // a wheel the loader painted already takes taps: Preact, the widget and the engine are fetched and run when the
    // visitor first reaches for it, so a page whose visitors only look at it never pays for them (at 4× CPU throttling
    // that was ~290 KiB of heap and the longest task after the paint). What must not wait: a draw owed from before a
    // reload or an unclaimed win (the widget shows them at once), and the impression, counted here on the painted card.
    // Both are the page's member's only: another member's are forgotten here, before anything is shown.
    const memory =
      frame && createPlayMemory(campaign, options.visitorId ?? "", options.storage ?? safeLocalStorage() ?? null, options.memberToken);
    if (!frame || !memory || memory.pending() || memory.lastWin()) {
      render(memory ? { memory } : {});
      return api;
    }
    const card = frame.container.firstElementChild;
    const impression = { game: campaign.game, placement, ...(ref ? { ref } : {}), ...(campaign.testMode ? { test: true } : {}) };
    const unwatch = card ? observeImpression(card, () => track("impression", impression)) : () => {};
    early = {
      reach: frame.reach,
      stop() {
        unwatch();
        if (!controller) handOverFrame(root);
      },
    };
    // a spin pressed on the painted wheel: the widget's own button (the same node) plays it once it has taken over
    frame.reached.then(() => render({ memory, impression: false, ready: true }, frame.replay));
    try {
      ahead?.();
    } catch {
      // only the head start is lost: the code is fetched on the first reach
    }
    return api;
  } catch (e) {
    return refuse(`could not mount the widget (${String(e)})`);
  }
}

/** localStorage, or undefined where reading it throws (sandboxed frames, blocked cookies) */
function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** after the next frame is painted: rAF runs before the paint, a task queued from it runs after */
function afterPaint(fn: () => void): void {
  const raf = globalThis.requestAnimationFrame;
  if (typeof raf === "function") raf(() => setTimeout(fn, 0));
  else setTimeout(fn, 0);
}

/** a draw source whose module loads on first use, and never before the first paint: eligibility reads calendars */
function lazySource(load: () => Promise<DrawSource>): DrawSource {
  let source: Promise<DrawSource> | null = null;
  let loaded: DrawSource | null = null;
  const get = () => (source ??= new Promise<void>((painted) => afterPaint(painted)).then(load).then((s) => (loaded = s)));
  return {
    // server mode's share links carry the minted visitor's referral token, known once the source has loaded
    referralToken: () => loaded?.referralToken?.(),
    eligibility: () => get().then((s) => s.eligibility()),
    draw: (opts) => get().then((s) => s.draw(opts)),
    grantBonus: () => get().then((s) => s.grantBonus()),
    submitLead: (lead) => get().then((s) => s.submitLead(lead)),
  };
}

/** `?mg_ref=<token>`: the page was opened from a visitor's share link */
function referral(doc: Document): string | undefined {
  try {
    const ref = new URLSearchParams(doc.defaultView?.location.search ?? "").get("mg_ref");
    return ref && ref.length <= 100 ? ref : undefined;
  } catch {
    return undefined;
  }
}
