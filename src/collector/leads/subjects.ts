// lead identity mode counts plays per "email:…" / "phone:…": those subjects are the person's contact data too
import { randomUUID } from "node:crypto";
import { normalizeEmail, normalizePhone } from "../identity/index.js";
import type { Queryable } from "../storage/index.js";
import type { PersonSelector } from "./store.js";

/**
 * One minted visitor of the person: theirs by a lead it stored or by the email or phone its plays are counted for,
 * with the network address and source it was minted from (the address is null once erased).
 */
export type PersonIdentity = {
  campaignId: string;
  visitorId: string;
  subject: string | null;
  address: string | null;
  source: string | null;
  createdAt: string;
};

const CONTACT = "(subject LIKE 'email:%' OR subject LIKE 'phone:%')";

function contactSubjects(contact: { email?: string | null; phone?: string | null }): string[] {
  const email = contact.email ? normalizeEmail(contact.email) : null;
  const phone = contact.phone ? normalizePhone(contact.phone) : null;
  return [email && `email:${email}`, phone && `phone:${phone}`].filter((s): s is string => !!s);
}

/**
 * Every subject that names one person: their email and phone as the identity module writes them (from the
 * selector, if any, and from each of their leads), and the contact subjects of the visitor ids those leads name.
 * @example await personSubjects(db, { email: "An@x.vn" }, []) // ["email:an@x.vn"]
 */
export async function personSubjects(
  db: Queryable,
  selector: PersonSelector | null,
  leads: { email: string | null; phone: string | null; visitorId: string }[],
): Promise<string[]> {
  const subjects = new Set<string>([
    ...contactSubjects((selector ?? {}) as { email?: string; phone?: string }),
    ...leads.flatMap(contactSubjects),
  ]);
  const visitors = selector && "visitor" in selector ? [selector.visitor] : leads.map((l) => l.visitorId);
  if (visitors.length) {
    const rows = await db.query<{ subject: string }>(
      `SELECT DISTINCT subject FROM identities WHERE visitor_id = ANY($1::text[]) AND ${CONTACT}`,
      [visitors],
    );
    for (const r of rows) subjects.add(r.subject);
  }
  return [...subjects];
}

/** the leads of visitors counted for these subjects: the same mailbox or number in any spelling the identity module reads */
export const SUBJECT_LEADS =
  "(campaign_id, visitor_id) IN (SELECT campaign_id, visitor_id FROM identities WHERE subject = ANY($1::text[]))";

/** the minted visitors with these ids or counted for these subjects, for the person's export */
export async function personIdentities(db: Queryable, visitorIds: string[], subjects: string[]): Promise<PersonIdentity[]> {
  if (!visitorIds.length && !subjects.length) return [];
  const rows = await db.query<{
    campaign_id: string;
    visitor_id: string;
    subject: string | null;
    address: string;
    source: string | null;
    created_at: number;
  }>(
    `SELECT campaign_id, visitor_id, subject, address, source, created_at FROM identities
     WHERE visitor_id = ANY($1::text[]) OR subject = ANY($2::text[]) ORDER BY campaign_id, created_at, visitor_id`,
    [visitorIds, subjects],
  );
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    visitorId: r.visitor_id,
    subject: r.subject,
    address: r.address || null,
    source: r.source,
    createdAt: new Date(Number(r.created_at)).toISOString(),
  }));
}

/**
 * Blank the network address kept with these minted visitors (by id, or by the subject they are counted for), in one
 * campaign or all. The per-address limits do not read it: they count in address_counters, keyed by address and period.
 * @example await forgetAddresses(tx, { visitorIds: ["v1"], subjects: [] }, null)
 */
export async function forgetAddresses(
  db: Queryable,
  person: { visitorIds: string[]; subjects: string[] },
  campaignId: string | null,
): Promise<void> {
  if (!person.visitorIds.length && !person.subjects.length) return;
  await db.query(
    `UPDATE identities SET address = '' WHERE (visitor_id = ANY($1::text[]) OR subject = ANY($2::text[]))
     AND ($3::text IS NULL OR campaign_id = $3) AND address <> ''`,
    [person.visitorIds, person.subjects, campaignId],
  );
}

/**
 * Replace each subject, wherever it is a key (identities, the play ledgers, draws, first claims), with a random
 * "erased:<uuid>", in one campaign or (null) all. Anonymised rather than deleted: draws and play ledgers are prize
 * accounting (stock, wins, claims, today's plays), and the minted visitors keep counting their plays under the new id.
 * Returns how many minted visitors were counted for them.
 * @example await anonymiseSubjects(tx, ["email:an@x.vn"], null) // 1
 */
export async function anonymiseSubjects(db: Queryable, subjects: string[], campaignId: string | null): Promise<number> {
  if (!subjects.length) return 0;
  // one statement per table, however many subjects: a retention sweep can erase thousands at once
  const params = [subjects, subjects.map(() => `erased:${randomUUID()}`), campaignId];
  const renamed = "FROM unnest($1::text[], $2::text[]) AS m(subject, erased)";
  const scope = "($3::text IS NULL OR t.campaign_id = $3)";
  const identities = await db.query(
    `UPDATE identities t SET subject = m.erased ${renamed} WHERE t.subject = m.subject AND ${scope} RETURNING 1`,
    params,
  );
  for (const set of ["visitors t SET lead = false,", "visitor_days t SET", "draws t SET", "claimers t SET"]) {
    await db.query(`UPDATE ${set} visitor_id = m.erased ${renamed} WHERE t.visitor_id = m.subject AND ${scope}`, params);
  }
  return identities.length;
}
