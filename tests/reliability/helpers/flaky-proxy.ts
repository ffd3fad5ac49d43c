// a proxy on 127.0.0.1 that loses traffic at random: some requests never reach the upstream, and some responses
// never reach the client after the upstream handled them (the case that makes a retry deliver a duplicate)
import { createSeededRandom } from "../../../src/core/engine/random.js";
import { createServer, request, type Server } from "node:http";
import type { Socket } from "node:net";

export type FlakyProxyOptions = {
  /** the upstream's port on 127.0.0.1 (it may be down: the client then sees a reset) */
  upstreamPort: number;
  /** share of requests dropped before the upstream sees them */
  dropRequest: number;
  /** share of responses dropped after the upstream answered */
  dropResponse: number;
  /** seed of the losses, so a failing run can be replayed (default 1); `random` overrides it */
  seed?: number;
  random?: () => number;
};

export type FlakyProxy = {
  port: number;
  counts: { forwarded: number; droppedRequests: number; droppedResponses: number; upstreamDown: number };
  close(): Promise<void>;
};

/**
 * Start the proxy on a free port.
 * @example const proxy = await startFlakyProxy({ upstreamPort: 8787, dropRequest: 0.2, dropResponse: 0.2 });
 */
export async function startFlakyProxy(options: FlakyProxyOptions): Promise<FlakyProxy> {
  const random = options.random ?? createSeededRandom(options.seed ?? 1);
  const counts = { forwarded: 0, droppedRequests: 0, droppedResponses: 0, upstreamDown: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    // a browser's CORS preflight is passed through untouched: losing it only delays the test
    const lossy = req.method === "POST";
    if (lossy && random() < options.dropRequest) {
      counts.droppedRequests++;
      req.socket.destroy();
      return;
    }
    const upstream = request(
      { host: "127.0.0.1", port: options.upstreamPort, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        const chunks: Buffer[] = [];
        up.on("data", (c: Buffer) => chunks.push(c));
        up.on("end", () => {
          if (lossy && random() < options.dropResponse) {
            counts.droppedResponses++;
            req.socket.destroy();
            return;
          }
          counts.forwarded++;
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(Buffer.concat(chunks));
        });
      },
    );
    upstream.on("error", () => {
      counts.upstreamDown++;
      req.socket.destroy();
    });
    req.pipe(upstream);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    counts,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
