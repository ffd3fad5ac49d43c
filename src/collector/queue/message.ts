// one JetStream message per accepted HTTP batch: the validated rows as JSON, named by the ids they hold
import { createHash } from "node:crypto";
import type { EventRow } from "../storage/events.js";

/** bumped when the rows change shape, so a consumer never misreads a message an older collector published */
const VERSION = 1;

type Envelope = { v: number; rows: readonly EventRow[] };

/**
 * The message id JetStream dedupes publishes by (Nats-Msg-Id): a hash of the batch's sorted event ids. A batch the tracker
 * sends again after a lost answer carries the same ids, so within the stream's duplicate window it is stored once;
 * outside it, the database's dedupe by event id still stores each event once.
 * @example batchId(rows) // "b1:3f5c…"
 */
export function batchId(rows: readonly EventRow[]): string {
  const ids = [...new Set(rows.map((r) => r.id))].sort();
  return `b${VERSION}:${createHash("sha256").update(ids.join("\n")).digest("base64url")}`;
}

/** the message body for `rows` */
export function encodeBatch(rows: readonly EventRow[]): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ v: VERSION, rows } satisfies Envelope));
}

/**
 * The rows of a message, or an error naming what is wrong (the consumer then parks the message instead of retrying it).
 * @example const r = decodeBatch(msg.data); if (r.ok) await insertEvents(db, r.rows);
 */
export function decodeBatch(data: Uint8Array): { ok: true; rows: EventRow[] } | { ok: false; error: string } {
  let parsed: Partial<Envelope>;
  try {
    parsed = JSON.parse(new TextDecoder().decode(data)) as Partial<Envelope>;
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
  if (parsed?.v !== VERSION) return { ok: false, error: `message version ${String(parsed?.v)}, this collector reads ${VERSION}` };
  if (!Array.isArray(parsed.rows)) return { ok: false, error: "rows: expected an array" };
  return { ok: true, rows: parsed.rows as EventRow[] };
}
