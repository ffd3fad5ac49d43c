// the pull loop every collector runs on the shared durable consumer: fetch batches, store them through the storage's
// event append, ack only after the commit. The append dedupes by event id, so a batch delivered twice (an instance
// killed between commit and ack, an ack lost) is stored once: at-least-once delivery, exactly-once storage.
import type { Consumer, ConsumerMessages, JsMsg } from "@nats-io/jetstream";
import type { LogLine } from "../options.js";
import type { EventRow, InsertOutcome } from "../storage/events.js";
import { type CheckRow, decodeBatch } from "./message.js";

export type ConsumerLoop = {
  /** stop fetching, hand back what is fetched but not stored (redelivered at once), and wait for the loop to end */
  stop(): Promise<void>;
};

export type ConsumerLoopOptions = {
  consumer: Consumer;
  /** the storage's event append (insertEvents over the collector's database) */
  store(rows: EventRow[]): Promise<InsertOutcome>;
  /** each row of a message checked as the HTTP path checks an event (ingest/normalize.ts renormalizeRow) */
  checkRow: CheckRow;
  log(line: LogLine): void;
  /** messages per fetch (64); each holds one HTTP batch */
  fetchMessages?: number;
  /** most events per database transaction (2,000): messages are grouped up to it */
  maxRows?: number;
  /** first and longest wait after a failure, doubling between (250 ms, 2 s: PostgreSQL back → storing within 2 s) */
  backoffMs?: { base: number; cap: number };
  /** how often a message the database refuses on its own is tried before it is terminated (3) */
  maxRefusals?: number;
};

// data exception, integrity constraint violation, program limit exceeded: PostgreSQL answered and refused these rows,
// which it will do again; an outage, a restart or an overload looks different (classes 08, 53, 57, or no SQLSTATE)
const REFUSAL_CLASSES = new Set(["22", "23", "54"]);
const isRefusal = (e: unknown) => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && REFUSAL_CLASSES.has(code.slice(0, 2));
};

