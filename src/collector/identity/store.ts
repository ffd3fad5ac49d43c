// minted visitors and per-address counters in the database, so every instance sees the same ones
import { randomBytes, randomUUID } from "node:crypto";
import type { Database, Queryable } from "../storage/index.js";

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

/** leaves the allowance's transaction by rolling it back: one of the keys was at its limit */
class Spent extends Error {}

/**
 * Count one more `kind` (e.g. "mint") in `period` under every key of `allowances` (an address's own, then the wider
 * ones: addressAllowances), atomically: counted under all of them when each is below its limit, else under none (a
 * refused request spends nothing of its wider network's allowance). The rows are locked narrowest first.
 * @example const ok = await takeAddressAllowance(db, { campaignId, kind: "mint", period: "2027-01-20T09", allowances: [{ key: "203.0.113.9", limit: 300 }] });
 */
export async function takeAddressAllowance(
  db: Database,
  a: { campaignId: string; kind: string; period: string; allowances: readonly { key: string; limit: number }[] },
): Promise<boolean> {
  if (a.allowances.some((x) => x.limit < 1)) return false;
  try {
    return await db.transaction(async (tx) => {
      const counted = await tx.query(
        `INSERT INTO address_counters AS c (campaign_id, kind, address, period, count)
         SELECT $1, $2, k.address, $3, 1 FROM unnest($4::text[]) WITH ORDINALITY AS k(address, n) ORDER BY k.n
         ON CONFLICT (campaign_id, kind, address, period) DO UPDATE SET count = c.count + 1
         WHERE c.count < ($5::integer[])[array_position($4::text[], c.address)] RETURNING 1`,
        [a.campaignId, a.kind, a.period, a.allowances.map((x) => x.key), a.allowances.map((x) => x.limit)],
      );
      if (counted.length < a.allowances.length) throw new Spent();
      return true;
    });
  } catch (e) {
    if (e instanceof Spent) return false;
    throw e;
  }
}
