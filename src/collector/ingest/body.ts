// request bodies: a hard size limit (hono's bodyLimit), strict UTF-8 and a clear message for every way they can be wrong
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

type OnError = NonNullable<Parameters<typeof bodyLimit>[0]["onError"]>;

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; error: string };

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Middleware: 413 `{ error }` as soon as a body passes `maxSize()` bytes, whether or not it declared a content-length
 * (hono's bodyLimit counts a chunked body as it streams in and stops reading there).
 * @example app.use("/v1/*", limitBody(() => 64 * 1024));
 */
export function limitBody(maxSize: () => number): MiddlewareHandler {
  let limit: { size: number; onError: OnError; streamed: MiddlewareHandler } | undefined;
  // built on the first request: the size is known once the collector has started, after the app was built
  return async (c, next) => {
    if (!limit) {
      const size = maxSize();
      // the rest of the body is never read, so the connection can't carry another request: say so, or a client that
      // pools connections sends its next request into a socket the server is closing
      const onError: OnError = (c) => {
        c.header("Connection", "close");
        return c.json({ error: tooLarge(size).error }, 413);
      };
      limit = { size, onError, streamed: bodyLimit({ maxSize: size, onError }) };
    }
    // no body to count, or its length declared (Node's parser holds the body to it): decided from the headers alone.
    // bodyLimit reads the body as a stream, which makes the Node server build a whole fetch Request for the request
    // (about a third of a millisecond of CPU per draw); a route reading a body it knows the size of does not need one
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
    const declared = c.req.header("content-length");
    if (declared !== undefined && c.req.header("transfer-encoding") === undefined)
      return Number(declared) > limit.size ? limit.onError(c) : next();
    return limit.streamed(c, next);
  };
}

/**
 * Read and parse a JSON body of at most `limit` bytes. `text/plain` is accepted: sendBeacon sends it without a preflight.
 * Behind `limitBody` a larger body never gets here; the checks below keep a direct caller bounded too.
 * @example const body = await readJsonBody(c.req.raw, 64 * 1024);
 */
export async function readJsonBody(request: Request, limit: number): Promise<BodyResult> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type && type !== "application/json" && type !== "text/plain") {
    return { ok: false, status: 415, error: `content-type must be application/json or text/plain, got ${type}` };
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return tooLarge(limit);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await request.arrayBuffer());
  } catch {
    return { ok: false, status: 400, error: "body could not be read (the connection closed before it ended)" };
  }
  if (bytes.byteLength > limit) return tooLarge(limit);
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, status: 400, error: "body is not valid UTF-8" };
  }
  if (text.trim() === "") return { ok: false, status: 400, error: "body is empty; expected a JSON object" };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, status: 400, error: `body is not valid JSON (${(e as Error).message})` };
  }
}

const tooLarge = (limit: number) => ({ ok: false, status: 413, error: `body is larger than ${limit} bytes` }) as const;