/** a wait of `base·2^(failures−1)` capped, the upper half jittered so instances that failed together spread out */
export function retryDelay(failures: number, backoff: { base: number; cap: number }, random = Math.random): number {
  const full = Math.min(backoff.cap, backoff.base * 2 ** Math.max(0, failures - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}

/** groups of messages holding at most `maxRows` events each (a larger message alone) */
function groups(batches: Array<{ msg: JsMsg; rows: EventRow[] }>, maxRows: number) {
  const out: Array<typeof batches> = [];
  let size = Infinity;
  for (const b of batches) {
    if (size + b.rows.length > maxRows) {
      out.push([]);
      size = 0;
    }
    out[out.length - 1]!.push(b);
    size += b.rows.length;
  }
  return out;
}

/**
 * Run the loop until stop(). When PostgreSQL is down, each fetched message is handed back with a delay (nak) and the loop
 * waits before fetching again, doubling the wait up to the cap; it resumes by itself once a write succeeds again. A
 * message with nothing storable, or one the database keeps refusing while it takes the others, is terminated and logged.
 * @example const loop = startConsumerLoop({ consumer, store: (rows) => insertEvents(db, rows), checkRow, log });
 */
export function startConsumerLoop(o: ConsumerLoopOptions): ConsumerLoop {
  const backoff = o.backoffMs ?? { base: 250, cap: 2_000 };
  const maxRows = o.maxRows ?? 2_000;
  let stopped = false;
  let current: ConsumerMessages | undefined;
  let wake: (() => void) | undefined;
  // counted apart, so an empty fetch (the database's failed batches come back only after their delay) resets neither
  let failures = 0;
  let fetchFailures = 0;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const warn = (count: number, msg: string, error: unknown) => {
    // one line per outage, not one per attempt
    if (count === 1) o.log({ t: new Date().toISOString(), level: "warn", msg, error: String(error) });
  };

  const now = () => new Date().toISOString();
  // per stream sequence, how often the database refused the message on its own in this process
  const refusals = new Map<number, number>();
  const remember = (seq: number, count: number) => {
    refusals.set(seq, count);
    // a message handed to another instance is never seen here again: the oldest go first
    if (refusals.size > 10_000) refusals.delete(refusals.keys().next().value!);
  };
  type Batch = { msg: JsMsg; rows: EventRow[] };

  /** the rows of each message as the HTTP path would take them; a message with nothing storable is terminated */
  function decodeAll(msgs: JsMsg[]): Batch[] {
    const good: Batch[] = [];
    for (const msg of msgs) {
      const batch = decodeBatch(msg.data, o.checkRow);
      if (!batch.ok) {
        // not a batch this collector published: retrying cannot help, and it must block nothing else
        o.log({ t: now(), level: "error", msg: "event queue: unreadable message terminated", seq: msg.seq, error: batch.error });
        // no reason given: nats-server before 2.10 (Debian 12 ships 2.9) takes `+TERM <reason>` for no answer at all, and
        // hands the message out again after ack_wait; the reason is in the log
        msg.term();
        continue;
      }
      if (batch.refused.length > 0) {
        const reasons = batch.refused
          .slice(0, 3)
          .map((r) => `rows.${r.index}: ${r.reason}`)
          .join("; ");
        o.log({ t: now(), level: "error", msg: "event queue: rows refused", seq: msg.seq, refused: batch.refused.length, reasons });
      }
      good.push({ msg, rows: batch.rows });
    }
    return good;
  }

  /** store `batch` in one transaction and ack it after the commit; the error when the database refused */
  async function attempt(batch: Batch[]): Promise<{ error: unknown } | undefined> {
    try {
      await o.store(batch.flatMap((b) => b.rows));
    } catch (error) {
      return { error };
    }
    // committed: only now may JetStream forget them
    for (const b of batch) {
      b.msg.ack();
      refusals.delete(b.msg.seq);
    }
    return undefined;
  }

  /** store what was fetched; false when the database seems unreachable, after handing every unstored message back */
  async function storeAll(msgs: JsMsg[]): Promise<boolean> {
    const todo = groups(decodeAll(msgs), maxRows);
    // a write committed in this round: the database is answering, so a message failing on its own is one it refuses
    let stored = false;
    // failures that are not refusals while nothing was stored: at two, the database is away and is asked no more
    let misses = 0;
    const failed: Array<Batch & { error: unknown }> = [];
    const untried: Batch[] = [];
    for (const group of todo) {
      if (!stored && misses >= 2) {
        untried.push(...group);
        continue;
      }
      const out = await attempt(group);
      if (!out) {
        stored = true;
        continue;
      }
      // one message may be what the database refuses: each alone, so the others are stored and only that one waits
      for (const b of group) {
        if (!stored && misses >= 2) {
          untried.push(b);
          continue;
        }
        const alone = group.length === 1 ? out : await attempt([b]);
        if (!alone) stored = true;
        else {
          failed.push({ ...b, error: alone.error });
          if (!isRefusal(alone.error)) misses++;
        }
      }
    }
    const away = failed.filter((f) => !stored && !isRefusal(f.error));
    for (const f of failed) if (!away.includes(f)) refused(f);
    if (away.length > 0) {
      failures++;
      warn(failures, "event queue: the database refused a batch; handing it back and retrying with backoff", away[0]!.error);
      const delay = retryDelay(failures, backoff);
      for (const b of [...away, ...untried]) b.msg.nak(delay);
      return false;
    }
    if (failures > 0) o.log({ t: now(), level: "info", msg: "event queue: storing again", afterFailures: failures });
    failures = 0;
    return true;
  }

  /** a message the database refused on its own: tried again a few times, then terminated and logged */
  function refused(f: Batch & { error: unknown }) {
    const count = (refusals.get(f.msg.seq) ?? 0) + 1;
    if (count < (o.maxRefusals ?? 3)) {
      remember(f.msg.seq, count);
      f.msg.nak(retryDelay(count, backoff));
      return;
    }
    // refused every time while the database took other writes: it is this message that cannot be stored
    o.log({
      t: now(),
      level: "error",
      msg: "event queue: a batch the database refuses was terminated",
      seq: f.msg.seq,
      events: f.rows.length,
      attempts: count,
      error: String(f.error),
    });
    f.msg.term();
    refusals.delete(f.msg.seq);
  }

  const loop = (async () => {
    while (!stopped) {
      const msgs: JsMsg[] = [];
      let fetchError: unknown;
      try {
        current = await o.consumer.fetch({ max_messages: o.fetchMessages ?? 64, expires: 1_000 });
        for await (const m of current) msgs.push(m);
      } catch (e) {
        fetchError = e;
      } finally {
        current = undefined;
      }
      if (fetchError !== undefined && msgs.length === 0 && !stopped) {
        // NATS unreachable or the consumer gone: the client reconnects by itself; wait and ask again
        fetchFailures++;
        warn(fetchFailures, "event queue: fetching from NATS failed; retrying with backoff", fetchError);
        await pause(retryDelay(fetchFailures, backoff));
        continue;
      }
      // a fetch cut short (missed heartbeats while this process was busy) still delivered its messages: store them
      fetchFailures = 0;
      if (stopped) {
        for (const m of msgs) m.nak();
        break;
      }
      if (msgs.length && !(await storeAll(msgs))) await pause(retryDelay(failures, backoff));
    }
  })();

  return {
    async stop() {
      stopped = true;
      current?.stop();
      wake?.();
      await loop;
    },
  };
}
