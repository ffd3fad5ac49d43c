// what a collector can be told; every field has a default that works on a laptop
import type { Campaign } from "../core/schema/index.js";
import type { Engine } from "../core/engine/types.js";
import type { EngineStore } from "../core/engine/types.js";
import type { Database } from "./storage/index.js";
import type { RateLimitOptions } from "./ingest/rate-limit.js";
import type { MemberJwtOptions } from "./identity/member-token.js";
import type { EnclosingPrefix } from "./security/client-address.js";

export type LogLine = Record<string, string | number | boolean | null | undefined>;

export type CollectorLimits = {
  /** largest request body in bytes (64 KiB) */
  bodyBytes: number;
  /** most events in one batch (500) */
  batchEvents: number;
  /** requests per client IP, all endpoints; false turns it off */
  ip: RateLimitOptions | false;
  /** events per visitor id */
  visitorEvents: RateLimitOptions | false;
  /** draws, bonus and lead calls per visitor id */
  visitorDraws: RateLimitOptions | false;
  /** visitors minted per network address (IPv4, IPv6 /64) per campaign and clock hour, counted in the database */
  mintsPerAddress: { perHour: number } | false;
  /** lead forms accepted per network address (IPv4, IPv6 /64) per campaign and clock hour, counted in the database */
  leadsPerAddress: { perHour: number } | false;
  /**
   * An IPv6 /64 is one subscriber line at best: a play, a mint and a lead form from one also count against its /56 and
   * /48, whose allowances are the per-address ones (`perAddress.perDay`, `mintsPerAddress.perHour`,
   * `leadsPerAddress.perHour`) times these ({ 56: 8, 48: 64 }). false counts the /64 alone. IPv4 addresses are counted
   * alone either way.
   */
  ipv6Prefixes: Record<EnclosingPrefix, number> | false;
};

export type CollectorOptions = {
  /** campaign documents (validated here); events and draws for other ids are refused */
  campaigns?: unknown[];
  /** PostgreSQL connection string; PGlite when absent */
  databaseUrl?: string;
  /** PostgreSQL connections this instance may hold at most (default 10): instances × this must stay under max_connections */
  databasePoolSize?: number;
  /**
   * PostgreSQL: "sharded" (default) draws without a campaign-wide lock; "locked" serialises each campaign's draws on
   * one advisory lock (kept for comparison; a database keeps to one path). PGlite always draws "locked".
   */
  drawPath?: "sharded" | "locked";
  /**
   * NATS server URLs (comma-separated, nats://127.0.0.1:4222): POST /v1/events then publishes each validated batch to a
   * JetStream stream and answers 202 once JetStream has it; every instance pulls from one durable consumer and stores
   * batches in PostgreSQL (needs `databaseUrl`). Draws stay synchronous on PostgreSQL. Absent: events are stored before
   * the answer, as on one machine. See docs/scaling.md.
   */
  natsUrl?: string;
  /** the JetStream stream for events (default MINIGAME_EVENTS; its subject is `<stream>.batches`) */
  natsStream?: string;
  /** an nkey seed (`SU…`) the collector logs in to NATS with (env NATS_NKEY_SEED); a user and password go in natsUrl */
  natsNkeySeed?: string;
  /** PGlite data directory (default ./.minigame-data); null keeps everything in memory */
  dataDir?: string | null;
  /** an already open database (tests, embedding); the collector will not close it */
  database?: Database;
  /** HMAC secret for visitor and result tokens; default MINIGAME_SECRET or one kept in the data dir */
  secret?: string;
  /** bearer token for stats and claim verification; those endpoints are closed without it */
  adminToken?: string;
  /**
   * per-campaign keys for `POST /v1/campaigns/:id/claims/verify`, by campaign id: what a brand's backend holds to redeem
   * that campaign's prizes, and nothing else (the admin token also works)
   */
  claimKeys?: Record<string, string>;
  /** origins allowed by CORS; "*" allows any; default: http(s)://localhost and 127.0.0.1 on any port */
  allowedOrigins?: string[];
  /** count events from automated browsers in stats (end-to-end tests) */
  includeAutomated?: boolean;
  /**
   * the proxies in front of the collector, comma-separated addresses or CIDR ranges: the client address is then the
   * rightmost X-Forwarded-For hop that is not one of them; without it, the socket's address
   */
  trustedProxies?: string;
  /** the key member tokens are checked with (campaigns with "identity": "member") */
  member?: MemberJwtOptions;
  limits?: Partial<CollectorLimits>;
  /** the built dashboard bundle served at /dashboard; default dist/dashboard of this package */
  dashboardDir?: string;
  /** one JSON object per line; default writes to stdout */
  log?: (line: LogLine) => void;
  now?: () => number;
  /**
   * outgoing webhooks: `{ endpoints: [{ id?, url, secret: "whsec_…", events: ["lead", "win", "claim"] }], retryBaseMs?, … }`
   * (see webhooks/config.ts); the campaign file never holds them
   */
  webhooks?: unknown;
  /** the engine for a campaign; default core createEngine with the database store */
  createEngine?: (campaign: Campaign, store: EngineStore) => Engine;
};

export const DEFAULT_LIMITS: CollectorLimits = {
  bodyBytes: 64 * 1024,
  batchEvents: 500,
  ip: { capacity: 600, refillPerSecond: 100 },
  visitorEvents: { capacity: 1000, refillPerSecond: 10 },
  visitorDraws: { capacity: 20, refillPerSecond: 1 },
  // a browser mints once per campaign, so this is hundreds of new browsers an hour behind one shared address
  mintsPerAddress: { perHour: 300 },
  // two forms for every visitor the mint allowance lets in (a typo fixed, a retry): a person sends a few, a script hundreds,
  // and each lead is a webhook to the brand's CRM
  leadsPerAddress: { perHour: 600 },
  // a /56 is one home's delegation, or a few hundred phones' /64s in a carrier's pool; a /48 a tunnel broker's gift to one
  // person, or a site, or up to thousands of phones of one carrier: generous enough that an honest crowd on one carrier
  // is not turned away (the stance of perAddress.perDay's 200), far below 256 or 65,536 separate allowances
  ipv6Prefixes: { 56: 8, 48: 64 },
};
