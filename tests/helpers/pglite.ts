// PGlite for tests, opened in a fraction of the usual time: the WebAssembly is compiled once per process, and
// each database starts from a migrated data directory (made once per set of migrations and kept in
// node_modules/.cache; tests/helpers/global-setup.ts makes it before a run) instead of initdb plus every migration
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { MIGRATIONS, migrate, type Migration } from "../../src/collector/migrations/index.js";
import { openPglite, type Database } from "../../src/collector/storage/index.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dist = join(root, "node_modules/@electric-sql/pglite/dist");
const cacheDir = join(root, "node_modules/.cache/minigame-tests");

type Modules = Pick<PGliteOptions, "pgliteWasmModule" | "initdbWasmModule" | "fsBundle">;
let modules: Promise<Modules> | undefined;

/**
 * `bytes` as the Blob PGlite asks for: it only calls arrayBuffer(). A Node Blob streams its 41 MB out in chunks on
 * every open (about a third of an open's CPU); this one hands out a single copy (PGlite's file system may keep and
 * write to what it is given, so never the shared bytes).
 */
function inMemoryBlob(bytes: Buffer): Blob {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return { type: "", size: buffer.byteLength, arrayBuffer: () => Promise.resolve(buffer.slice(0)) } as Blob;
}

/** PGlite's WebAssembly and file bundle, compiled and read once per process */
function compiled(): Promise<Modules> {
  modules ??= (async () => {
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all([
      WebAssembly.compile(readFileSync(join(dist, "pglite.wasm"))),
      WebAssembly.compile(readFileSync(join(dist, "initdb.wasm"))),
    ]);
    return { pgliteWasmModule, initdbWasmModule, fsBundle: inMemoryBlob(readFileSync(join(dist, "pglite.data"))) };
  })();
  return modules;
}

/**
 * The cached data directory (a PGlite dump) with `migrations` applied, made first if missing; returns its path.
 * @example await pgliteSnapshot(); // node_modules/.cache/minigame-tests/pglite-….tar
 */
export async function pgliteSnapshot(migrations: readonly Migration[] = MIGRATIONS): Promise<string> {
  const { version } = JSON.parse(readFileSync(join(dist, "../package.json"), "utf8")) as { version: string };
  const key = createHash("sha256").update(version).update(JSON.stringify(migrations)).digest("hex").slice(0, 16);
  const file = join(cacheDir, `pglite-${key}.tar`);
  if (existsSync(file)) return file;
  // migrate through the collector's own code into a directory, then dump that directory
  const data = mkdtempSync(join(tmpdir(), "minigame-pglite-"));
  try {
    const db = await openPglite(data, await compiled());
    await migrate(db, migrations);
    await db.close();
    const pg = await PGlite.create({ ...(await compiled()), dataDir: data });
    const tar = await pg.dumpDataDir("none");
    await pg.close();
    mkdirSync(cacheDir, { recursive: true });
    // write then rename: processes making it at the same time never read half a file
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await tar.arrayBuffer()));
    renameSync(tmp, file);
    return file;
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

/**
 * PostgreSQL's buffer pool for test databases: PGlite sets up memory for its default 128 MB on every open (about a
 * third of an open's CPU), while a test's tables fit in a few; the collector's own default is left as it is
 */
export const TEST_SHARED_BUFFERS = "16MB";

const snapshots = new Map<string, Promise<Blob>>();

/**
 * A new in-memory PGlite with `migrations` (default: all) applied, as `openPglite()` + `migrate()` would give, only faster.
 * @example const db = await openTestPglite(); ... await db.close();
 * @example const empty = await openTestPglite({ migrations: [] }); // for migration tests
 */
export async function openTestPglite(
  options: {
    migrations?: readonly Migration[];
    /** the buffer pool; null keeps PGlite's own default, as a benchmark that stands for production wants */
    sharedBuffers?: string | null;
  } = {},
): Promise<Database> {
  const migrations = options.migrations ?? MIGRATIONS;
  const key = JSON.stringify(migrations.map((m) => m.version));
  let snapshot = snapshots.get(key);
  if (!snapshot) {
    snapshot = pgliteSnapshot(migrations).then((file) => inMemoryBlob(readFileSync(file)));
    snapshots.set(key, snapshot);
  }
  return openPglite(undefined, {
    ...(await compiled()),
    loadDataDir: await snapshot,
    startParams: [
      ...PGlite.defaultStartParams,
      ...(options.sharedBuffers === null ? [] : ["-c", `shared_buffers=${options.sharedBuffers ?? TEST_SHARED_BUFFERS}`]),
    ],
  });
}

/**
 * Unpack the migrated snapshot into the PGlite data directory `dir` unless a cluster is there already (a restart keeps
 * its data), with the tests' buffer pool in its postgresql.conf: what a collector given `dir` then opens is a migrated
 * database, without initdb.
 * @example await seedPgliteDir(join(dataDir, "pglite")); // then start a collector on dataDir
 */
export async function seedPgliteDir(dir: string): Promise<void> {
  if (existsSync(join(dir, "PG_VERSION"))) return;
  const snapshot = await pgliteSnapshot();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  execFileSync("tar", ["-xf", snapshot, "-C", dir]);
  // the last setting in the file wins
  appendFileSync(join(dir, "postgresql.conf"), `\nshared_buffers = ${TEST_SHARED_BUFFERS}\n`);
}

/**
 * PGlite on the data directory `dir` (seeded from the snapshot when empty), as a collector on that directory opens it.
 * @example const db = await openTestPgliteDir(join(dataDir, "pglite")); ... await db.close();
 */
export async function openTestPgliteDir(dir: string): Promise<Database> {
  await seedPgliteDir(dir);
  return openPglite(dir, await compiled());
}
