// where a person's contact can still sit after an export or an erasure: the people's-data tests read every table
import type { Queryable } from "../../src/collector/storage/index.js";

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
