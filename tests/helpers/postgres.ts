// a throwaway PostgreSQL for tests: TEST_DATABASE_URL when set, else the cluster tests/helpers/global-setup.ts
// started for this run (one per run, a database per suite), else a fresh cluster (postgres-cluster.ts)
import { inject } from "vitest";
import { createDatabase, startCluster, type TestPostgres } from "./postgres-cluster.js";
import { postgresBinDir } from "./system.js";

export type { TestPostgres };

declare module "vitest" {
  export interface ProvidedContext {
    /** the maintenance database of the run's shared cluster, when global-setup.ts started one */
    postgresUrl?: string;
  }
}

/**
 * Why the PostgreSQL variants cannot run here, or null when they can. In CI a missing PostgreSQL is an error.
 * @example const reason = postgresUnavailable(); describe.skipIf(reason)("postgres", ...)
 */
export function postgresUnavailable(): string | null {
  if (process.env.TEST_DATABASE_URL || postgresBinDir()) return null;
  const reason = "no PostgreSQL: set TEST_DATABASE_URL or install postgresql (apt-get install -y postgresql)";
  if (process.env.CI === "true") throw new Error(`${reason}; CI must run the PostgreSQL variants`);
  console.warn(`skipping the PostgreSQL variants: ${reason}`);
  return reason;
}

/** vitest's provided value, or undefined outside a vitest worker (bench/ uses this file too) */
function sharedClusterUrl(): string | undefined {
  try {
    return inject("postgresUrl");
  } catch {
    return undefined;
  }
}

/**
 * A PostgreSQL for a test file: TEST_DATABASE_URL, or the run's shared cluster, or a new cluster (stopped by stop()).
 * @example const server = await startPostgres(); const url = await server.newDatabase(); ... await server.stop();
 */
export async function startPostgres(): Promise<TestPostgres> {
  const shared = process.env.TEST_DATABASE_URL ?? sharedClusterUrl();
  if (shared) return { url: shared, newDatabase: () => createDatabase(shared), stop: async () => {} };
  return startCluster();
}
