// the people's-data tests' shared steps: a person leaves their contact or plays over HTTP, and where their contact can
// still sit after an export or an erasure (every table)
import { expect } from "vitest";
import type { Queryable } from "../../src/collector/storage/index.js";
import type { Minted, TestServer } from "./server.js";

/** each table of a campaign that can hold a person's contact or ids, and the columns that can */
const PERSON_COLUMNS = {
  leads: ["visitor_id", "email", "phone", "name"],
  identities: ["visitor_id", "subject"],
  visitors: ["visitor_id"],
  visitor_days: ["visitor_id"],
  draws: ["visitor_id"],
  claimers: ["visitor_id"],
  webhook_deliveries: ["payload"],
};

/** the tables of `campaignId` holding `needle` anywhere in those columns, as "table: rows" */
export async function holding(db: Queryable, campaignId: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const [table, columns] of Object.entries(PERSON_COLUMNS)) {
    const where = columns.map((c) => `${c} LIKE '%' || $2 || '%'`).join(" OR ");
    const rows = await db.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${table} WHERE campaign_id = $1 AND (${where})`, [
      campaignId,
      needle,
    ]);
    if (rows[0]!.n) found.push(`${table}: ${rows[0]!.n}`);
  }
  return found;
}

/** the person leaves their contact (with consent) as `who`; the collector stores it */
export async function leave(s: TestServer, campaignId: string, who: Minted, fields: Record<string, string>): Promise<void> {
  const res = await s.post(`/v1/campaigns/${campaignId}/leads`, {
    visitorId: who.visitorId,
    visitorToken: who.visitorToken,
    consent: true,
    ...fields,
  });
  expect(res.status).toBe(201);
}

/** `who` plays once with `requestId`; the draw answers 200, whatever it decided */
export async function play(
  s: TestServer,
  campaignId: string,
  who: Minted,
  requestId: string,
  headers: Record<string, string> = {},
): Promise<{ ok: boolean; reason?: string; token?: string }> {
  const res = await s.post(
    `/v1/campaigns/${campaignId}/draw`,
    { visitorId: who.visitorId, visitorToken: who.visitorToken, requestId },
    headers,
  );
  expect(res.status).toBe(200);
  return (await res.json()) as { ok: boolean; reason?: string; token?: string };
}
