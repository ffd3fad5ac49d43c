// once per `vitest run` of the integration project: one PostgreSQL cluster for every suite (each suite still makes
// databases of its own with newDatabase()) instead of an initdb and a server start per file, one Chromium that the
// browser suites connect to (each file its own contexts) instead of a browser launch per file, and the PGlite
// snapshots of pglite.ts made before any test (outside every test's timeout)
import type { TestProject } from "vitest/node";
import { startChromiumServer } from "./chromium.js";
import { pgliteSnapshot } from "./pglite.js";
import { startCluster } from "./postgres-cluster.js";
import { chromiumPath, postgresBinDir } from "./system.js";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stops: Array<() => Promise<void>> = [];
  const teardown = async () => {
    await Promise.allSettled(stops.map((stop) => stop()));
  };
  const snapshots = Promise.all([pgliteSnapshot(), pgliteSnapshot([])]);
  const cluster = process.env.TEST_DATABASE_URL || !postgresBinDir() ? undefined : startCluster();
  // without Chromium the browser suites launch their own and say what is missing
  const browser = chromiumPath() ? startChromiumServer() : undefined;
  const started = await Promise.allSettled([snapshots, cluster, browser]);
  const [, pg, chromium] = started;
  if (pg.status === "fulfilled" && pg.value) {
    const value = pg.value;
    stops.push(() => value.stop());
    project.provide("postgresUrl", value.url);
  }
  if (chromium.status === "fulfilled" && chromium.value) {
    const value = chromium.value;
    stops.push(() => value.close());
    project.provide("chromiumWsEndpoint", value.wsEndpoint());
  }
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    await teardown();
    throw failed.reason;
  }
  return teardown;
}
