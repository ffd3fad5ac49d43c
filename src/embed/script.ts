// the script-tag entry (dist/minigame.js), a small loader and the only module with side effects: it installs
// window.minigame and window.Minigame, replays the page's queued calls, reads data-*, fetches and checks the
// campaign, and imports the widget and the game from dist/chunks/ beside its own URL when they are to be shown
import type { Campaign } from "../core/schema/campaign.js";
import type { MountCampaignOptions } from "./mount-campaign.js";
import { autoInit, checkText, type Prepared } from "./auto-init.js";
import { checkCampaign } from "./check.js";
import { installStubQueue } from "./stub-queue.js";
import { deferWidget } from "./deferred-widget.js";
import type { MinigameWidget, MountOptions, WidgetError } from "./types.js";

type WidgetChunk = typeof import("./widget-chunk.js");
type ValidatorChunk = typeof import("./validator-chunk.js");

// currentScript is only set while this file first runs, so read it before anything async
// (tag managers that inject the tag late still set it; the selector covers loaders that do not)
const script = (document.currentScript ?? document.querySelector("script[src*='minigame']")) as HTMLScriptElement | null;

try {
  // chunks live beside the loader: a CDN path or a sub-folder works as long as the files stay together
  const base = new URL("chunks/", script?.src || document.baseURI);
  const loaded = new Map<string, Promise<unknown>>();
  const chunk = <T>(name: string) => {
    if (!loaded.has(name)) loaded.set(name, import(/* @vite-ignore */ new URL(`${name}.js`, base).href));
    return loaded.get(name) as Promise<T>;
  };

  /** the loader's check first; only a campaign that fails it pays for the validator and its exact sentences */
  const prepare = async (input: unknown): Promise<Prepared & { list?: WidgetError["issues"] }> => {
    const checked = typeof input === "string" ? null : checkCampaign(input);
    const quick: Prepared = checked ? (checked.ok ? checked : { ok: false, issues: checked.problems }) : await checkText(input as string);
    if (quick.ok) return quick;
    try {
      const v = await chunk<ValidatorChunk>("validator");
      const full = v.parseCampaign(input);
      return full.ok ? full : { ok: false, issues: full.issues.map(v.formatIssue), list: full.issues };
    } catch {
      return quick; // the validator could not load (offline): the check's own words
    }
  };

  // the shell (Preact and the widget's frame) is what both import: fetched with them, not after them
  const widget = () => Promise.all([chunk<WidgetChunk>("widget"), chunk("shell")]).then(([w]) => w);
  const load = (campaign: Campaign) => Promise.all([widget(), chunk<MountCampaignOptions["game"]>(`game-${campaign.game}`)]);

  const mount = (target: Element | string, options: MountOptions): MinigameWidget =>
    deferWidget(async () => {
      const { campaign, ...rest } = options ?? ({} as MountOptions);
      const r = await prepare(campaign);
      if (!r.ok) {
        const error = `minigame: the campaign is invalid, nothing was rendered:\n${r.issues.join("\n")}`;
        return { error, where: "mount", ...(r.list ? { issues: r.list } : {}) };
      }
      const [widget, game] = await load(r.campaign);
      return widget.mountCampaign(target, r.campaign, { ...rest, ...(game ? { game } : {}) });
    });

  const api = installStubQueue(window as unknown as Parameters<typeof installStubQueue>[0], mount);
  if (api && script) {
    const init = autoInit({
      script,
      mount,
      api,
      prepare,
      preload: () => void widget().catch(() => {}),
      loadTriggers: () => chunk<typeof import("./triggers.js")>("triggers").then((m) => m.startTriggers),
    });
    api.own(init.destroy);
  }
} catch (error) {
  // nothing we do at load may break the host page
  console.error("minigame: could not start", error);
}
