// the pull loop every collector runs on the shared durable consumer: fetch batches, store them through the storage's
// event append, ack only after the commit. The append dedupes by event id, so a batch delivered twice (an instance
// killed between commit and ack, an ack lost) is stored once: at-least-once delivery, exactly-once storage.
import type { Consumer, ConsumerMessages, JsMsg } from "@nats-io/jetstream";
import type { LogLine } from "../options.js";
import type { EventRow, InsertOutcome } from "../storage/events.js";
import { decodeBatch } from "./message.js";

export type ConsumerLoop = {
  /** stop fetching, hand back what is fetched but not stored (redelivered at once), and wait for the loop to end */
  stop(): Promise<void>;
};

export type ConsumerLoopOptions = {
  consumer: Consumer;
  /** the storage's event append (insertEvents over the collector's database) */
  store(rows: EventRow[]): Promise<InsertOutcome>;
  log(line: LogLine): void;
  /** messages per fetch (64); each holds one HTTP batch */
  fetchMessages?: number;
  /** most events per database transaction (2,000): messages are grouped up to it */
  maxRows?: number;
  /** first and longest wait after a failure, doubling between (250 ms, 2 s: PostgreSQL back → storing within 2 s) */
  backoffMs?: { base: number; cap: number };
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
 * waits before fetching again, doubling the wait up to the cap; it resumes by itself once a write succeeds again.
 * @example const loop = startConsumerLoop({ consumer, store: (rows) => insertEvents(db, rows), log });
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

  /** store what was fetched; false when the database refused, after handing every unstored message back */
  async function storeAll(msgs: JsMsg[]): Promise<boolean> {
    const good: Array<{ msg: JsMsg; rows: EventRow[] }> = [];
    for (const msg of msgs) {
      const batch = decodeBatch(msg.data);
      if (batch.ok) good.push({ msg, rows: batch.rows });
      else {
        // not a batch this collector published: retrying cannot help, and it would block nothing else, so it is dropped loudly
        o.log({
          t: new Date().toISOString(),
          level: "error",
          msg: "event queue: unreadable message dropped",
          seq: msg.seq,
          error: batch.error,
        });
        msg.term(batch.error);
      }
    }
    const todo = groups(good, maxRows);
    for (let i = 0; i < todo.length; i++) {
      try {
        await o.store(todo[i]!.flatMap((b) => b.rows));
      } catch (e) {
        failures++;
        warn(failures, "event queue: the database refused a batch; handing it back and retrying with backoff", e);
        const delay = retryDelay(failures, backoff);
        for (const b of todo.slice(i).flat()) b.msg.nak(delay);
        return false;
      }
      // committed: only now may JetStream forget them
      for (const b of todo[i]!) b.msg.ack();
    }
    if (failures > 0) o.log({ t: new Date().toISOString(), level: "info", msg: "event queue: storing again", afterFailures: failures });
    failures = 0;
    return true;
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
