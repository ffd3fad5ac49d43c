// prizes: configured odds beside the observed share, stock given and left, and the projected stock-out day
import type { Format, Strings } from "./i18n.js";
import type { PrizeRow, StockOut } from "./metrics.js";
import type { Table } from "./csv.js";

const round = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

function stockOutText(s: StockOut, t: Strings, f: Format): string {
  switch (s.kind) {
    case "unlimited":
      return "—";
    case "empty":
      return t.stockOutEmpty;
    case "no-pace":
      return t.noPace;
    case "after-end":
      return t.stockOutAfterEnd;
    case "day":
      return f.day(s.day, true);
  }
}

/** the prize table as the CSV export writes it */
export function prizesTable(rows: PrizeRow[]): Table {
  return {
    header: [
      "prize_id",
      "label",
      "configured_odds",
      "observed_share",
      "won_in_range",
      "given",
      "stock",
      "left",
      "daily_cap",
      "per_day",
      "runs_out",
    ],
    rows: rows.map((p) => [
      p.id,
      p.label,
      round(p.odds),
      round(p.observed),
      p.wonInRange,
      p.given,
      p.stock,
      p.left,
      p.dailyCap,
      round(p.pace),
      p.stockOut.kind === "day" ? p.stockOut.day : p.stockOut.kind,
    ]),
  };
}

/** one row per prize; on a phone each row becomes a small card (labels from data-label) */
export function Prizes({ rows, t, f }: { rows: PrizeRow[]; t: Strings; f: Format }) {
  return (
    <table class="table stack prizes">
      <thead>
        <tr>
          <th scope="col">{t.prize}</th>
          <th scope="col" class="num">
            {t.odds}
          </th>
          <th scope="col" class="num">
            {t.observed}
          </th>
          <th scope="col" class="num">
            {t.given}
          </th>
          <th scope="col" class="num">
            {t.left}
          </th>
          <th scope="col" class="num">
            {t.stockOut}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => {
          const diff = p.observed === null ? 0 : p.observed - p.odds;
          return (
            <tr key={p.id} data-prize={p.id}>
              <th scope="row">
                <span class="prize-name">{p.label}</span>
                {p.dailyCap !== null ? (
                  <span class="muted small">
                    {" "}
                    · {t.dailyCap} {f.n(p.dailyCap)}
                  </span>
                ) : null}
              </th>
              <td class="num" data-label={t.odds}>
                {f.pct(p.odds)}
              </td>
              <td class={`num${Math.abs(diff) > 0.05 ? " warn" : ""}`} data-label={t.observed}>
                {p.observed === null ? "—" : f.pct(p.observed)}
              </td>
              <td class="num" data-label={t.given} data-value={p.given}>
                {f.n(p.given)}
              </td>
              <td class="num" data-label={t.left}>
                {p.left === null ? t.unlimited : f.n(p.left)}
              </td>
              <td class={`num${p.stockOut.kind === "empty" ? " warn" : ""}`} data-label={t.stockOut}>
                {stockOutText(p.stockOut, t, f)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
