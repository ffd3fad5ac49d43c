// small helpers shared by the routes: errors as JSON, client IP, rate limits, admin auth
import { timingSafeEqual } from "node:crypto";
import type { Context as HonoContext } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { RateLimiter } from "../ingest/rate-limit.js";
import { clientAddress, type TrustedProxies } from "../security/client-address.js";
import type { Context } from "../context.js";
import type { LogLine } from "../options.js";

/** per-request values: what a route adds to its log line (counts only, never bodies or personal data) */
export type AppEnv = { Variables: { logExtra?: LogLine } };

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

/** a 401/403 response unless the request carries the admin bearer token */
export function adminOnly(c: HonoContext, ctx: Context) {
  if (!ctx.adminToken) return fail(c, 403, "this endpoint is disabled: start the collector with --admin-token");
  const header = c.req.header("authorization") ?? "";
  const given = Buffer.from(header.startsWith("Bearer ") ? header.slice(7).trim() : "");
  const expected = Buffer.from(ctx.adminToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return fail(c, 401, "missing or wrong admin token (Authorization: Bearer <token>)", { "WWW-Authenticate": "Bearer" });
  }
  return undefined;
}

/** the first issue of a zod error as `path: message` */
export function firstIssue(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): string {
  const issue = error.issues[0];
  if (!issue) return "is not valid";
  return issue.path.length ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message;
}
