// the two databases a collector runs on: PGlite (embedded) and a throwaway PostgreSQL cluster
import { afterAll } from "vitest";
import type { Database } from "../../src/collector/index.js";
import { openTestPglite } from "../helpers/pglite.js";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres.js";

export type CollectorBackend = {
  name: "pglite" | "postgres";
  /** collector options selecting a fresh, empty database of this kind */
  options(): Promise<{ database: Database; dataDir: null } | { databaseUrl: string }>;
};

let cluster: Promise<TestPostgres> | undefined;
// the PGlite databases handed out: a collector leaves a database it was given open, so this file closes them
const opened: Database[] = [];
// the run's shared cluster (global-setup.ts) makes this a no-op; a cluster of this file's own is stopped and forgotten, so
// a later file in the same worker (isolate: false) starts its own
afterAll(async () => {
  const started = cluster;
  cluster = undefined;
  if (started) await (await started).stop();
  for (const db of opened.splice(0)) await db.close();
});

const skip = postgresUnavailable();

/** PGlite always; PostgreSQL unless it is missing outside CI (postgresUnavailable says why, and fails in CI) */
export const COLLECTOR_BACKENDS: CollectorBackend[] = [
  {
    name: "pglite",
    // from the run's migrated snapshot: the same database initdb and every migration would give, in a fifth of the CPU
    options: async () => {
      const database = await openTestPglite();
      opened.push(database);
      return { database, dataDir: null };
    },
  },
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
