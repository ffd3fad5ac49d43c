// the numbers behind the chart, one row per day, folded away until asked for
import type { Stats } from "./api.js";
import type { Format, Strings } from "./i18n.js";
import type { Table } from "./csv.js";

const COLUMNS = ["impressions", "reach", "participants", "plays", "wins", "claims", "leads"] as const;

/** the daily table as the CSV export writes it (the same columns as stats.csv) */
export function dailyTable(days: string[], stats: Stats): Table {
  return { header: ["day", ...COLUMNS], rows: days.map((d) => [d, ...COLUMNS.map((c) => stats.daily[d]?.[c] ?? 0)]) };
}

export function DailyTable({ days, stats, t, f }: { days: string[]; stats: Stats; t: Strings; f: Format }) {
  if (days.length === 0) return null;
  return (
    <details class="daily">
      <summary>{t.dailyTable}</summary>
      <div class="scroll">
        <table class="table compact">
          <thead>
            <tr>
              <th scope="col">{t.day}</th>
              {COLUMNS.map((c) => (
                <th scope="col" class="num" key={c}>
                  {t[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d}>
                <th scope="row">{f.day(d, true)}</th>
                {COLUMNS.map((c) => (
                  <td class="num" key={c}>
                    {f.n(stats.daily[d]?.[c] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
