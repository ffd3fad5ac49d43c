// the embedded database holds people's emails and phones: under any umask, nothing in the data dir is open to other users
import { mkdtempSync, readdirSync, rmSync, lstatSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startCollectorProcess } from "./helpers/collector-process.js";

const campaign = {
  id: "perm",
  game: "wheel",
  prizes: [
    { id: "a", label: "A", weight: 1 },
    { id: "b", label: "B", weight: 1, win: false },
  ],
};

/** the permission bits of every directory and file from `dir` down */
function modes(dir: string): { dirs: Map<string, number>; files: Map<string, number> } {
  const dirs = new Map<string, number>([[dir, lstatSync(dir).mode & 0o777]]);
  const files = new Map<string, number>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (!stat) continue; // removed while we looked (a recycled WAL segment)
      if (stat.isDirectory()) {
        dirs.set(path, stat.mode & 0o777);
        walk(path);
      } else files.set(path, stat.mode & 0o777);
    }
  };
  walk(dir);
  return { dirs, files };
}

function expectOwnerOnly(dir: string) {
  const { dirs, files } = modes(dir);
  expect(files.size).toBeGreaterThan(100); // PGlite's cluster, not an empty folder
  const wrongDirs = [...dirs].filter(([, m]) => m !== 0o700).map(([p, m]) => `${m.toString(8)} ${p}`);
  const wrongFiles = [...files].filter(([, m]) => m !== 0o600).map(([p, m]) => `${m.toString(8)} ${p}`);
  expect(wrongDirs).toEqual([]);
  expect(wrongFiles).toEqual([]);
  return files;
}

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

let n = 0;
const impressions = (count: number) => ({
  sentAt: Date.now(),
  events: Array.from({ length: count }, () => ({
    id: `perm-${process.pid}-${n++}`,
    type: "impression",
    campaignId: "perm",
    visitorId: `visitor-${n % 50}`,
    sessionId: "session-1",
    ts: Date.now(),
    props: { note: "x".repeat(200) },
  })),
});

// umask 022, the usual one, is the case that can leak: PGlite unpacks its files with an explicit chmod to 0666 under
// any umask, and a narrower umask (077) can only narrow what PostgreSQL creates later, so it proves nothing more
describe.each([{ umask: 0o022, name: "022" }])("the data dir under umask $name", ({ umask }) => {
  it("is 0700 with 0600 files after start, while writing, after a stop and after a restart", { timeout: 300_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), "minigame-perm-"));
    roots.push(root);
    const dataDir = join(root, "data");
    const start = async () => {
      const port = await freePort();
      // initdb: the files PGlite makes on a new data dir are the subject, not a copy of the test snapshot
      const p = await startCollectorProcess({ port, dataDir, campaigns: [campaign], secret: "s", adminToken: "t", umask, initdb: true });
      return { ...p, url: `http://127.0.0.1:${port}` };
    };
    const first = await start();
    const atStart = expectOwnerOnly(dataDir);
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${first.url}/v1/events`, { method: "POST", body: JSON.stringify(impressions(100)) });
      expect(res.status).toBe(200);
    }
    const whileRunning = expectOwnerOnly(dataDir);
    await first.stop();
    expectOwnerOnly(dataDir);
    const second = await start();
    try {
      expectOwnerOnly(dataDir);
    } finally {
      await second.stop();
    }
    const atEnd = expectOwnerOnly(dataDir);
    // what appeared after the first start was created by PostgreSQL itself, under this umask
    console.info(
      `umask ${umask.toString(8).padStart(3, "0")}: ${atStart.size} files at start, ${[...whileRunning.keys()].filter((p) => !atStart.has(p)).length} new while writing, ${[...atEnd.keys()].filter((p) => !atStart.has(p)).length} new by the end, all 0600`,
    );
  });
});
