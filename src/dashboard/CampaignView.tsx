// one campaign: the current range's stats first (the headline paints on them), then the previous period beside the
// numbers and the sections below them, whose code is a chunk of its own (Sections.tsx)
import type { FunctionComponent } from "preact";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { ApiError, type Api, type CampaignSummary, type Endpoints, type Stats } from "./api.js";
import type { Format, Strings } from "./i18n.js";
import { eachDay, previousRange, scheduledDays, type DayRange, type Preset } from "./range.js";
import { Headline } from "./Headline.js";
import { RangePicker } from "./RangePicker.js";
import type { SectionsProps } from "./Sections.js";
import { HEADLINE_TIMING, painted } from "./painted.js";

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

// the sections' chunk, asked for once the headline is on screen (its frame presented, not only committed: compiling
// and rendering the sections meanwhile held that frame back on a busy machine), kept for every later view
let sectionsChunk: Promise<FunctionComponent<SectionsProps>> | undefined;
const SECTIONS_WAIT_MS = 1000;
const loadSections = () => {
  sectionsChunk ??= painted(HEADLINE_TIMING, SECTIONS_WAIT_MS)
    .then(() => import("./Sections.js"))
    .then((m) => m.Sections);
  return sectionsChunk;
};

export function CampaignView({ api, campaign, endpoints, preset, range, t, f, onRange, onUnauthorized }: Props) {
  const [attempt, setAttempt] = useState(0);
  const key = `${campaign.id}|${range?.from}|${range?.to}|${attempt}`;
  // the stats the page's first requests already read (prefetch.ts): the first frame shows the numbers; used once, by
  // the first load, so coming back to this range later asks again
  const first = useRef<{ key: string; stats: Stats } | undefined | null>(null);
  if (first.current === null) {
    const read = api.readStats(campaign.id, range);
    first.current = read && { key, stats: read };
  }
  const [stats, setStats] = useState<Stats | ApiError | undefined>(first.current?.stats);
  const [previous, setPrevious] = useState<Stats | null | undefined>();
  const [Sections, setSections] = useState<FunctionComponent<SectionsProps> | undefined>();
  const prev = previousRange(range, campaign);

  // a layout effect: the stats (often already answered, see prefetch.ts) are taken as soon as the view renders
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names everything that changes what to load (campaign, range, retry)
  useLayoutEffect(() => {
    let live = true;
    const read = first.current?.key === key ? first.current.stats : undefined;
    first.current = undefined;
    if (!read) setStats(undefined);
    setPrevious(undefined);
    // the current range alone first: the headline is what a reader waits for, the rest follows
    (read ? Promise.resolve(read) : api.stats(campaign.id, range)).then(
      (s) => {
        if (!live) return;
        setStats(s);
        if (prev)
          api.stats(campaign.id, prev).then(
            (p) => live && setPrevious(p),
            () => live && setPrevious(null),
          );
        else setPrevious(null);
      },
      (e: unknown) => {
        if (!live) return;
        const error = e instanceof ApiError ? e : new ApiError(0, String(e));
        if (error.status === 401) onUnauthorized();
        setStats(error);
      },
    );
    return () => {
      live = false;
    };
  }, [key]);

  const loaded = stats && !(stats instanceof ApiError) ? stats : undefined;
  useLayoutEffect(() => {
    // the numbers are in the page: bench/dashboard.ts reads this mark, and the paint itself from Headline's element timing
    if (loaded && performance.getEntriesByName(HEADLINE_TIMING).length === 0) performance.mark(HEADLINE_TIMING);
  }, [loaded]);
  // the sections' code after the headline's frame, never before it
  useEffect(() => {
    if (!loaded || Sections) return;
    let live = true;
    loadSections().then((s) => live && setSections(() => s));
    return () => {
      live = false;
    };
  }, [loaded, Sections]);

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

  return (
    <>
      {picker}
      <Headline stats={loaded} previous={previous ?? undefined} t={t} f={f} />
      {previous === null && range ? <p class="muted small note">{t.noPrevious}</p> : null}
      {Sections ? (
        <Sections
          api={api}
          campaign={campaign}
          endpoints={endpoints}
          range={range}
          days={days}
          stats={loaded}
          t={t}
          f={f}
          onUnauthorized={onUnauthorized}
        />
      ) : null}
    </>
  );
}
