// small helpers shared by the routes: errors as JSON, client IP, rate limits, admin auth
import type { Context as HonoContext } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { createMiddleware } from "hono/factory";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { RateLimiter } from "../ingest/rate-limit.js";
import { clientAddress, type TrustedProxies } from "../security/client-address.js";
import type { Context } from "../context.js";
import type { LogLine } from "../options.js";

/** per-request values: what a route adds to its log line (counts only, never bodies or personal data) */
export type AppEnv = { Variables: { logExtra?: LogLine } };

/** the campaign schema's id rule: anything else names no campaign (and PostgreSQL text cannot hold some of it) */
export const CAMPAIGN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** every error answers `{ error }` with a sentence that names what was wrong */
export function fail(c: HonoContext, status: ContentfulStatusCode, error: string, headers?: Record<string, string>) {
  return c.json({ error }, status, headers);
}

/** the client's address: the socket's, or the rightmost untrusted X-Forwarded-For hop behind trusted proxies */
export function clientIp(c: HonoContext, proxies: TrustedProxies | undefined): string {
  let socket: string | undefined;
  try {
    socket = getConnInfo(c).remote.address;
  } catch {
    socket = undefined; // app.request() in tests has no socket
  }
  return clientAddress(socket, c.req.header("x-forwarded-for"), proxies);
}

/** a 429 response when `key` is over its limit, else undefined */
export function limited(c: HonoContext, limiter: RateLimiter | undefined, key: string, what: string, cost = 1) {
  const r = limiter?.take(key, cost);
  if (!r || r.ok) return undefined;
  return fail(c, 429, `too many requests for this ${what}; retry in ${r.retryAfter} s`, { "Retry-After": String(r.retryAfter) });
}

/** RFC 6750 token68: what hono's bearerAuth accepts in an Authorization header */
export const BEARER_TOKEN = /^[A-Za-z0-9._~+/-]+=*$/;

/**
 * Middleware: 401 unless the request carries one of `tokens(c)` as `Authorization: Bearer <token>` (compared in constant
 * time by hono's bearerAuth); 403 with `disabled` when no token is configured for it.
 * @example app.get("/v1/campaigns/:id/stats", requireBearer(() => [adminToken], "start with --admin-token"), handler);
 */
export function requireBearer(tokens: (c: HonoContext) => readonly (string | undefined)[], disabled: string, who = "admin token") {
  const deny = (c: HonoContext) =>
    c.json({ error: `missing or wrong ${who} (Authorization: Bearer <token>)` }, 401, { "WWW-Authenticate": "Bearer" });
  // one error shape whatever is wrong with the header: absent, malformed or a wrong token
  const messages = {
    noAuthenticationHeader: { message: deny },
    invalidAuthenticationHeader: { message: deny },
    invalidToken: { message: deny },
  };
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = tokens(c).filter((t): t is string => typeof t === "string" && t !== "");
    if (token.length === 0) return fail(c, 403, disabled);
    return bearerAuth<AppEnv>({ token, ...messages })(c, next);
  });
}

/**
 * Middleware for admin-only endpoints (stats, exports): the collector's admin token.
 * @example app.get("/v1/campaigns/:id/stats", adminAuth(ctx), handler);
 */
export function adminAuth(ctx: Context) {
  return requireBearer(() => [ctx.adminToken], "this endpoint is disabled: start the collector with --admin-token");
}

/** the first issue of a zod error as `path: message` */
export function firstIssue(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): string {
  const issue = error.issues[0];
  if (!issue) return "is not valid";
  return issue.path.length ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message;
}
