// leads.retentionDays, enforced: a sweep at start and then on a timer that never keeps the process alive
import type { Campaign } from "../../core/schema/index.js";
import type { LogLine } from "../options.js";
import type { Database } from "../storage/index.js";
import { eraseExpiredLeads } from "./store.js";

export type RetentionOptions = {
  db: Database;
  campaigns: Iterable<Campaign>;
  now: () => number;
  log: (line: LogLine) => void;
  /** time between sweeps (default one hour: retention is counted in days) */
  everyMs?: number;
};

export type Retention = {
  /** erase what is due now; resolves with the count per campaign */
  sweep(): Promise<Record<string, number>>;
  stop(): void;
};

export const RETENTION_SWEEP_MS = 60 * 60 * 1000;

/**
 * Start erasing leads older than their campaign's `leads.retentionDays`. Does nothing when no campaign sets one.
 * @example const retention = startRetention({ db, campaigns, now: Date.now, log }); await retention.sweep(); retention.stop();
 */
export function startRetention(options: RetentionOptions): Retention {
  const campaigns = [...options.campaigns].filter((c) => c.leads?.retentionDays !== undefined);
  const sweep = async () => {
    if (!campaigns.length) return {};
    const erased = await eraseExpiredLeads(options.db, campaigns, options.now());
    const total = Object.values(erased).reduce((a, b) => a + b, 0);
    // counts only: the log never names a person
    if (total) options.log({ t: new Date(options.now()).toISOString(), level: "info", msg: "retention erased leads", leads: total });
    return erased;
  };
  if (!campaigns.length) return { sweep, stop() {} };
  const timer = setInterval(() => {
    sweep().catch((e) =>
      options.log({ t: new Date(options.now()).toISOString(), level: "error", msg: "retention sweep failed", error: String(e) }),
    );
  }, options.everyMs ?? RETENTION_SWEEP_MS);
  // a pending sweep must not hold a finished process open
  timer.unref?.();
  return { sweep, stop: () => clearInterval(timer) };
}
