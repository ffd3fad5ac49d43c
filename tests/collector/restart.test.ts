// the collector as users run it: the bin as a real process, and a restart on the same PGlite data dir
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createCollector } from "../../src/collector/index.js";
import { ADMIN, event, tet } from "./server.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "minigame-collector-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const post = (url: string, body: unknown) =>
  fetch(url, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "text/plain" } });

describe("restart on the same data dir", () => {
  it("loses nothing: events, stats, visitor ledgers, stored draws and the secret survive", async () => {
    const dataDir = tempDir();
    // no schedule, so the draw is open today; no pacing, which needs a schedule
    const campaign = { ...tet, schedule: undefined, pacing: "none", limits: { perVisitor: { total: 1 } } };
    const start = async () => {
      const c = createCollector({ dataDir, campaigns: [campaign], adminToken: ADMIN, log: () => {} });
      const { port } = await c.listen(0);
      return { c, url: `http://127.0.0.1:${port}` };
    };
    const stats = async (url: string) =>
      (await fetch(`${url}/v1/campaigns/tet-2027/stats`, { headers: { authorization: `Bearer ${ADMIN}` } })).json();

    const first = await start();
    const batch = { sentAt: Date.now(), events: [event({ visitorId: "r1" }), event({ visitorId: "r2", type: "play" })] };
    expect(await (await post(`${first.url}/v1/events`, batch)).json()).toMatchObject({ accepted: 2 });
    const { visitorId, visitorToken } = await (await post(`${first.url}/v1/campaigns/tet-2027/visitors`, {})).json();
    const draw = { visitorId, visitorToken, requestId: "restart-request-1" };
    const drawn = await (await post(`${first.url}/v1/campaigns/tet-2027/draw`, draw)).json();
    expect(drawn).toMatchObject({ ok: true, token: expect.any(String) });
    const before = await stats(first.url);
    await first.c.close();

    const second = await start();
    try {
      expect(await stats(second.url)).toEqual(before);
      expect(await (await post(`${second.url}/v1/events`, batch)).json()).toMatchObject({ accepted: 0, duplicates: 2 });
      // same secret and database: the minted visitor still works and the replayed draw carries the same signed token
      expect(await (await post(`${second.url}/v1/campaigns/tet-2027/draw`, draw)).json()).toEqual(drawn);
      const again = await (await post(`${second.url}/v1/campaigns/tet-2027/draw`, { ...draw, requestId: "restart-request-2" })).json();
      expect(again).toMatchObject({ ok: false, reason: "limit_total" });
    } finally {
      await second.c.close();
    }
  });
});

/** start the bin and resolve with its port once it logs "listening" */
function startBin(args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  const child = spawn(process.execPath, ["bin/minigame-collector.js", ...args], { cwd: root, env: { ...process.env, ...env } });
  let out = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      for (const line of out.split("\n")) {
        if (!line.startsWith("{")) continue;
        const parsed = JSON.parse(line) as { msg?: string; port?: number };
        if (parsed.msg === "listening") resolve({ child, port: parsed.port!, output: () => out });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.once("exit", (code) => reject(new Error(`exited ${code} before listening:\n${out}`)));
  });
}

describe("bin/minigame-collector.js", () => {
  it("refuses to start on an invalid campaign and prints every problem with its file", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ id: "bad", game: "wheel", prizes: [{ id: "a", label: "A", weight: -1 }] }));
    const child = spawn(process.execPath, ["bin/minigame-collector.js", "--campaigns", dir, "--data-dir", dir], { cwd: root });
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(err).toContain(`${join(dir, "bad.json")}: prizes[0].weight: must be ≥ 0, got -1`);
  });

  it("serves on the given port, logs one JSON line per request, says where the new secret is, and stops on SIGTERM", async () => {
    const dataDir = tempDir();
    const { child, port, output } = await startBin(["--port", "0", "--data-dir", dataDir, "--campaigns", "examples/campaigns/tet.json"], {
      MINIGAME_SECRET: "",
    });
    try {
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ ok: true, db: "pglite", campaigns: 1 });
      expect(output()).toContain(`"msg":"no MINIGAME_SECRET: generated an HMAC secret","kept":"${join(dataDir, "secret")}"`);
      // the log line is written as the answer goes out, and may reach our pipe just after it
      await expect.poll(output).toMatch(/"method":"GET","route":"\/healthz","status":200/);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await new Promise((resolve) => child.once("exit", resolve))).toBe(0);
  });
});
