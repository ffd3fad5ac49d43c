// bad input at the collector's door: ≥10k fuzzed requests each to POST /v1/events and POST /v1/campaigns/:id/draw,
// in-process through app.request → never a 5xx, never an unhandled error, always a readable answer
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { createCollector, visitorToken, type Collector, type Database, type LogLine } from "../../src/collector/index.js";
import { openTestPglite } from "../helpers/pglite.js";
import { EVENT_TYPES } from "../../src/core/index.js";
import { quizCampaign, stockedWheel } from "./campaigns.js";
import { scaled, timeoutFor } from "./soak.js";

const SECRET = "fuzz-secret-0123456789abcdef";
const CAMPAIGNS = ["fuzz-wheel", "fuzz-quiz"];
const logs: LogLine[] = [];
let collector: Collector;
let database: Database | undefined;

beforeAll(async () => {
  database = await openTestPglite();
  collector = createCollector({
    // every request comes from one (socketless) address: its per-address allowance would stop the real draws early
    campaigns: [stockedWheel("fuzz-wheel", 200), quizCampaign("fuzz-quiz")].map((c) => ({
      ...c,
      limits: { perAddress: { perDay: 1_000_000 } },
    })),
    database,
    dataDir: null,
    secret: SECRET,
    adminToken: "admin-token",
    // rate limits would answer 429 before the parsers are reached; the fuzz is after the parsers
    limits: { ip: false, visitorEvents: false, visitorDraws: false, mintsPerAddress: false },
    log: (line) => logs.push(line),
  });
  await collector.ready;
  // visitors the collector minted, for the requests that carry a genuine token
  for (const campaignId of CAMPAIGNS) {
    const pool: Array<{ visitorId: string; visitorToken: string }> = [];
    for (let i = 0; i < 20; i++) {
      const res = await collector.app.request(`/v1/campaigns/${campaignId}/visitors`, { method: "POST", body: "{}" });
      pool.push((await res.json()) as { visitorId: string; visitorToken: string });
    }
    minted[campaignId] = pool;
  }
});
const minted: Record<string, Array<{ visitorId: string; visitorToken: string }>> = {};
afterAll(async () => {
  await collector?.close();
  await database?.close();
});

type Body = string | Uint8Array;
type Request = { path: string; contentType: string | null; body: Body };

async function send(r: Request): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = {};
  if (r.contentType !== null) headers["content-type"] = r.contentType;
  const body = typeof r.body === "string" ? r.body : new Uint8Array(r.body);
  const res = await collector.app.request(r.path, { method: "POST", headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, json };
}

/** the answer is either the endpoint's success shape or `{ error: "<a sentence>" }` with a 4xx */
function expectWellFormed(res: { status: number; json: unknown }, success: (json: any) => void) {
  expect(res.status).toBeLessThan(500);
  if (res.status === 200) success(res.json);
  else {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect((res.json as { error?: unknown }).error).toMatch(/\S/);
  }
}

const contentType = fc.constantFrom<string | null>(
  "application/json",
  "text/plain",
  "text/plain;charset=UTF-8",
  null,
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "APPLICATION/JSON",
);
const weird = fc.oneof(
  fc.jsonValue(),
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.constantFrom(-1, 1e308, -0, 2 ** 53 + 1, "", "__proto__", null),
);

const visitorIds = fc.oneof(fc.constantFrom("v-1", "v-2", "v-3"), fc.string({ minLength: 1, maxLength: 70 }), fc.constant(" "));
const goodEvent = fc.record({
  id: fc.oneof(fc.uuid(), fc.string({ maxLength: 70 })),
  type: fc.oneof(fc.constantFrom(...EVENT_TYPES), fc.string({ maxLength: 10 })),
  campaignId: fc.oneof(fc.constantFrom(...CAMPAIGNS), fc.string({ maxLength: 70 })),
  visitorId: visitorIds,
  sessionId: fc.string({ minLength: 1, maxLength: 64 }),
  ts: fc.oneof(fc.integer({ min: 0, max: 2 ** 52 }), fc.constant(Date.now()), fc.double()),
  props: fc.option(
    fc.dictionary(
      fc.string({ maxLength: 70 }),
      fc.oneof(fc.string({ maxLength: 20 }), fc.double(), fc.boolean(), fc.constant(null), fc.jsonValue()),
      { maxKeys: 5 },
    ),
    { nil: undefined },
  ),
  context: fc.option(fc.record({ url: fc.string(), automated: fc.oneof(fc.boolean(), fc.jsonValue()) }, { requiredKeys: [] }), {
    nil: undefined,
  }),
});
// a valid-looking event with one field swapped for something else
const event = fc.oneof(
  goodEvent,
  fc
    .tuple(goodEvent, fc.constantFrom("id", "type", "campaignId", "visitorId", "sessionId", "ts", "props", "context", "extra"), weird)
    .map(([e, k, v]) => ({ ...e, [k]: v })),
  weird,
);
const batch = fc.record(
  {
    sentAt: fc.oneof(fc.constant(Date.now()), fc.integer({ min: 0, max: 2 ** 52 }), weird),
    events: fc.oneof(fc.array(event, { maxLength: 12 }), weird),
    dropped: weird,
  },
  { requiredKeys: ["events"] },
);

