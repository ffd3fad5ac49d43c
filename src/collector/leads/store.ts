// leads in the database: stored with their consent record, found, exported and erased per person, aged out
import type { Campaign } from "../../core/schema/index.js";
import { leadConsent } from "../../core/schema/index.js";
import type { Database, Queryable } from "../storage/index.js";
import { agedLeadContacts, findInWebhooks, forgetInWebhooks, type PersonDelivery, type PersonNeedles } from "./deliveries.js";
import { normalizePhone, phoneKeySql } from "./phone.js";
import { SUBJECT_LEADS, anonymiseSubjects, forgetAddresses, personIdentities, personSubjects, type PersonIdentity } from "./subjects.js";

/** how a person is looked up: one of their email, phone number or visitor id */
export type PersonSelector = { email: string } | { phone: string } | { visitor: string };

export type StoredLead = {
  campaignId: string;
  visitorId: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  consent: { text: string; version: string; at: string };
  createdAt: string;
  updatedAt: string;
};

export type PersonDraw = {
  campaignId: string;
  drawId: string;
  visitorId: string;
  prizeId: string | null;
  code: string | null;
  win: boolean;
  test: boolean;
  at: string;
  redeemedAt: string | null;
};

/** everything the collector holds on one person, as handed to them on an access request */
export type PersonExport = {
  selector: PersonSelector;
  leads: StoredLead[];
  identities: PersonIdentity[];
  draws: PersonDraw[];
  /** webhook deliveries, pending or sent, that carry their data: also those of a lead a later form overwrote */
  webhooks: PersonDelivery[];
};

type LeadRow = {
  campaign_id: string;
  visitor_id: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  consent_text: string;
  consent_version: string;
  consent_at: number;
  created_at: number;
  updated_at: number;
};

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());
const LEAD_COLUMNS = "campaign_id, visitor_id, email, phone, name, consent_text, consent_version, consent_at, created_at, updated_at";

