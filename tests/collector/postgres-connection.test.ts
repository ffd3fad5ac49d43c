// a PostgreSQL connection cut by the server in the middle of a transaction (a restart, pg_ctl stop -m fast): the
// transaction rejects, the process lives on, and the pool hands out a working connection afterwards
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { openPostgres, type Database } from "../../src/collector/storage/index.js";
import { BACKENDS } from "./backends.js";

const postgres = BACKENDS.find((b) => b.name === "postgres");

describe.skipIf(!postgres)("a connection cut mid-transaction", () => {
  let url: string;
  let db: Database;
  let admin: pg.Client;
  beforeAll(async () => {
    url = await postgres!.url!();
    db = await openPostgres(url, 2);
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await db?.close();
  });

  it("rejects that transaction without an unhandled 'error' event, and the next one runs", async () => {
    const attempt = db.transaction(async (tx) => {
      const [{ pid }] = (await tx.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")) as [{ pid: number }];
      await admin.query("SELECT pg_terminate_backend($1)", [pid]);
      // between two statements the server's goodbye arrives as an event on the idle client
      await expect
        .poll(async () => (await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1", [pid])).rows[0].n)
        .toBe(0);
      await tx.query("SELECT 1");
    });
    await expect(attempt).rejects.toThrow();
    expect(await db.transaction((tx) => tx.query<{ one: number }>("SELECT 1 AS one"))).toEqual([{ one: 1 }]);
  });
});
