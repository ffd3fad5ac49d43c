// where one collector process spends its CPU on server draws: runs the sharded path under load with a V8 CPU profile
// (node --cpu-prof) and sums the profile's self time per part (HTTP server, JSON, zod, token/HMAC, pg driver, the
// collector's own code, garbage collection), per draw. Durable PostgreSQL cluster, as bench/draws.ts.
// run: npx tsx bench/draw-profile.ts [--draws 3000] [--clients 50] [--path sharded|locked]
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { openPostgres } from "../src/collector/storage/index.js";
import { createDatabase, startCluster } from "../tests/helpers/postgres-cluster.js";
import { clusterCpuMs, parentPid, processCpuMs } from "./lib/cpu.js";
import { DRAW_CAMPAIGN } from "./lib/draw-campaign.js";

const { values: args } = parseArgs({
  options: {
    draws: { type: "string", default: "3000" },
    clients: { type: "string", default: "50" },
    path: { type: "string", default: "sharded" },
    /** keep the .cpuprofile here (opens in Chrome DevTools) */
    out: { type: "string" },
  },
});
const MAIN = fileURLToPath(new URL("./lib/draw-collector.ts", import.meta.url));
const campaign = DRAW_CAMPAIGN;

type Node = { id: number; callFrame: { functionName: string; url: string }; hitCount: number; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** the part of the process a frame belongs to */
function partOf(f: Node["callFrame"]): string {
  const u = f.url;
  if (f.functionName === "(garbage collector)") return "garbage collection";
  if (f.functionName === "(idle)") return "idle";
  if (f.functionName === "(program)") return "V8/native (program)";
  if (u.includes("node_modules/pg") || u.includes("node_modules/pg-")) return "pg driver";
  if (u.includes("node_modules/hono") || u.includes("@hono")) return "hono";
  if (u.includes("node_modules/zod")) return "zod";
  if (u.includes("node_modules/jose")) return "jose";
  if (u.includes("node_modules/tsx") || u.includes("esbuild")) return "tsx loader";
  if (u.includes("node_modules")) return `other dependency (${u.split("node_modules/")[1]?.split("/")[0]})`;
  if (u.includes("/src/collector/")) return `collector: ${u.split("/src/collector/")[1]?.split("/")[0]}`;
  if (u.includes("/src/core/")) return "core (engine, schema)";
  if (u.startsWith("node:internal/deps/undici") || u.includes("undici")) return "node: undici";
  if (u.startsWith("node:internal/http") || u.startsWith("node:_http") || u.includes("node:http")) return "node: http";
  if (u.startsWith("node:internal/crypto") || u.startsWith("node:crypto")) return "node: crypto";
  if (u.startsWith("node:net") || u.startsWith("node:internal/stream") || u.startsWith("node:stream")) return "node: net/streams";
  if (u.startsWith("node:")) return "node: other";
  if (f.functionName === "parse" && u === "") return "JSON.parse";
  if (f.functionName === "stringify" && u === "") return "JSON.stringify";
  return `native: ${f.functionName || "(anonymous)"}`;
}

const cluster = await startCluster({ durable: true });
const dir = mkdtempSync(join(tmpdir(), "minigame-prof-"));
try {
  const url = await createDatabase(cluster.url);
  const admin = await openPostgres(cluster.url, 1);
  const postmaster = parentPid((await admin.query<{ pid: number }>("SELECT pg_backend_pid() AS pid"))[0]!.pid);
  await admin.close();
  const child = spawn(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, "--import", "tsx", MAIN], {
    env: { ...process.env, DATABASE_URL: url, DRAW_PATH: args.path, POOL: "10", SECRET: "s", CAMPAIGNS: JSON.stringify([campaign]) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const base = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    child.once("exit", (code) => reject(new Error(`collector exited with ${code}`)));
  });
  const clients = Number(args.clients);
  const total = Number(args.draws);
  const visitors = await Promise.all(
    Array.from(
      { length: clients },
      async () => (await (await fetch(`${base}/v1/campaigns/${campaign.id}/visitors`, { method: "POST", body: "{}" })).json()) as object,
    ),
  );
  let next = 0;
  // CPU as the kernel counts it (a profile's native time also holds time the thread was runnable but not running)
  const cpu0 = { collector: processCpuMs(child.pid!), postgres: clusterCpuMs(postmaster) };
  const t0 = performance.now();
  await Promise.all(
    visitors.map(async (v, client) => {
      while (next < total) {
        const i = next++;
        const res = await fetch(`${base}/v1/campaigns/${campaign.id}/draw`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": `10.0.${client >> 8}.${client & 255}` },
          body: JSON.stringify({ ...v, requestId: `request-${i}-profile` }),
        });
        if (res.status !== 200) throw new Error(`draw answered ${res.status}`);
        await res.arrayBuffer();
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = { collector: processCpuMs(child.pid!) - cpu0.collector, postgres: clusterCpuMs(postmaster) - cpu0.postgres };
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"))!;
  if (args.out) copyFileSync(join(dir, file), args.out);
  const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parts = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const part = partOf(byId.get(id)!.callFrame);
    parts.set(part, (parts.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const busy = [...parts].filter(([p]) => p !== "idle").reduce((s, [, ms]) => s + ms, 0);
  console.log(`# collector CPU profile, ${args.path} path: ${total} draws, ${clients} clients, ${(total / seconds).toFixed(0)} draws/s`);
  console.log(
    `CPU per draw during the load (/proc): collector ${(cpu.collector / total).toFixed(2)} ms, PostgreSQL ${(cpu.postgres / total).toFixed(2)} ms; ` +
      `cores busy: collector ${(cpu.collector / 1000 / seconds).toFixed(2)}, PostgreSQL ${(cpu.postgres / 1000 / seconds).toFixed(2)}`,
  );
  console.log(`profile (whole process life, start-up and shutdown included; self time per part):`);
  console.log(`busy ${busy.toFixed(0)} ms = ${(busy / total).toFixed(3)} ms per draw\n`);
  console.log("| part | ms | ms per draw | share of busy |");
  console.log("|---|---:|---:|---:|");
  for (const [part, ms] of [...parts].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(
      `| ${part} | ${ms.toFixed(0)} | ${(ms / total).toFixed(3)} | ${part === "idle" ? "" : `${((ms / busy) * 100).toFixed(1)} %`} |`,
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
  await cluster.stop();
}
