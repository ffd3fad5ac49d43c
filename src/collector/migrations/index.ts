// versioned schema migrations, run at start; safe to run from several instances at once
import type { Database } from "../storage/index.js";
import { initial } from "./001-initial.js";
import { campaignVisitors } from "./002-campaign-visitors.js";
import { dropCampaignLocks } from "./003-drop-campaign-locks.js";
import { identities } from "./004-identities.js";
import { leadConsent } from "./015-lead-consent.js";
import { cockpitRollups } from "./020-cockpit-rollups.js";
import { webhooks } from "./021-webhooks.js";
import { stockShards } from "./030-stock-shards.js";
import { campaignTotals } from "./040-campaign-totals.js";
import { eventPartitions } from "./050-event-partitions.js";
import { drawTotals } from "./060-draw-totals.js";
import { drawRollback } from "./065-draw-rollback.js";
import { drawFunction } from "./075-draw-function.js";
import { outboxAllStored } from "./076-outbox-all-stored.js";
import { visitorDayKeys } from "./080-visitor-day-keys.js";
import { visitorDayPart } from "./081-visitor-day-part.js";
import { drawRequester } from "./110-draw-requester.js";
import { deviceCounters } from "./115-device-counters.js";
import { drawFunctionDevice } from "./116-draw-function-device.js";
import { drawRequesterDevice } from "./117-draw-requester-device.js";
import { webhookErrorUrls } from "./125-webhook-error-urls.js";
import { drawAddressPrefixes } from "./130-draw-address-prefixes.js";
import { deliveryPersonKeys } from "./150-delivery-person-keys.js";
import { webhookErrorStatus } from "./155-webhook-error-status.js";

export type Migration = { version: number; name: string; sql: string };

/** append only: a released migration is never edited, a change is a new version */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: "initial", sql: initial },
  { version: 2, name: "campaign-visitors", sql: campaignVisitors },
  { version: 3, name: "drop-campaign-locks", sql: dropCampaignLocks },
  { version: 4, name: "identities", sql: identities },
  { version: 15, name: "lead-consent", sql: leadConsent },
  { version: 20, name: "cockpit-rollups", sql: cockpitRollups },
  { version: 21, name: "webhooks", sql: webhooks },
  { version: 30, name: "stock-shards", sql: stockShards },
  { version: 40, name: "campaign-totals", sql: campaignTotals },
  { version: 50, name: "event-partitions", sql: eventPartitions },
  { version: 60, name: "draw-totals", sql: drawTotals },
  { version: 65, name: "draw-rollback", sql: drawRollback },
  { version: 75, name: "draw-function", sql: drawFunction },
  { version: 76, name: "outbox-all-stored", sql: outboxAllStored },
  { version: 80, name: "visitor-day-keys", sql: visitorDayKeys },
  { version: 81, name: "visitor-day-part", sql: visitorDayPart },
  { version: 110, name: "draw-requester", sql: drawRequester },
  { version: 115, name: "device-counters", sql: deviceCounters },
  { version: 116, name: "draw-function-device", sql: drawFunctionDevice },
  { version: 117, name: "draw-requester-device", sql: drawRequesterDevice },
  { version: 125, name: "webhook-error-urls", sql: webhookErrorUrls },
  { version: 130, name: "draw-address-prefixes", sql: drawAddressPrefixes },
  { version: 150, name: "delivery-person-keys", sql: deliveryPersonKeys },
  { version: 155, name: "webhook-error-status", sql: webhookErrorStatus },
];

// any constant: instances starting together wait for each other instead of racing on CREATE TABLE
const LOCK_KEY = 727_001;

/**
 * Apply the migrations this database has not seen yet, in order, in one transaction: a failed start leaves the schema as it was.
 * @example const applied = await migrate(db); // [1] on a new database, [] afterwards
 */
export async function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  await db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
    await tx.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)",
    );
    const done = new Set((await tx.query<{ version: number }>("SELECT version FROM schema_migrations")).map((r) => r.version));
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      // statements one by one: the extended protocol takes a single statement per query
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [m.version, m.name, Date.now()]);
      applied.push(m.version);
    }
  });
  return applied;
}

/** split plain DDL on semicolons at line ends; our migrations hold no functions or quoted semicolons */
export function splitStatements(sql: string): string[] {
  return sql
    .replace(/--[^\n]*/g, "")
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}
