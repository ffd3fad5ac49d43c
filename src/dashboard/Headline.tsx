// the headline numbers, each with the previous period of equal length beside it
import type { Stats } from "./api.js";
import type { Format, Strings } from "./i18n.js";
import { change } from "./metrics.js";
import { HEADLINE_TIMING } from "./painted.js";

export const HEADLINE = [
  ["reach", "count"],
  ["participants", "count"],
  ["plays", "count"],
  ["wins", "count"],
  ["claims", "count"],
  ["leads", "count"],
  ["participationRate", "rate"],
  ["conversionRate", "rate"],
  ["winRate", "rate"],
] as const;

type HeadlineProps = {
  stats: Stats;
  /** undefined while loading or when there is no earlier period */
  previous: Stats | undefined;
  t: Strings;
  f: Format;
};

/** rates compare in percentage points, counts in percent */
function Delta({ kind, current, previous, f }: { kind: "count" | "rate"; current: number; previous: number; f: Format }) {
  const diff = kind === "rate" ? current - previous : change(current, previous);
  if (diff === null) return <span class="delta flat">—</span>;
  // a change too small to show a digit for is no change
  const dir = Math.abs(diff) < 0.0005 ? "flat" : diff > 0 ? "up" : "down";
  const arrow = dir === "up" ? "▲" : dir === "down" ? "▼" : "";
  const text = kind === "rate" ? `${f.n(Math.round(Math.abs(diff) * 1000) / 10)} pt` : f.pct(Math.abs(diff), Math.abs(diff) < 0.1 ? 1 : 0);
  return (
    <span class={`delta ${dir}`}>
      {arrow} {text}
    </span>
  );
}

/** the grid of headline numbers */
export function Headline({ stats, previous, t, f }: HeadlineProps) {
  return (
    <div class="kpis" data-ready="headline">
      {HEADLINE.map(([key, kind]) => {
        const value = stats[key];
        const before = previous?.[key];
        return (
          <div class="kpi" key={key} data-metric={key}>
            <div class="kpi-label">{t[key]}</div>
            {/* the first number carries the Element Timing the dashboard bench reads as the headline's paint */}
            <div class="kpi-value" data-value={value} {...(key === "reach" ? { elementtiming: HEADLINE_TIMING } : {})}>
              {kind === "rate" ? f.pct(value) : f.n(value)}
            </div>
            {before !== undefined ? (
              <div class="kpi-prev" title={t.previousPeriod}>
                <Delta kind={kind} current={value} previous={before} f={f} />
                <span class="muted" data-previous={before}>
                  {t.vsPrevious} {kind === "rate" ? f.pct(before) : f.n(before)}
                </span>
              </div>
            ) : (
              <div class="kpi-prev muted">&nbsp;</div>
            )}
          </div>
        );
      })}
    </div>
  );
}
