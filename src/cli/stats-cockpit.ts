// the cockpit part of `minigame stats`: returning and retention, NPS, referrals, sources and devices
import type { CampaignStats } from "../core/index.js";
import { formatCount as n, formatRate as pct, formatTable } from "./table.js";

/**
 * Lines for the cockpit fields; none for a collector too old to send them.
 * @example formatCockpit(stats) // ["", "  returning  12  ...", ...]
 */
export function formatCockpit(s: Partial<CampaignStats>): string[] {
  if (!s.retention || !s.referrals || !s.sources || !s.devices) return [];
  const r = s.retention;
  // a rate over no cohort yet is not 0 %: say that no window has ended
  const kept = (rate: number, cohort: number) => (cohort ? `${pct(rate)} of ${n(cohort)}` : "no cohort ended yet");
  const lines = [
    "",
    ...formatTable([
      ["returning", n(s.returning ?? 0), "played on 2+ days"],
      ["retention d1", kept(r.d1, r.cohorts.d1), "played again the next day"],
      ["retention d7", kept(r.d7, r.cohorts.d7), "played again within 7 days"],
      ["shares", n(s.referrals.shares), ""],
      ["referred visits", n(s.referrals.visits), ""],
      ["referred players", n(s.referrals.participants), `viral coefficient ${s.referrals.viralCoefficient.toFixed(3)}`],
      ["nps", s.nps ? String(s.nps.score) : "no answers", s.nps ? `${n(s.nps.responses)} answers` : ""],
    ]),
  ];
  if (s.nps)
    lines.push(
      "",
      ...formatTable([
        ["nps", "answers", "share"],
        ...(["promoters", "passives", "detractors"] as const).map((k) => [k, n(s.nps![k]), pct(s.nps![k] / s.nps!.responses)]),
      ]),
    );
  const sources = Object.entries(s.sources);
  if (sources.length)
    lines.push(
      "",
      ...formatTable([
        ["source", "reach", "participants", "claims"],
        ...sources.map(([k, v]) => [k, n(v.reach), n(v.participants), n(v.claims)]),
      ]),
    );
  const devices = Object.entries(s.devices);
  if (devices.length)
    lines.push("", ...formatTable([["device", "reach", "participants"], ...devices.map(([k, v]) => [k, n(v.reach), n(v.participants)])]));
  return lines;
}
