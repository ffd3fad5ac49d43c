// NATS JetStream in front of event ingest (optional): the HTTP route publishes each validated batch and answers after
// JetStream's ack; every collector pulls from one durable consumer and stores batches in PostgreSQL. Official clients:
// @nats-io/transport-node for the connection, @nats-io/jetstream for streams, publish acks and pull consumers.
import { connect, nanos, type NatsConnection } from "@nats-io/transport-node";
import {
  AckPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from "@nats-io/jetstream";
import type { LogLine } from "../options.js";
import type { EventRow, InsertOutcome } from "../storage/events.js";
import { connectionOptions } from "./connection.js";
import { startConsumerLoop, type ConsumerLoop } from "./consumer.js";
import { batchId, encodeBatch, type CheckRow } from "./message.js";

export { batchId, decodeBatch, encodeBatch, type CheckRow } from "./message.js";
export { retryDelay } from "./consumer.js";
export { connectionOptions } from "./connection.js";

export const DEFAULT_STREAM = "MINIGAME_EVENTS";
/** the durable pull consumer every collector instance shares */
export const CONSUMER = "collector";
/** how long a fetched batch may stay unacked before JetStream hands it to another instance (one killed mid-write) */
export const ACK_WAIT_MS = 15_000;
/** a batch sent twice within this window (the tracker's retry after a lost answer) is stored once by JetStream itself */
const DUPLICATE_WINDOW_MS = 120_000;
/**
 * The stream's bounds when the collector creates it: a backlog of at most 1 GiB and 7 days. Past them a publish is
 * refused (POST /v1/events answers 503 and the tracker keeps the batch), rather than older batches being dropped.
 */
export const STREAM_LIMITS = {
  max_bytes: 1024 ** 3,
  max_age: nanos(7 * 24 * 3600_000),
  discard: DiscardPolicy.New,
} satisfies Partial<StreamConfig>;

export type EventQueue = {
  /** publish one validated batch; resolves after JetStream's ack (the batch is in the stream), rejects when NATS is unreachable */
  publish(rows: readonly EventRow[]): Promise<{ duplicate: boolean }>;
  /** stop consuming, flush what is pending, close the connection */
  close(): Promise<void>;
};

export type EventQueueOptions = {
  /** NATS server URLs, comma-separated (nats://127.0.0.1:4222) */
  servers: string;
  /** the JetStream stream (MINIGAME_EVENTS); its subject is `<stream>.batches` */
  stream?: string;
  /** an nkey seed (`SU…`) to log in with; a user and password or a token go in the URLs (nats://user:password@host) */
  nkeySeed?: string;
  /** the storage's event append */
  store(rows: EventRow[]): Promise<InsertOutcome>;
  /** each row of a message checked as the HTTP path checks an event */
  checkRow: CheckRow;
  log(line: LogLine): void;
};

const notFound = (e: unknown, code: number) => e instanceof JetStreamApiError && e.code === code;

/**
 * Create the stream and the consumer unless they exist; an operator's own settings (replicas, limits) are kept. A stream
 * with no limit at all (as collectors before the limits created it) gets STREAM_LIMITS.
 */
async function ensure(jsm: JetStreamManager, stream: string, subject: string, log: (line: LogLine) => void): Promise<void> {
  try {
    const { config } = await jsm.streams.info(stream);
    if (config.max_bytes < 0 && config.max_msgs < 0 && !config.max_age) {
      await jsm.streams.update(stream, STREAM_LIMITS);
      log({ t: new Date().toISOString(), level: "info", msg: "event queue: the stream had no limits; bounded it", stream });
    }
  } catch (e) {
    if (!notFound(e, JetStreamApiCodes.StreamNotFound)) throw e;
    // work-queue retention: a batch leaves the stream once the consumer acks it, i.e. once PostgreSQL committed it
    await jsm.streams.add({
      name: stream,
      subjects: [subject],
      storage: StorageType.File,
      retention: RetentionPolicy.Workqueue,
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
      ...STREAM_LIMITS,
    });
  }
  try {
    await jsm.consumers.info(stream, CONSUMER);
  } catch (e) {
    if (!notFound(e, JetStreamApiCodes.ConsumerNotFound)) throw e;
    await jsm.consumers.add(stream, {
      durable_name: CONSUMER,
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(ACK_WAIT_MS),
      // JetStream never gives up on a batch by itself: while PostgreSQL is down it is handed back again and again. A
      // batch the database refuses while it takes others is terminated by the consumer loop after a few tries
      max_deliver: -1,
      max_ack_pending: 10_000,
    });
  }
}

/**
 * Connect to NATS, make sure the stream and the shared consumer exist, and start this instance's consumer loop.
 * Rejects when NATS is unreachable at start, so a misconfigured collector does not start.
 * @example const queue = await openEventQueue({ servers: "nats://127.0.0.1:4222", store: (rows) => insertEvents(db, rows), log });
 */
export async function openEventQueue(o: EventQueueOptions): Promise<EventQueue> {
  const stream = o.stream ?? DEFAULT_STREAM;
  const subject = `${stream}.batches`;
  const nc: NatsConnection = await connect({
    ...connectionOptions(o.servers, o.nkeySeed),
    name: "minigame-collector",
    // keep trying for as long as the collector runs: publishes fail (503) meanwhile, and the tracker sends again
    maxReconnectAttempts: -1,
  });
  let loop: ConsumerLoop | undefined;
  try {
    await ensure(await jetstreamManager(nc), stream, subject, o.log);
    const js = jetstream(nc);
    loop = startConsumerLoop({ consumer: await js.consumers.get(stream, CONSUMER), store: o.store, checkRow: o.checkRow, log: o.log });
    return {
      async publish(rows) {
        const ack = await js.publish(subject, encodeBatch(rows), { msgID: batchId(rows), timeout: 5_000 });
        return { duplicate: ack.duplicate };
      },
      async close() {
        await loop?.stop();
        await nc.drain().catch(() => {});
      },
    };
  } catch (e) {
    await loop?.stop();
    await nc.close().catch(() => {});
    throw e;
  }
}
