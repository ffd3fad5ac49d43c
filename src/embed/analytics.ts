// engagement events, its own chunk: the tracker when there is a collector, else this page's events in memory for
// stats(); fetched with the first event, which comes after the first paint
import type { Campaign } from "../core/schema/campaign.js";
import type { EngagementEvent } from "../core/events/index.js";
import { computeStats, type CampaignStats } from "../core/stats/index.js";
import { createTracker } from "../tracker/index.js";
import type { Consent } from "../tracker/types.js";
import { emptyStats } from "../tracker/guard.js";
import { cryptoRandom, uuidv7 } from "../tracker/uuid.js";
import type { EventName, EventProps } from "../ui/shell/flow.js";

export type Analytics = {
  track(type: EventName, props?: EventProps): void;
  stats(): CampaignStats;
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
  if (endpoint) {
    const tracker = createTracker({
      endpoint,
      campaignId: campaign.id,
      visitorId,
      ...(options.consent ? { consent: options.consent } : {}),
      onError: (e) => (e.code === "dropped" || e.code === "internal") && options.onLost(e.message),
    });
    return {
      track: (type, props) => tracker.track(type, props),
      stats: () => tracker.stats({ timezone: campaign.timezone }),
      setConsent: (c) => tracker.setConsent(c),
      stop: () => void tracker.flush().finally(() => tracker.destroy()),
    };
  }
  const events: EngagementEvent[] = [];
  const sessionId = newId();
  return {
    track(type, props) {
      events.push({ id: newId(), type, campaignId: campaign.id, visitorId, sessionId, ts: Date.now(), ...(props ? { props } : {}) });
    },
    stats: () => computeStats(events, { timezone: campaign.timezone })[campaign.id] ?? emptyStats(),
    setConsent() {},
    stop() {},
  };
}
