// delivery: lease due rows (FOR UPDATE SKIP LOCKED, so several collectors share the work), POST them signed, and
// mark each delivered on a 2xx or due again after an exponential backoff; a lease outlives a crashed collector briefly
import { STATUS_CODES } from "node:http";
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
 * What a delivery keeps of a non-2xx answer: its status and the standard reason, never the body. A receiver's page
 * may echo the URL's token in any form (decoded, HTML- or JSON-escaped, on its own), which no redaction can list.
 * @example describeAnswer(404) // "answered 404: Not Found"
 */
export function describeAnswer(status: number): string {
  const reason = STATUS_CODES[status];
  return reason ? `answered ${status}: ${reason}` : `answered ${status}`;
}

/**
 * An error text without the endpoint's URL, its path and query, nor any of their segments and values on their own,
 * raw, percent-decoded or HTML-escaped: any of them may hold a token of the receiving system. For the collector's own
 * errors (undici names the URL in some); a receiver's answer is never stored (describeAnswer).
 * @example redactEndpoint("Cannot POST /hooks/T0/xoxb-1", "https://hooks.example.com/hooks/T0/xoxb-1") // "Cannot POST <endpoint path>"
 */
export function redactEndpoint(text: string, url: string): string {
  const u = new URL(url);
  const whole = [url, u.href, `${u.origin}${u.pathname}`];
  // a bare "/" or "?" is no secret
  const paths = [u.pathname + u.search, u.search.slice(1), u.pathname].filter((p) => p.length > 1);
  // segments and values of fewer than 4 characters ("v1", "api") name no secret, and would cut words apart
  const pieces = [
    ...u.pathname.split("/"),
    ...u.search
      .slice(1)
      .split("&")
      .flatMap((kv) => [kv, kv.slice(kv.indexOf("=") + 1)]),
  ].filter((p) => p.length >= 4);
  const marks = new Map<string, string>();
  for (const p of [...paths, ...pieces].flatMap(spellings)) marks.set(p, "<endpoint path>");
  for (const w of whole.flatMap(spellings)) marks.set(w, "<endpoint url>");
  // one pass, longest first: a URL is not cut apart by its path, nor a mark by a segment that reads like it
  const any = [...marks.keys()].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return text.replace(new RegExp(any.join("|"), "g"), (m) => marks.get(m)!);
}

// the ways a URL's part may be written back: as sent, percent-decoded, and either of them HTML-escaped
function spellings(part: string): string[] {
  const decode = (t: string) => {
    try {
      return decodeURIComponent(t);
    } catch {
      return t;
    }
  };
  const escapeHtml = (t: string) =>
    t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  // a query's "+" is a space once decoded
  const forms = [part, decode(part), decode(part.replace(/\+/g, " "))];
  return [...forms, ...forms.map(escapeHtml)].filter((p) => p.length > 0);
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
      // the body is read to free the connection (within the timeout), never stored
      await res.arrayBuffer().catch(() => {});
      if (status < 200 || status > 299) error = describeAnswer(status);
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
