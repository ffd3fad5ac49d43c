// where the programs the suites start live on this machine; scripts/test-setup.ts checks them before a run,
// and the helpers that start them (chromium.ts, postgres.ts) look in the same places
import { accessSync, constants, existsSync, readdirSync } from "node:fs";
import { delimiter, join } from "node:path";

const executable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The first executable called `name` on PATH or in `extraDirs`, or null.
 * @example onPath("nats-server", ["/usr/sbin"]) // "/usr/sbin/nats-server"
 */
export function onPath(name: string, extraDirs: readonly string[] = [], path = process.env.PATH ?? ""): string | null {
  for (const dir of [...path.split(delimiter).filter(Boolean), ...extraDirs]) {
    const file = join(dir, name);
    if (executable(file)) return file;
  }
  return null;
}

/**
 * Chromium for the browser suites: CHROMIUM_PATH when set (and then only it), else /usr/bin/chromium, else `chromium` on PATH.
 * @example const file = chromiumPath(); if (!file) throw new Error("install chromium");
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return executable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  if (executable("/usr/bin/chromium")) return "/usr/bin/chromium";
  return onPath("chromium", [], env.PATH);
}

/**
 * The newest PostgreSQL bin directory (with initdb and pg_ctl) under `root`, or null.
 * @example postgresBinDir() // "/usr/lib/postgresql/15/bin"
 */
export function postgresBinDir(root = "/usr/lib/postgresql"): string | null {
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(root, v, "bin");
    if (executable(join(bin, "initdb")) && executable(join(bin, "pg_ctl"))) return bin;
  }
  return null;
}

/** sbin directories are often missing from PATH for non-root users, and Debian puts these daemons there */
const SBIN = ["/usr/sbin", "/usr/local/sbin"];

/**
 * nats-server for the suites that start one: NATS_SERVER_PATH, else on PATH or in an sbin directory.
 * @example const file = natsServerPath();
 */
export function natsServerPath(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.NATS_SERVER_PATH) return executable(env.NATS_SERVER_PATH) ? env.NATS_SERVER_PATH : null;
  return onPath("nats-server", SBIN, env.PATH);
}

/**
 * pgbouncer for the suites that start one: PGBOUNCER_PATH, else on PATH or in an sbin directory.
 * @example const file = pgbouncerPath();
 */
export function pgbouncerPath(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.PGBOUNCER_PATH) return executable(env.PGBOUNCER_PATH) ? env.PGBOUNCER_PATH : null;
  return onPath("pgbouncer", SBIN, env.PATH);
}
