// one campaign: loads the current range first (the headline paints on it), then the rest beside it
import { useEffect, useMemo, useState } from "preact/hooks";
import { ApiError, type Api, type CampaignSummary, type Endpoints, type Inventory, type Stats } from "./api.js";
import type { Format, Strings } from "./i18n.js";
import { eachDay, previousRange, rangeQuery, scheduledDays, type DayRange, type Preset } from "./range.js";
import { prizeRows, toBreakdown } from "./metrics.js";
import { Section } from "./Section.js";
import { Headline } from "./Headline.js";
import { DailyChart } from "./DailyChart.js";
import { DailyTable, dailyTable } from "./DailyTable.js";
import { Funnel, funnelTable } from "./Funnel.js";
import { Prizes, prizesTable } from "./Prizes.js";
import { Breakdown, breakdownTable } from "./Breakdown.js";
import { Nps, Referrals, Retention } from "./Engagement.js";
import { Deliveries, deliveriesTable, toDeliveries, type DeliveryList } from "./Deliveries.js";
import { RangePicker } from "./RangePicker.js";
import { CsvButton } from "./Section.js";

type Props = {
  api: Api;
  campaign: CampaignSummary;
  endpoints: Endpoints;
  preset: Preset;
  range: DayRange | undefined;
  t: Strings;
  f: Format;
  onRange(preset: Preset, range?: DayRange): void;
  onUnauthorized(): void;
};

type Loaded<T> = T | ApiError | undefined;

export function CampaignView({ api, campaign, endpoints, preset, range, t, f, onRange, onUnauthorized }: Props) {
  const [stats, setStats] = useState<Loaded<Stats>>();
  const [previous, setPrevious] = useState<Stats | null | undefined>();
  const [inventory, setInventory] = useState<Loaded<Inventory>>();
  const [deliveries, setDeliveries] = useState<Loaded<DeliveryList>>();
  const [attempt, setAttempt] = useState(0);
  const prev = previousRange(range, campaign);
  const key = `${campaign.id}|${range?.from}|${range?.to}|${attempt}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names everything that changes what to load (campaign, range, retry)
  useEffect(() => {
    let live = true;
    const fail = (set: (e: ApiError) => void) => (e: unknown) => {
      if (!live) return;
      const error = e instanceof ApiError ? e : new ApiError(0, String(e));
      if (error.status === 401) onUnauthorized();
      set(error);
    };
    setStats(undefined);
    setPrevious(undefined);
    // the current range alone first: the headline is what a reader waits for, the rest follows
    api.stats(campaign.id, range).then((s) => {
      if (!live) return;
      setStats(s);
      if (prev)
        api.stats(campaign.id, prev).then(
          (p) => live && setPrevious(p),
          () => live && setPrevious(null),
        );
      else setPrevious(null);
      api.inventory(campaign.id).then((i) => live && setInventory(i), fail(setInventory));
      if (endpoints.webhookDeliveries)
        api.webhookDeliveries(campaign.id).then((d) => live && setDeliveries(toDeliveries(d)), fail(setDeliveries));
    }, fail(setStats));
    return () => {
      live = false;
    };
  }, [key]);

  useEffect(() => {
    // first paint of the numbers, for bench/dashboard.ts
    if (stats && !(stats instanceof ApiError) && performance.getEntriesByName("mg:headline").length === 0) performance.mark("mg:headline");
  }, [stats]);

  const loaded = stats && !(stats instanceof ApiError) ? stats : undefined;
  // the whole campaign spans its schedule so far and every day with data, whichever is wider
  const span = useMemo(() => {
    if (range) return range;
    const keys = Object.keys(loaded?.daily ?? {}).sort();
    const sched = scheduledDays(campaign);
    const from = [keys[0], sched?.from].filter((d): d is string => !!d).sort()[0];
    const to = [keys[keys.length - 1], sched?.to]
      .filter((d): d is string => !!d)
      .sort()
      .pop();
    return from && to ? { from, to } : undefined;
  }, [loaded, range, campaign]);
  const days = useMemo(() => (span ? eachDay(span) : []), [span]);
  // the headline paints first; the sections below follow a frame later
  const [rest, setRest] = useState(false);
  useEffect(() => {
    if (!loaded) return setRest(false);
    const frame = requestAnimationFrame(() => setRest(true));
    return () => cancelAnimationFrame(frame);
  }, [loaded]);
  const series = useMemo(
    () => ({
      plays: days.map((d) => loaded?.daily[d]?.plays ?? 0),
      participants: days.map((d) => loaded?.daily[d]?.participants ?? 0),
    }),
    [days, loaded],
  );

  const picker = <RangePicker preset={preset} range={range ?? span} timezone={campaign.timezone} t={t} f={f} onChange={onRange} />;
  if (stats instanceof ApiError) {
    return (
      <>
        {picker}
        <div class="card error-card" role="alert">
          <p>{stats.status === 0 ? t.unreachable : stats.message}</p>
          <button type="button" class="btn" onClick={() => setAttempt((n) => n + 1)}>
            {t.retry}
          </button>
        </div>
      </>
    );
  }
  if (!loaded) {
    return (
      <>
        {picker}
        <p class="muted loading" aria-busy="true">
          {t.loading}
        </p>
      </>
    );
  }

  const slug = `${campaign.id}${range ? `_${range.from}_${range.to}` : ""}`;
  const calendar = { firstDay: campaign.firstDay, lastDay: campaign.lastDay, today: campaign.today };
  const inv = inventory instanceof ApiError ? undefined : inventory;
  const prizes = inv ? prizeRows(inv, loaded, range, calendar) : [];
  const sources = toBreakdown(loaded.sources);
  const devices = toBreakdown(loaded.devices);
  const del = deliveries instanceof ApiError ? undefined : deliveries;

  return (
    <>
      {picker}
      <Headline stats={loaded} previous={previous ?? undefined} t={t} f={f} />
      {previous === null && range ? <p class="muted small note">{t.noPrevious}</p> : null}
      {rest ? (
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
      ) : null}
    </>
  );
}
