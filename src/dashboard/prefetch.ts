// the page's first requests, sent by the shell's inline script (boot.ts) while the bundle loads, beside it: the app
// takes their answers instead of asking again, so the headline waits for the stats call and little else.
// The view and its stats path are decided here once, for the inline script and the app alike.
import { presetRange, rangeQuery, type Calendar, type DayRange, type Preset } from "./range.js";
import { parseRoute, type Route } from "./route.js";

/** sessionStorage: the token leaves with the tab, and other tabs of the same site never see it */
export const TOKEN_KEY = "minigame-dashboard-token";
export const CAMPAIGNS_PATH = "/v1/campaigns";
// a property of the page's window: the inline script and the bundle share nothing else
const SLOT = "__minigameDashboardPrefetch";

type Prefetched = {
  token: string;
  answers: Map<string, Promise<Response>>;
  /** good answers already read (prefetchedAnswers), by path: the app's first render takes them */
  read: Map<string, unknown>;
  /** the path of the stats asked once the list arrived (undefined: none), for a view whose days need the list */
  later?: Promise<string | undefined>;
};
type Holder = { [SLOT]?: Prefetched };
type CampaignRef = Calendar & { id: string };

/**
 * The campaign a route opens: the one it names, or the only one.
 * @example openedCampaign([{ id: "tet-2027" }], {}) // { id: "tet-2027" }
 */
export function openedCampaign<C extends { id: string }>(campaigns: readonly C[], route: Route): C | undefined {
  return campaigns.find((c) => c.id === route.campaignId) ?? (campaigns.length === 1 ? campaigns[0] : undefined);
}

/**
 * The days a route shows: none for the whole campaign (the API's own totals), the hash's days for "custom".
 * @example viewRange({ preset: "7d" }, { firstDay: null, lastDay: null, today: "2027-01-27" }) // { from: "2027-01-21", to: "2027-01-27" }
 */
export function viewRange(route: Route, calendar: Calendar): DayRange | undefined {
  const preset: Preset = route.preset ?? "campaign";
  if (preset === "custom" && route.from && route.to) return { from: route.from, to: route.to };
  return presetRange(preset === "custom" ? "campaign" : preset, calendar);
}

/**
 * The stats API path of a campaign and range.
 * @example statsPath("tet-2027", { from: "2027-01-21", to: "2027-01-27" }) // "/v1/campaigns/tet-2027/stats?from=2027-01-21&to=2027-01-27"
 */
export function statsPath(campaignId: string, range?: DayRange): string {
  return `/v1/campaigns/${encodeURIComponent(campaignId)}/stats${rangeQuery(range)}`;
}

/** the stats path of a route without the campaign list, when its days do not hang on the calendar (7 and 30 days do) */
function statsPathBeforeList(route: Route): string | undefined {
  if (!route.campaignId) return undefined;
  const preset = route.preset ?? "campaign";
  if (preset === "7d" || preset === "30d") return undefined;
  return statsPath(route.campaignId, preset === "custom" && route.from && route.to ? { from: route.from, to: route.to } : undefined);
}

/**
 * Ask for the campaign list and the stats the view at `hash` will show, now. A view whose days need the campaign's
 * calendar, or a bare `#/` that opens the only campaign, asks for its stats as soon as the list arrives.
 * The token rides in a header, never in a URL.
 * @example prefetch(location.hash, sessionStorage.getItem(TOKEN_KEY)!, window);
 */
export function prefetch(hash: string, token: string, holder: object = globalThis): void {
  const answers = new Map<string, Promise<Response>>();
  const held: Prefetched = { token, answers, read: new Map() };
  (holder as Holder)[SLOT] = held;
  const get = (path: string) => {
    const answer = fetch(path, { headers: { authorization: `Bearer ${token}` }, cache: "no-store" });
    // a failure is the app's to report, when it takes the answer
    answer.catch(() => {});
    answers.set(path, answer);
    return answer;
  };
  const route = parseRoute(hash);
  const list = get(CAMPAIGNS_PATH);
  const direct = statsPathBeforeList(route);
  if (direct) {
    get(direct);
    return;
  }
  held.later = list
    .then((res) => (res.ok ? (res.clone().json() as Promise<{ campaigns?: CampaignRef[] }>) : undefined))
    .then((body) => {
      const campaign = openedCampaign(body?.campaigns ?? [], route);
      if (!campaign) return undefined;
      const path = statsPath(campaign.id, viewRange(route, campaign));
      get(path);
      return path;
    })
    .catch(() => undefined);
}

/**
 * The answer `prefetch` holds for `path`, once, and only for the token it was asked with; else `ask()`. While the
 * stats that hang on the list are still to be asked for, a caller waits for that rather than asking twice.
 * @example const res = await takePrefetched("/v1/campaigns", token, () => fetch("/v1/campaigns", …));
 */
export function takePrefetched(path: string, token: string, ask: () => Promise<Response>, holder: object = globalThis): Promise<Response> {
  const held = (holder as Holder)[SLOT];
  if (!held || held.token !== token) return ask();
  const take = () => {
    const answer = held.answers.get(path);
    held.answers.delete(path);
    return answer;
  };
  const answer = take();
  held.read.delete(path);
  if (answer) return answer;
  if (!held.later) return ask();
  return held.later.then((later) => (later === path ? (take() ?? ask()) : ask()));
}

/**
 * Wait, at most `within` ms, for the answers the inline script asked for, and read the good ones: the app's first render
 * then has the list and the stats (takeRead), so its first frame shows the numbers rather than a "loading" frame that
 * the numbers' frame would queue behind. Resolves at once when nothing was asked (no token in the tab).
 * @example await prefetchedAnswers(1000); render(<App />, root);
 */
export async function prefetchedAnswers(within: number, holder: object = globalThis): Promise<void> {
  const held = (holder as Holder)[SLOT];
  if (!held) return;
  const readOne = async (path: string) => {
    const res = await held.answers.get(path);
    if (res?.ok) held.read.set(path, await res.clone().json());
  };
  const all = Promise.all([...held.answers.keys()].map(readOne))
    .then(() => held.later)
    .then((later) => (later ? readOne(later) : undefined))
    .catch(() => {});
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, within)))]);
  clearTimeout(timer);
}

/**
 * The answer for `path` that prefetchedAnswers read, once, and only for the token it was asked with; taking it also
 * takes the request's answer, so the path is not answered twice.
 * @example const list = takeRead<CampaignList>("/v1/campaigns", token);
 */
export function takeRead<T>(path: string, token: string, holder: object = globalThis): T | undefined {
  const held = (holder as Holder)[SLOT];
  if (!held || held.token !== token || !held.read.has(path)) return undefined;
  const value = held.read.get(path) as T;
  held.read.delete(path);
  held.answers.delete(path);
  return value;
}
