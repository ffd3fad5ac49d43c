// the funnel: visitors at each step, a bar for their share of the first step, and the drop-off from the step before
import type { Funnel as FunnelCounts } from "../core/stats/index.js";
import type { Format, Strings } from "./i18n.js";
import { funnelSteps } from "./metrics.js";
import type { Table } from "./csv.js";

/** the funnel as the CSV export writes it */
export function funnelTable(funnel: FunnelCounts): Table {
  return {
    header: ["step", "visitors", "share_of_first", "drop_off"],
    rows: funnelSteps(funnel).map((s) => [s.step, s.visitors, round(s.ofFirst), s.dropOff === null ? null : round(s.dropOff)]),
  };
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

export function Funnel({ funnel, t, f }: { funnel: FunnelCounts; t: Strings; f: Format }) {
  return (
    <ol class="funnel">
      {funnelSteps(funnel).map((s) => (
        <li key={s.step} data-step={s.step}>
          <div class="funnel-row">
            <span class="funnel-name">{t[s.step]}</span>
            <span class="funnel-count" data-value={s.visitors}>
              {f.n(s.visitors)}
            </span>
          </div>
          <div class="bar">
            <span class="bar-fill" style={{ width: `${(s.ofFirst * 100).toFixed(2)}%` }} />
          </div>
          <div class="funnel-meta muted">
            {f.pct(s.ofFirst)}
            {s.dropOff !== null ? (
              <span class="drop">
                {" · "}
                {t.dropOff} {f.pct(s.dropOff)}
              </span>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
