// a small collector for delivery tests: POST /v1/events, dedupe by id, and failures on demand
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { batchSchema, eventSchema, type EngagementEvent } from "../../src/core/events/index.js";

export type StubMode =
  | { kind: "ok" }
  | { kind: "status"; status: number; retryAfter?: string }
  /** store the events, then cut the connection before answering: the client must retry, the server must dedupe */
  | { kind: "lose-answer" };

export type StubRequest = { headers: IncomingHttpHeaders; events: string[]; dropped?: number; answered: number | "cut" };

/**
 * Start a collector stand-in on 127.0.0.1 that can be taken down and brought back on the same port.
 * @example const stub = await startCollectorStub(); await stub.down(); await stub.up();
 */
export async function startCollectorStub() {
  const events = new Map<string, EngagementEvent>();
  const requests: StubRequest[] = [];
  const stats = { received: 0, duplicates: 0, invalid: 0 };
  let mode: StubMode = { kind: "ok" };
  let server: Server;
  const sockets = new Set<Socket>();
  let port = 0;

  const handle: Parameters<typeof createServer>[1] = (req, res) => {
    const cors = { "access-control-allow-origin": "*" };
    if (req.method === "OPTIONS") {
      // a preflight would mean the tracker sent a non-simple request; record it so a test can fail on it
      requests.push({ headers: req.headers, events: [], answered: 204 });
      res.writeHead(204, cors).end();
      return;
    }
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (raw += c));
    req.on("end", () => {
      const record: StubRequest = { headers: req.headers, events: [], answered: 200 };
      requests.push(record);
      if (mode.kind === "status") {
        record.answered = mode.status;
        const headers: Record<string, string> = { ...cors, "content-type": "application/json" };
        if (mode.retryAfter) headers["retry-after"] = mode.retryAfter;
        res.writeHead(mode.status, headers).end(JSON.stringify({ error: `status ${mode.status}` }));
        return;
      }
      let batch: ReturnType<typeof batchSchema.parse>;
      try {
        batch = batchSchema.parse(JSON.parse(raw));
      } catch {
        stats.invalid++;
        record.answered = 400;
        res.writeHead(400, cors).end();
        return;
      }
      let accepted = 0;
      let duplicates = 0;
      const rejected: { index: number; reason: string }[] = [];
      batch.events.forEach((item, index) => {
        const parsed = eventSchema.safeParse(item);
        if (!parsed.success) {
          rejected.push({ index, reason: parsed.error.message.slice(0, 200) });
          return;
        }
        const e = parsed.data;
        record.events.push(e.id);
        stats.received++;
        if (events.has(e.id)) {
          duplicates++;
          stats.duplicates++;
          return;
        }
        events.set(e.id, e);
        accepted++;
      });
      if (batch.dropped !== undefined) record.dropped = batch.dropped;
      if (mode.kind === "lose-answer") {
        record.answered = "cut";
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { ...cors, "content-type": "application/json" }).end(JSON.stringify({ accepted, duplicates, rejected }));
    });
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer(handle);
      server.on("connection", (s) => {
        sockets.add(s);
        s.on("close", () => sockets.delete(s));
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();

  return {
    get url() {
      return `http://127.0.0.1:${port}/v1/events`;
    },
    events,
    requests,
    stats,
    setMode(next: StubMode) {
      mode = next;
    },
    /** stop listening and cut every open connection: the port refuses connections */
    down(): Promise<void> {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
    /** listen again on the same port */
    up: listen,
    close(): Promise<void> {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
    },
  };
}
