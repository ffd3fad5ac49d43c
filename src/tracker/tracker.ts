// createTracker: wires ids, queue, history, delivery, tab election, consent and page lifecycle
import type { EngagementEvent, EventProps, EventType } from "../core/events/index.js";
import type { computeStats, emptyStats, StatsOptions } from "../core/stats/index.js";
import { CRITICAL_EVENT_TYPES, EVENT_TYPES } from "../core/events/constants.js";
import { VERSION } from "../core/version.js";
import { pageContext, privacySignal } from "./context.js";
import { createDelivery } from "./delivery.js";
import { createHistory } from "./history.js";
import { createIdentity } from "./identity.js";
import { createLeader } from "./leader.js";
import { createQueue, utf8Length } from "./queue.js";
import { createKV, pickStorage } from "./storage.js";
import { createFetchTransport } from "./transport.js";
import { guard, inert, problemWithProps } from "./guard.js";
import type { Consent, Tracker, TrackerError, TrackerOptions } from "./types.js";
import { cryptoRandom, uuidv7 } from "./uuid.js";

export const MAX_EVENT_BYTES = 8 * 1024;
export const QUEUE_MAX_EVENTS = 500;
export const QUEUE_MAX_BYTES = 256 * 1024;

const TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);
const CONSENTS: ReadonlySet<string> = new Set(["granted", "pending", "denied"]);

/** how stats() counts: core's computeStats and emptyStats */
export type StatsFunctions = { computeStats: typeof computeStats; emptyStats: typeof emptyStats };

/**
 * createTracker (create-tracker.ts) with the stats functions passed in, so a bundle that never calls stats() can leave
 * them out: the script tag's analytics chunk passes functions that use core's once it has loaded them on demand.
 * @example
 * const tracker = createTrackerWith({ endpoint, campaignId }, { computeStats, emptyStats });
 */
export function createTrackerWith(options: TrackerOptions, stats: StatsFunctions): Tracker {
  const empty = () => stats.emptyStats();
  try {
    if (!options || typeof options !== "object") return inert("createTracker(options) needs an options object", empty);
    if (typeof options.endpoint !== "string" || options.endpoint === "")
      return inert(`options.endpoint must be the collector URL, got ${JSON.stringify(options.endpoint)}`, empty);
    // ':' ends the id in our storage keys: "tet" would read "tet:2027"'s queue as its own (campaign ids never have one)
    if (typeof options.campaignId !== "string" || !/^[^:]{1,64}$/.test(options.campaignId))
      return inert(`options.campaignId must be 1 to 64 characters without ':', got ${JSON.stringify(options.campaignId)}`, empty);
    return build(options, stats);
  } catch (cause) {
    return inert(`setup failed (${String(cause)})`, empty);
  }
}

