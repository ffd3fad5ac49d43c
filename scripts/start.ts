// `npm start`: the collector on PGlite and the playground (demo/) together; prints both URLs.
// vite serves the playground because it compiles the SDK's TypeScript on the fly and reloads on save;
// the collector stays a pure API.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createServer } from "vite";
import { createCollector } from "../src/collector/index.js";
import { parseCampaign } from "../src/core/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const host = "127.0.0.1";
const demoPort = Number(process.env.DEMO_PORT ?? 5173);
const collectorPort = Number(process.env.COLLECTOR_PORT ?? 8787);
const dataDir = process.env.MINIGAME_DATA_DIR ?? "./.minigame-data";

/** the valid example campaigns: the collector accepts events only for campaigns it knows */
function exampleCampaigns(): unknown[] {
  const dir = `${root}examples/campaigns/`;
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(dir + f, "utf8")) as unknown)
    .filter((doc) => parseCampaign(doc).ok);
}

// stats need a bearer token: a fresh one per run, handed to the playground only
const adminToken = process.env.MINIGAME_ADMIN_TOKEN ?? randomBytes(16).toString("hex");
// a playground counts automated browsers too (its own end-to-end test); production collectors leave them out
const collector = createCollector({ campaigns: exampleCampaigns(), adminToken, includeAutomated: true, dataDir, log: () => {} });
const { port } = await collector.listen(collectorPort, host);
const collectorUrl = `http://${host}:${port}`;

process.env.VITE_MINIGAME_COLLECTOR = collectorUrl;
process.env.VITE_MINIGAME_ADMIN_TOKEN = adminToken;
const demo = await createServer({
  root: `${root}demo`,
  configFile: false,
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  server: { host, port: demoPort, fs: { allow: [root] } },
  logLevel: "warn",
});
await demo.listen();

console.log(`playground  ${demo.resolvedUrls?.local[0] ?? `http://${host}:${demoPort}/`}`);
console.log(`collector   ${collectorUrl}  (PGlite in ${dataDir})`);
// printed so the CLI can reach this collector: minigame stats --collector <url> --campaign <id> --token <token>
console.log(`admin token ${adminToken}  (MINIGAME_ADMIN_TOKEN sets it; ports: DEMO_PORT, COLLECTOR_PORT)`);
console.log(`try         npx minigame stats --collector ${collectorUrl} --campaign tet-2027 --token ${adminToken}`);

const stop = async () => {
  await demo.close();
  await collector.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
