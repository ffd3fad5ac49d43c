// the two databases every storage test runs against: PGlite in memory and a throwaway PostgreSQL
import { afterAll } from "vitest";
import type { CollectorOptions } from "../../src/collector/index.js";
import { openPostgres, type Database } from "../../src/collector/storage/index.js";
import { migrate, MIGRATIONS } from "../../src/collector/migrations/index.js";
import { openTestPglite } from "../helpers/pglite.js";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres.js";

export type Backend = {
  name: "pglite" | "postgres";
  /** a new, migrated, empty database */
  open(): Promise<Database>;
  /** a new empty database with only the migrations below `version` (1: none), to test an upgrade */
  openBefore(version: number): Promise<Database>;
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

async function upTo(opening: Promise<Database>, version: number): Promise<Database> {
  const db = await opening;
  await migrate(
    db,
    MIGRATIONS.filter((m) => m.version < version),
  );
  return db;
}

/** PGlite always; PostgreSQL unless it is missing outside CI (postgresUnavailable explains why) */
export const BACKENDS: Backend[] = [
  {
    name: "pglite",
    open: openTestPglite,
    openBefore: (version) => upTo(openTestPglite({ migrations: [] }), version),
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
          openBefore: async (version: number) => upTo(openPostgres(await (await postgres()).newDatabase()), version),
        },
      ]),
];

/**
 * Every draw path of a backend: PGlite's, and on PostgreSQL the sharded path (in one statement, or in a transaction when
 * a webhook endpoint writes with the draw) and the locked one
 */
export const drawPaths = (backend: Backend): { name: string; options: CollectorOptions }[] =>
  backend.name === "pglite"
    ? [{ name: "pglite", options: {} }]
    : [
        { name: "postgres, sharded", options: {} },
        {
          name: "postgres, sharded with a webhook",
          options: {
            webhooks: {
              endpoints: [{ url: "http://127.0.0.1:9/hook", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", events: ["claim"] }],
            },
          },
        },
        { name: "postgres, locked", options: { drawPath: "locked" } },
      ];
