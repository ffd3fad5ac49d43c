// everything a request handler needs, opened once at start
import type { Campaign } from "../core/schema/index.js";
import { formatIssue, parseCampaign } from "../core/schema/index.js";
import { createEngine, type Engine } from "../core/engine/index.js";
import { migrate } from "./migrations/index.js";
import { createRateLimiter, type RateLimiter } from "./ingest/rate-limit.js";
import { campaignRules, renormalizeRow } from "./ingest/normalize.js";
import { DEFAULT_LIMITS, type CollectorLimits, type CollectorOptions, type LogLine } from "./options.js";
import { createDrawStore } from "./storage/draw-store.js";
import { drawPlayer } from "./storage/draw-row.js";
import { fillDrawTotals } from "./storage/draw-totals.js";
import { openPglite, openPostgres, type Database } from "./storage/index.js";
import { databaseSecret, loadSecret } from "./security/tokens.js";
import { startRetention, type Retention } from "./leads/index.js";
import { restrictToOwner } from "./storage/permissions.js";
import { BEARER_TOKEN } from "./routes/http.js";
import { join } from "node:path";
import { createMemberVerifier, type MemberVerifier } from "./identity/member-token.js";
import { addressAllowances, parseTrustedProxies, type TrustedProxies } from "./security/client-address.js";
import { adoptLegacyIds, createWebhooks, parseWebhookConfig, type Webhooks } from "./webhooks/index.js";
import { applyPendingRollups, startRollups, type RollupWorker } from "./storage/rollup-outbox.js";
import { startPartitions } from "./storage/event-partitions.js";
import { openEventQueue, type EventQueue } from "./queue/index.js";
import { insertEvents } from "./storage/events.js";

export type Context = {
  db: Database;
  campaigns: ReadonlyMap<string, Campaign>;
  /** the engine of a configured campaign */
  engine(campaignId: string): Engine | undefined;
  secret: string;
  adminToken: string | undefined;
  /** claim keys by campaign id */
  claimKeys: ReadonlyMap<string, string>;
  includeAutomated: boolean;
  /** the proxies whose X-Forwarded-For hops are believed; undefined: the socket address is the client */
  trustedProxies: TrustedProxies | undefined;
  /** checks member tokens; undefined when the collector has no member key */
  verifyMember: MemberVerifier | undefined;
  limits: CollectorLimits;
  limiters: { ip?: RateLimiter; visitorEvents?: RateLimiter; visitorDraws?: RateLimiter };
  log(line: LogLine): void;
  now(): number;
  /** erases leads past their campaign's leads.retentionDays; stopped on close */
  retention: Retention;
  /** the outbox: `ctx.webhooks.enqueue(tx, fact)` in the transaction of a lead, a win or a claim */
  webhooks: Webhooks;
  /** applies stored events to the stats rollups off the request path; stopped (after a last pass) on close */
  rollups: RollupWorker;
  /** creates the event partitions of the coming days; stopped on close */
  partitions: { stop(): void };
  /** NATS JetStream in front of ingest (options.natsUrl); undefined: events are stored before the answer */
  queue: EventQueue | undefined;
};

export const DEFAULT_DATA_DIR = "./.minigame-data";

/**
 * Validate the campaigns at once (every problem of every file, then stop) so a bad config never half-starts.
 * @example const campaigns = validateCampaigns(docs);
 */
export function validateCampaigns(docs: readonly unknown[]): Campaign[] {
  const problems: string[] = [];
  const out: Campaign[] = [];
  docs.forEach((doc, i) => {
    const r = parseCampaign(doc);
    if (r.ok) out.push(r.campaign);
    else problems.push(...r.issues.map((issue) => `campaigns[${i}] ${formatIssue(issue)}`));
  });
  const seen = new Set<string>();
  for (const c of out) {
    if (seen.has(c.id)) problems.push(`campaign id "${c.id}" is used twice`);
    seen.add(c.id);
  }
  if (problems.length) throw new Error(`invalid campaigns:\n${problems.join("\n")}`);
  return out;
}

