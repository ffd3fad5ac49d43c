// a breakdown (sources, devices) as a table: one row per key, the API's numbers as columns
import type { Format, Strings } from "./i18n.js";
import type { Breakdown as BreakdownData } from "./metrics.js";
import type { Table } from "./csv.js";

/** a column's heading: the dashboard's word for a known field, else the field's own name */
// own keys only: `in` would find `constructor` or `toString` on Object.prototype and show a function for a word
const heading = (column: string, t: Strings) => (Object.hasOwn(t, column) ? t[column as keyof Strings] : column);

// the keys the stats API itself names (sources: direct and the rest; devices: classes); any other key is data, shown as is
const NAMED: Record<string, keyof Strings> = {
  direct: "direct",
  "(other)": "other",
  mobile: "mobile",
  tablet: "tablet",
  desktop: "desktop",
  unknown: "unknown",
};
const label = (key: string, t: Strings) => (Object.hasOwn(NAMED, key) ? t[NAMED[key]!] : key);

/** the breakdown as the CSV export writes it */
export function breakdownTable(keyName: string, data: BreakdownData): Table {
  return { header: [keyName, ...data.columns], rows: data.rows.map((r) => [r.key, ...data.columns.map((c) => r.values[c] ?? 0)]) };
}

export function Breakdown({ data, keyLabel, t, f }: { data: BreakdownData; keyLabel: string; t: Strings; f: Format }) {
  if (data.rows.length === 0) return <p class="muted">{t.empty}</p>;
  const first = data.columns[0];
  const max = Math.max(1, ...data.rows.map((r) => (first ? (r.values[first] ?? 0) : 0)));
  return (
    // scrolls sideways rather than widen the page, whatever the API adds as columns
    <div class="scroll">
      <table class="table breakdown">
        <thead>
          <tr>
            <th scope="col">{keyLabel}</th>
            {data.columns.map((c) => (
              <th scope="col" class="num" key={c}>
                {heading(c, t)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={r.key} data-key={r.key}>
              <th scope="row">
                <span class="key">{label(r.key, t)}</span>
                {first ? (
                  <span class="bar thin">
                    <span class="bar-fill" style={{ width: `${(((r.values[first] ?? 0) / max) * 100).toFixed(1)}%` }} />
                  </span>
                ) : null}
              </th>
              {data.columns.map((c) => (
                <td class="num" key={c}>
                  {f.n(r.values[c] ?? 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
