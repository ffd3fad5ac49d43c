import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "./main.js";
import { captureIo } from "../../tests/helpers/cli/capture-io.js";
import { statsUrl } from "./stats.js";
import { computeStats, type EngagementEvent, type EventType } from "../core/index.js";

const TOKEN = "s3cret";
const day1 = Date.parse("2027-01-20T10:00:00+07:00");
const day2 = Date.parse("2027-01-21T10:00:00+07:00");
let n = 0;
const ev = (type: EventType, visitorId: string, ts: number, props?: EngagementEvent["props"]): EngagementEvent => ({
  id: `e${++n}`,
  type,
  campaignId: "tet-2027",
  visitorId,
  sessionId: "s",
  ts,
  ...(props ? { props } : {}),
});
const events = [
  ...["a", "b", "c", "d"].map((v) => ev("impression", v, day1)),
  ev("open", "a", day1),
  ev("open", "b", day1),
  ev("play", "a", day1),
  ev("play", "b", day2),
  ev("play", "b", day2),
  ev("result", "a", day1, { win: true, prizeId: "voucher50" }),
  ev("result", "b", day2, { win: false, prizeId: "none" }),
  ev("result", "b", day2, { win: true, prizeId: "voucher50" }),
  ev("claim", "a", day1),
];
const expected = computeStats(events, { timezone: "Asia/Ho_Chi_Minh" })["tet-2027"]!;

// a stand-in collector over real HTTP: the same route, auth and error shape as src/collector
let server: Server;
let base: string;
const requests: IncomingMessage[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req);
    const send = (status: number, body: unknown, type = "application/json") => {
      res.writeHead(status, { "content-type": type });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    const m = /^\/v1\/campaigns\/([^/]+)\/stats$/.exec(new URL(req.url!, "http://x").pathname);
    if (req.url === "/html/v1/campaigns/tet-2027/stats") return send(200, "<html>login</html>", "text/html");
    if (!m) return send(404, { error: "not found" });
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return send(401, { error: "missing or wrong admin token (Authorization: Bearer <token>)" });
    if (m[1] !== "tet-2027") return send(404, { error: `unknown campaign "${decodeURIComponent(m[1]!)}"` });
    send(200, expected);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function stats(...argv: string[]) {
  const io = captureIo();
  const code = await main(["stats", ...argv], io);
  return { code, ...io };
}

describe("minigame stats", () => {
  it("prints totals with rates as percentages, the funnel, prizes and days", async () => {
    const r = await stats("--collector", base, "--campaign", "tet-2027", "--token", TOKEN);
    expect(r.stderr).toEqual([]);
    expect(r.code).toBe(0);
    const out = r.stdout.map((l) => l.replace(/\s+/g, " ").trim());
    expect(out[0]).toBe("tet-2027");
    expect(out).toContain("impressions 4");
    expect(out).toContain("participants 2 participation 50.0%");
    expect(out).toContain("wins 2 win rate 66.7%");
    expect(out).toContain("claims 1 conversion 25.0%");
    expect(out).toContain("funnel visitors of reach");
    expect(out).toContain("open 2 50.0%");
    expect(out).toContain("voucher50 2 100.0%");
    expect(out).toContain("day impressions reach participants plays wins claims leads");
    expect(out).toContain("2027-01-20 4 4 1 1 1 1 0");
    expect(out).toContain("2027-01-21 0 0 1 2 1 0 0");
  });

  it("prints the collector's JSON with --json and sends the token as a bearer header", async () => {
    requests.length = 0;
    const r = await stats("--collector", `${base}/v1/events`, "--campaign", "tet-2027", "--token", TOKEN, "--json", "--from", "2027-01-20");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.join("\n"))).toEqual(expected);
    expect(requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(requests[0]!.url).toBe("/v1/campaigns/tet-2027/stats?from=2027-01-20");
  });

  it("takes the token from MINIGAME_TOKEN", async () => {
    process.env.MINIGAME_TOKEN = TOKEN;
    try {
      expect((await stats("--collector", base, "--campaign", "tet-2027", "--json")).code).toBe(0);
    } finally {
      delete process.env.MINIGAME_TOKEN;
    }
  });

  it("takes the token from MINIGAME_ADMIN_TOKEN, the collector's own variable, when MINIGAME_TOKEN is not set", async () => {
    process.env.MINIGAME_ADMIN_TOKEN = TOKEN;
    try {
      expect((await stats("--collector", base, "--campaign", "tet-2027", "--json")).code).toBe(0);
      expect(requests.at(-1)!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    } finally {
      delete process.env.MINIGAME_ADMIN_TOKEN;
    }
  });

  it("explains a refused token and an unknown campaign", async () => {
    const denied = await stats("--collector", base, "--campaign", "tet-2027", "--token", "wrong");
    expect(denied.code).toBe(1);
    expect(denied.stderr).toEqual([
      "the collector answered 401: missing or wrong admin token (Authorization: Bearer <token>)",
      "stats need the collector's admin token: pass --token or set MINIGAME_TOKEN (or MINIGAME_ADMIN_TOKEN)",
    ]);
    const unknown = await stats("--collector", base, "--campaign", "nope", "--token", TOKEN);
    expect(unknown.stderr).toEqual(['the collector answered 404: unknown campaign "nope"']);
  });

  it("says clearly when the collector cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const r = await stats("--collector", `http://127.0.0.1:${port}`, "--campaign", "tet-2027");
    expect(r.code).toBe(1);
    expect(r.stderr).toEqual([
      `cannot reach the collector at http://127.0.0.1:${port} (ECONNREFUSED). Is it running, and is the URL right?`,
    ]);
  });

  it("says so when the answer is not stats", async () => {
    const r = await stats("--collector", `${base}/html`, "--campaign", "tet-2027", "--token", TOKEN);
    expect(r.code).toBe(1);
    expect(r.stderr).toEqual([`the collector at ${base} answered with something that is not campaign stats`]);
  });

  it("asks for the collector and the campaign, and rejects a bad URL or an unknown option", async () => {
    expect((await stats("--campaign", "x")).code).toBe(2);
    expect((await stats("--collector", base)).stderr).toEqual([
      "minigame stats: --campaign is missing",
      "usage: minigame stats --collector URL --campaign ID [--token T] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]",
    ]);
    expect((await stats()).stderr[0]).toBe("minigame stats: --collector and --campaign are missing");
    expect((await stats("--collector", "not a url", "--campaign", "x")).stderr).toEqual([
      '--collector must be a URL such as http://127.0.0.1:8787, got "not a url"',
    ]);
    const unknown = await stats("--collector", base, "--campaign", "x", "--verbose");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr[0]).toBe(
      "minigame stats: unknown option --verbose (it takes --collector, --campaign, --token, --from, --to, --json)",
    );
  });
});

describe("statsUrl", () => {
  it("accepts the collector's base URL or its events endpoint", () => {
    for (const c of ["https://c.example.com", "https://c.example.com/", "https://c.example.com/v1/events", "https://c.example.com/v1"]) {
      expect(statsUrl(c, "tet 2027").href).toBe("https://c.example.com/v1/campaigns/tet%202027/stats");
    }
    expect(statsUrl("https://c.example.com/minigame/v1/events", "x", { to: "2027-02-01", from: undefined }).href).toBe(
      "https://c.example.com/minigame/v1/campaigns/x/stats?to=2027-02-01",
    );
  });
});