/** keys a bearer header can carry, each for a campaign this collector serves: refused at start, not at the first call */
function checkKeys(options: CollectorOptions, campaigns: ReadonlyMap<string, Campaign>): void {
  const problems: string[] = [];
  const token68 = "letters, digits and . _ ~ + / - (what an Authorization: Bearer header can carry)";
  if (options.adminToken && !BEARER_TOKEN.test(options.adminToken)) problems.push(`adminToken: must be ${token68}`);
  for (const [campaignId, key] of Object.entries(options.claimKeys ?? {})) {
    if (!campaigns.has(campaignId)) problems.push(`claimKeys.${campaignId}: no campaign "${campaignId}" is configured`);
    if (typeof key !== "string" || !BEARER_TOKEN.test(key)) problems.push(`claimKeys.${campaignId}: must be ${token68}`);
    else if (key.length < 16) problems.push(`claimKeys.${campaignId}: must be at least 16 characters, got ${key.length}`);
  }
  if (problems.length) throw new Error(`invalid keys:\n${problems.join("\n")}`);
}

export async function openContext(options: CollectorOptions): Promise<Context & { ownsDb: boolean }> {
  const log = options.log ?? ((line: LogLine) => process.stdout.write(`${JSON.stringify(line)}\n`));
  const now = options.now ?? Date.now;
  const campaigns = new Map(validateCampaigns(options.campaigns ?? []).map((c) => [c.id, c]));
  // configuration problems stop the start before the database is touched
  const trustedProxies = options.trustedProxies ? parseTrustedProxies(options.trustedProxies) : undefined;
  const verifyMember = createMemberVerifier(options.member ?? {});
  const members = [...campaigns.values()].filter((c) => c.identity === "member").map((c) => c.id);
  if (members.length && !verifyMember)
    throw new Error(
      `campaigns ${members.join(", ")} count plays per member: start the collector with --member-jwt-secret or --member-jwt-public-key`,
    );
  checkKeys(options, campaigns);
  const webhookConfig = options.webhooks === undefined ? undefined : parseWebhookConfig(options.webhooks);
  const dataDir = options.dataDir === undefined ? DEFAULT_DATA_DIR : options.dataDir;
  if (options.natsUrl && !options.databaseUrl && options.database?.kind !== "postgres") {
    // PGlite lives in one process; a queue in front of it would add a server and save nothing
    throw new Error("natsUrl: the NATS event queue feeds PostgreSQL; set databaseUrl (DATABASE_URL) as well");
  }
  const prefixes = options.limits?.ipv6Prefixes;
  if (prefixes && !Object.values(prefixes).every((m) => Number.isInteger(m) && m >= 1))
    throw new Error("limits.ipv6Prefixes: the multipliers of the /56 and /48 must be whole numbers of at least 1, or false");

  const db =
    options.database ??
    (options.databaseUrl
      ? await openPostgres(options.databaseUrl, options.databasePoolSize)
      : await openPglite(dataDir === null ? undefined : join(dataDir, "pglite")));
  // the server-mode counters of draws stored before them are filled in each campaign's time zone, before this instance draws
  const applied = await migrate(db)
    .then(async (versions) => {
      await fillDrawTotals(db, campaigns.values(), now());
      // deliveries kept under an endpoint's former default id (its URL's path) move to its id before any is sent
      if (webhookConfig) await adoptLegacyIds(db, webhookConfig.endpoints);
      return versions;
    })
    .catch(async (e) => {
      if (!options.database) await db.close().catch(() => {});
      throw e;
    });
  // the secret and the database files: the owner's alone, whatever the umask (PGlite unpacks its files as 0666)
  if (db.kind === "pglite" && dataDir !== null && !options.database) restrictToOwner(dataDir);
  const retention = startRetention({ db, campaigns: campaigns.values(), now, log });
  await retention.sweep();
  const partitions = startPartitions(db, now);
  await partitions.ready;
  // what an instance that stopped abruptly left in the outbox is applied before this one serves (other instances
  // running meanwhile take their share: SKIP LOCKED)
  await applyPendingRollups(db);
  const rollups = startRollups(db, (e) =>
    log({ t: new Date(now()).toISOString(), level: "error", msg: "applying rollups failed", error: String(e) }),
  );
  // where the data is, without the connection string (it may hold a password)
  const location = db.kind === "postgres" ? "DATABASE_URL" : dataDir === null ? "memory" : join(dataDir, "pglite");
  log({
    t: new Date(now()).toISOString(),
    level: "info",
    msg: "database ready",
    db: db.kind,
    location,
    migrationsApplied: applied.join(",") || "none",
  });

  const fromEnv = options.secret ?? process.env.MINIGAME_SECRET;
  // several instances on one PostgreSQL must sign alike, so there the secret lives in the database
  const secret = fromEnv || db.kind === "pglite" ? loadSecret(fromEnv, dataDir ?? undefined) : await databaseSecret(db);
  if (secret.source === "generated") {
    log({
      t: new Date(now()).toISOString(),
      level: "warn",
      msg: "no MINIGAME_SECRET: generated an HMAC secret",
      kept: secret.path ?? (db.kind === "postgres" ? "in the database" : "in memory only: tokens stop verifying on restart"),
    });
  }

  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const webhooks = createWebhooks({ db, config: webhookConfig, now, log });
  const store = createDrawStore(db, {
    campaign: (id) => campaigns.get(id),
    ...(options.drawPath ? { drawPath: options.drawPath } : {}),
    now,
    // a play from an IPv6 /64 counts against its /56 and /48 too
    widen: (key, perDay) =>
      addressAllowances(key, perDay, limits.ipv6Prefixes)
        .slice(1)
        .map((a) => ({ key: a.key, perDay: a.limit })),
    // no endpoint, no delivery to write: without a hook a sharded draw is one statement instead of a transaction
    hooks: !webhooks.endpoints.length
      ? {}
      : {
          afterDraw: async (tx, campaignId, c) => {
            if (!c.win || c.test) return;
            const code = c.newCode ?? c.code ?? null;
            await webhooks.enqueue(tx, {
              type: "win",
              campaignId,
              // the minted visitor who drew, never the contact a lead-mode play counts for
              data: { drawId: c.drawId, ...drawPlayer(c.visitorId, c.requestedBy), prizeId: c.prizeId, code, at: c.at },
            });
          },
        },
  });
  const rules = campaignRules(campaigns);
  const queue = options.natsUrl
    ? await openEventQueue({
        servers: options.natsUrl,
        ...(options.natsStream ? { stream: options.natsStream } : {}),
        ...(options.natsNkeySeed ? { nkeySeed: options.natsNkeySeed } : {}),
        store: (rows) => insertEvents(db, rows, now()),
        // a message on the subject is taken as the HTTP route takes a batch: by the campaigns this instance serves
        checkRow: (row) => renormalizeRow(row, { ...rules, now: now() }),
        log,
      }).catch(async (e) => {
        await webhooks.stop();
        retention.stop();
        partitions.stop();
        await rollups.stop();
        if (!options.database) await db.close().catch(() => {});
        // the URL may hold credentials: named, not echoed
        throw new Error(`natsUrl: cannot use NATS JetStream: ${(e as Error).message}`);
      })
    : undefined;
  const engines = new Map<string, Engine>();
  const makeEngine = options.createEngine ?? ((campaign: Campaign, s: typeof store) => createEngine(campaign, { store: s, now }));
  return {
    db,
    ownsDb: !options.database,
    campaigns,
    engine(campaignId) {
      const campaign = campaigns.get(campaignId);
      if (!campaign) return undefined;
      let e = engines.get(campaignId);
      if (!e) {
        e = makeEngine(campaign, store);
        engines.set(campaignId, e);
      }
      return e;
    },
    secret: secret.secret,
    adminToken: options.adminToken,
    claimKeys: new Map(Object.entries(options.claimKeys ?? {})),
    includeAutomated: options.includeAutomated ?? false,
    trustedProxies,
    verifyMember,
    limits,
    limiters: {
      ip: limits.ip ? createRateLimiter({ ...limits.ip, now }) : undefined,
      visitorEvents: limits.visitorEvents ? createRateLimiter({ ...limits.visitorEvents, now }) : undefined,
      visitorDraws: limits.visitorDraws ? createRateLimiter({ ...limits.visitorDraws, now }) : undefined,
    },
    log,
    now,
    retention,
    webhooks,
    rollups,
    partitions,
    queue,
  };
}
