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

/** a row as the HTTP path would have stored it, or why it would have been refused (ingest/normalize.ts renormalizeRow) */
export type CheckRow = (row: unknown) => { ok: true; row: EventRow } | { ok: false; reason: string };

export type Decoded = { ok: true; rows: EventRow[]; refused: Array<{ index: number; reason: string }> } | { ok: false; error: string };

/**
 * The rows of a message, each checked by `checkRow` as the HTTP path checks an event (a refused row is left out and
 * named, as a refused event is), or an error naming what is wrong when nothing in it can be stored (the consumer then
 * terminates the message instead of retrying it).
 * @example const r = decodeBatch(msg.data, (row) => renormalizeRow(row, rules)); if (r.ok) await insertEvents(db, r.rows);
 */
export function decodeBatch(data: Uint8Array, checkRow: CheckRow): Decoded {
  let parsed: Partial<Envelope>;
  try {
    parsed = JSON.parse(new TextDecoder().decode(data)) as Partial<Envelope>;
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
  if (parsed?.v !== VERSION) return { ok: false, error: `message version ${String(parsed?.v)}, this collector reads ${VERSION}` };
  if (!Array.isArray(parsed.rows)) return { ok: false, error: "rows: expected an array" };
  const rows: EventRow[] = [];
  const refused: Array<{ index: number; reason: string }> = [];
  parsed.rows.forEach((raw: unknown, index) => {
    const checked = checkRow(raw);
    if (checked.ok) rows.push(checked.row);
    else refused.push({ index, reason: checked.reason });
  });
  if (rows.length === 0 && refused.length > 0) {
    const reasons = [...new Set(refused.map((r) => `rows.${r.index}: ${r.reason}`))].slice(0, 3).join("; ");
    return { ok: false, error: `every row was refused: ${reasons}` };
  }
  return { ok: true, rows, refused };
}
