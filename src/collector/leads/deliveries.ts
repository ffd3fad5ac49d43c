// what webhooks announced about a person stays in the outbox, the delivery log: found for the export, forgotten on erasure
// and retention, by the person's visitor ids, subjects and contacts, whatever the leads table says about them now
import type { Queryable } from "../storage/index.js";
import type { DeliveryRow } from "../webhooks/outbox.js";
import { normalizePhone } from "./phone.js";

/**
 * What names a person in a delivery: visitor ids and subjects as written, emails in any case, phones in any spelling,
 * and their draws (a win or claim names the minted visitor that drew, never the contact a lead-mode play counts for)
 */
export type PersonNeedles = { visitorIds: string[]; emails: string[]; phones: string[]; draws?: DrawKey[] };

/** a draw, as a win or claim delivery names it */
export type DrawKey = { campaignId: string; drawId: string };

/** one webhook delivery that carries a person's data, as their export lists it */
export type PersonDelivery = {
  campaignId: string;
  webhookId: string;
  endpoint: string;
  type: string;
  createdAt: string;
  status: "delivered" | "pending" | "retrying";
  /** what was (or will be) sent: the payload's `data` as stored */
  data: unknown;
};

/** the contact fields of a lead delivery, as its payload holds them */
export type DeliveredContact = { visitorId: string; email: string | null; phone: string | null };

/** the digit strings whose normalizePhone is `key`: itself, and for a national number its +84 form */
function phoneDigits(phone: string): string[] {
  const key = normalizePhone(phone);
  if (!key) return [];
  return key.startsWith("0") && key.length >= 10 ? [key, `84${key.slice(1)}`] : [key];
}
// what an erased delivery keeps: its type, so the delivery log still counts it
const EMPTIED = "json_build_object('type', event_type, 'erased', true)::text";

/**
 * The WHERE clause of a person's deliveries (parameters $1–$4), in one campaign or (null) every one; `leadsBefore` adds
 * every lead delivery created before that time (retention: a lead delivery is the lead as it was given).
 */
function theirs(n: PersonNeedles, campaignId: string | null, leadsBefore: number | null): { where: string; params: unknown[] } {
  // the texts JSON.stringify wrote (`"email":"an@example.com"`), looked up among each delivery's person keys, which
  // migration 150's trigger reads from the same text without parsing it as JSON (a payload holding a lone surrogate,
  // `\ud800`, is sent as stored, but PostgreSQL's JSON parser refuses it): one index lookup per needle, where a search of
  // every payload for every needle cost rows × needles
  const exact = [
    ...n.visitorIds.map((v) => `"visitorId":${JSON.stringify(v)}`),
    // the outbox writes a win's or claim's data as {campaignId, drawId, …}
    ...(n.draws ?? []).map((d) => `"campaignId":${JSON.stringify(d.campaignId)},"drawId":${JSON.stringify(d.drawId)}`),
    // the digits of the payload's phone: the form takes only digits, spaces and + ( ) . -, so JSON wrote it without escapes
    ...n.phones.flatMap(phoneDigits).map((digits) => `phone:${digits}`),
  ];
  // the payload holds an email as the visitor typed it, its key is lower-cased, and the admin may type it in another case
  const caseless = n.emails.map((e) => `"email":${JSON.stringify(e)}`);
  // one semi-join, no OR: under an OR, PostgreSQL tests each row against the subquery's rows one by one
  return {
    where: `($2::text IS NULL OR campaign_id = $2) AND (message_id, endpoint_id) IN (
      SELECT k.message_id, k.endpoint_id FROM webhook_delivery_keys k
      JOIN (SELECT sha256(convert_to(t, 'UTF8')) AS key FROM unnest($1::text[]) AS t
        UNION SELECT sha256(convert_to(lower(t), 'UTF8')) FROM unnest($3::text[]) AS t) AS needle USING (key)
      UNION ALL SELECT message_id, endpoint_id FROM webhook_deliveries
      WHERE $4::bigint IS NOT NULL AND event_type = 'lead' AND created_at < $4::bigint AND ($2::text IS NULL OR campaign_id = $2))`,
    params: [exact, campaignId, caseless, leadsBefore],
  };
}

