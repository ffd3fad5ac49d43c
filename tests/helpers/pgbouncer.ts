// a throwaway pgbouncer in transaction pool mode in front of a test PostgreSQL: a temporary config on 127.0.0.1 and a
// random port, run in the foreground as a child process (stop() ends it and removes its directory)
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { pgbouncerPath } from "./system.js";

export type TestPgbouncer = {
  /** `upstreamUrl` with its host and port replaced by pgbouncer's */
  url(upstreamUrl: string): string;
  /** pgbouncer's admin console (SHOW POOLS, SHOW CONFIG) */
  adminUrl: string;
  stop(): Promise<void>;
};

export type PgbouncerOptions = {
  /** server connections per database and user: small, so many clients share few servers (default 4) */
  poolSize?: number;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** pgbouncer refuses to run as root: then it drops to the postgres user, which must own the directory */
function asOwner(dir: string): string[] {
  if (process.getuid?.() !== 0) return [];
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  chownSync(dir, uid, gid);
  return ["-u", "postgres"];
}

async function accepting(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query("SHOW VERSION");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Start pgbouncer (pool_mode = transaction) in front of the server of `upstreamUrl`; any database name passes through.
 * @example const bouncer = await startPgbouncer(cluster.url); const url = bouncer.url(await cluster.newDatabase());
 */
export async function startPgbouncer(upstreamUrl: string, options: PgbouncerOptions = {}): Promise<TestPgbouncer> {
  const bin = pgbouncerPath();
  if (!bin) throw new Error("no pgbouncer: apt-get install -y pgbouncer (or set PGBOUNCER_PATH)");
  const upstream = new URL(upstreamUrl);
  const user = decodeURIComponent(upstream.username || "postgres");
  const dir = mkdtempSync(join(tmpdir(), "minigame-pgbouncer-"));
  const userFlag = asOwner(dir);
  chmodSync(dir, 0o700);
  for (let attempt = 1; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    const config = join(dir, "pgbouncer.ini");
    writeFileSync(
      config,
      [
        "[databases]",
        `* = host=${upstream.hostname} port=${upstream.port || 5432} user=${user}`,
        "[pgbouncer]",
        "listen_addr = 127.0.0.1",
        `listen_port = ${port}`,
        `unix_socket_dir =`,
        "auth_type = any",
        `admin_users = ${user}`,
        "pool_mode = transaction",
        `default_pool_size = ${options.poolSize ?? 4}`,
        "max_client_conn = 1000",
        // a server connection goes back to the pool between transactions with nothing reset: what production does
        "server_reset_query =",
        "ignore_startup_parameters = extra_float_digits",
        "",
      ].join("\n"),
    );
    if (userFlag.length) execFileSync("chown", ["postgres", config]);
    const child: ChildProcess = spawn(bin, [...userFlag, config], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const at = (database: string) => `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/${database}`;
    const deadline = Date.now() + 10_000;
    let up = false;
    while (child.exitCode === null && Date.now() < deadline) {
      if (await accepting(at("pgbouncer"))) {
        up = true;
        break;
      }
      await sleep(50);
    }
    if (up) {
      return {
        url(upstreamDatabaseUrl) {
          return at(new URL(upstreamDatabaseUrl).pathname.slice(1));
        },
        adminUrl: at("pgbouncer"),
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
          await exited;
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    if (child.exitCode === null) child.kill("SIGKILL");
    await exited;
    if (attempt === 5) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`pgbouncer did not start: ${err}`);
    }
  }
}
