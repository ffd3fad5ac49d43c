// webhook deliveries as GET /v1/webhooks/deliveries lists them: totals by state, then the latest, failures standing out
import type { Format, Strings } from "./i18n.js";
import type { Table } from "./csv.js";

export type Delivery = {
  webhookId: string;
  endpoint: string;
  type: string;
  createdAt: number;
  status: "delivered" | "pending" | "retrying" | string;
  attempts: number;
  deliveredAt: number | null;
  nextAttemptAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
};
export type DeliveryList = { counts: { delivered: number; pending: number; retrying: number }; deliveries: Delivery[] };

/**
 * The endpoint's answer, tolerating fields it does not have (an older or newer collector).
 * @example toDeliveries({ counts: { delivered: 1 }, deliveries: [] }).counts.pending // 0
 */
export function toDeliveries(value: unknown): DeliveryList {
  const v = (value ?? {}) as Partial<DeliveryList>;
  const counts = { delivered: 0, pending: 0, retrying: 0, ...(v.counts ?? {}) };
  return { counts, deliveries: Array.isArray(v.deliveries) ? v.deliveries : [] };
}

/** the deliveries as the CSV export writes them */
export function deliveriesTable(d: DeliveryList): Table {
  const iso = (ms: number | null) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
  return {
    header: [
      "webhook_id",
      "type",
      "endpoint",
      "status",
      "attempts",
      "created_at",
      "delivered_at",
      "next_attempt_at",
      "last_status",
      "last_error",
    ],
    rows: d.deliveries.map((x) => [
      x.webhookId,
      x.type,
      x.endpoint,
      x.status,
      x.attempts,
      iso(x.createdAt),
      iso(x.deliveredAt),
      iso(x.nextAttemptAt),
      x.lastStatus,
      x.lastError,
    ]),
  };
}

export function Deliveries({ data, timezone, t, f }: { data: DeliveryList; timezone: string; t: Strings; f: Format }) {
  const when = new Intl.DateTimeFormat(f.locale, {
    timeZone: timezone,
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
  const word = (status: string) => (status === "delivered" || status === "pending" || status === "retrying" ? t[status] : status);
  return (
    <>
      <div class="figures">
        {(["delivered", "retrying", "pending"] as const).map((k) => (
          <div class="figure" key={k} data-metric={`webhooks.${k}`}>
            <div class={`figure-value${k === "retrying" && data.counts[k] > 0 ? " warn" : ""}`}>{f.n(data.counts[k])}</div>
            <div class="figure-label">{t[k]}</div>
          </div>
        ))}
      </div>
      {data.deliveries.length === 0 ? (
        <p class="muted">{t.noDeliveries}</p>
      ) : (
        <table class="table stack deliveries">
          <thead>
            <tr>
              <th scope="col">{t.webhookEvent}</th>
              <th scope="col">{t.status}</th>
              <th scope="col" class="num">
                {t.attempts}
              </th>
              <th scope="col">{t.lastAnswer}</th>
            </tr>
          </thead>
          <tbody>
            {data.deliveries.slice(0, 20).map((d) => (
              <tr key={`${d.webhookId}|${d.endpoint}`} class={d.status === "retrying" ? "failed" : ""}>
                <th scope="row">
                  {d.type} → {d.endpoint}
                  <span class="muted small"> · {when.format(d.createdAt)}</span>
                </th>
                <td data-label={t.status}>
                  <span class={`chip ${d.status === "delivered" ? "running" : d.status === "retrying" ? "bad" : ""}`}>
                    {word(d.status)}
                  </span>
                </td>
                <td class="num" data-label={t.attempts}>
                  {f.n(d.attempts)}
                </td>
                <td data-label={t.lastAnswer} class="small">
                  {d.lastError ?? (d.lastStatus === null ? "—" : `HTTP ${d.lastStatus}`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
