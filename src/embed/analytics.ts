// engagement events, its own chunk: the tracker when there is a collector, else this page's events in memory for
// stats(); fetched with the first event, which comes after the first paint. The stats computation is a chunk of its
// own, fetched by the first stats() call: a page whose code never asks for stats never downloads it
import type { Campaign } from "../core/schema/campaign.js";
import type { EngagementEvent } from "../core/events/index.js";
import type { CampaignStats } from "../core/stats/index.js";
import { createTrackerWith, type StatsFunctions } from "../tracker/tracker.js";
import type { Consent } from "../tracker/types.js";
import { cryptoRandom, uuidv7 } from "../tracker/uuid.js";
import type { EventName, EventProps } from "../ui/shell/flow.js";

export type Analytics = {
  /** `at`: when it happened (ms since the epoch), for an event that waited for this chunk; now by default */
  track(type: EventName, props?: EventProps, at?: number): void;
  /** this browser's stats; null until the stats chunk, which the first call fetches, has arrived */
  stats(): CampaignStats | null;
  setConsent(consent: Consent): void;
  /** send what is queued, then let go of timers and listeners; anything unsent stays stored for the next page */
  stop(): void;
};

export type AnalyticsOptions = {
  campaign: Campaign;
  visitorId: string;
  endpoint?: string | undefined;
  consent?: Consent | undefined;
  /** events lost for good (not retries) */
  onLost(message: string): void;
};

export const newId = (): string => uuidv7(Date.now(), cryptoRandom);

/**
 * Where the widget's events go.
 * @example
 * const analytics = createAnalytics({ campaign, visitorId, endpoint, onLost: console.warn });
 * analytics.track("impression", { game: "wheel" });
 */
export function createAnalytics(options: AnalyticsOptions): Analytics {
  const { campaign, visitorId, endpoint } = options;
  let loaded: StatsFunctions | null = null;
  let loading = false;
  /** the stats functions, or null while their chunk is on its way (the first call sends for it) */
  const statsFunctions = () => {
    if (!loaded && !loading) {
      loading = true;
      import("../core/stats/compute.js").then(
        // named, not the namespace object: the bundler then needs no namespace helper in this chunk
        ({ computeStats, emptyStats }) => {
          loaded = { computeStats, emptyStats };
        },
        () => {
          loading = false; // a later call tries again
        },
      );
    }
    return loaded;
  };
  // the tracker calls these only from stats(), which asks for them first
  const lazyStats: StatsFunctions = {
    computeStats: (events, o) => loaded!.computeStats(events, o),
    emptyStats: () => loaded!.emptyStats(),
  };
  if (endpoint) {
    const tracker = createTrackerWith(
      {
        endpoint,
        campaignId: campaign.id,
        visitorId,
        ...(options.consent ? { consent: options.consent } : {}),
        onError: (e) => (e.code === "dropped" || e.code === "internal") && options.onLost(e.message),
      },
      lazyStats,
    );
    return {
      track: (type, props) => tracker.track(type, props),
      stats: () => (statsFunctions() ? tracker.stats({ timezone: campaign.timezone }) : null),
      setConsent: (c) => tracker.setConsent(c),
      stop: () => void tracker.flush().finally(() => tracker.destroy()),
    };
  }
  const events: EngagementEvent[] = [];
  const sessionId = newId();
  return {
    track(type, props, at = Date.now()) {
      events.push({ id: newId(), type, campaignId: campaign.id, visitorId, sessionId, ts: at, ...(props ? { props } : {}) });
    },
    stats() {
      const m = statsFunctions();
      return m && (m.computeStats(events, { timezone: campaign.timezone })[campaign.id] ?? m.emptyStats());
    },
    setConsent() {},
    stop() {},
  };
}
