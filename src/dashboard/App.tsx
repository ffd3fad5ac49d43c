// the page: ask for the admin token, list the campaigns, show one; the view lives in the URL hash
import { useEffect, useLayoutEffect, useMemo, useState } from "preact/hooks";
import { ApiError, createApi, type CampaignList, type CampaignSummary } from "./api.js";
import { createFormat, STRINGS, type Lang, type Strings } from "./i18n.js";
import { formatRoute, parseRoute, type Route } from "./route.js";
import { openedCampaign, TOKEN_KEY, viewRange } from "./prefetch.js";
import type { DayRange, Preset } from "./range.js";
import { CampaignView } from "./CampaignView.js";
import { TokenForm } from "./TokenForm.js";

const readToken = () => {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
};
const browserLang = (): Lang => (navigator.language?.toLowerCase().startsWith("vi") ? "vi" : "en");

export function App() {
  const [token, setToken] = useState<string | null>(readToken);
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  // the list and the view's stats are already on their way: the shell's inline script asked for them (prefetch.ts),
  // and often answered before this first render
  const api = useMemo(() => (token ? createApi(token) : undefined), [token]);
  const [list, setList] = useState<CampaignList | ApiError | undefined>(() => api?.readCampaigns());

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);

  const signOut = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken(null);
    setList(undefined);
  };

  // a layout effect: it runs as soon as the page renders, not a frame later
  // biome-ignore lint/correctness/useExhaustiveDependencies: signOut only clears state; the list loads once per token
  useLayoutEffect(() => {
    if (!api || list) return;
    api.campaigns().then(setList, (e: ApiError) => (e.status === 401 || e.status === 403 ? signOut() : setList(e)));
  }, [api, list]);

  const campaigns = list && !(list instanceof ApiError) ? list.campaigns : [];
  // one campaign: no list to choose from, open it
  const campaign = openedCampaign(campaigns, route);
  const lang: Lang = route.lang ?? campaign?.locale ?? browserLang();
  const t = STRINGS[lang];
  const f = useMemo(() => createFormat(lang), [lang]);
  const go = (next: Route) => {
    location.hash = formatRoute(next);
  };
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = campaign ? `${campaign.title ?? campaign.id} · ${t.product}` : t.product;
  }, [lang, campaign, t]);

  if (!token || !api) {
    return (
      <TokenForm
        t={t}
        onToken={async (value) => {
          const result = await createApi(value).campaigns();
          sessionStorage.setItem(TOKEN_KEY, value);
          setList(result);
          setToken(value);
        }}
      />
    );
  }

  return (
    <div class="page">
      <header class="top">
        <a class="brand" href={formatRoute({ lang: route.lang })}>
          <span class="logo" aria-hidden="true" />
          minigame<span class="brand-sub"> · {t.product}</span>
        </a>
        <div class="top-actions">
          <fieldset class="segmented small">
            <legend class="sr-only">{t.language}</legend>
            {(["vi", "en"] as const).map((l) => (
              <button type="button" key={l} aria-pressed={lang === l} onClick={() => go({ ...route, lang: l })}>
                {l.toUpperCase()}
              </button>
            ))}
          </fieldset>
          <button type="button" class="btn-link" onClick={signOut}>
            {t.signOut}
          </button>
        </div>
      </header>
      <main class="main">
        {list === undefined ? (
          <p class="muted loading">{t.loading}</p>
        ) : list instanceof ApiError ? (
          <div class="card error-card" role="alert">
            <p>{list.status === 0 ? t.unreachable : list.message}</p>
            <button type="button" class="btn" onClick={() => setList(undefined)}>
              {t.retry}
            </button>
          </div>
        ) : campaign ? (
          <CampaignPage
            key={campaign.id}
            campaign={campaign}
            list={list}
            route={route}
            t={t}
            f={f}
            api={api}
            go={go}
            onUnauthorized={signOut}
          />
        ) : (
          <CampaignIndex list={list} route={route} t={t} f={f} />
        )}
      </main>
    </div>
  );
}

function CampaignPage(props: {
  campaign: CampaignSummary;
  list: CampaignList;
  route: Route;
  t: Strings;
  f: ReturnType<typeof createFormat>;
  api: ReturnType<typeof createApi>;
  go(route: Route): void;
  onUnauthorized(): void;
}) {
  const { campaign, list, route, t, f, api, go } = props;
  const preset: Preset = route.preset ?? "campaign";
  const range: DayRange | undefined = viewRange(route, campaign);
  const onRange = (p: Preset, r?: DayRange) => go({ ...route, preset: p, ...(r ?? {}) });
  return (
    <>
      <nav class="crumbs">{list.campaigns.length > 1 ? <a href={formatRoute({ lang: route.lang })}>← {t.back}</a> : null}</nav>
      <div class="title-row">
        <h1>{campaign.title ?? campaign.id}</h1>
        <CampaignMeta campaign={campaign} t={t} f={f} />
      </div>
      <CampaignView
        api={api}
        campaign={campaign}
        endpoints={list.endpoints}
        preset={preset}
        range={range}
        t={t}
        f={f}
        onRange={onRange}
        onUnauthorized={props.onUnauthorized}
      />
    </>
  );
}

function CampaignMeta({ campaign, t, f }: { campaign: CampaignSummary; t: Strings; f: ReturnType<typeof createFormat> }) {
  const dates =
    campaign.firstDay || campaign.lastDay
      ? `${campaign.firstDay ? f.day(campaign.firstDay, true) : "…"} – ${campaign.lastDay ? f.day(campaign.lastDay, true) : "…"}`
      : t.noSchedule;
  return (
    <div class="meta">
      <span class={`chip ${campaign.status}`}>{t[campaign.status]}</span>
      <span class="chip">{t[campaign.game]}</span>
      <span class="chip">{t[campaign.mode]}</span>
      {campaign.testMode ? <span class="chip warn">{t.test}</span> : null}
      <span class="muted small">
        {dates} · {campaign.id}
      </span>
    </div>
  );
}

function CampaignIndex({ list, route, t, f }: { list: CampaignList; route: Route; t: Strings; f: ReturnType<typeof createFormat> }) {
  if (list.campaigns.length === 0) return <p class="card muted">{t.noCampaigns}</p>;
  return (
    <>
      <h1>{t.campaigns}</h1>
      <ul class="campaigns">
        {list.campaigns.map((c) => (
          <li key={c.id}>
            <a class="card campaign-link" href={formatRoute({ campaignId: c.id, lang: route.lang })}>
              <strong>{c.title ?? c.id}</strong>
              <CampaignMeta campaign={c} t={t} f={f} />
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
