// embedded PostgreSQL (WASM): the default, nothing to install
import { mkdirSync } from "node:fs";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import type { Database, Queryable, Row } from "./types.js";

/**
 * Open PGlite on a data directory, or in memory when `dataDir` is undefined; `options` go to PGlite as they are
 * (tests pass compiled WebAssembly and a migrated `loadDataDir` so each database opens in a fraction of the time).
 * @example const db = await openPglite("./.minigame-data/pglite");
 */
export async function openPglite(dataDir?: string, options: Omit<PGliteOptions, "dataDir"> = {}): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir ? { ...options, dataDir } : options);
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
    close: () => pg.close(),
  };
}
