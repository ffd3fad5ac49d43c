// the tracker's public contract: options in, a small handle out
import type { EngagementEvent, EventProps, EventType } from "../core/events/index.js";
import type { CampaignStats, StatsOptions } from "../core/stats/index.js";

export type Consent = "granted" | "pending" | "denied";

/** the subset of Web Storage the tracker needs; localStorage and sessionStorage fit it */
export type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

/** what came back from one HTTP attempt; a network error or timeout rejects instead */
export type TransportResponse = { status: number; retryAfter: string | null; body: unknown };

/** the network edge, injectable so unit tests run without one */
export type Transport = {
  /** POST `body` as text/plain; rejects on network errors and on abort */
  send(url: string, body: string, init: { keepalive: boolean; signal: AbortSignal }): Promise<TransportResponse>;
  /** navigator.sendBeacon, or null where there is none; returns whether the browser queued it */
  beacon: ((url: string, body: string) => boolean) | null;
};

/** the slice of the Web Locks API used for one-sender-per-campaign */
export type LockManagerLike = {
  request(name: string, callback: (lock: unknown) => Promise<void>): Promise<unknown>;
};

export type TrackerOptions = {
  /** the collector's POST /v1/events URL */
  endpoint: string;
  /** 1–64 characters without ':', as in the campaign file */
  campaignId: string;
  /** your own stable visitor id; otherwise a first-party id kept in storage */
  visitorId?: string;
  /** "granted" by default; "pending" keeps events in memory until granted, "denied" sends and stores nothing */
  consent?: Consent;
  /** treat Do Not Track and Global Privacy Control as a refusal */
  respectDoNotTrack?: boolean;
  /** where the queue lives; localStorage, else sessionStorage, else memory when absent */
  storage?: StorageLike | null;
  transport?: Transport;
  /** Web Locks; navigator.locks when absent, a storage lease when null */
  locks?: LockManagerLike | null;
  now?: () => number;
  /** uniform in [0, 1); crypto.getRandomValues by default */
  random?: () => number;
  /** called with the events the collector accepted */
  onDeliver?: (events: EngagementEvent[]) => void;
  /** called with every problem: refused events, failed attempts, drops */
  onError?: (error: TrackerError) => void;
  /** reported in context.sdk */
  sdkVersion?: string;
};

export type TrackerErrorCode =
  | "refused" // track() could not accept the event
  | "retry" // an attempt failed and will be retried
  | "dropped" // events were given up (4xx, rejected by the collector, overflow, too old)
  | "storage" // storage could not be written; the queue continues in memory
  | "internal"; // a bug of ours, caught so the page never sees it

export type TrackerError = { code: TrackerErrorCode; message: string; status?: number; events?: EngagementEvent[]; cause?: unknown };

export type Tracker = {
  /** queue an event; returns it as it will be sent, or null when refused */
  track(type: EventType, props?: EventProps): EngagementEvent | null;
  setConsent(consent: Consent): void;
  /** send what is queued now; resolves when the queue is empty or the attempt failed */
  flush(): Promise<void>;
  readonly visitorId: string;
  readonly sessionId: string;
  readonly consent: Consent;
  /** this browser's own events for the campaign (bounded local history), oldest first */
  events(): EngagementEvent[];
  /** computeStats over events() (automated events included unless options say otherwise): this browser's numbers, zeros before any event */
  stats(options?: StatsOptions): CampaignStats;
  /** events waiting to be delivered */
  pending(): number;
  /** removes every listener and timer; the queue stays in storage for the next page */
  destroy(): void;
};
