// server draws of one campaign through HTTP on PostgreSQL with durable commits (fsync on, synchronous_commit on), median
// of 3 runs at each concurrency: the locked path (one advisory lock per campaign, as before), the sharded path, GET /healthz
// of the same process, and the sharded path on two collector processes sharing the database. Collectors run as child
// processes (bench/lib/draw-collector.ts), the clients here; each client is one visitor behind its own address.
// run: npx tsx bench/draws.ts [--draws 2000] [--clients 50,200] [--runs 3] [--pool 10] [--max-seconds 600]
import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { openPostgres } from "../src/collector/storage/index.js";
import { createDatabase, startCluster } from "../tests/helpers/postgres-cluster.js";
import { quantile } from "./collector-data.js";
import { clusterCpuMs, parentPid, processCpuMs } from "./lib/cpu.js";
import { DRAW_CAMPAIGN } from "./lib/draw-campaign.js";

const { values: args } = parseArgs({
  options: {
    draws: { type: "string", default: "2000" },
    clients: { type: "string", default: "50,200" },
    runs: { type: "string", default: "3" },
    pool: { type: "string", default: "10" },
    "max-seconds": { type: "string", default: "600" },
  },
});
setTimeout(() => {
  console.error(`bench/draws.ts: stopped after ${args["max-seconds"]} s (--max-seconds)`);
  process.exit(1);
}, Number(args["max-seconds"]) * 1000).unref();
const DRAWS = Number(args.draws);
const CLIENTS = args.clients.split(",").map(Number);
const RUNS = Number(args.runs);
const SECRET = "bench-draws-secret";
const MAIN = fileURLToPath(new URL("./lib/draw-collector.ts", import.meta.url));

const campaign = DRAW_CAMPAIGN;

type Collectors = { urls: string[]; pids: number[]; stop(): Promise<void> };
// a failed run must not leave collectors behind on a shared machine
const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const c of running) c.kill("SIGKILL");
});

async function startCollectors(count: number, databaseUrl: string, drawPath: "locked" | "sharded"): Promise<Collectors> {
  const children: ChildProcess[] = [];
  const urls = await Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          DRAW_PATH: drawPath,
          POOL: args.pool,
          SECRET,
          CAMPAIGNS: JSON.stringify([campaign]),
        },
        stdio: ["ignore", "pipe", "inherit"],
      });
      children.push(child);
      running.add(child);
      child.once("exit", () => running.delete(child));
      return new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const m = /listening (\d+)/.exec(out);
          if (m) resolve(`http://127.0.0.1:${m[1]}`);
        });
        child.once("exit", (code) => reject(new Error(`collector exited with ${code}`)));
      });
    }),
  );
  return {
    urls,
    pids: children.map((c) => c.pid!),
    stop: async () => {
      const exited = children.map((c) => new Promise((resolve) => c.once("exit", resolve)));
      for (const c of children) c.kill("SIGTERM");
      await Promise.all(exited);
    },
  };
}

/** CPU ms per request of each side, and the cores each kept busy on average */
type Cpu = { collectors: number; postgres: number; clients: number; wallMs: number; requests: number };
type Figures = { perSecond: number; p50: number; p99: number; cpu?: Cpu };
// the cluster's postmaster, whose children are every backend (set once the cluster is up)
let postmaster = 0;

