// the farming attack of issue 10, measured: one address, a fresh visitor per play, default limits, a "share" before
// each play. Prints plays obtained, units of stock taken and bonus plays granted.
//   npx tsx bench/farming.ts                                   this tree's collector
//   COLLECTOR=/path/to/other/src/collector/index.ts npx tsx bench/farming.ts   another tree's (e.g. before the change)
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const ATTEMPTS = Number(process.env.ATTEMPTS ?? 400);
const target = resolve(process.env.COLLECTOR ?? new URL("../src/collector/index.ts", import.meta.url).pathname);
const { createCollector } = (await import(pathToFileURL(target).href)) as typeof import("../src/collector/index.js");

// the campaign: 5 phones and 100 coupons in server mode, default limits
const campaign = {
  id: "farm",
  game: "wheel",
  mode: "server",
  timezone: "Asia/Ho_Chi_Minh",
  bonusPlays: { perShare: 1, maxPerDay: 1 },
  prizes: [
    { id: "phone", label: "Phone", weight: 5, stock: 5 },
    { id: "coupon", label: "Coupon", weight: 100, stock: 100, codeGenerator: { prefix: "C-", length: 8 } },
    { id: "none", label: "Next time", weight: 10, win: false },
  ],
  fallbackPrizeId: "none",
};
const collector = createCollector({ dataDir: null, campaigns: [campaign], secret: "bench-farming-secret", log: () => {} });
const { port } = await collector.listen(0);
const base = `http://127.0.0.1:${port}/v1/campaigns/farm`;
const post = async (path: string, body: unknown) => {
  const res = await fetch(`${base}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

/** a visitor the attacker can play as: minted where the collector mints, else the old eligibility hand-out */
async function identity(i: number): Promise<{ visitorId: string; visitorToken: string } | null> {
  const minted = await post("visitors", {});
  if (minted.status === 201) return minted.json as { visitorId: string; visitorToken: string };
  if (minted.status !== 404) return null; // refused (rate limit)
  const visitorId = `farm-${i}-${Math.random().toString(36).slice(2)}`;
  const e = await (await fetch(`${base}/eligibility?visitorId=${visitorId}`)).json();
  return typeof e.visitorToken === "string" ? { visitorId, visitorToken: e.visitorToken } : null;
}

const started = performance.now();
let plays = 0;
let units = 0;
let bonus = 0;
let refusedIdentity = 0;
const statuses: Record<string, number> = {};
for (let i = 0; i < ATTEMPTS; i++) {
  const me = await identity(i);
  if (!me) {
    refusedIdentity++;
    continue;
  }
  const shared = await post("bonus", me);
  bonus += Number(shared.json.granted ?? 0);
  // play until refused: the first play and whatever the "share" granted
  for (let p = 0; p < 3; p++) {
    const r = await post("draw", { ...me, requestId: crypto.randomUUID() });
    const key = r.json.ok ? "ok" : String(r.json.reason ?? r.status);
    statuses[key] = (statuses[key] ?? 0) + 1;
    if (!r.json.ok) break;
    plays++;
    if (r.json.win) units++;
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    collector: target,
    attempts: ATTEMPTS,
    plays,
    unitsOfStock: units,
    bonusGranted: bonus,
    refusedIdentity,
    answers: statuses,
    seconds: Math.round(seconds * 10) / 10,
  }),
);
await collector.close();
