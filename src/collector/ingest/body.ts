// reading a request body with a hard size limit, strict UTF-8 and a clear message for every way it can be wrong

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; error: string };

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Read and parse a JSON body of at most `limit` bytes. `text/plain` is accepted: sendBeacon sends it without a preflight.
 * @example const body = await readJsonBody(c.req.raw, 64 * 1024);
 */
export async function readJsonBody(request: Request, limit: number): Promise<BodyResult> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type && type !== "application/json" && type !== "text/plain") {
    return { ok: false, status: 415, error: `content-type must be application/json or text/plain, got ${type}` };
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return tooLarge(limit);
  let bytes: Uint8Array | null;
  try {
    bytes = await readLimited(request, limit);
  } catch {
    return { ok: false, status: 400, error: "body could not be read (the connection closed before it ended)" };
  }
  if (!bytes) return tooLarge(limit);
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

const tooLarge = (limit: number): BodyResult => ({ ok: false, status: 413, error: `body is larger than ${limit} bytes` });

/** the body's bytes, or null as soon as it passes `limit` (a lying or absent content-length is not trusted) */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
