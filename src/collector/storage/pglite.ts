// embedded PostgreSQL (WASM): the default, nothing to install
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { restrictToOwner } from "./permissions.js";
import type { Database, Queryable, Row } from "./types.js";

/**
 * Open PGlite on a data directory, or in memory when `dataDir` is undefined; `options` go to PGlite as they are
 * (tests pass compiled WebAssembly and a migrated `loadDataDir` so each database opens in a fraction of the time).
 * @example const db = await openPglite("./.minigame-data/pglite");
 */
export async function openPglite(dataDir?: string, options: Omit<PGliteOptions, "dataDir"> = {}): Promise<Database> {
  if (dataDir) restrictToOwner(dataDir);
  const pg = await PGlite.create(dataDir ? { ...options, dataDir } : options);
  // PGlite has just unpacked its files (0666 on a new directory): owner-only before the first row is written
  if (dataDir) restrictToOwner(dataDir);
  const wrap = (q: Pick<PGlite, "query">): Queryable => ({
    async query<R extends Row>(sql: string, params: unknown[] = []) {
      return (await q.query<R>(sql, params)).rows;
    },
  });
  return {
    kind: "pglite",
    ...wrap(pg),
    // PGlite runs one transaction at a time, so a transaction here is also a mutex
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async exec(sql) {
      await pg.exec(sql);
    },
    async close() {
      await pg.close();
      if (dataDir) restrictToOwner(dataDir);
    },
  };
}