function build(options: TrackerOptions, { computeStats, emptyStats }: StatsFunctions): Tracker {
  const now = options.now ?? Date.now;
  const random = options.random ?? cryptoRandom;
  const campaignId = options.campaignId;
  const sdk = `minigame-sdk@${options.sdkVersion ?? VERSION}`;
  const report = (error: TrackerError) => {
    try {
      options.onError?.(error);
    } catch {
      // a throwing callback is the host's bug; it must not stop delivery
    }
  };
  const warn = (message: string) => console.warn(`minigame tracker: ${message}`);

  const privacy = options.respectDoNotTrack === true && privacySignal();
  let consent: Consent = privacy ? "denied" : CONSENTS.has(options.consent as string) ? options.consent! : "granted";
  let destroyed = false;
  let hidden = false;

  const { storage, kind } = pickStorage(options.storage);
  let storageFailed = false;
  const kv = createKV(storage, (cause) => {
    if (storageFailed) return;
    storageFailed = true;
    report({ code: "storage", message: "storage is full or unavailable; unsent events are kept in memory only", cause });
  });
  const granted = consent === "granted";
  const identity = createIdentity({ kv, now, random, visitorId: options.visitorId, persist: granted });
  const queue = createQueue({ kv, campaignId, maxEvents: QUEUE_MAX_EVENTS, maxBytes: QUEUE_MAX_BYTES });
  const history = createHistory({ kv, campaignId, persist: granted });
  queue.setPersist(granted);

  // session and memory storage are private to this tab, so there is nobody to elect
  const shared = kind === "local" || kind === "custom";
  const nav = globalThis.navigator as (Navigator & { locks?: unknown }) | undefined;
  const leader = shared
    ? createLeader({
        name: campaignId,
        tabId: uuidv7(now(), random),
        locks: options.locks !== undefined ? options.locks : ((nav?.locks as TrackerOptions["locks"]) ?? null),
        kv,
        now,
        onChange: (lead) => lead && takeOver(),
      })
    : null;
  // events we could not store are invisible to the sending tab, so this tab sends on its own (the collector dedupes by id)
  const leads = () => !leader || leader.isLeader || storageFailed;

  const delivery = createDelivery({
    endpoint: options.endpoint,
    campaignId,
    queue,
    kv,
    transport: options.transport ?? createFetchTransport(),
    now,
    random,
    allowed: () => !destroyed && consent === "granted" && leads(),
    report,
    deliver: (events) => {
      try {
        options.onDeliver?.(events);
      } catch {
        // as above: the host's callback cannot break delivery
      }
    },
  });
  delivery.setPersist(granted);

  const overflow = (dropped: EngagementEvent[]) => {
    if (dropped.length === 0) return;
    delivery.overflowed(dropped.length);
    report({ code: "dropped", message: `queue full: dropped ${dropped.length} older event(s)`, events: dropped });
  };

  // a dead tab's queue is ours now: merge storage into memory by id, carry on its stored retry state, then send
  function takeOver() {
    if (consent === "denied") return;
    delivery.reload();
    overflow(queue.sync(delivery.busy).dropped);
    delivery.wake();
  }

  const track = (type: EventType, props?: EventProps): EngagementEvent | null => {
    if (destroyed || consent === "denied") return null;
    const problem = !TYPES.has(type) ? `unknown event type ${JSON.stringify(type)}` : problemWithProps(props);
    if (problem) {
      warn(`track() refused: ${problem}`);
      report({ code: "refused", message: problem });
      return null;
    }
    const ts = now();
    const { sessionId, seq } = identity.next();
    const event: EngagementEvent = { id: uuidv7(ts, random), type, campaignId, visitorId: identity.visitorId, sessionId, ts, seq };
    if (props !== undefined) event.props = { ...props };
    event.context = pageContext(sdk);
    const json = JSON.stringify(event);
    if (utf8Length(json) > MAX_EVENT_BYTES) {
      const message = `track("${type}") refused: the event is larger than 8 KiB`;
      warn(message);
      report({ code: "refused", message, events: [event] });
      return null;
    }
    overflow(queue.add(event, json, delivery.busy));
    history.record(event, json);
    if (consent === "granted" && leads()) delivery.queued(CRITICAL_EVENT_TYPES.has(type));
    return event;
  };

  const setConsent = (next: Consent) => {
    if (destroyed) return;
    if (!CONSENTS.has(next)) return void warn(`setConsent() expects "granted", "pending" or "denied", got ${JSON.stringify(next)}`);
    // the browser-wide signal outranks the page when respectDoNotTrack is on
    if (privacy) return;
    consent = next;
    const on = next === "granted";
    if (next === "denied") {
      delivery.stop();
      queue.clear();
      history.clear();
      identity.forget();
      delivery.forget();
    }
    queue.setPersist(on);
    history.setPersist(on);
    identity.setPersist(on);
    delivery.setPersist(on);
    // only a tab that may send takes part in the election (the lease is a storage write too)
    if (on) {
      leader?.start();
      delivery.wake();
    } else {
      leader?.stop();
      delivery.stop();
    }
  };

  const onHide = () => {
    if (hidden) return;
    hidden = true;
    delivery.exit();
  };
  const onVisibility = () => {
    if (document.visibilityState === "hidden") return onHide();
    hidden = false;
    delivery.wake();
  };
  const onPageHide = () => {
    onHide();
    // frozen in the back/forward cache or gone: hand the queue to another tab until pageshow
    delivery.stop();
    leader?.stop();
  };
  const onPageShow = (e: PageTransitionEvent) => {
    if (!e.persisted) return;
    hidden = false;
    if (consent === "granted") leader?.start();
    // another tab may have sent, backed off or counted drops while this page was in the cache
    delivery.reload();
    delivery.wake();
  };
  const onOnline = () => delivery.wake();
  // another tab wrote or removed one of our events
  const onStorage = (e: StorageEvent) => {
    if (!e.key?.startsWith(queue.keyPrefix) || consent === "denied" || (kind === "local" && e.storageArea !== storage)) return;
    if (e.newValue == null) return queue.forget(e.key.slice(queue.keyPrefix.length));
    const { entry, dropped } = queue.adopt(e.newValue, delivery.busy);
    overflow(dropped);
    if (entry && consent === "granted" && leads()) delivery.queued(CRITICAL_EVENT_TYPES.has(entry.event.type));
  };

  const win = globalThis.window as (Window & typeof globalThis) | undefined;
  const doc = globalThis.document as Document | undefined;
  const listeners: [EventTarget | undefined, string, (e: never) => void][] = [
    [doc, "visibilitychange", onVisibility],
    [win, "pagehide", onPageHide],
    [win, "pageshow", onPageShow],
    [win, "online", onOnline],
    [win, "storage", onStorage],
  ];
  const safeListeners = listeners.map(([target, type, fn]) => [target, type, guard(fn as (e: Event) => void, undefined, report)] as const);
  for (const [target, type, fn] of safeListeners) target?.addEventListener(type, fn);

  if (consent === "denied") {
    queue.clear();
    history.clear();
    identity.forget();
    delivery.forget();
  } else overflow(queue.sync().dropped);
  if (consent === "granted") leader?.start();
  delivery.wake();

  return {
    track: guard(track, null, report),
    setConsent: guard(setConsent, undefined, report),
    flush: guard(() => delivery.flush(), Promise.resolve(), report),
    get visitorId() {
      return identity.visitorId;
    },
    get sessionId() {
      return guard(() => identity.sessionId, "", report)();
    },
    get consent() {
      return consent;
    },
    events: guard(() => history.events(), [], report),
    // these are this browser's own events: a flagged (webdriver) browser still sees its plays unless it asks otherwise
    stats: (statsOptions?: StatsOptions) =>
      guard(
        () => computeStats(history.events(), { includeAutomated: true, ...statsOptions })[campaignId] ?? emptyStats(),
        emptyStats(),
        report,
      )(),
    pending: () => queue.size,
    destroy: guard(
      () => {
        if (destroyed) return;
        destroyed = true;
        for (const [target, type, fn] of safeListeners) target?.removeEventListener(type, fn);
        delivery.stop();
        leader?.stop();
      },
      undefined,
      report,
    ),
  };
}
