// a collector on a real port for HTTP tests, over a database from BACKENDS
import { readFileSync } from "node:fs";
import { createCollector, type CollectorOptions, type LogLine } from "../../src/collector/index.js";
import type { Database } from "../../src/collector/storage/index.js";
import type { EngagementEvent } from "../../src/core/events/index.js";
import type { Backend } from "./backends.js";

export const ADMIN = "test-admin-token";
const tetFile = JSON.parse(readFileSync(new URL("../../examples/campaigns/tet.json", import.meta.url), "utf8")) as Record<string, unknown>;
/**
 * The Tết example as a client-mode campaign, its prizes without stock, caps or codes (client mode keeps none): these
 * suites send events and read event-based stats; server-mode suites bring their own campaigns.
 */
export const tet: Record<string, unknown> = {
  ...tetFile,
  mode: "client",
  prizes: (tetFile.prizes as Record<string, unknown>[]).map(({ stock: _s, dailyCap: _d, codes: _c, codeGenerator: _g, ...p }) => p),
};

export type TestServer = {
  url: string;
  /** the collector's database, to check what it holds */
  db: Database;
  logs: LogLine[];
  close(): Promise<void>;
  /** POST JSON (as text/plain unless `type` says otherwise) */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** the stored events of a campaign as EngagementEvents, with their corrected times */
  storedEvents(campaignId?: string): Promise<EngagementEvent[]>;
  /** GET stats for a campaign with the admin token */
  stats(campaignId: string, query?: string): Promise<Record<string, unknown>>;
  /** mint a visitor of a campaign (POST …/visitors); throws unless the collector answers 201 */
  mint(
    campaignId: string,
    body?: { ref?: string; memberToken?: string; context?: Record<string, unknown> },
    headers?: Record<string, string>,
  ): Promise<Minted>;
};

/** what POST /v1/campaigns/:id/visitors answers */
export type Minted = { visitorId: string; visitorToken: string; referralToken: string };

/** start on a new database of `backend`, or on `database` (left open on close, for the next server) */
export async function startServer(backend: Backend | Database, options: CollectorOptions = {}): Promise<TestServer> {
  const owned = "open" in backend;
  const database = owned ? await backend.open() : backend;
  const logs: LogLine[] = [];
  const collector = createCollector({
    database,
    dataDir: null,
    secret: "test-secret",
    adminToken: ADMIN,
    campaigns: [tet],
    log: (line) => logs.push(line),
    ...options,
  });
  const server = await collector.listen(0).catch(async (e) => {
    if (owned) await database.close();
    throw e;
  });
  const url = `http://127.0.0.1:${server.port}`;
  return {
    url,
    db: database,
    logs,
    async close() {
      await collector.close();
      if (owned) await database.close();
    },
    post: (path, body, headers = {}) =>
      fetch(url + path, {
        method: "POST",
        body: typeof body === "string" || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
        headers: { "content-type": "text/plain", ...headers },
      }),
    async storedEvents(campaignId = "tet-2027") {
      const rows = await database.query<{
        id: string;
        type: EngagementEvent["type"];
        visitor_id: string;
        session_id: string;
        ts: number;
        props: EngagementEvent["props"] | null;
        context: EngagementEvent["context"] | null;
      }>("SELECT id, type, visitor_id, session_id, ts, props, context FROM events WHERE campaign_id = $1", [campaignId]);
      return rows.map((r) => ({
        id: r.id,
        type: r.type,
        campaignId,
        visitorId: r.visitor_id,
        sessionId: r.session_id,
        ts: r.ts,
        ...(r.props ? { props: r.props } : {}),
        ...(r.context ? { context: r.context } : {}),
      }));
    },
    async mint(campaignId, body = {}, headers = {}) {
      const res = await fetch(`${url}/v1/campaigns/${campaignId}/visitors`, {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json", ...headers },
      });
      if (res.status !== 201) throw new Error(`mint answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as Minted;
    },
    async stats(campaignId, query = "") {
      const res = await fetch(`${url}/v1/campaigns/${campaignId}/stats${query}`, { headers: { authorization: `Bearer ${ADMIN}` } });
      if (res.status !== 200) throw new Error(`stats answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as Record<string, unknown>;
    },
  };
}

let n = 0;
/** a valid event for the tet-2027 campaign */
export const event = (over: Record<string, unknown> = {}) => ({
  id: `ev-${Date.now()}-${n++}`,
  type: "impression",
  campaignId: "tet-2027",
  visitorId: "visitor-1",
  sessionId: "session-1",
  ts: Date.now(),
  ...over,
});
