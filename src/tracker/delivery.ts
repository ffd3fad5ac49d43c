// the sender: batches, answers, backoff, Retry-After, and the last words of a closing page
import type { EngagementEvent } from "../core/events/index.js";
import type { Entry, Queue } from "./queue.js";
import { BACKOFF_CAP_MS, RETRY_AFTER_CAP_MS, backoffDelay, classifyStatus, parseRetryAfter } from "./retry.js";
import { readJSON, type KV } from "./storage.js";
import type { TrackerError, Transport, TransportResponse } from "./types.js";

export const BATCH_EVENTS = 20;
export const BATCH_BYTES = 16 * 1024;
export const BATCH_DELAY_MS = 2_000;
export const TIMEOUT_MS = 15_000;
export const MAX_AGE_MS = 72 * 3600_000;
/** per beacon, and the whole exit's share of the page-wide 64 KiB keepalive budget */
export const BEACON_CHUNK_BYTES = 16 * 1024;
export const BEACON_TOTAL_BYTES = 48 * 1024;

/** retry state, kept in storage so a reload does not restart the backoff against a failing collector */
type Meta = { attempts: number; retryAt: number; pauseUntil: number; dropped: number };

type DeliveryOptions = {
  endpoint: string;
  campaignId: string;
  queue: Queue;
  kv: KV;
  transport: Transport;
  now: () => number;
  random: () => number;
  /** consent granted, this tab leads, not destroyed */
  allowed: () => boolean;
  report: (error: TrackerError) => void;
  deliver: (events: EngagementEvent[]) => void;
};

type Outcome = "sent" | "failed";

const envelope = (sentAt: number, entries: Entry[], dropped: number) =>
  `{"sentAt":${sentAt},"events":[${entries.map((e) => e.json).join(",")}]${dropped > 0 ? `,"dropped":${dropped}` : ""}}`;

const bodyBytes = (entries: Entry[]) => entries.reduce((n, e) => n + e.bytes + 1, 40);

const offline = () => globalThis.navigator?.onLine === false;

/**
 * Drive the queue to the collector.
 * @example
 * const delivery = createDelivery({ endpoint, campaignId, queue, kv, transport, now: Date.now, random: Math.random, allowed, report, deliver });
 * queue.add(event, JSON.stringify(event));
 * delivery.queued(false); // sent within BATCH_DELAY_MS; `true` (a critical event) sends at once
 * await delivery.flush();
 */
