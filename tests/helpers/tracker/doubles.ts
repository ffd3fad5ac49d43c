// test doubles at the network edge, shared by the tracker's unit tests
import { batchSchema, eventSchema, type EventBatch } from "../../../src/core/events/index.js";
import { createMemoryStorage } from "../../../src/tracker/storage.js";
import { createTracker } from "../../../src/tracker/create-tracker.js";
import type { StorageLike, TrackerError, TrackerOptions, Transport, TransportResponse } from "../../../src/tracker/types.js";

export type SentRequest = { raw: string; batch: EventBatch; keepalive: boolean };
type Responder = (req: SentRequest) => TransportResponse | Promise<TransportResponse>;

/** parse a body the way the collector would, failing the test on any schema violation */
export function parseBody(raw: string): EventBatch {
  const batch = batchSchema.parse(JSON.parse(raw));
  return { ...batch, events: batch.events.map((e) => eventSchema.parse(e)) } as EventBatch;
}

export const answer = (status: number, retryAfter: string | null = null, body: unknown = null): TransportResponse => ({
  status,
  retryAfter,
  body,
});

/**
 * A transport that records every request and answers with `respond` (200 by default).
 * @example const t = createFakeTransport(); t.respond = () => answer(503);
 */
export type FakeTransport = {
  sends: SentRequest[];
  beacons: (SentRequest & { ok: boolean })[];
  respond: Responder;
  beaconResult: (req: SentRequest) => boolean;
  readonly sentIds: string[];
  transport: Transport;
};

export function createFakeTransport(): FakeTransport {
  const fake: FakeTransport = {
    sends: [] as SentRequest[],
    beacons: [] as (SentRequest & { ok: boolean })[],
    respond: (req) => answer(200, null, { accepted: req.batch.events.length, duplicates: 0, rejected: [] }),
    beaconResult: () => true,
    /** ids the collector has seen, in arrival order (sends only) */
    get sentIds(): string[] {
      return fake.sends.flatMap((s) => s.batch.events.map((e) => e.id));
    },
    transport: {
      send: async (_url, raw, init) => {
        const req = { raw, batch: parseBody(raw), keepalive: init.keepalive };
        fake.sends.push(req);
        return fake.respond(req);
      },
      beacon: (_url, raw) => {
        const req = { raw, batch: parseBody(raw), keepalive: true };
        const ok: boolean = fake.beaconResult(req);
        fake.beacons.push({ ...req, ok });
        return ok;
      },
    } as Transport,
  };
  return fake;
}

/**
 * A tracker on memory storage with a fake transport and the storage lease (no Web Locks), recording errors.
 * @example const { tracker, fake } = setup(); tracker.track("play");
 */
export function setup(overrides: Partial<TrackerOptions> = {}, storage: StorageLike = createMemoryStorage()) {
  const fake = createFakeTransport();
  const errors: TrackerError[] = [];
  const delivered: string[] = [];
  const tracker = createTracker({
    endpoint: "https://collect.test/v1/events",
    campaignId: "tet-2027",
    storage,
    locks: null,
    transport: fake.transport,
    random: () => 0.5,
    onError: (e) => errors.push(e),
    onDeliver: (events) => delivered.push(...events.map((e) => e.id)),
    sdkVersion: "0.1.0",
    ...overrides,
  });
  return { tracker, fake, errors, delivered, storage };
}
