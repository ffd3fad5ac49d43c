// the two databases every storage test runs against: PGlite in memory and a throwaway PostgreSQL
import { afterAll } from "vitest";
import { openPostgres, type Database } from "../../src/collector/storage/index.js";
import { migrate } from "../../src/collector/migrations/index.js";
import { openTestPglite } from "../helpers/pglite.js";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres.js";

export type Backend = {
  name: "pglite" | "postgres";
  /** a new, migrated, empty database */
  open(): Promise<Database>;
  /** a connection string for a new empty database (postgres only) */
  url?: () => Promise<string>;
};

let server: Promise<TestPostgres> | undefined;
const postgres = () => (server ??= startPostgres());

// the run's shared cluster (global-setup.ts) makes this a no-op; a cluster of this file's own is stopped and forgotten, so
// a later file in the same worker (isolate: false) starts its own
afterAll(async () => {
  const started = server;
  server = undefined;
  if (started) await (await started).stop();
});

const skip = postgresUnavailable();

/** PGlite always; PostgreSQL unless it is missing outside CI (postgresUnavailable explains why) */
export const BACKENDS: Backend[] = [
  {
    name: "pglite",
    open: openTestPglite,
  },
  ...(skip
    ? []
    : [
        {
          name: "postgres" as const,
          url: async () => (await postgres()).newDatabase(),
          async open() {
            const db = await openPostgres(await (await postgres()).newDatabase(), 20);
            await migrate(db);
            return db;
          },
        },
      ]),
];
