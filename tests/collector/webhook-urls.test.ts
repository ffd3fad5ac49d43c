// a webhook endpoint's URL may hold the receiving system's secret (a user name and password, a token in the path or
// query): over real HTTP on both databases, none of it reaches the deliveries API, and a URL with a password stops the start
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollector } from "../../src/collector/index.js";
import { MIGRATIONS, migrate } from "../../src/collector/migrations/index.js";
import { BACKENDS } from "./backends.js";
import { ADMIN, startServer } from "./server.js";

const SECRET = `whsec_${Buffer.from("webhook-urls-test-signing-key-01").toString("base64")}`;
const TOKEN = "xoxb-path-token";

let receiver: Server;
let origin: string;
let host: string;
/** request paths as they arrived */
const hits: string[] = [];

beforeAll(async () => {
  // a receiver whose 404 page echoes the path it was asked for, as many frameworks' do
  receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      hits.push(req.url ?? "");
      // and repeats the query's token on its own, HTML-escaped and decoded, as a receiver naming a bad key might
      if (req.url?.startsWith("/gone/"))
        res.writeHead(404).end(`Cannot POST ${req.url.replace(/&/g, "&amp;")} (${decodeURIComponent(req.url)}): bad key ${TOKEN}`);
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  host = `127.0.0.1:${(receiver.address() as { port: number }).port}`;
  origin = `http://${host}`;
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

const always = {
  id: "hooks",
  game: "wheel",
  mode: "server",
  prizes: [
    { id: "gift", label: "Gift", weight: 1 },
    { id: "none", label: "Next time", weight: 0, win: false },
  ],
  fallbackPrizeId: "none",
};

it("refuses to start with an endpoint URL that carries a user name and password, naming the endpoint, not the password", async () => {
  const collector = createCollector({
    campaigns: [always],
    dataDir: null,
    log: () => {},
    webhooks: { endpoints: [{ url: `http://hookuser:S3cr3tPass@${host}/hooks`, secret: SECRET, events: ["win"] }] },
  });
  const started = collector.listen(0).then(
    () => "started",
    (e: Error) => e.message,
  );
  const message = await started;
  if (message === "started") await collector.close();
  expect(message).toMatch(/webhooks\.endpoints\.0\.url: must not carry a user name or password/);
  expect(message).not.toMatch(/S3cr3tPass|hookuser/);
});

describe.each(BACKENDS)("webhook endpoint URLs on $name", (backend) => {
  it("lists an endpoint and its failed deliveries by host and status, without the URL's path token or query", async () => {
    const s = await startServer(backend, {
      campaigns: [always],
      limits: { ip: false, visitorDraws: false },
      webhooks: {
        endpoints: [{ url: `${origin}/gone/T0AAA/B0BBB/${TOKEN}?k=q&key=${TOKEN}`, secret: SECRET, events: ["win"] }],
        pollMs: 20,
        retryBaseMs: 60_000,
      },
    });
    try {
      const who = await s.mint("hooks");
      const drawn = await s.post("/v1/campaigns/hooks/draw", { ...who, requestId: `url-request-${backend.name}` });
      expect(await drawn.json()).toMatchObject({ win: true });
      const listed = async () => {
        const res = await fetch(`${s.url}/v1/webhooks/deliveries?campaign=hooks`, { headers: { authorization: `Bearer ${ADMIN}` } });
        return (await res.json()) as { endpoints: unknown[]; deliveries: { endpoint: string; lastError: string | null }[] };
      };
      await expect.poll(async () => (await listed()).deliveries[0]?.lastError, { timeout: 10_000 }).toMatch(/^answered 404/);
      const seen = await listed();
      expect(seen.endpoints).toEqual([{ id: host, events: ["win"] }]);
      expect(seen.deliveries).toEqual([expect.objectContaining({ endpoint: host, lastError: "answered 404: Not Found" })]);
      expect(JSON.stringify(seen)).not.toMatch(new RegExp(`${TOKEN}|T0AAA|k=q`));
      // it was the endpoint's own URL that was called
      expect(hits).toContain(`/gone/T0AAA/B0BBB/${TOKEN}?k=q&key=${TOKEN}`);
    } finally {
      await s.close();
    }
  });

  it("delivers what was stored under an endpoint's former default id (its URL's path), under the host, at the next start", async () => {
    const db = await backend.open();
    const path = `/live/T0AAA/${TOKEN}`;
    const row = (messageId: string, endpointId: string) =>
      db.query(
        `INSERT INTO webhook_deliveries (message_id, endpoint_id, event_type, campaign_id, payload, created_at, next_attempt_at, attempts, last_error)
         VALUES ($1, $2, 'win', 'hooks', '{}', 0, 0, 3, $3)`,
        [messageId, endpointId, `TypeError: Request cannot be constructed from a URL that includes credentials: http://u:p@${host}${path}`],
      );
    // as the previous release keyed them: host and path, and with the credentials it could never deliver with
    await row("msg_legacy", `${host}${path}`);
    await row("msg_credentials", `hookuser:S3cr3tPass@${host}${path}`);
    // another endpoint's, which stays its own
    await row("msg_other", `${host}/elsewhere`);
    await db.query("UPDATE webhook_deliveries SET delivered_at = 1 WHERE message_id = 'msg_other'");
    const s = await startServer(db, {
      campaigns: [always],
      webhooks: { endpoints: [{ url: `${origin}${path}`, secret: SECRET, events: ["win"] }], pollMs: 20 },
    });
    try {
      await expect
        .poll(async () => db.query("SELECT message_id, endpoint_id FROM webhook_deliveries WHERE delivered_at > 1 ORDER BY 1"), {
          timeout: 10_000,
        })
        .toEqual([
          { message_id: "msg_credentials", endpoint_id: host },
          { message_id: "msg_legacy", endpoint_id: host },
        ]);
      expect(await db.query("SELECT endpoint_id FROM webhook_deliveries WHERE message_id = 'msg_other'")).toEqual([
        { endpoint_id: `${host}/elsewhere` },
      ]);
    } finally {
      await s.close();
      await db.close();
    }
  });

  it("delivers what two endpoints on one host had under their former default ids, once each is given an id", async () => {
    const db = await backend.open();
    const wins = `/services/T0AAA/B0WIN/${TOKEN}-wins`;
    const leads = `/services/T0AAA/B0LEAD/${TOKEN}-leads`;
    // as the previous release keyed them: two endpoints without ids, each under its host and path
    for (const [messageId, path] of [
      [`msg_wins_${backend.name}`, wins],
      [`msg_leads_${backend.name}`, leads],
    ])
      await db.query(
        `INSERT INTO webhook_deliveries (message_id, endpoint_id, event_type, campaign_id, payload, created_at, next_attempt_at)
         VALUES ($1, $2, 'win', 'hooks', '{}', 0, 0)`,
        [messageId, `${host}${path}`],
      );
    // the start error asks for an id on each endpoint of a shared host; the operator gives them
    const s = await startServer(db, {
      campaigns: [always],
      webhooks: {
        endpoints: [
          { id: "slack-wins", url: `${origin}${wins}`, secret: SECRET, events: ["win"] },
          { id: "slack-leads", url: `${origin}${leads}`, secret: SECRET, events: ["win"] },
        ],
        pollMs: 20,
      },
    });
    try {
      const listed = async () => {
        const res = await fetch(`${s.url}/v1/webhooks/deliveries?campaign=hooks`, { headers: { authorization: `Bearer ${ADMIN}` } });
        return (await res.json()) as { deliveries: { webhookId: string; endpoint: string; status: string }[] };
      };
      await expect
        .poll(async () => (await listed()).deliveries.map((d) => [d.webhookId, d.endpoint, d.status]).sort(), { timeout: 10_000 })
        .toEqual([
          [`msg_leads_${backend.name}`, "slack-leads", "delivered"],
          [`msg_wins_${backend.name}`, "slack-wins", "delivered"],
        ]);
      expect(JSON.stringify(await listed())).not.toMatch(new RegExp(`${TOKEN}|T0AAA`));
      // each to its own URL
      expect(hits).toEqual(expect.arrayContaining([wins, leads]));
    } finally {
      await s.close();
      await db.close();
    }
  });

  it("keeps of the errors stored before, sent or not, the status of a refusal and no part of a URL (migration 155)", async () => {
    const db = await backend.openBefore(155);
    try {
      const legacy = `hooks.example.com/gone/T0/${TOKEN}`;
      const rows: [string, string, string | null, number | null][] = [
        // a receiver's 404 page echoing the path, on a row since delivered
        ["msg_echo", legacy, `answered 404: Cannot POST /gone/T0/${TOKEN}?k=q`, 1],
        ["msg_key", "crm", `answered 401: {"error":"invalid api_key ${TOKEN}"}`, null],
        ["msg_odd", "crm", "answered 599: whatever", null],
        ["msg_scheme", "crm", `TypeError: fetch failed: HTTPS://u:pw@crm.example/h/${TOKEN}`, null],
        ["msg_path", legacy, `Error: no route to /gone/T0/${TOKEN}`, null],
        ["msg_refused", "crm", "Error: connect ECONNREFUSED 127.0.0.1:9", null],
        ["msg_none", "crm", null, 1],
      ];
      for (const [id, endpoint, error, delivered] of rows)
        await db.query(
          `INSERT INTO webhook_deliveries (message_id, endpoint_id, event_type, campaign_id, payload, created_at, next_attempt_at, attempts, last_error, delivered_at)
           VALUES ($1, $2, 'lead', 'c', '{}', 0, 0, 1, $3, $4)`,
          [id, endpoint, error, delivered],
        );
      await migrate(db);
      const stored = await db.query<{ message_id: string; last_error: string | null }>(
        "SELECT message_id, last_error FROM webhook_deliveries ORDER BY 1",
      );
      expect(Object.fromEntries(stored.map((r) => [r.message_id, r.last_error]))).toEqual({
        msg_echo: "answered 404: Not Found",
        msg_key: "answered 401: Unauthorized",
        msg_odd: "answered 599",
        msg_scheme: "TypeError: fetch failed: <endpoint url>",
        msg_path: "Error: no route to <endpoint path>",
        msg_refused: "Error: connect ECONNREFUSED 127.0.0.1:9",
        msg_none: null,
      });
    } finally {
      await db.close();
    }
  });

  it("takes the URLs out of the errors stored before (migration 125)", async () => {
    const db = await backend.openBefore(125);
    try {
      await db.query(
        `INSERT INTO webhook_deliveries (message_id, endpoint_id, event_type, campaign_id, payload, created_at, next_attempt_at, attempts, last_error)
         VALUES ('msg_1', 'crm', 'lead', 'c', '{}', 0, 0, 1, $1), ('msg_2', 'crm', 'lead', 'c', '{}', 0, 0, 1, 'answered 503: down')`,
        [`TypeError: Request cannot be constructed from a URL that includes credentials: https://u:S3cr3t@crm.example/h/${TOKEN}?k=q`],
      );
      await migrate(
        db,
        MIGRATIONS.filter((m) => m.version <= 125),
      );
      expect(await db.query("SELECT message_id, last_error FROM webhook_deliveries ORDER BY 1")).toEqual([
        {
          message_id: "msg_1",
          last_error: "TypeError: Request cannot be constructed from a URL that includes credentials: <endpoint url>",
        },
        { message_id: "msg_2", last_error: "answered 503: down" },
      ]);
    } finally {
      await db.close();
    }
  });
});
