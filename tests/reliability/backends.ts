// the two databases a collector runs on: PGlite (embedded) and a throwaway PostgreSQL cluster
import { afterAll } from "vitest";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres.js";

export type CollectorBackend = {
  name: "pglite" | "postgres";
  /** collector options selecting a fresh, empty database of this kind */
  options(): Promise<{ dataDir: null } | { databaseUrl: string }>;
};

let cluster: Promise<TestPostgres> | undefined;
// the run's shared cluster (global-setup.ts) makes this a no-op; a cluster of this file's own is stopped and forgotten, so
// a later file in the same worker (isolate: false) starts its own
afterAll(async () => {
  const started = cluster;
  cluster = undefined;
  if (started) await (await started).stop();
});

const skip = postgresUnavailable();

/** PGlite always; PostgreSQL unless it is missing outside CI (postgresUnavailable says why, and fails in CI) */
export const COLLECTOR_BACKENDS: CollectorBackend[] = [
  { name: "pglite", options: async () => ({ dataDir: null }) },
  ...(skip
    ? []
    : [
        {
          name: "postgres" as const,
          options: async () => {
            cluster ??= startPostgres();
            return { databaseUrl: await (await cluster).newDatabase() };
          },
        },
      ]),
];
