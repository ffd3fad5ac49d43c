// what the browser suites add to tests/helpers/chromium.ts: the repository served with per-test pages,
// and an event sink that records what the tracker sends, headers included
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createCollector } from "../../src/collector/index.js";
import type { CollectorOptions } from "../../src/collector/options.js";
import { serveStatic } from "../helpers/chromium.js";
import { openTestPglite } from "../helpers/pglite.js";

export { launchChromium } from "../helpers/chromium.js";

export const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));

export type StaticServer = {
  url: string;
  /** serve `body` at `path` instead of a file (pages built by a test); the type follows the extension */
  route(path: string, body: string): void;
  close(): Promise<void>;
};

/** files under the repository root, plus the pages a test adds */
export async function startStaticServer(): Promise<StaticServer> {
  // browsers ask for it on every page; a 404 would show up as a console error
  const files: Record<string, string> = { "/favicon.ico": "" };
  const site = await serveStatic({ files, root: repoRoot });
  return {
    url: site.url,
    route: (path, body) => {
      files[path] = body;
    },
    close: site.close,
  };
}

function listen(server: Server): Promise<string> {
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((done) => server.close(() => done()));
}

export type ReceivedBatch = { path: string; headers: IncomingHttpHeaders; body: unknown; raw: string };

export type EventSink = {
  /** POST target for data-collector */
  endpoint: string;
  batches: ReceivedBatch[];
  /** every event received, in arrival order */
  events(): Array<Record<string, unknown>>;
  /** resolves once `predicate` holds for the events received so far */
  waitFor(predicate: (events: Array<Record<string, unknown>>) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

/** a minimal collector: accepts batches as text/plain or JSON, answers CORS, keeps everything in memory */
export async function startEventSink(): Promise<EventSink> {
  const batches: ReceivedBatch[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const cors = {
      "access-control-allow-origin": "*",
      "access-control-allow-headers": "content-type",
      "access-control-allow-methods": "POST, OPTIONS",
    };
    if (req.method === "OPTIONS") {
      res.writeHead(204, cors).end();
      return;
    }
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (raw += chunk));
    req.on("end", () => {
      let body: unknown = null;
      try {
        body = JSON.parse(raw);
      } catch {
        body = null;
      }
      batches.push({ path: req.url ?? "", headers: req.headers, body, raw });
      res.writeHead(202, { ...cors, "content-type": "application/json" }).end(JSON.stringify({ accepted: true }));
      for (const wake of waiters) wake();
    });
  });
  const url = await listen(server);
  const events = () => batches.flatMap((b) => ((b.body as { events?: unknown[] } | null)?.events ?? []) as Array<Record<string, unknown>>);
  return {
    endpoint: `${url}/v1/events`,
    batches,
    events,
    waitFor(predicate, timeoutMs = 15_000) {
      return new Promise((done, fail) => {
        const check = () => {
          if (!predicate(events())) return;
          clearTimeout(timer);
          waiters.delete(check);
          done();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          fail(
            new Error(
              `events never matched; received types: ${
                events()
                  .map((e) => e.type)
                  .join(", ") || "none"
              }`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => close(server),
  };
}

export type TestCollector = { url: string; close(): Promise<void> };

/**
 * A real collector on a fresh PGlite, listening on 127.0.0.1, for pages in Chromium to talk to: every origin allowed,
 * automated browsers counted, admin token "e2e-admin", no log; `options` adds to or overrides these.
 * @example
 * const collector = await startTestCollector({ campaigns: [campaign] });
 * hostPage({ attrs: { "data-campaign": `${collector.url}/v1/campaigns/${campaign.id}` } });
 */
export async function startTestCollector(options: CollectorOptions): Promise<TestCollector> {
  const database = await openTestPglite();
  const collector = createCollector({
    database,
    dataDir: null,
    adminToken: "e2e-admin",
    allowedOrigins: ["*"],
    includeAutomated: true,
    log: () => {},
    ...options,
  });
  const listening = await collector.listen(0);
  return {
    url: `http://127.0.0.1:${listening.port}`,
    async close() {
      await listening.close();
      await collector.close();
      await database.close();
    },
  };
}