export function createDelivery(o: DeliveryOptions) {
  const metaKey = `mg:m:${o.campaignId}`;
  const num = (v: unknown, max: number) => (typeof v === "number" && v >= 0 ? Math.min(v, max) : 0);
  // clamped on read: a clock set back, or a hand-edited value, must not stall the queue for long
  const read = (): Meta => {
    const stored = readJSON<Partial<Meta>>(o.kv, metaKey) ?? {};
    return {
      attempts: num(stored.attempts, 64),
      retryAt: num(stored.retryAt, o.now() + BACKOFF_CAP_MS),
      pauseUntil: num(stored.pauseUntil, o.now() + RETRY_AFTER_CAP_MS),
      dropped: num(stored.dropped, Number.MAX_SAFE_INTEGER),
    };
  };
  const meta = read();
  // the part of meta.dropped that storage holds; the rest was counted here and not stored yet
  let synced = meta.dropped;
  const inflight = new Set<string>();
  const busy = (id: string) => inflight.has(id);
  let persist = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Infinity;
  let cycle: Promise<void> | null = null;
  let warned = new Set<number>();

  // every tab counts drops into the one stored number: add what others stored since we looked, never overwrite it
  const pull = (): Meta => {
    const stored = read();
    meta.dropped = Math.max(0, stored.dropped + meta.dropped - synced);
    synced = stored.dropped;
    return stored;
  };

  /** `own`: this tab sends, so its backoff is the one to keep; otherwise the stored one stays as it is */
  const saveMeta = (own: boolean) => {
    if (!persist) return;
    const stored = pull();
    if (o.kv.set(metaKey, JSON.stringify(own ? meta : { ...stored, dropped: meta.dropped }))) synced = meta.dropped;
  };

  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    timerAt = Infinity;
  };

  /** run a cycle after `delay`, never before a backoff or Retry-After ends; an earlier timer wins */
  const schedule = (delay: number) => {
    // nothing to wait for while we may not send: every way back (consent, takeover, pageshow, online) calls wake()
    if (!o.allowed()) return;
    const at = Math.max(o.now() + delay, meta.retryAt, meta.pauseUntil);
    if (at >= timerAt) return;
    cancel();
    timerAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Infinity;
      void run(false);
    }, at - o.now());
  };

  const drop = (entries: Entry[], message: string, status?: number) => {
    o.queue.remove(entries.map((e) => e.event.id));
    o.report({ code: "dropped", message, status, events: entries.map((e) => e.event) });
  };

  const fail = (status: number | undefined, retryAfter: string | null, message: string): Outcome => {
    const t = o.now();
    meta.attempts++;
    const pause = parseRetryAfter(retryAfter, t);
    if (pause !== null) meta.pauseUntil = t + pause;
    meta.retryAt = t + (pause ?? backoffDelay(meta.attempts, o.random));
    saveMeta(true);
    o.report({ code: "retry", message, status });
    schedule(0);
    return "failed";
  };

  const succeed = (entries: Entry[], body: unknown, droppedSent: number) => {
    const rejected = new Map<number, string>();
    const list = (body as { rejected?: unknown } | null)?.rejected;
    if (Array.isArray(list)) for (const r of list) if (r && typeof r.index === "number") rejected.set(r.index, String(r.reason ?? ""));
    o.queue.remove(entries.map((e) => e.event.id));
    meta.attempts = 0;
    meta.retryAt = 0;
    meta.dropped = Math.max(0, meta.dropped - droppedSent);
    saveMeta(true);
    const bad = entries.filter((_, i) => rejected.has(i));
    if (bad.length > 0) {
      const reasons = [...new Set(rejected.values())].join("; ");
      o.report({ code: "dropped", message: `collector rejected ${bad.length} event(s): ${reasons}`, events: bad.map((e) => e.event) });
    }
    const good = entries.filter((_, i) => !rejected.has(i)).map((e) => e.event);
    if (good.length > 0) o.deliver(good);
  };

  /** one POST; 413 splits the batch in half and tries each part */
  const attempt = async (entries: Entry[]): Promise<Outcome | "offline"> => {
    // checked on every POST, split halves included: consent may be withdrawn (or the tab closed) while one is out
    if (!o.allowed()) return "failed";
    pull();
    const droppedSent = meta.dropped;
    const body = envelope(o.now(), entries, droppedSent);
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), TIMEOUT_MS);
    for (const e of entries) inflight.add(e.event.id);
    let res: TransportResponse;
    try {
      res = await o.transport.send(o.endpoint, body, { keepalive: bodyBytes(entries) <= BATCH_BYTES, signal: controller.signal });
    } catch (cause) {
      // offline is not the collector's fault: wait for "online" without spending an attempt
      if (offline()) return "offline";
      return fail(
        undefined,
        null,
        controller.signal.aborted ? `no answer within ${TIMEOUT_MS / 1000} s` : `network error: ${String(cause)}`,
      );
    } finally {
      clearTimeout(timeout);
      for (const e of entries) inflight.delete(e.event.id);
    }
    switch (classifyStatus(res.status)) {
      case "ok":
        succeed(entries, res.body, droppedSent);
        return "sent";
      case "retry":
        return fail(res.status, res.retryAfter, `collector answered ${res.status}`);
      case "split": {
        if (entries.length === 1) {
          warnOnce(413, `minigame tracker: collector answered 413 for a single event; dropped it`);
          drop(entries, "collector answered 413 for a single event", 413);
          return "sent";
        }
        const half = Math.ceil(entries.length / 2);
        const first = await attempt(entries.slice(0, half));
        return first === "sent" ? attempt(entries.slice(half)) : first;
      }
      default: {
        // the collector says why in { error } (422: every event of the batch was rejected, e.g. an unknown campaign)
        const why = (res.body as { error?: unknown } | null)?.error;
        const reason = `collector answered ${res.status}${typeof why === "string" ? `: ${why}` : ""}`;
        warnOnce(res.status, `minigame tracker: ${reason}; dropped ${entries.length} event(s)`);
        drop(entries, reason, res.status);
        return "sent";
      }
    }
  };

  const warnOnce = (status: number, message: string) => {
    if (warned.has(status)) return;
    warned.add(status);
    console.warn(message);
  };

  // events that waited 72 hours are given up, counted, and reported
  const expire = (entries: Entry[]): Entry[] => {
    const limit = o.now() - MAX_AGE_MS;
    const old = entries.filter((e) => e.event.ts < limit);
    if (old.length === 0) return entries;
    meta.dropped += old.length;
    saveMeta(true);
    drop(old, `gave up on ${old.length} event(s) older than 72 hours`);
    return entries.filter((e) => e.event.ts >= limit);
  };

  const loop = async (force: boolean): Promise<void> => {
    while (o.queue.size > inflight.size && o.allowed() && !offline()) {
      const t = o.now();
      if (meta.pauseUntil > t || (!force && meta.retryAt > t)) return schedule(0);
      force = false;
      const batch = expire(o.queue.take(BATCH_EVENTS, BATCH_BYTES, busy));
      if (batch.length === 0) continue;
      if ((await attempt(batch)) !== "sent") return;
    }
  };

  const run = (force: boolean): Promise<void> => {
    if (cycle) return cycle;
    cancel();
    cycle = loop(force)
      .catch((cause) => o.report({ code: "internal", message: "delivery failed unexpectedly", cause }))
      .finally(() => {
        cycle = null;
      });
    return cycle;
  };

  /** what a closing page can still send: sendBeacon chunks, halving any the browser refuses */
  const exit = () => {
    if (!o.allowed() || offline() || meta.pauseUntil > o.now() || o.queue.size === 0) return;
    let budget = BEACON_TOTAL_BYTES;
    const sendChunk = (entries: Entry[]): void => {
      const body = envelope(o.now(), entries, 0);
      const size = bodyBytes(entries);
      if (size > budget) return;
      if (!o.transport.beacon) {
        budget -= size;
        attempt(entries).catch((cause) => o.report({ code: "internal", message: "exit send failed", cause }));
        return;
      }
      if (o.transport.beacon(o.endpoint, body)) budget -= size;
      else if (entries.length > 1) {
        const half = Math.ceil(entries.length / 2);
        sendChunk(entries.slice(0, half));
        sendChunk(entries.slice(half));
      }
      // a refused single event stays queued for the next page
    };
    // a beacon gets no answer, so beaconed events stay queued until a fetch confirms them; the collector dedupes by id
    const all = o.queue.take(Infinity, Infinity, busy);
    let chunk: Entry[] = [];
    for (const entry of all) {
      if (chunk.length > 0 && bodyBytes(chunk) + entry.bytes + 1 > BEACON_CHUNK_BYTES) {
        sendChunk(chunk);
        chunk = [];
      }
      if (budget <= 0) return;
      chunk.push(entry);
    }
    if (chunk.length > 0) sendChunk(chunk);
  };

  return {
    /** an event joined the queue: flush now for critical events and full batches, else within 2 s */
    queued(critical: boolean): void {
      if (critical || o.queue.size >= BATCH_EVENTS || o.queue.bytes >= BATCH_BYTES) schedule(0);
      else schedule(BATCH_DELAY_MS);
    },
    /** count events pushed out of a full queue; they ride along in the next batch's `dropped` */
    overflowed(n: number): void {
      meta.dropped += n;
      saveMeta(false);
    },
    flush: () => run(true),
    /** before this tab sends again (takeover, pageshow): the later backoff and pause win, and stored drops are added */
    reload(): void {
      const stored = pull();
      meta.attempts = Math.max(meta.attempts, stored.attempts);
      meta.retryAt = Math.max(meta.retryAt, stored.retryAt);
      meta.pauseUntil = Math.max(meta.pauseUntil, stored.pauseUntil);
    },
    /** start a cycle soon if anything waits (start-up, takeover, online, pageshow) */
    wake(): void {
      if (o.queue.size > 0) schedule(0);
    },
    exit,
    stop: cancel,
    busy,
    setPersist(on: boolean): void {
      persist = on;
      saveMeta(false);
    },
    forget(): void {
      Object.assign(meta, { attempts: 0, retryAt: 0, pauseUntil: 0, dropped: 0 });
      synced = 0;
      o.kv.remove(metaKey);
      warned = new Set();
    },
    get meta(): Readonly<Meta> {
      return meta;
    },
  };
}
