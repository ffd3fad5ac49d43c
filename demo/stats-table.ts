// render CampaignStats as a two-column table; rates as percentages (docs/core.md, Stats)
import type { CampaignStats } from "../src/core/index.js";

const ROWS: Array<[keyof CampaignStats, string, "count" | "rate"]> = [
  ["impressions", "Impressions", "count"],
  ["reach", "Reach", "count"],
  ["participants", "Participants", "count"],
  ["plays", "Plays", "count"],
  ["wins", "Wins", "count"],
  ["claims", "Claims", "count"],
  ["leads", "Leads", "count"],
  ["participationRate", "Participation", "rate"],
  ["engagementRate", "Engagement", "rate"],
  ["conversionRate", "Conversion", "rate"],
  ["winRate", "Win rate", "rate"],
];

/** fill `table` with the stats, or with one line saying why there are none */
export function renderStats(table: HTMLTableElement, stats: CampaignStats | null, emptyText: string): void {
  table.replaceChildren();
  if (!stats) {
    const row = table.insertRow();
    row.insertCell().textContent = emptyText;
    return;
  }
  for (const [key, label, kind] of ROWS) {
    const value = stats[key] as number;
    const row = table.insertRow();
    row.insertCell().textContent = label;
    row.insertCell().textContent = kind === "rate" ? `${(value * 100).toFixed(1)} %` : String(value);
  }
  for (const [prizeId, count] of Object.entries(stats.prizes)) {
    const row = table.insertRow();
    row.insertCell().textContent = `won: ${prizeId}`;
    row.insertCell().textContent = String(count);
  }
}
