// files PostgreSQL creates while PGlite runs (new tables, WAL segments) stay the owner's, like those of the start
import { lstatSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { openPglite } from "../../src/collector/storage/index.js";

const root = mkdtempSync(join(tmpdir(), "minigame-pglite-perm-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function entries(dir: string, out = new Map<string, number>()): Map<string, number> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    out.set(path, stat.mode & 0o777);
    if (stat.isDirectory()) entries(path, out);
  }
  return out;
}

it("keeps files created after the start 0600 in 0700 directories (a new table, a switched WAL segment)", { timeout: 240_000 }, async () => {
  const dir = join(root, "pglite");
  const db = await openPglite(dir);
  try {
    const atStart = entries(dir);
    expect([...atStart.values()].filter((m) => m !== 0o600 && m !== 0o700)).toEqual([]);
    await db.query("CREATE TABLE people (email text)");
    await db.query("INSERT INTO people SELECT 'p' || i || '@example.com' FROM generate_series(1, 20000) AS i");
    await db.query("SELECT pg_switch_wal()");
    await db.query("CHECKPOINT");
    const now = entries(dir);
    const created = [...now].filter(([p]) => !atStart.has(p));
    expect(created.length).toBeGreaterThan(0);
    expect(created.filter(([, m]) => m !== 0o600 && m !== 0o700)).toEqual([]);
    expect(lstatSync(dir).mode & 0o777).toBe(0o700);
  } finally {
    await db.close();
  }
});