function toLead(r: LeadRow): StoredLead {
  return {
    campaignId: r.campaign_id,
    visitorId: r.visitor_id,
    email: r.email,
    phone: r.phone,
    name: r.name,
    consent: { text: r.consent_text, version: r.consent_version, at: iso(r.consent_at)! },
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

// the same rule in SQL, so rows stored in any spelling are found
const PHONE_SQL = phoneKeySql("phone");

/** the WHERE clause and its parameter for one person */
function match(selector: PersonSelector): { where: string; param: string } {
  if ("email" in selector) return { where: "lower(email) = $1", param: selector.email.trim().toLowerCase() };
  if ("phone" in selector) return { where: `phone IS NOT NULL AND ${PHONE_SQL} = $1`, param: normalizePhone(selector.phone) };
  return { where: "visitor_id = $1", param: selector.visitor };
}

export type LeadInput = { visitorId: string; email?: string; phone?: string; name?: string };

/**
 * Store (or update) a visitor's lead with the consent of the campaign the collector serves: its text and version
 * come from the campaign file, never from the browser, and the time from the collector's clock.
 * @example await storeLead(db, campaign, { visitorId, email }, Date.now());
 */
export async function storeLead(db: Queryable, campaign: Campaign, lead: LeadInput, at: number): Promise<void> {
  const consent = leadConsent(campaign);
  // one lead per visitor and campaign, the last form, rather than a history that would keep a corrected typo: an earlier
  // contact lives on only in the webhook delivery that announced it, which export, erasure and retention reach
  // (deliveries.ts)
  await db.query(
    `INSERT INTO leads (campaign_id, visitor_id, email, phone, name, consent, consent_text, consent_version, consent_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, true, $6, $7, $8, $8, $8)
     ON CONFLICT (campaign_id, visitor_id) DO UPDATE SET email = excluded.email, phone = excluded.phone, name = excluded.name,
       consent = true, consent_text = excluded.consent_text, consent_version = excluded.consent_version,
       consent_at = excluded.consent_at, updated_at = excluded.updated_at`,
    [campaign.id, lead.visitorId, lead.email ?? null, lead.phone ?? null, lead.name ?? null, consent.text, consent.version, at],
  );
}

/**
 * Everything held on one person across campaigns: their leads, their minted visitors (those of their leads and those
 * whose plays count for their email or phone in identity mode "lead") with the network address each was minted from,
 * and the draws of those visitor ids and subjects, or sent by those visitors (member mode stores a draw under the
 * member's id), with any redemption.
 * @example const data = await findPerson(db, { email: "an@example.com" });
 */
export async function findPerson(db: Queryable, selector: PersonSelector): Promise<PersonExport> {
  const { where, param } = match(selector);
  const found = await db.query<LeadRow>(`SELECT ${LEAD_COLUMNS} FROM leads WHERE ${where}`, [param]);
  const subjects = await personSubjects(db, selector, found.map(toLead));
  const rows = await db.query<LeadRow>(
    `SELECT ${LEAD_COLUMNS} FROM leads WHERE ${SUBJECT_LEADS} OR ${where.replaceAll("$1", "$2")} ORDER BY campaign_id, created_at`,
    [subjects, param],
  );
  const leads = rows.map(toLead);
  const own = [...new Set(["visitor" in selector ? [selector.visitor] : [], rows.map((r) => r.visitor_id)].flat())];
  const identities = await personIdentities(db, own, subjects);
  const visitors = [...new Set(["visitor" in selector ? [selector.visitor] : rows.map((r) => r.visitor_id), subjects].flat())];
  const draws = visitors.length
    ? await db.query<{
        campaign_id: string;
        draw_id: string;
        visitor_id: string;
        prize_id: string | null;
        code: string | null;
        win: boolean;
        test: boolean;
        at: number;
        redeemed_at: number | null;
        result: { code?: string } | string;
      }>(
        `SELECT d.campaign_id, d.draw_id, d.visitor_id, d.prize_id, d.code, d.win, d.test, d.at, d.result, r.redeemed_at
         FROM draws d LEFT JOIN redemptions r ON r.campaign_id = d.campaign_id AND r.draw_id = d.draw_id
         WHERE d.visitor_id = ANY($1::text[]) OR d.requested_by = ANY($1::text[]) ORDER BY d.at`,
        [visitors],
      )
    : [];
  const webhooks = await findInWebhooks(db, {
    visitorIds: [...new Set([...own, ...subjects])],
    ...contactsOf(selector, rows),
    draws: draws.map((d) => ({ campaignId: d.campaign_id, drawId: d.draw_id })),
  });
  return {
    selector,
    leads,
    identities,
    webhooks,
    draws: draws.map((d) => {
      const result = typeof d.result === "string" ? (JSON.parse(d.result) as { code?: string }) : d.result;
      return {
        campaignId: d.campaign_id,
        drawId: d.draw_id,
        visitorId: d.visitor_id,
        prizeId: d.prize_id,
        // a shared code lives only in the result
        code: d.code ?? result?.code ?? null,
        win: d.win,
        test: d.test,
        at: iso(d.at)!,
        redeemedAt: iso(d.redeemed_at),
      };
    }),
  };
}

type ErasedLead = { campaign_id: string; visitor_id: string; email: string | null; phone: string | null };
const ERASED = "RETURNING campaign_id, visitor_id, email, phone";
const contactOf = (r: ErasedLead) => ({ email: r.email, phone: r.phone, visitorId: r.visitor_id });

/**
 * Erase one person's contact data everywhere it is held: the leads rows (email, phone, name and consent), the network
 * address their minted visitors were counted from, their webhook deliveries, and in identity mode "lead" the
 * "email:…"/"phone:…" subjects their plays are counted under, replaced by a random id in identities, play ledgers and
 * draws. Draws stay, under ids nothing links to the person any more, because a prize given is the brand's accounting
 * record. Run it in a transaction so a person is never half erased.
 * @example const { leads, identities } = await erasePerson(db, { phone: "0912 345 678" });
 */
export async function erasePerson(
  db: Queryable,
  selector: PersonSelector,
): Promise<{ leads: number; identities: number; deliveries: number }> {
  const { where, param } = match(selector);
  const erased = await db.query<ErasedLead>(`DELETE FROM leads WHERE ${where} ${ERASED}`, [param]);
  const subjects = await personSubjects(db, selector, erased.map(contactOf));
  // the same person's leads written in another spelling (An.Nguyen+x@gmail.com), found through their subject
  erased.push(...(await db.query<ErasedLead>(`DELETE FROM leads WHERE ${SUBJECT_LEADS} ${ERASED}`, [subjects])));
  const visitorIds = [...("visitor" in selector ? [selector.visitor] : []), ...erased.map((r) => r.visitor_id)];
  const contacts = contactsOf(selector, erased);
  const forgotten = await forgetErased(db, { erased, visitorIds, subjects, campaignId: null, contacts, leadsBefore: null });
  return { leads: erased.length, ...forgotten };
}

/**
 * The emails and phones that name the person in webhook deliveries: those of their leads, and the selector's own, since a
 * later form of the same visitor may have overwritten the lead that held it while its delivery still carries it.
 */
function contactsOf(selector: PersonSelector | null, leads: { email: string | null; phone: string | null }[]) {
  const emails = leads.flatMap((l) => (l.email ? [l.email] : []));
  const phones = leads.flatMap((l) => (l.phone ? [l.phone] : []));
  if (selector && "email" in selector) emails.push(selector.email.trim());
  if (selector && "phone" in selector) phones.push(selector.phone);
  return { emails: [...new Set(emails)], phones: [...new Set(phones)] };
}

/**
 * Erase the leads each campaign's `leads.retentionDays` says are too old, counted from the last consent, with what
 * erasure removes along with them, in that campaign only: one transaction per campaign.
 * @example await eraseExpiredLeads(db, campaigns, Date.now()) // { "tet-2027": 12 }
 */
export async function eraseExpiredLeads(db: Database, campaigns: Iterable<Campaign>, now: number): Promise<Record<string, number>> {
  const erased: Record<string, number> = {};
  for (const c of campaigns) {
    const days = c.leads?.retentionDays;
    if (days === undefined) continue;
    const cutoff = now - days * 86_400_000;
    const count = await db.transaction(async (tx) => {
      const rows = await tx.query<ErasedLead>(`DELETE FROM leads WHERE campaign_id = $1 AND consent_at < $2 ${ERASED}`, [c.id, cutoff]);
      // a lead delivery is the lead as it was given, so it ages on the lead's clock even when a later form of its visitor
      // overwrote that lead: its contact, and in identity mode "lead" the subject its plays were counted under, go too
      const aged = await agedLeadContacts(tx, c.id, cutoff);
      if (!rows.length && !aged.length) return 0;
      const subjects = await personSubjects(tx, null, [...rows.map(contactOf), ...aged]);
      // a subject another lead of this campaign still plays under stays: that lead's consent is newer
      const kept = await tx.query<{ subject: string }>(
        `SELECT DISTINCT i.subject FROM identities i JOIN leads l ON l.campaign_id = i.campaign_id AND l.visitor_id = i.visitor_id
         WHERE i.campaign_id = $1 AND i.subject = ANY($2::text[])`,
        [c.id, subjects],
      );
      const live = new Set(kept.map((r) => r.subject));
      await forgetErased(tx, {
        erased: rows,
        visitorIds: rows.map((r) => r.visitor_id),
        subjects: subjects.filter((s) => !live.has(s)),
        campaignId: c.id,
        // each lead's own delivery names its visitor id or is old enough; the same email may sit in a newer lead's delivery
        contacts: null,
        leadsBefore: cutoff,
      });
      return rows.length;
    });
    if (count) erased[c.id] = count;
  }
  return erased;
}

/**
 * What goes with leads just deleted, in one campaign or (null) every one: the visitors' lead marks, the network
 * address of the minted visitors, webhook deliveries that name them (by visitor id or subject, by one of their draws,
 * by the `contacts` given, and every lead delivery created before `leadsBefore`), and the subjects, anonymised. Erasure and retention both run
 * this, so both forget the same. Returns how many minted visitors had their subject anonymised and how many deliveries
 * were cancelled or emptied.
 */
async function forgetErased(
  db: Queryable,
  p: {
    erased: ErasedLead[];
    visitorIds: string[];
    subjects: string[];
    campaignId: string | null;
    contacts: { emails: string[]; phones: string[] } | null;
    leadsBefore: number | null;
  },
): Promise<{ identities: number; deliveries: number }> {
  if (p.erased.length) {
    await db.query(`UPDATE visitors SET lead = false WHERE (campaign_id, visitor_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`, [
      p.erased.map((r) => r.campaign_id),
      p.erased.map((r) => r.visitor_id),
    ]);
  }
  // before the subjects are anonymised: the visitors counted for them are found by subject
  await forgetAddresses(db, { visitorIds: p.visitorIds, subjects: p.subjects }, p.campaignId);
  const visitorIds = [...new Set([...p.visitorIds, ...p.subjects])];
  // their draws, before the subjects are anonymised: win and claim deliveries name the draw and the minted visitor
  const draws = visitorIds.length
    ? await db.query<{ campaignId: string; drawId: string }>(
        `SELECT campaign_id AS "campaignId", draw_id AS "drawId" FROM draws
         WHERE (visitor_id = ANY($1::text[]) OR requested_by = ANY($1::text[])) AND ($2::text IS NULL OR campaign_id = $2)`,
        [visitorIds, p.campaignId],
      )
    : [];
  const needles: PersonNeedles = { visitorIds, emails: p.contacts?.emails ?? [], phones: p.contacts?.phones ?? [], draws };
  const deliveries = await forgetInWebhooks(db, needles, p.campaignId, p.leadsBefore);
  return { identities: await anonymiseSubjects(db, p.subjects, p.campaignId), deliveries };
}

/** the rows of a campaign's leads, oldest first, for the CSV export */
export async function campaignLeads(db: Queryable, campaignId: string): Promise<StoredLead[]> {
  const rows = await db.query<LeadRow>(`SELECT ${LEAD_COLUMNS} FROM leads WHERE campaign_id = $1 ORDER BY created_at, visitor_id`, [
    campaignId,
  ]);
  return rows.map(toLead);
}