const rawBody: fc.Arbitrary<Body> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }), // invalid UTF-8 among it
  fc.constantFrom("", " ", "null", "[]", "{}", '{"events":', "[".repeat(5000) + "]".repeat(5000), "x".repeat(70 * 1024)),
);

const eventRequest: fc.Arbitrary<Request> = fc.record({
  path: fc.constant("/v1/events"),
  contentType,
  body: fc.oneof({ weight: 3, arbitrary: batch.map((b) => JSON.stringify(b) ?? "") }, { weight: 1, arbitrary: rawBody }),
});

describe("POST /v1/events under fuzzing", () => {
  it(
    "answers every request with a 2xx or a clear 4xx, never a 5xx",
    async () => {
      const seen = { accepted: 0, refused: 0 };
      const logged = logs.length;
      await fc.assert(
        fc.asyncProperty(eventRequest, async (r) => {
          const res = await send(r);
          expectWellFormed(res, (json) => {
            expect(json.accepted).toBeGreaterThanOrEqual(0);
            expect(Array.isArray(json.rejected)).toBe(true);
          });
          seen[res.status === 200 ? "accepted" : "refused"]++;
        }),
        { numRuns: scaled(10_000) },
      );
      // the fuzz reached both the happy path and the refusals (a batch none of whose events is accepted answers 422,
      // so most generated batches land among the refusals; about 1% are stored)
      expect(seen.accepted).toBeGreaterThan(50);
      expect(seen.refused).toBeGreaterThan(100);
      expect(logs.slice(logged).filter((l) => l.level === "error")).toEqual([]);
    },
    timeoutFor(240_000),
  );
});

describe("POST /v1/campaigns/:id/draw under fuzzing", () => {
  // a third of the requests carry a genuine token, so real draws run in the database next to the bad ones
  const drawBody = fc
    .record({
      campaignId: fc.oneof(fc.constantFrom(...CAMPAIGNS), fc.string({ maxLength: 70 })),
      visitorId: visitorIds,
      token: fc.constantFrom("genuine", "other", "random"),
      random: fc.string({ maxLength: 110 }),
      requestId: fc.oneof(fc.uuid(), fc.string({ maxLength: 70 })),
      answers: fc.option(
        fc.dictionary(
          fc.oneof(fc.constantFrom("q1", "q2"), fc.string({ maxLength: 70 })),
          fc.oneof(fc.integer(), fc.array(fc.integer(), { maxLength: 20 }), weird),
        ),
        { nil: undefined },
      ),
      extra: fc.option(fc.dictionary(fc.constantFrom("prize", "win", "code", "prizeId", "__proto__"), weird), { nil: undefined }),
    })
    .map((b) => {
      // a genuine token belongs to a minted visitor; "other" is a token computed for an id nobody minted
      const pool = minted[b.campaignId];
      const own = b.token === "genuine" && pool ? pool[b.visitorId.length % pool.length]! : undefined;
      const visitorToken_ = own ? own.visitorToken : b.token === "other" ? visitorToken(SECRET, b.campaignId, b.visitorId) : b.random;
      return {
        b,
        body: {
          ...b.extra,
          visitorId: own?.visitorId ?? b.visitorId,
          visitorToken: visitorToken_,
          requestId: b.requestId,
          ...(b.answers ? { answers: b.answers } : {}),
        },
      };
    });

  const drawRequest: fc.Arbitrary<Request> = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.tuple(drawBody, contentType).map(([{ b, body }, ct]) => ({
        path: `/v1/campaigns/${encodeURIComponent(b.campaignId)}/draw`,
        contentType: ct,
        body: JSON.stringify(body),
      })),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        path: fc.oneof(
          fc.constant("/v1/campaigns/fuzz-wheel/draw"),
          fc.string({ maxLength: 30 }).map((s) => `/v1/campaigns/${encodeURIComponent(s)}/draw`),
        ),
        contentType,
        body: rawBody,
      }),
    },
  );

  it(
    "answers every request with a result or a clear 4xx, never a 5xx",
    async () => {
      const seen = { drawn: 0, refused: 0 };
      const logged = logs.length;
      await fc.assert(
        fc.asyncProperty(drawRequest, async (r) => {
          const res = await send(r);
          expectWellFormed(res, (json) => {
            expect(typeof json.ok).toBe("boolean");
            if (json.ok) expect(typeof json.token).toBe("string");
          });
          seen[res.status === 200 ? "drawn" : "refused"]++;
        }),
        { numRuns: scaled(10_000) },
      );
      expect(seen.drawn).toBeGreaterThan(100);
      expect(seen.refused).toBeGreaterThan(100);
      expect(logs.slice(logged).filter((l) => l.level === "error")).toEqual([]);
    },
    timeoutFor(240_000),
  );
});
