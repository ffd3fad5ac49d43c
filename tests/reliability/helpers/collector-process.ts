// start and kill a collector process (see collector-main.ts)
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { seedPgliteDir } from "../../helpers/pglite.js";

export type CollectorProcessOptions = {
  port: number;
  /** PGlite data directory, or a PostgreSQL URL */
  dataDir?: string;
  databaseUrl?: string;
  campaigns: unknown[];
  secret: string;
  adminToken: string;
  /** NATS JetStream in front of ingest */
  natsUrl?: string;
  natsStream?: string;
  /** pass the collector's warnings and errors to this process's stderr */
  log?: boolean;
  /** the collector's webhook configuration */
  webhooks?: unknown;
  /** run under this umask, such as 0o022 (default: the test runner's) */
  umask?: number;
  /**
   * let the collector make its PGlite cluster itself (initdb and every migration, several seconds of CPU) when
   * `dataDir` holds none yet; by default it starts from the run's migrated snapshot (tests/helpers/pglite.ts), as
   * a collector restarting on its data, which is what the suites are about
   */
  initdb?: boolean;
};

export type CollectorProcess = { child: ChildProcess; kill(): Promise<void>; stop(): Promise<void> };

const main = fileURLToPath(new URL("collector-main.ts", import.meta.url));

/**
 * Spawn a collector and resolve once it listens.
 * @example const p = await startCollectorProcess({ port, dataDir, campaigns, secret, adminToken }); await p.kill();
 */
export async function startCollectorProcess(o: CollectorProcessOptions): Promise<CollectorProcess> {
  if (o.dataDir && !o.initdb) await seedPgliteDir(join(o.dataDir, "pglite"));
  const node = [process.execPath, "--import", "tsx", main];
  // the shell sets the umask, then becomes node: the process starts with it, as under a service manager
  const [command, ...args] =
    o.umask === undefined ? node : ["/bin/sh", "-c", `umask ${o.umask.toString(8).padStart(3, "0")} && exec "$@"`, "sh", ...node];
  const child = spawn(command!, args, {
    env: {
      ...process.env,
      PORT: String(o.port),
      ...(o.dataDir ? { DATA_DIR: o.dataDir } : {}),
      ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
      ...(o.webhooks ? { WEBHOOKS: JSON.stringify(o.webhooks) } : {}),
      ...(o.natsUrl ? { NATS_URL: o.natsUrl } : {}),
      ...(o.natsStream ? { NATS_STREAM: o.natsStream } : {}),
      ...(o.log ? { LOG: "1" } : {}),
      CAMPAIGNS: JSON.stringify(o.campaigns),
      SECRET: o.secret,
      ADMIN_TOKEN: o.adminToken,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      if (o.log) process.stderr.write(d);
    });
    child.stdout!.on("data", (d: Buffer) => {
      if (d.toString().includes("listening")) resolve({ child, kill: () => end("SIGKILL"), stop: () => end("SIGTERM") });
    });
    child.once("exit", (code) => reject(new Error(`collector exited with ${code} before listening: ${err}`)));
  });
}

/**
 * A port that was free a moment ago on 127.0.0.1, for a child process to listen on (the child cannot be handed a socket).
 * @example const port = await freePort(); await startCollectorProcess({ port, ... });
 */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
