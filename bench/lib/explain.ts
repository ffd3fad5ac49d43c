// EXPLAIN ANALYZE of every read a function makes: the bench prints where a slow view's time goes
import type { Database, Queryable, Row } from "../../src/collector/storage/types.js";

const READ = /^\s*(SELECT|WITH)\b/i;

/**
 * `db` whose reads (SELECT and WITH statements) are run once as EXPLAIN (ANALYZE, BUFFERS) first, each plan passed to
 * `print`; the real statement runs after it, so the caller gets its rows as usual.
 * @example await queryStats(explaining(db, console.log), q);
 */
export function explaining(db: Database, print: (sql: string, plan: string) => void): Database {
  const wrap = (q: Queryable): Queryable => ({
    async query<R extends Row>(sql: string, params?: unknown[]) {
      if (READ.test(sql)) {
        const plan = await q.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
        print(sql, plan.map((r) => Object.values(r)[0]).join("\n"));
      }
      return q.query<R>(sql, params);
    },
  });
  return { ...db, ...wrap(db), transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) };
}