const nothing = (n: PersonNeedles, leadsBefore: number | null) =>
  !n.visitorIds.length && !n.emails.length && !n.phones.length && !n.draws?.length && leadsBefore === null;

/**
 * The deliveries, pending or sent, whose payload names the person, oldest first (erased ones name nobody).
 * @example const held = await findInWebhooks(db, { visitorIds: [], emails: ["an@example.com"], phones: [] });
 */
export async function findInWebhooks(db: Queryable, person: PersonNeedles): Promise<PersonDelivery[]> {
  if (nothing(person, null)) return [];
  const { where, params } = theirs(person, null, null);
  const rows = await db.query<
    Pick<DeliveryRow, "message_id" | "endpoint_id" | "event_type" | "campaign_id" | "payload" | "created_at" | "attempts" | "delivered_at">
  >(
    `SELECT message_id, endpoint_id, event_type, campaign_id, payload, created_at, attempts, delivered_at FROM webhook_deliveries
     WHERE ${where} ORDER BY created_at, message_id, endpoint_id`,
    params,
  );
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    webhookId: r.message_id,
    endpoint: r.endpoint_id,
    type: r.event_type,
    createdAt: new Date(Number(r.created_at)).toISOString(),
    status: r.delivered_at !== null ? "delivered" : r.attempts === 0 ? "pending" : "retrying",
    data: payloadData(r.payload) ?? r.payload,
  }));
}

/**
 * Forget a person in the outbox: their deliveries not yet sent are cancelled (their data must not leave after erasure),
 * and those already sent keep only their type; in one campaign or (null) every one. Returns how many deliveries.
 * @example await forgetInWebhooks(db, { visitorIds: ["v1"], emails: ["an@example.com"], phones: [] }, null);
 */
export async function forgetInWebhooks(
  db: Queryable,
  person: PersonNeedles,
  campaignId: string | null,
  leadsBefore: number | null = null,
): Promise<number> {
  if (nothing(person, leadsBefore)) return 0;
  const { where, params } = theirs(person, campaignId, leadsBefore);
  const cancelled = await db.query(`DELETE FROM webhook_deliveries WHERE delivered_at IS NULL AND ${where} RETURNING 1`, params);
  const emptied = await db.query(
    `UPDATE webhook_deliveries SET payload = ${EMPTIED} WHERE ${where} AND payload <> ${EMPTIED} RETURNING 1`,
    params,
  );
  return cancelled.length + emptied.length;
}

/**
 * The contacts in a campaign's lead deliveries created before `before` and not yet erased: what retention must forget
 * with them, such as the lead-mode subject of a lead that a later form of the same visitor overwrote.
 * @example await agedLeadContacts(tx, "tet-2027", Date.now() - 180 * 86_400_000)
 */
export async function agedLeadContacts(db: Queryable, campaignId: string, before: number): Promise<DeliveredContact[]> {
  const rows = await db.query<{ payload: string }>(
    `SELECT DISTINCT payload FROM webhook_deliveries
     WHERE campaign_id = $1 AND event_type = 'lead' AND created_at < $2 AND payload <> ${EMPTIED}`,
    [campaignId, before],
  );
  return rows.flatMap((r) => {
    const data = payloadData(r.payload) as { visitorId?: unknown; email?: unknown; phone?: unknown } | undefined;
    if (!data || typeof data.visitorId !== "string") return [];
    const text = (v: unknown) => (typeof v === "string" ? v : null);
    return [{ visitorId: data.visitorId, email: text(data.email), phone: text(data.phone) }];
  });
}

/** the `data` of a stored payload, parsed here rather than by PostgreSQL (JavaScript reads a lone surrogate escape) */
function payloadData(payload: string): unknown {
  try {
    return (JSON.parse(payload) as { data?: unknown }).data;
  } catch {
    return undefined;
  }
}
