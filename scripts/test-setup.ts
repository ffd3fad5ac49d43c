// first step of `npm test`: make sure the programs the suites start are here. Missing Debian packages are
// installed with apt-get when we can (root, apt-get present); otherwise we stop at once with the command to run,
// rather than letting a dozen suites fail one by one minutes later.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromiumPath, natsServerPath, onPath, pgbouncerPath, postgresBinDir } from "../tests/helpers/system.js";

export type Requirement = {
  /** the Debian package that provides it */
  pkg: string;
  /** what the suites use it for */
  why: string;
  /** where it was found, or null */
  found: string | null;
  /** set when the user pointed an environment variable at something that is not there: installing cannot help */
  badOverride?: string;
};

export type SetupPlan = { kind: "ready" } | { kind: "install"; packages: string[] } | { kind: "stop"; message: string };

/**
 * Decide what to do about missing requirements: nothing, install with apt-get, or stop with the command to run.
 * @example planSetup(reqs, { root: true, apt: true }) // { kind: "install", packages: ["chromium"] }
 */
export function planSetup(
  requirements: readonly Requirement[],
  can: { root: boolean; apt: boolean /** apt-get already ran in this setup */; triedApt?: boolean },
): SetupPlan {
  const bad = requirements.filter((r) => r.badOverride);
  if (bad.length) return { kind: "stop", message: bad.map((r) => r.badOverride).join("\n") };
  const missing = requirements.filter((r) => !r.found);
  if (!missing.length) return { kind: "ready" };
  const packages = missing.map((r) => r.pkg);
  if (can.root && can.apt && !can.triedApt) return { kind: "install", packages };
  const sudo = can.root ? "" : "sudo ";
  const lines = [
    can.triedApt ? "apt-get could not install everything npm test needs:" : "npm test needs programs this machine does not have:",
    ...missing.map((r) => `  ${r.pkg}: ${r.why}`),
    "",
    can.apt
      ? `Install them, then run npm test again:\n\n  ${sudo}apt-get update && ${sudo}apt-get install -y ${packages.join(" ")}\n`
      : `Install ${packages.join(", ")} with your package manager, then run npm test again.\n`,
    "Or point the suites at ones you have: CHROMIUM_PATH=/path/to/chromium, TEST_DATABASE_URL=postgres://…,",
    "NATS_SERVER_PATH, PGBOUNCER_PATH.",
  ];
  return { kind: "stop", message: lines.join("\n") };
}

const root = fileURLToPath(new URL("..", import.meta.url));

/** test files and helpers: a suite that calls natsServerPath() or pgbouncerPath() needs that program */
function testSources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : testSources(path);
    return /\.(test|spec)\.tsx?$/.test(e.name) || dir.startsWith("tests") ? [path] : [];
  });
}

function usedBySuites(finder: string): boolean {
  const call = new RegExp(`\\b${finder}\\(`);
  return [...testSources("tests"), ...testSources("src")].some(
    (file) => !file.endsWith(join("helpers", "system.ts")) && call.test(readFileSync(join(root, file), "utf8")),
  );
}

/**
 * What this machine has of what the suites need, per the environment and the files under tests/ and src/.
 * @example const plan = planSetup(requirements(), { root: true, apt: true });
 */
export function requirements(env: NodeJS.ProcessEnv = process.env): Requirement[] {
  const out: Requirement[] = [];
  const chromium = chromiumPath(env);
  out.push({
    pkg: "chromium",
    why: "the browser suites (tests/e2e, tests/ui, tests/tracker, tests/reliability)",
    found: chromium,
    ...(env.CHROMIUM_PATH && !chromium
      ? {
          badOverride: `CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable: point it at Chromium, or unset it to use /usr/bin/chromium`,
        }
      : {}),
  });
  if (!env.TEST_DATABASE_URL) {
    out.push({
      pkg: "postgresql",
      why: "the PostgreSQL variants of the collector suites (or set TEST_DATABASE_URL)",
      found: postgresBinDir(),
    });
  }
  if (usedBySuites("natsServerPath")) {
    const found = natsServerPath(env);
    out.push({
      pkg: "nats-server",
      why: "the suites that start a NATS server",
      found,
      ...(env.NATS_SERVER_PATH && !found ? { badOverride: `NATS_SERVER_PATH=${env.NATS_SERVER_PATH} is not an executable` } : {}),
    });
  }
  if (usedBySuites("pgbouncerPath")) {
    const found = pgbouncerPath(env);
    out.push({
      pkg: "pgbouncer",
      why: "the suites that put pgbouncer in front of PostgreSQL",
      found,
      ...(env.PGBOUNCER_PATH && !found ? { badOverride: `PGBOUNCER_PATH=${env.PGBOUNCER_PATH} is not an executable` } : {}),
    });
  }
  return out;
}

function aptInstall(packages: string[]): void {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  console.log(`test setup: installing ${packages.join(" ")} with apt-get (once per machine)`);
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  if (update.status !== 0) return;
  spawnSync("apt-get", ["install", "-y", "-qq", ...packages], { stdio: ["ignore", "ignore", "inherit"], env });
}

/** run the setup; resolves to the exit code */
export function main(env: NodeJS.ProcessEnv = process.env): number {
  const can = { root: process.getuid?.() === 0, apt: onPath("apt-get", [], env.PATH) !== null };
  let plan = planSetup(requirements(env), can);
  if (plan.kind === "install") {
    aptInstall(plan.packages);
    plan = planSetup(requirements(env), { ...can, triedApt: true });
  }
  if (plan.kind === "stop") {
    console.error(`test setup: ${plan.message}`);
    return 1;
  }
  const found = requirements(env).map((r) => `${r.pkg} ${r.found}`);
  if (env.TEST_DATABASE_URL) found.push("PostgreSQL at TEST_DATABASE_URL");
  console.log(`test setup: ${found.join(", ")}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
