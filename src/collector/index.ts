// minigame-sdk/collector: events in, server-side draws, per-campaign stats out (Node only)
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import type { AddressInfo } from "node:net";
import { createApp } from "./app.js";
import { openContext, type Context } from "./context.js";
import type { CollectorOptions } from "./options.js";
import type { AppEnv } from "./routes/http.js";

export type { CollectorOptions, CollectorLimits, LogLine } from "./options.js";
export { DEFAULT_LIMITS } from "./options.js";
export { validateCampaigns, DEFAULT_DATA_DIR } from "./context.js";
export { verifyResult, visitorToken, type ResultClaim } from "./security/tokens.js";
export { openPglite, openPostgres, type Database } from "./storage/index.js";
export { migrate } from "./migrations/index.js";
export { createDatabaseStore } from "./storage/engine-store.js";
export { queryStats, type StatsQuery } from "./storage/stats.js";
export { loadCampaignFiles } from "./campaign-files.js";
export { loadWebhookConfig, parseWebhookConfig, type WebhookConfig, type DeliveryView } from "./webhooks/index.js";

export type Collector = {
  /** the Hono app: mount it elsewhere or call app.request() in tests */
  app: Hono<AppEnv>;
  /** resolves once the database is open and migrated; rejects when the start failed */
  ready: Promise<void>;
  /** serve on `port` (0 picks a free one) and `host` (default 127.0.0.1) */
  listen(port: number, host?: string): Promise<{ port: number; close(): Promise<void> }>;
  /** stop every server started by listen and close the database (unless it was passed in) */
  close(): Promise<void>;
};

/**
 * Create a collector. The database opens in the background; requests wait for it.
 * @example
 * const collector = createCollector({ campaigns: [campaign], adminToken: "s3cret" });
 * const { port } = await collector.listen(8787);
 */
export function createCollector(options: CollectorOptions = {}): Collector {
  // filled by `ready` before any handler runs: the app itself is built at once
  const ctx = {} as Context;
  let owns = false;
  const ready = openContext(options).then(({ ownsDb, ...opened }) => {
    owns = ownsDb;
    Object.assign(ctx, opened);
  });
  ready.catch(() => {}); // surfaced by listen() and by each request, not as an unhandled rejection
  const app = createApp(ctx, ready, options.allowedOrigins, options.dashboardDir);
  const servers = new Set<{ close(): Promise<void> }>();

  return {
    app,
    ready,
    async listen(port, host = "127.0.0.1") {
      await ready;
      return new Promise((resolve, reject) => {
        const server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
          const handle = {
            port: info.port,
            close: () =>
              new Promise<void>((done) => {
                servers.delete(handle);
                server.close(() => done());
                // keep-alive sockets would hold close() open
                (server as { closeAllConnections?: () => void }).closeAllConnections?.();
              }),
          };
          servers.add(handle);
          ctx.log({ t: new Date().toISOString(), level: "info", msg: "listening", host, port: info.port });
          resolve(handle);
        });
        // idle keep-alive sockets outlive a load balancer's (60 s) and a busy client's: the server is never the side
        // that closes a connection a request is being written to (ECONNRESET on a POST nobody retries)
        Object.assign(server, { keepAliveTimeout: 65_000, headersTimeout: 66_000 });
        server.once("error", reject);
      });
    },
    async close() {
      await Promise.all([...servers].map((s) => s.close()));
      await ready.catch(() => {});
      // the queue first: its consumer may be storing a batch, which needs the database
      await ctx.queue?.close();
      ctx.retention?.stop();
      ctx.partitions?.stop();
      await ctx.rollups?.stop();
      await ctx.webhooks?.stop();
      if (owns && ctx.db) await ctx.db.close();
    },
  };
}
