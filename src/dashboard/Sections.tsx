// everything below the headline, in its own chunk: loaded once the headline is on screen, so the first paint
// carries only the shell and the numbers (uPlot comes later still, with the chart)
import { useEffect, useMemo, useState } from "preact/hooks";
import { ApiError, type Api, type CampaignSummary, type Endpoints, type Inventory, type Stats } from "./api.js";
import type { Format, Strings } from "./i18n.js";
import { rangeQuery, type DayRange } from "./range.js";
import { prizeRows, toBreakdown } from "./metrics.js";
import { CsvButton, Section } from "./Section.js";
import { DailyChart } from "./DailyChart.js";
import { DailyTable, dailyTable } from "./DailyTable.js";
import { Funnel, funnelTable } from "./Funnel.js";
import { Prizes, prizesTable } from "./Prizes.js";
import { Breakdown, breakdownTable } from "./Breakdown.js";
import { Nps, Referrals, Retention } from "./Engagement.js";
import { Deliveries, deliveriesTable, toDeliveries, type DeliveryList } from "./Deliveries.js";

export type SectionsProps = {
  api: Api;
  campaign: CampaignSummary;
  endpoints: Endpoints;
  range: DayRange | undefined;
  /** the days on the chart's axis */
  days: string[];
  stats: Stats;
  t: Strings;
  f: Format;
  onUnauthorized(): void;
};

type Loaded<T> = T | ApiError | undefined;

/** the sections of one campaign's view: per day, prizes, funnel, sources, devices, engagement, leads, webhooks */
export function Sections({ api, campaign, endpoints, range, days, stats: loaded, t, f, onUnauthorized }: SectionsProps) {
  const [inventory, setInventory] = useState<Loaded<Inventory>>();
  const [deliveries, setDeliveries] = useState<Loaded<DeliveryList>>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: inventory and deliveries hang on the campaign alone, not the range
  useEffect(() => {
    let live = true;
    const fail = (set: (e: ApiError) => void) => (e: unknown) => {
      if (!live) return;
      const error = e instanceof ApiError ? e : new ApiError(0, String(e));
      if (error.status === 401) onUnauthorized();
      set(error);
    };
    api.inventory(campaign.id).then((i) => live && setInventory(i), fail(setInventory));
    if (endpoints.webhookDeliveries)
      api.webhookDeliveries(campaign.id).then((d) => live && setDeliveries(toDeliveries(d)), fail(setDeliveries));
    return () => {
      live = false;
    };
  }, [api, campaign.id]);
  const series = useMemo(
    () => ({
      plays: days.map((d) => loaded.daily[d]?.plays ?? 0),
      participants: days.map((d) => loaded.daily[d]?.participants ?? 0),
    }),
    [days, loaded],
  );

  const slug = `${campaign.id}${range ? `_${range.from}_${range.to}` : ""}`;
  const calendar = { firstDay: campaign.firstDay, lastDay: campaign.lastDay, today: campaign.today };
  const inv = inventory instanceof ApiError ? undefined : inventory;
  const prizes = inv ? prizeRows(inv, loaded, range, calendar) : [];
  const sources = toBreakdown(loaded.sources);
  const devices = toBreakdown(loaded.devices);
  const del = deliveries instanceof ApiError ? undefined : deliveries;

  return (
    <div class="grid">
      <Section
        id="daily"
        wide
        title={t.perDay}
        t={t}
        csv={
          endpoints.statsCsv
            ? {
                kind: "server",
                name: `${slug}_daily.csv`,
                fetch: () => api.download(`/v1/campaigns/${encodeURIComponent(campaign.id)}/stats.csv${rangeQuery(range)}`),
              }
            : { kind: "table", name: `${slug}_daily.csv`, table: () => dailyTable(days, loaded) }
        }
      >
        {days.length ? (
          <DailyChart days={days} plays={series.plays} participants={series.participants} t={t} f={f} />
        ) : (
          <p class="muted">{t.empty}</p>
        )}
        <DailyTable days={days} stats={loaded} t={t} f={f} />
      </Section>
      <Section
        id="prizes"
        wide
        title={t.prizes}
        t={t}
        csv={inv ? { kind: "table", name: `${slug}_prizes.csv`, table: () => prizesTable(prizes) } : undefined}
      >
        {inventory instanceof ApiError ? (
          <p class="error">{inventory.message}</p>
        ) : !inv ? (
          <p class="muted">{t.loading}</p>
        ) : (
          <Prizes rows={prizes} t={t} f={f} />
        )}
        {inv?.source === "events" ? <p class="muted small">{t.givenFromEvents}</p> : null}
      </Section>
      <Section
        id="funnel"
        title={t.funnel}
        t={t}
        csv={{ kind: "table", name: `${slug}_funnel.csv`, table: () => funnelTable(loaded.funnel) }}
      >
        <Funnel funnel={loaded.funnel} t={t} f={f} />
      </Section>
      <Section
        id="sources"
        title={t.sources}
        t={t}
        available={sources !== undefined}
        csv={sources ? { kind: "table", name: `${slug}_sources.csv`, table: () => breakdownTable("source", sources) } : undefined}
      >
        {sources ? <Breakdown data={sources} keyLabel={t.source} t={t} f={f} /> : null}
      </Section>
      <Section
        id="devices"
        title={t.devices}
        t={t}
        available={devices !== undefined}
        csv={devices ? { kind: "table", name: `${slug}_devices.csv`, table: () => breakdownTable("device", devices) } : undefined}
      >
        {devices ? <Breakdown data={devices} keyLabel={t.device} t={t} f={f} /> : null}
      </Section>
      <Section id="retention" title={t.retention} t={t} available={loaded.retention !== undefined || loaded.returning !== undefined}>
        <Retention stats={loaded} t={t} f={f} />
      </Section>
      <Section id="nps" title={t.nps} t={t} available={loaded.nps !== undefined}>
        <Nps stats={loaded} t={t} f={f} />
      </Section>
      <Section id="referrals" title={t.referrals} t={t} available={loaded.referrals !== undefined}>
        <Referrals stats={loaded} t={t} f={f} />
      </Section>
      <Section id="leads" title={t.leads} t={t}>
        <div class="figures">
          <div class="figure" data-metric="leads">
            <div class="figure-value">{f.n(loaded.leads)}</div>
            <div class="figure-label">{t.leadsCount}</div>
          </div>
        </div>
        {endpoints.leadsCsv ? (
          <CsvButton
            t={t}
            label={t.leadsCsv}
            source={{
              kind: "server",
              name: `${campaign.id}_leads.csv`,
              fetch: () => api.download(`/v1/campaigns/${encodeURIComponent(campaign.id)}/leads.csv`),
            }}
          />
        ) : (
          <p class="muted small">leads.csv: {t.notAvailable}</p>
        )}
      </Section>
      <Section
        id="webhooks"
        title={t.webhooks}
        t={t}
        available={endpoints.webhookDeliveries === true}
        csv={del ? { kind: "table", name: `${campaign.id}_webhooks.csv`, table: () => deliveriesTable(del) } : undefined}
      >
        {deliveries instanceof ApiError ? (
          <p class="error">{deliveries.message}</p>
        ) : del ? (
          <Deliveries data={del} timezone={campaign.timezone} t={t} f={f} />
        ) : (
          <p class="muted">{t.loading}</p>
        )}
      </Section>
    </div>
  );
}
