// leads in the database: stored with their consent record, found, exported and erased per person, aged out
import type { Campaign } from "../../core/schema/index.js";
import { leadConsent } from "../../core/schema/index.js";
import type { Queryable } from "../storage/index.js";
import { SUBJECT_LEADS, anonymiseSubjects, personSubjects, subjectIdentities, type PersonIdentity } from "./subjects.js";

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
export type PersonExport = { selector: PersonSelector; leads: StoredLead[]; identities: PersonIdentity[]; draws: PersonDraw[] };

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

/**
 * Phone numbers compare by digits, with Vietnam's +84 and a leading 0 taken as the same number:
 * "+84 912 345 678", "84912345678" and "0912-345-678" are one person.
 * @example normalizePhone("+84 912 345 678") // "0912345678"
 */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return digits.startsWith("84") && digits.length >= 11 ? `0${digits.slice(2)}` : digits;
}

// the same rule in SQL, so rows stored in any spelling are found
const PHONE_SQL = `(CASE WHEN regexp_replace(phone, '[^0-9]', '', 'g') ~ '^84[0-9]{9,}$'
  THEN '0' || substr(regexp_replace(phone, '[^0-9]', '', 'g'), 3) ELSE regexp_replace(phone, '[^0-9]', '', 'g') END)`;

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
 * Everything held on one person across campaigns: their leads, the minted visitors whose plays count for their
 * email or phone (identity mode "lead"), and the draws of those visitor ids and subjects, with any redemption.
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
  const identities = await subjectIdentities(db, subjects);
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
         WHERE d.visitor_id = ANY($1::text[]) ORDER BY d.at`,
        [visitors],
      )
    : [];
  return {
    selector,
    leads,
    identities,
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

/**
 * Erase one person's contact data everywhere it is held: the leads rows (email, phone, name and consent), and in
 * identity mode "lead" the "email:…"/"phone:…" subjects their plays are counted under, replaced by a random id in
 * identities, play ledgers and draws. Draws stay, under ids nothing links to the person any more, because a prize
 * given is the brand's accounting record. Run it in a transaction so a person is never half erased.
 * @example const { leads, identities } = await erasePerson(db, { phone: "0912 345 678" });
 */
export async function erasePerson(db: Queryable, selector: PersonSelector): Promise<{ leads: number; identities: number }> {
  const { where, param } = match(selector);
  const erased = await db.query<{ campaign_id: string; visitor_id: string; email: string | null; phone: string | null }>(
    `DELETE FROM leads WHERE ${where} RETURNING campaign_id, visitor_id, email, phone`,
    [param],
  );
  const subjects = await personSubjects(
    db,
    selector,
    erased.map((r) => ({ email: r.email, phone: r.phone, visitorId: r.visitor_id })),
  );
  // the same person's leads written in another spelling (An.Nguyen+x@gmail.com), found through their subject
  erased.push(
    ...(await db.query<(typeof erased)[number]>(
      `DELETE FROM leads WHERE ${SUBJECT_LEADS} RETURNING campaign_id, visitor_id, email, phone`,
      [subjects],
    )),
  );
  for (const r of erased) {
    await db.query("UPDATE visitors SET lead = false WHERE campaign_id = $1 AND visitor_id = $2", [r.campaign_id, r.visitor_id]);
  }
  await forgetInWebhooks(db, {
    visitorIds: [...new Set([...erased.map((r) => r.visitor_id), ...subjects])],
    emails: [...new Set(erased.flatMap((r) => (r.email ? [r.email] : [])))],
    phones: [...new Set(erased.flatMap((r) => (r.phone ? [r.phone] : [])))],
  });
  return { leads: erased.length, identities: await anonymiseSubjects(db, subjects) };
}

/**
 * Erase the leads each campaign's `leads.retentionDays` says are too old, counted from the last consent.
 * @example await eraseExpiredLeads(db, campaigns, Date.now()) // { "tet-2027": 12 }
 */
export async function eraseExpiredLeads(db: Queryable, campaigns: Iterable<Campaign>, now: number): Promise<Record<string, number>> {
  const erased: Record<string, number> = {};
  for (const c of campaigns) {
    const days = c.leads?.retentionDays;
    if (days === undefined) continue;
    const rows = await db.query<{ visitor_id: string }>(
      "DELETE FROM leads WHERE campaign_id = $1 AND consent_at < $2 RETURNING visitor_id",
      [c.id, now - days * 86_400_000],
    );
    if (rows.length) erased[c.id] = rows.length;
  }
  return erased;
}

/** the rows of a campaign's leads, oldest first, for the CSV export */
export async function campaignLeads(db: Queryable, campaignId: string): Promise<StoredLead[]> {
  const rows = await db.query<LeadRow>(`SELECT ${LEAD_COLUMNS} FROM leads WHERE campaign_id = $1 ORDER BY created_at, visitor_id`, [
    campaignId,
  ]);
  return rows.map(toLead);
}

/**
 * The outbox holds what webhooks announced about a person: an erased person's deliveries not yet sent are cancelled
 * (their data must not leave after erasure), and those already sent keep only their type and time.
 * @example await forgetInWebhooks(db, { visitorIds: ["v1"], emails: ["an@example.com"], phones: [] });
 */
async function forgetInWebhooks(db: Queryable, person: { visitorIds: string[]; emails: string[]; phones: string[] }): Promise<void> {
  // look for the text JSON.stringify wrote (`"email":"an@example.com"`) instead of parsing every row as JSON: a payload
  // holding a lone surrogate (`\ud800`) is sent as stored, but PostgreSQL's JSON parser refuses it, and one such row made
  // every erasure fail; a quote inside a string value is escaped, so a needle only ever matches a key and its value
  const needles = [
    ...person.visitorIds.map((v) => `"visitorId":${JSON.stringify(v)}`),
    ...person.emails.map((e) => `"email":${JSON.stringify(e)}`),
    ...person.phones.map((p) => `"phone":${JSON.stringify(p)}`),
  ];
  if (!needles.length) return;
  const theirs = "EXISTS (SELECT 1 FROM unnest($1::text[]) AS needle WHERE strpos(payload, needle) > 0)";
  await db.query(`DELETE FROM webhook_deliveries WHERE delivered_at IS NULL AND ${theirs}`, [needles]);
  await db.query(`UPDATE webhook_deliveries SET payload = json_build_object('type', event_type, 'erased', true)::text WHERE ${theirs}`, [
    needles,
  ]);
}
