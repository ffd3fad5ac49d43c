// the terminal report of `minigame simulate`
import type { SimulationReport } from "./simulate.js";
import { formatCount as n, formatTable } from "./table.js";

/** a probability as a percentage with enough digits to tell 0.1% from 0.12% */
export function formatChance(p: number): string {
  if (p === 0) return "0%";
  const pct = p * 100;
  return `${pct >= 1 ? pct.toFixed(2) : pct.toPrecision(2)}%`;
}

const money = (x: number) => (Number.isInteger(x) ? n(x) : x.toFixed(2));

/**
 * Lines to print: the prize table (configured odds vs observed share, stock, stock-out day, codes, cost),
 * the stock left day by day for limited prizes, refusals and the assumptions made.
 */
export function renderSimulation(r: SimulationReport, seconds?: number): string[] {
  const lines: string[] = [];
  const seed = r.seed === null ? "crypto random" : `seed ${r.seed}`;
  const took = seconds === undefined ? "" : `, ${seconds.toFixed(2)} s`;
  lines.push(`${r.campaignId}: ${n(r.plays)} plays over ${r.days} day${r.days === 1 ? "" : "s"} from ${r.firstDay} (${seed}${took})`, "");

  const header = ["prize", "odds", "observed", "given", "stock", "left", "stock out", "codes left", "cost"];
  const rows = r.prizes.map((p) => [
    `${p.label}${p.win ? "" : " (no win)"}`,
    p.configured === null ? "per group" : formatChance(p.configured),
    formatChance(p.observed),
    n(p.given),
    p.stock === null ? "unlimited" : n(p.stock),
    p.left === null ? "" : n(p.left),
    p.stockOutDay ?? (p.cappedDays ? `capped ${p.cappedDays}d` : ""),
    p.codeSource === "pool" ? n(p.codesLeft!) : p.codeSource === "generated" ? "generated" : "",
    p.cost === null ? "" : money(p.cost),
  ]);
  lines.push(...formatTable([header, ...rows]));
  // a quiz's answers pick the draw: its published chances hold per score range or outcome, so compare them there
  for (const g of r.groups ?? []) {
    lines.push("", `${g.title}: ${n(g.plays)} play${g.plays === 1 ? "" : "s"}`);
    const groupRows = g.prizes.map((p) => [
      `${p.label}${p.win ? "" : " (no win)"}`,
      p.configured === null ? "fallback" : formatChance(p.configured),
      formatChance(p.observed),
      n(p.given),
    ]);
    lines.push(...formatTable([["prize", "odds", "observed", "given"], ...groupRows]));
  }

  const totals = [`wins ${n(r.wins)} of ${n(r.drawn)} draws (${formatChance(r.drawn ? r.wins / r.drawn : 0)})`];
  if (r.totalCost !== null) totals.push(`expected cost ${money(r.totalCost)} (${money(r.drawn ? r.totalCost / r.drawn : 0)} per play)`);
  lines.push("", totals.join("; "));
  const refused = Object.entries(r.refused);
  if (refused.length) lines.push(`refused: ${refused.map(([reason, count]) => `${n(count!)} ${reason.replace("_", " ")}`).join(", ")}`);

  const limitedIds = Object.keys(r.daily[0]?.given ?? {});
  if (limitedIds.length && r.daily.length > 1) {
    const label = new Map(r.prizes.map((p) => [p.id, p.label]));
    lines.push("", "given per day (left at the end of the day)");
    const dayRows = r.daily.map((d) => [
      d.day,
      n(d.plays),
      ...limitedIds.map((id) => (d.left[id] === undefined ? n(d.given[id]!) : `${n(d.given[id]!)} (${n(d.left[id]!)})`)),
    ]);
    lines.push(...formatTable([["day", "plays", ...limitedIds.map((id) => label.get(id)!)], ...dayRows]));
  }
  lines.push("", ...r.assumptions.map((a) => `assumed: ${a}`));
  return lines;
}
