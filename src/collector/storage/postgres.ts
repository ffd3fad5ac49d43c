// PostgreSQL through a pg Pool: several collector instances can share one database.
// Safe behind PgBouncer in transaction mode (tests/reliability/pgbouncer.test.ts): statements are unnamed (no `name`,
// so nothing is prepared per session), locks are pg_advisory_xact_lock, nothing is SET, LISTENed or kept in temp
// tables, and every multi-statement unit of work is one BEGIN…COMMIT on one client.
import pg from "pg";
import type { Database, Queryable, Row } from "./types.js";

const INT8 = 20;
const NUMERIC = 1700;

// per pool, not pg's global registry: counts and bigint timestamps fit a double, so read them as numbers like PGlite does
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as unknown as pg.CustomTypesConfig;

/**
 * Connect to PostgreSQL.
 * @example const db = await openPostgres(process.env.DATABASE_URL!);
 */
export async function openPostgres(connectionString: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max, types });
  // an idle client losing its server (restart, failover) must not crash the process; the pool replaces it
  pool.on("error", () => {});
  // fail at start, not at the first request, when the database is unreachable
  (await pool.connect()).release();
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R extends Row>(sql: string, params: unknown[] = []) {
      return (await q.query(sql, params)).rows as R[];
    },
  });
  return {
    kind: "postgres",
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      // a connection the server cuts between two statements (a restart, pg_ctl stop -m fast) is reported as an 'error'
      // event, not by a query: unheard, it would end the process. The next statement then rejects, the transaction
      // rolls back, and the broken client leaves the pool.
      let broken: Error | undefined;
      const onError = (e: Error) => {
        broken = e;
      };
      client.on("error", onError);
      try {
        await client.query("BEGIN");
        const out = await fn(wrap(client));
        await client.query("COMMIT");
        return out;
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw e;
      } finally {
        client.off("error", onError);
        client.release(broken);
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
