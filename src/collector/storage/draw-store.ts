// which engine store a collector draws with: sharded on PostgreSQL, the campaign lock on PGlite
import type { EngineStore } from "../../core/engine/types.js";
import type { Campaign } from "../../core/schema/index.js";
import { createDatabaseStore, type StoreHooks } from "./engine-store.js";
import type { WidenGuard } from "./guard.js";
import { createShardedStore } from "./sharded-store.js";
import type { Database } from "./types.js";

/**
 * "sharded": no campaign-wide lock (PostgreSQL only; docs/scaling.md). "locked": every draw of a campaign takes one
 * advisory lock; PGlite always draws this way, since it runs one transaction at a time anyway.
 */
export type DrawPath = "sharded" | "locked";

export type DrawStoreOptions = {
  campaign: (campaignId: string) => Campaign | undefined;
  /** PostgreSQL only; "sharded" unless set. A database keeps to one path: their counters are not shared */
  drawPath?: DrawPath;
  now?: () => number;
  hooks?: StoreHooks;
  /** the allowances a draw's guard key counts against besides its own (the IPv6 /56 and /48 of a /64) */
  widen?: WidenGuard;
};

/**
 * The store a collector's engines share.
 * @example const store = createDrawStore(db, { campaign: (id) => campaigns.get(id) });
 */
export function createDrawStore(db: Database, options: DrawStoreOptions): EngineStore & { path: DrawPath } {
  const path: DrawPath = db.kind === "postgres" ? (options.drawPath ?? "sharded") : "locked";
  const store =
    path === "sharded"
      ? createShardedStore(
          db,
          { campaign: options.campaign, ...(options.now ? { now: options.now } : {}), ...(options.widen ? { widen: options.widen } : {}) },
          options.hooks,
        )
      : createDatabaseStore(db, options.hooks, options.widen);
  return Object.assign(store, { path });
}
