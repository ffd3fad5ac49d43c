// the Hono app: CORS, one log line per request, IP rate limit, body size limit, then the routes
import { Hono } from "hono";
import { compress } from "hono/compress";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { limitBody } from "./ingest/body.js";
import type { Context } from "./context.js";
import { dashboardRoutes, findDashboardDir } from "./dashboard/index.js";
import { adminRoutes } from "./routes/admin.js";
import { campaignRoutes } from "./routes/campaigns.js";
import { claimRoutes } from "./routes/claims.js";
import { leadRoutes } from "./leads/index.js";
import { drawRoutes } from "./routes/draw.js";
import { eventRoutes } from "./routes/events.js";
import { clientIp, fail, limited, type AppEnv } from "./routes/http.js";
import { statsRoutes } from "./routes/stats.js";
import { visitorRoutes } from "./routes/visitor.js";
import { identityRoutes } from "./routes/identity.js";
import { addressKey } from "./security/client-address.js";
import { webhookRoutes } from "./routes/webhooks.js";

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/** whether CORS lets `origin` read our answers */
export function originAllowed(origin: string, allowed: readonly string[] | undefined): boolean {
  if (!allowed || allowed.length === 0) return LOCAL_ORIGIN.test(origin);
  return allowed.includes("*") || allowed.includes(origin);
}

// GET routes whose answers are JSON or CSV of some size, read by the dashboard and scripts with the admin token
const ADMIN_READS = [
  "/v1/campaigns",
  "/v1/campaigns/:id/stats",
  "/v1/campaigns/:id/stats.csv",
  "/v1/campaigns/:id/leads.csv",
  "/v1/campaigns/:id/inventory",
  "/v1/webhooks/deliveries",
];

/**
 * Build the app over a context that `ready` fills before the first request is handled.
 * @example const app = createApp(ctx, ready, ["https://shop.example"]);
 */
export function createApp(
  ctx: Context,
  ready: Promise<unknown>,
  allowedOrigins?: readonly string[],
  dashboardDir: string | undefined = findDashboardDir(),
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use("*", async (c, next) => {
    try {
      await ready;
    } catch (e) {
      // the start failed (database unreachable, invalid campaigns): say so rather than fail obscurely
      return fail(c, 503, `the collector did not start: ${(e as Error).message}`);
    }
    const start = performance.now();
    await next();
    ctx.log({
      t: new Date().toISOString(),
      level: c.res.status >= 500 ? "error" : "info",
      method: c.req.method,
      // the route pattern, not the URL: query strings carry visitor ids
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round((performance.now() - start) * 10) / 10,
      ...c.get("logExtra"),
    });
  });

  app.use(
    "*",
    cors({
      origin: (origin) => (originAllowed(origin, allowedOrigins) ? origin : null),
      allowMethods: ["GET", "POST", "DELETE", "OPTIONS"],
      allowHeaders: ["Content-Type", "Authorization"],
      exposeHeaders: ["Retry-After"],
      maxAge: 86_400,
    }),
  );

  app.get("/healthz", async (c) => {
    try {
      await ctx.db.query("SELECT 1");
      return c.json({ ok: true, db: ctx.db.kind, campaigns: ctx.campaigns.size });
    } catch {
      return c.json({ ok: false, db: ctx.db.kind }, 503);
    }
  });

  app.use("/v1/*", async (c, next) => {
    const refused = limited(c, ctx.limiters.ip, addressKey(clientIp(c, ctx.trustedProxies)), "address");
    if (refused) return refused;
    await next();
  });
  app.use(
    "/v1/*",
    limitBody(() => ctx.limits.bodyBytes),
  );

  // the admin reads (lists, stats, exports) go out compressed when the client asks: hono's own middleware
  const compressed = compress();
  for (const path of ADMIN_READS) app.use(path, compressed);

  eventRoutes(app, ctx);
  campaignRoutes(app, ctx);
  identityRoutes(app, ctx);
  drawRoutes(app, ctx);
  visitorRoutes(app, ctx);
  statsRoutes(app, ctx);
  claimRoutes(app, ctx);
  leadRoutes(app, ctx);
  webhookRoutes(app, ctx);
  adminRoutes(app, ctx);
  dashboardRoutes(app, dashboardDir);

  app.notFound((c) => fail(c, 404, `no route for ${c.req.method} ${new URL(c.req.url).pathname}`));
  app.onError((error, c) => {
    // middleware such as bearerAuth answers by throwing its response
    if (error instanceof HTTPException) return error.getResponse();
    ctx.log({ t: new Date().toISOString(), level: "error", msg: "unhandled error", route: c.req.routePath, error: String(error) });
    return fail(c, 500, "internal error; the details are in the collector's log");
  });
  return app;
}
