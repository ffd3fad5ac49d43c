// what the browser suites share: Debian's Chromium through playwright-core, a static server over the
// repository (with per-test pages and headers), and an event sink that records what the tracker sends
import { readFile } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";

export const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** Chromium as CI has it: the system binary, no sandbox inside containers, no background traffic */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

export type Route = { status?: number; body: string; type?: string; headers?: Record<string, string> };

export type StaticServer = {
  url: string;
  /** serve `body` at `path` instead of a file (pages built by a test, failing campaign URLs) */
  route(path: string, route: Route): void;
  close(): Promise<void>;
};

function listen(server: Server): Promise<string> {
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((done) => server.close(() => done()));
}

/** files under the repository root, read-only, never outside it */
export async function startStaticServer(root = repoRoot): Promise<StaticServer> {
  const routes = new Map<string, Route>();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const route = routes.get(path);
    if (route) {
      res.writeHead(route.status ?? 200, { "content-type": route.type ?? "text/html; charset=utf-8", "cache-control": "no-store", ...route.headers });
      res.end(route.body);
      return;
    }
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  const url = await listen(server);
  return { url, route: (path, route) => void routes.set(path, route), close: () => close(server) };
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
    const cors = { "access-control-allow-origin": "*", "access-control-allow-headers": "content-type", "access-control-allow-methods": "POST, OPTIONS" };
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
  const events = () =>
    batches.flatMap((b) => ((b.body as { events?: unknown[] } | null)?.events ?? []) as Array<Record<string, unknown>>);
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
          fail(new Error(`events never matched; received types: ${events().map((e) => e.type).join(", ") || "none"}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => close(server),
  };
}
