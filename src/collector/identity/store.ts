// minted visitors and per-address counters in the database, so every instance sees the same ones
import { randomBytes, randomUUID } from "node:crypto";
import type { Queryable } from "../storage/index.js";

/** a visitor the collector minted for one campaign */
export type Identity = {
  visitorId: string;
  /** whom plays are counted for when it is not the visitor: "member:<sub>" or "email:…"/"phone:…" */
  subject: string | null;
  address: string;
  referralId: string;
  referredBy: string | null;
};

type IdentityRow = { visitor_id: string; subject: string | null; address: string; referral_id: string; referred_by: string | null };

const toIdentity = (r: IdentityRow): Identity => ({
  visitorId: r.visitor_id,
  subject: r.subject,
  address: r.address,
  referralId: r.referral_id,
  referredBy: r.referred_by,
});

/**
 * Mint a visitor: a random id nobody chose, and a referral id for its share links.
 * @example const me = await insertIdentity(db, { campaignId, address: "203.0.113.9", subject: null, referredBy: null, now });
 */
export async function insertIdentity(
  db: Queryable,
  v: {
    campaignId: string;
    address: string;
    subject: string | null;
    referredBy: string | null;
    source?: string;
    device?: string;
    now: number;
  },
): Promise<Identity> {
  const identity: Identity = {
    visitorId: randomUUID(),
    subject: v.subject,
    address: v.address,
    referralId: randomBytes(12).toString("base64url"),
    referredBy: v.referredBy,
  };
  await db.query(
    `INSERT INTO identities (campaign_id, visitor_id, subject, address, referral_id, referred_by, created_at, source, device)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      v.campaignId,
      identity.visitorId,
      identity.subject,
      identity.address,
      identity.referralId,
      identity.referredBy,
      v.now,
      v.source ?? null,
      v.device ?? null,
    ],
  );
  return identity;
}

const COLUMNS = "visitor_id, subject, address, referral_id, referred_by";

export async function findIdentity(db: Queryable, campaignId: string, visitorId: string): Promise<Identity | undefined> {
  const [row] = await db.query<IdentityRow>(`SELECT ${COLUMNS} FROM identities WHERE campaign_id = $1 AND visitor_id = $2`, [
    campaignId,
    visitorId,
  ]);
  return row ? toIdentity(row) : undefined;
}

export async function findByReferral(db: Queryable, campaignId: string, referralId: string): Promise<Identity | undefined> {
  const [row] = await db.query<IdentityRow>(`SELECT ${COLUMNS} FROM identities WHERE campaign_id = $1 AND referral_id = $2`, [
    campaignId,
    referralId,
  ]);
  return row ? toIdentity(row) : undefined;
}

/** whether any visitor of this campaign was already minted for this subject (a member seen before is not new) */
export async function subjectSeen(db: Queryable, campaignId: string, subject: string): Promise<boolean> {
  const rows = await db.query("SELECT 1 FROM identities WHERE campaign_id = $1 AND subject = $2 LIMIT 1", [campaignId, subject]);
  return rows.length > 0;
}

export async function setSubject(db: Queryable, campaignId: string, visitorId: string, subject: string): Promise<void> {
  await db.query("UPDATE identities SET subject = $3 WHERE campaign_id = $1 AND visitor_id = $2", [campaignId, visitorId, subject]);
}

export async function countShare(db: Queryable, campaignId: string, visitorId: string): Promise<void> {
  await db.query("UPDATE identities SET shares = shares + 1 WHERE campaign_id = $1 AND visitor_id = $2", [campaignId, visitorId]);
}

/**
 * Count one more `kind` (e.g. "mint") from `address` in `period`, atomically, and say whether it is within `limit`.
 * @example const { ok } = await takeAddressAllowance(db, { campaignId, kind: "mint", address, period: "2027-01-20T09", limit: 300 });
 */
export async function takeAddressAllowance(
  db: Queryable,
  a: { campaignId: string; kind: string; address: string; period: string; limit: number },
): Promise<{ ok: boolean; count: number }> {
  const [row] = await db.query<{ count: number }>(
    `INSERT INTO address_counters (campaign_id, kind, address, period, count) VALUES ($1, $2, $3, $4, 1)
     ON CONFLICT (campaign_id, kind, address, period) DO UPDATE SET count = address_counters.count + 1 RETURNING count`,
    [a.campaignId, a.kind, a.address, a.period],
  );
  const count = row?.count ?? 1;
  return { ok: count <= a.limit, count };
}
