// once per `vitest run` of the integration project: one PostgreSQL cluster for every suite (each suite still makes
// databases of its own with newDatabase()) instead of an initdb and a server start per file, and the PGlite
// snapshots of pglite.ts made before any test (outside every test's timeout)
import type { TestProject } from "vitest/node";
import { pgliteSnapshot } from "./pglite.js";
import { startCluster } from "./postgres-cluster.js";
import { postgresBinDir } from "./system.js";

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const snapshots = Promise.all([pgliteSnapshot(), pgliteSnapshot([])]);
  if (process.env.TEST_DATABASE_URL || !postgresBinDir()) {
    await snapshots;
    return undefined;
  }
  const [cluster, made] = await Promise.allSettled([startCluster(), snapshots]);
  if (made.status === "rejected") {
    if (cluster.status === "fulfilled") await cluster.value.stop();
    throw made.reason;
  }
  if (cluster.status === "rejected") throw cluster.reason;
  project.provide("postgresUrl", cluster.value.url);
  return () => cluster.value.stop();
}
