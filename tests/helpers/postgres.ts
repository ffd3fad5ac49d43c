// a throwaway PostgreSQL for tests: TEST_DATABASE_URL when set, else a fresh cluster on 127.0.0.1 and a free port
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export type TestPostgres = {
  /** the cluster's maintenance database */
  url: string;
  /** a new empty database, so suites never see each other's rows */
  newDatabase(): Promise<string>;
  stop(): Promise<void>;
};

/** the newest PostgreSQL bin directory under /usr/lib/postgresql, or null */
function binDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(root, v, "bin", "initdb"))) return join(root, v, "bin");
  return null;
}

/**
 * Why the PostgreSQL variants cannot run here, or null when they can. In CI a missing PostgreSQL is an error.
 * @example const reason = postgresUnavailable(); describe.skipIf(reason)("postgres", ...)
 */
export function postgresUnavailable(): string | null {
  if (process.env.TEST_DATABASE_URL || binDir()) return null;
  const reason = "no PostgreSQL: set TEST_DATABASE_URL or install postgresql (apt-get install -y postgresql)";
  if (process.env.CI === "true") throw new Error(`${reason}; CI must run the PostgreSQL variants`);
  console.warn(`skipping the PostgreSQL variants: ${reason}`);
  return reason;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** run as the postgres user when we are root: initdb refuses to run as root */
function runAsOwner(file: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
  execFileSync(cmd, argv, { stdio: "pipe" });
}

let counter = 0;

async function createDatabase(url: string): Promise<string> {
  const name = `minigame_test_${process.pid}_${Date.now()}_${counter++}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Start (or reuse, with TEST_DATABASE_URL) a PostgreSQL for a test file.
 * @example const server = await startPostgres(); const url = await server.newDatabase(); ... await server.stop();
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return { url: external, newDatabase: () => createDatabase(external), stop: async () => {} };

  const bin = binDir();
  if (!bin) throw new Error("no PostgreSQL binaries under /usr/lib/postgresql");
  const dir = mkdtempSync(join(tmpdir(), "minigame-pg-"));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, "data");
  const port = await freePort();
  runAsOwner(join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--no-instructions"]);
  // fsync off unless asked: a test cluster trades durability for speed, a benchmark may not
  runAsOwner(join(bin, "pg_ctl"), [
    "-D",
    data,
    "-l",
    join(dir, "log"),
    "-w",
    "-o",
    `-p ${port} -h 127.0.0.1 -k ${dir}${options.durable ? "" : " -F"} -c max_connections=200`,
    "start",
  ]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    newDatabase: () => createDatabase(url),
    async stop() {
      try {
        runAsOwner(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
