// delivery: lease due rows (FOR UPDATE SKIP LOCKED, so several collectors share the work), POST them signed, and
// mark each delivered on a 2xx or due again after an exponential backoff; a lease outlives a crashed collector briefly
import { Webhook } from "standardwebhooks";
import type { Database } from "../storage/types.js";
import type { WebhookConfig, WebhookEndpoint } from "./config.js";
import type { DeliveryRow } from "./outbox.js";

export type DispatcherOptions = {
  db: Database;
  config: WebhookConfig & { endpoints: WebhookEndpoint[] };
  now: () => number;
  log: (line: Record<string, string | number | boolean | null>) => void;
  /** rows leased per round (default 20) */
  batch?: number;
  random?: () => number;
};

export type Dispatcher = {
  /** look for due deliveries soon (after a fact was enqueued here) */
  nudge(): void;
  /** one round: lease, deliver, record; resolves with the number of rows attempted */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
};

/**
 * The delay before attempt `attempts + 1`: base × 2^(attempts − 1), at most `max`, with ±20 % jitter so endpoints
 * coming back are not hit by every collector at once.
 * @example backoff(3, 5_000, 3_600_000, () => 0.5) // 20000
 */
export function backoff(attempts: number, base: number, max: number, random: () => number): number {
  const delay = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  return Math.round(delay * (0.8 + 0.4 * random()));
}

/**
 * An error text without the endpoint's URL, nor its path or query on their own (a receiver's 404 page may echo them):
 * any of them may hold a token of the receiving system.
 * @example redactEndpoint("answered 404: Cannot POST /hooks/T0/xoxb-1", "https://hooks.example.com/hooks/T0/xoxb-1") // "answered 404: Cannot POST <endpoint path>"
 */
export function redactEndpoint(text: string, url: string): string {
  const u = new URL(url);
  const whole = [url, u.href, `${u.origin}${u.pathname}`];
  // longest first, so a path is not cut out of a whole URL before the URL is; a bare "/" or "?" is no secret
  const parts = [u.pathname + u.search, u.search.slice(1), u.pathname].filter((p) => p.length > 1);
  let out = text;
  for (const w of whole.sort((a, b) => b.length - a.length)) out = out.split(w).join("<endpoint url>");
  for (const p of parts.sort((a, b) => b.length - a.length)) out = out.split(p).join("<endpoint path>");
  return out;
}

/**
 * Start delivering in the background; `stop()` waits for the round in flight.
 * @example const d = startDispatcher({ db, config, now: Date.now, log: console.log });
 */
export function startDispatcher(o: DispatcherOptions): Dispatcher {
  const endpoints = new Map(o.config.endpoints.map((e) => [e.id, { ...e, signer: new Webhook(e.secret) }]));
  const base = o.config.retryBaseMs ?? 5_000;
  const max = o.config.maxDelayMs ?? 3_600_000;
  const timeout = o.config.timeoutMs ?? 10_000;
  const poll = o.config.pollMs ?? 1_000;
  const batch = o.batch ?? 20;
  const random = o.random ?? Math.random;
  // a lease covers one request and its bookkeeping; after it, another collector may try again
  const lease = timeout + 5_000;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<number> | null = null;

  async function deliver(row: DeliveryRow): Promise<void> {
    const endpoint = endpoints.get(row.endpoint_id)!;
    const sentAt = new Date(o.now());
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(endpoint.url, {
        method: "POST",
        body: row.payload,
        redirect: "manual",
        signal: AbortSignal.timeout(timeout),
        headers: {
          "content-type": "application/json",
          "user-agent": "minigame-collector",
          "webhook-id": row.message_id,
          "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
          "webhook-signature": endpoint.signer.sign(row.message_id, sentAt, row.payload),
        },
      });
      status = res.status;
      if (status < 200 || status > 299) {
        // cut after redacting, so no part of a path survives the cut
        const said = redactEndpoint((await res.text().catch(() => "")).slice(0, 4096), endpoint.url);
        error = `answered ${status}: ${said.slice(0, 200)}`;
      } else await res.arrayBuffer().catch(() => {});
    } catch (e) {
      // undici names the URL in some errors
      error = redactEndpoint((e as Error).cause ? String((e as Error).cause) : String(e), endpoint.url);
    }
    const at = o.now();
    if (error === null) {
      await o.db.query(
        `UPDATE webhook_deliveries SET delivered_at = $3, last_status = $4, last_error = NULL, leased_until = NULL
         WHERE message_id = $1 AND endpoint_id = $2`,
        [row.message_id, row.endpoint_id, at, status],
      );
    } else {
      await o.db.query(
        `UPDATE webhook_deliveries SET next_attempt_at = $3, last_status = $4, last_error = $5, leased_until = NULL
         WHERE message_id = $1 AND endpoint_id = $2 AND delivered_at IS NULL`,
        [row.message_id, row.endpoint_id, at + backoff(row.attempts, base, max, random), status, error.slice(0, 300)],
      );
    }
  }

  async function runOnce(): Promise<number> {
    const at = o.now();
    const rows = await o.db.query<DeliveryRow>(
      `UPDATE webhook_deliveries w SET leased_until = $2, attempts = w.attempts + 1
       FROM (SELECT message_id, endpoint_id FROM webhook_deliveries
             WHERE delivered_at IS NULL AND next_attempt_at <= $1 AND (leased_until IS NULL OR leased_until <= $1)
               AND endpoint_id = ANY($3::text[])
             ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED) due
       WHERE w.message_id = due.message_id AND w.endpoint_id = due.endpoint_id
       RETURNING w.*`,
      [at, at + lease, [...endpoints.keys()], batch],
    );
    await Promise.all(rows.map((r) => deliver(r)));
    return rows.length;
  }

  function schedule(delay: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delay);
  }

  async function tick() {
    if (running || stopped) return;
    let busy = 0;
    running = runOnce();
    try {
      busy = await running;
    } catch (e) {
      // a database hiccup: say so and try again at the next poll
      o.log({ t: new Date().toISOString(), level: "error", msg: "webhook dispatch failed", error: String(e) });
    } finally {
      running = null;
    }
    // a full batch means more are due: go on at once
    schedule(busy >= batch ? 0 : poll);
  }

  schedule(0);
  return {
    nudge: () => {
      if (!running) schedule(10);
    },
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
