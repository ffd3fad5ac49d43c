// a throwaway PostgreSQL cluster: initdb into a temporary directory, pg_ctl start on 127.0.0.1
// (no vitest here: tests/helpers/global-setup.ts runs this in vitest's main process)
import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { postgresBinDir } from "./system.js";

export type TestPostgres = {
  /** the cluster's maintenance database */
  url: string;
  /** a new empty database, so suites never see each other's rows */
  newDatabase(): Promise<string>;
  stop(): Promise<void>;
};

/** a cluster of its own can be taken down and brought back mid-test (a PostgreSQL outage) */
export type ClusterOutage = {
  /** pg_ctl stop -m fast: open connections are cut, new ones refused; the data stays */
  shutdown(): void;
  /** pg_ctl start again on the same data and port */
  startAgain(): void;
};

/** run as the postgres user when we are root: initdb refuses to run as root */
function runAsOwner(file: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
  execFileSync(cmd, argv, { stdio: "pipe" });
}

/**
 * pg_ctl start on a random high port, trying another when that one is taken: asking the OS for a free port and
 * handing it to another process races with every other process doing the same.
 */
function startOnSomePort(bin: string, data: string, dir: string, durable = false): number {
  for (let attempt = 1; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    try {
      pgCtlStart(bin, data, dir, port, durable);
      return port;
    } catch (e) {
      if (attempt === 5) throw e;
    }
  }
}

function pgCtlStart(bin: string, data: string, dir: string, port: number, durable: boolean): void {
  // fsync off unless asked: a test cluster trades durability for speed, a benchmark may not
  runAsOwner(join(bin, "pg_ctl"), [
    "-D",
    data,
    "-l",
    join(dir, "log"),
    "-w",
    "-o",
    `-p ${port} -h 127.0.0.1 -k ${dir}${durable ? "" : " -F"} -c max_connections=200`,
    "start",
  ]);
}

let counter = 0;

export async function createDatabase(url: string): Promise<string> {
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
 * Start a new throwaway cluster: initdb into a temporary directory, then pg_ctl start on a free port.
 * @example const cluster = await startCluster(); ...; await cluster.stop();
 */
export async function startCluster(options: { durable?: boolean } = {}): Promise<TestPostgres & ClusterOutage> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("no PostgreSQL binaries under /usr/lib/postgresql");
  const dir = mkdtempSync(join(tmpdir(), "minigame-pg-"));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, "data");
  runAsOwner(join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--no-instructions"]);
  const port = startOnSomePort(bin, data, dir, options.durable);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    newDatabase: () => createDatabase(url),
    shutdown() {
      runAsOwner(join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]);
    },
    startAgain() {
      pgCtlStart(bin, data, dir, port, options.durable ?? false);
    },
    async stop() {
      try {
        runAsOwner(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
