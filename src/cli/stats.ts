// minigame stats --collector URL --campaign ID: a campaign's numbers from a running collector
import { parseArgs } from "node:util";
import type { CampaignStats } from "../core/index.js";
import { adminToken, describeArgError } from "./args.js";
import { EXIT, processIo, type Command, type Io } from "./command.js";
import { formatCount as n, formatRate as pct, formatTable } from "./table.js";
import { formatCockpit } from "./stats-cockpit.js";

const USAGE = "usage: minigame stats --collector URL --campaign ID [--token T] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]";
const TIMEOUT_MS = 15_000;

/**
 * The stats URL for a collector given as its base URL or as its events endpoint.
 * @example statsUrl("https://collect.example.com/v1/events", "tet-2027") // ".../v1/campaigns/tet-2027/stats"
 */
export function statsUrl(collector: string, campaignId: string, query: Record<string, string | undefined> = {}): URL {
  // campaign managers paste whatever URL they have: the base or the events endpoint from the campaign file
  const base = collector.replace(/\/+$/, "").replace(/\/v1(\/events)?$/, "");
  const url = new URL(`${base}/v1/campaigns/${encodeURIComponent(campaignId)}/stats`);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
  return url;
}

/** the readable report: totals with rates, the funnel, prizes and one line per day */
export function formatStats(campaignId: string, s: CampaignStats): string[] {
  const lines = [`${campaignId}`, ""];
  lines.push(
    ...formatTable([
      ["impressions", n(s.impressions), "", ""],
      ["reach", n(s.reach), "", ""],
      ["participants", n(s.participants), "participation", pct(s.participationRate)],
      ["plays", n(s.plays), "", ""],
      ["wins", n(s.wins), "win rate", pct(s.winRate)],
      ["claims", n(s.claims), "conversion", pct(s.conversionRate)],
      ["leads", n(s.leads), "engagement", pct(s.engagementRate)],
    ]),
  );
  lines.push(
    "",
    ...formatTable([
      ["funnel", "visitors", "of reach"],
      ...Object.entries(s.funnel).map(([step, v]) => [step, n(v), pct(s.reach ? v / s.reach : 0)]),
    ]),
  );
  const prizes = Object.entries(s.prizes);
  if (prizes.length)
    lines.push("", ...formatTable([["prize", "wins", "of wins"], ...prizes.map(([id, w]) => [id, n(w), pct(s.wins ? w / s.wins : 0)])]));
  lines.push(...formatCockpit(s));
  const days = Object.entries(s.daily);
  if (days.length) {
    const header = ["day", "impressions", "reach", "participants", "plays", "wins", "claims", "leads"];
    lines.push(
      "",
      ...formatTable([
        header,
        ...days.map(([day, d]) => [day, ...[d.impressions, d.reach, d.participants, d.plays, d.wins, d.claims, d.leads].map(n)]),
      ]),
    );
  }
  return lines;
}

function isStats(v: unknown): v is CampaignStats {
  const s = v as CampaignStats;
  return !!s && typeof s === "object" && typeof s.reach === "number" && typeof s.funnel === "object" && typeof s.daily === "object";
}

async function fetchStats(url: URL, token: string | undefined, io: Io): Promise<CampaignStats | undefined> {
  let res: Response;
  try {
    res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why =
      err.name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : (err.cause?.code ?? err.cause?.message ?? err.message);
    io.err(`cannot reach the collector at ${url.origin} (${why}). Is it running, and is the URL right?`);
    return undefined;
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const said = (body as { error?: unknown } | undefined)?.error;
    io.err(`the collector answered ${res.status}${typeof said === "string" ? `: ${said}` : ""}`);
    if (res.status === 401 || res.status === 403)
      io.err("stats need the collector's admin token: pass --token or set MINIGAME_TOKEN (or MINIGAME_ADMIN_TOKEN)");
    return undefined;
  }
  if (!isStats(body)) {
    io.err(`the collector at ${url.origin} answered with something that is not campaign stats`);
    return undefined;
  }
  return body;
}

export const command: Command = {
  name: "stats",
  summary: "print a campaign's participation and conversion from a collector",
  usage: "--collector URL --campaign ID [--token T] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]",
  async run(argv, io = processIo) {
    // biome-ignore lint/suspicious/noImplicitAnyLet: the type is what parseArgs infers from the options below
    let values;
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          collector: { type: "string" },
          campaign: { type: "string" },
          token: { type: "string" },
          from: { type: "string" },
          to: { type: "string" },
          json: { type: "boolean", default: false },
        },
      }));
    } catch (e) {
      io.err(describeArgError("stats", e, ["collector", "campaign", "token", "from", "to", "json"]));
      io.err(USAGE);
      return EXIT.usage;
    }
    if (!values.collector || !values.campaign) {
      const missing = [!values.collector && "--collector", !values.campaign && "--campaign"].filter(Boolean);
      io.err(`minigame stats: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} missing`);
      io.err(USAGE);
      return EXIT.usage;
    }
    let url: URL;
    try {
      url = statsUrl(values.collector, values.campaign, { from: values.from, to: values.to });
    } catch {
      io.err(`--collector must be a URL such as http://127.0.0.1:8787, got ${JSON.stringify(values.collector)}`);
      return EXIT.usage;
    }
    // a token in the environment keeps it out of shell history
    const stats = await fetchStats(url, adminToken(values.token), io);
    if (!stats) return EXIT.failed;
    if (values.json) io.out(JSON.stringify(stats, null, 2));
    else for (const line of formatStats(values.campaign, stats)) io.out(line);
    return EXIT.ok;
  },
};
