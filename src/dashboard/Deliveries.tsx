// webhook deliveries as the collector lists them: newest first, one row each, failures stand out
import type { Strings } from "./i18n.js";
import type { Table } from "./csv.js";

type Cell = string | number | boolean | null;
export type DeliveryRows = { columns: string[]; rows: Array<Record<string, Cell>> };

/**
 * The list from the deliveries endpoint (an array, or `{ deliveries: [...] }`), with the scalar fields as columns.
 * @example toDeliveries({ deliveries: [{ id: "msg_1", status: 200 }] }).columns // ["id", "status"]
 */
export function toDeliveries(value: unknown): DeliveryRows {
  const list = Array.isArray(value) ? value : ((value as { deliveries?: unknown })?.deliveries ?? []);
  const rows: Array<Record<string, Cell>> = [];
  const columns: string[] = [];
  for (const item of Array.isArray(list) ? list : []) {
    if (!item || typeof item !== "object") continue;
    const row: Record<string, Cell> = {};
    for (const [k, v] of Object.entries(item)) {
      if (v === null || ["string", "number", "boolean"].includes(typeof v)) {
        row[k] = v as Cell;
        if (!columns.includes(k)) columns.push(k);
      }
    }
    rows.push(row);
  }
  return { columns, rows };
}

export function deliveriesTable(d: DeliveryRows): Table {
  return { header: d.columns, rows: d.rows.map((r) => d.columns.map((c) => r[c] ?? null)) };
}

const failed = (r: Record<string, Cell>) =>
  r.delivered === false ||
  r.status === "failed" ||
  r.state === "failed" ||
  (typeof r.status === "number" && (r.status < 200 || r.status > 299));

export function Deliveries({ data, t }: { data: DeliveryRows; t: Strings }) {
  if (data.rows.length === 0) return <p class="muted">{t.noDeliveries}</p>;
  return (
    <div class="scroll">
      <table class="table deliveries">
        <thead>
          <tr>
            {data.columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.slice(0, 50).map((r, i) => (
            <tr key={String(r.id ?? i)} class={failed(r) ? "failed" : ""}>
              {data.columns.map((c) => (
                <td key={c}>{r[c] === null || r[c] === undefined ? "—" : String(r[c])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