let runTag = 0;
/** `total` requests from `clients` sequential clients (client i on url i mod n); rate, p50 and p99 */
async function load(on: Collectors, clients: number, total: number, kind: "draw" | "healthz"): Promise<Figures> {
  const urls = on.urls;
  const tag = ++runTag;
  const latencies: number[] = [];
  let next = 0;
  // each client is a visitor minted by the collector (not timed), behind its own address
  const visitors =
    kind === "healthz"
      ? []
      : await Promise.all(
          Array.from({ length: clients }, async (_, client) => {
            const res = await fetch(`${urls[client % urls.length]!}/v1/campaigns/${campaign.id}/visitors`, { method: "POST", body: "{}" });
            return (await res.json()) as { visitorId: string; visitorToken: string };
          }),
        );
  const cpuOf = () => ({
    collectors: on.pids.reduce((sum, pid) => sum + processCpuMs(pid), 0),
    postgres: clusterCpuMs(postmaster),
    clients: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
  });
  const cpu0 = cpuOf();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const base = urls[client % urls.length]!;
      const address = `10.${tag % 250}.${client >> 8}.${client & 255}`;
      while (next < total) {
        const i = next++;
        const t = performance.now();
        const res =
          kind === "healthz"
            ? await fetch(`${base}/healthz`)
            : await fetch(`${base}/v1/campaigns/${campaign.id}/draw`, {
                method: "POST",
                headers: { "content-type": "application/json", "x-forwarded-for": address },
                body: JSON.stringify({ ...visitors[client], requestId: `request-${tag}-${i}` }),
              });
        if (res.status !== 200) throw new Error(`${kind} answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const ms = performance.now() - t0;
  const cpu1 = cpuOf();
  latencies.sort((a, b) => a - b);
  return {
    perSecond: Math.round((latencies.length * 1000) / ms),
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    cpu: {
      collectors: cpu1.collectors - cpu0.collectors,
      postgres: cpu1.postgres - cpu0.postgres,
      clients: cpu1.clients - cpu0.clients,
      wallMs: ms,
      requests: latencies.length,
    },
  };
}

/** a warm-up run, then the median rate and the median p99 of RUNS runs */
async function median(on: Collectors, clients: number, kind: "draw" | "healthz"): Promise<Figures> {
  await load(on, clients, Math.min(DRAWS, 500), kind);
  const runs: Figures[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(await load(on, clients, DRAWS, kind));
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  // CPU summed over the measured runs
  const cpu = runs.reduce<Cpu>(
    (sum, r) => ({
      collectors: sum.collectors + r.cpu!.collectors,
      postgres: sum.postgres + r.cpu!.postgres,
      clients: sum.clients + r.cpu!.clients,
      wallMs: sum.wallMs + r.cpu!.wallMs,
      requests: sum.requests + r.cpu!.requests,
    }),
    { collectors: 0, postgres: 0, clients: 0, wallMs: 0, requests: 0 },
  );
  return { perSecond: mid(runs.map((r) => r.perSecond)), p50: mid(runs.map((r) => r.p50)), p99: mid(runs.map((r) => r.p99)), cpu };
}

const uptime = () => execFileSync("uptime").toString().trim();
const log = (...parts: unknown[]) => console.log(...parts);

const cluster = await startCluster({ durable: true });
try {
  const admin = await openPostgres(cluster.url, 1);
  const setting = async (name: string) => (await admin.query<{ v: string }>(`SELECT current_setting('${name}') AS v`))[0]!.v;
  log(`# server draws through HTTP, PostgreSQL ${await setting("server_version")}`);
  log(`durable commits: fsync=${await setting("fsync")}, synchronous_commit=${await setting("synchronous_commit")}`);
  log(`${DRAWS} requests per run, median of ${RUNS} runs after a warm-up; ${args.pool} database connections per collector process`);
  log(`load before: ${uptime()}`);
  postmaster = parentPid((await admin.query<{ pid: number }>("SELECT pg_backend_pid() AS pid"))[0]!.pid);
  await admin.close();

  const results = new Map<string, Figures>();
  const measure = async (label: string, on: Collectors, kind: "draw" | "healthz") => {
    for (const clients of CLIENTS) results.set(`${label}@${clients}`, await median(on, clients, kind));
  };

  const lockedUrl = await createDatabase(cluster.url);
  const locked = await startCollectors(1, lockedUrl, "locked");
  await measure("locked, 1 process", locked, "draw");
  await locked.stop();

  const shardedUrl = await createDatabase(cluster.url);
  const one = await startCollectors(1, shardedUrl, "sharded");
  await measure("sharded, 1 process", one, "draw");
  await measure("GET /healthz, same process", one, "healthz");
  await one.stop();
  const two = await startCollectors(2, shardedUrl, "sharded");
  await measure("sharded, 2 processes", two, "draw");
  await two.stop();

  log(`\n| path | clients | draws/s | p50 ms | p99 ms |`);
  log(`|---|---:|---:|---:|---:|`);
  for (const [key, f] of results) {
    const [label, clients] = key.split("@");
    log(`| ${label} | ${clients} | ${f.perSecond} | ${f.p50.toFixed(1)} | ${f.p99.toFixed(1)} |`);
  }
  // where the cores went: CPU ms per request of each side, and how many of the machine's cores each kept busy
  log(
    `\n| path | clients | collector CPU ms/req | PostgreSQL CPU ms/req | bench clients CPU ms/req | cores busy: collectors, PostgreSQL |`,
  );
  log(`|---|---:|---:|---:|---:|---:|`);
  for (const [key, f] of results) {
    const [label, clients] = key.split("@");
    const c = f.cpu!;
    const per = (ms: number) => (ms / c.requests).toFixed(2);
    const busy = (ms: number) => (ms / c.wallMs).toFixed(2);
    log(
      `| ${label} | ${clients} | ${per(c.collectors)} | ${per(c.postgres)} | ${per(c.clients)} | ${busy(c.collectors)}, ${busy(c.postgres)} |`,
    );
  }
  log("");
  for (const clients of CLIENTS) {
    const get = (label: string) => results.get(`${label}@${clients}`)!;
    const [lockedF, shardedF, health, twoF] = [
      get("locked, 1 process"),
      get("sharded, 1 process"),
      get("GET /healthz, same process"),
      get("sharded, 2 processes"),
    ];
    log(
      `${clients} clients: sharded/locked ${(shardedF.perSecond / lockedF.perSecond).toFixed(2)}×, ` +
        `p99 ${shardedF.p99.toFixed(0)} vs ${lockedF.p99.toFixed(0)} ms, sharded/healthz ${(shardedF.perSecond / health.perSecond).toFixed(2)}×, ` +
        `2 processes/1 ${(twoF.perSecond / shardedF.perSecond).toFixed(2)}×`,
    );
  }

  // exact after all that: every unit counted in a shard is a winning draw, no code twice
  const check = await openPostgres(shardedUrl, 1);
  const [row] = await check.query<{ given: number; wins: number; codes: number; distinct: number }>(
    `SELECT (SELECT sum(given) FROM stock_shards)::integer AS given,
       (SELECT count(*) FROM draws WHERE win)::integer AS wins,
       (SELECT count(code) FROM draws)::integer AS codes, (SELECT count(DISTINCT code) FROM draws)::integer AS distinct`,
  );
  await check.close();
  log(`sharded database: ${row!.wins} wins, ${row!.given} units counted in shards, ${row!.codes} codes (${row!.distinct} distinct)`);
  log(`load after: ${uptime()}`);
} finally {
  await cluster.stop();
}
