// the script-tag entry (dist/minigame.js), a small loader and the only module with side effects: it installs
// window.minigame and window.Minigame, replays the page's queued calls, reads data-*, fetches and checks the
// campaign, and imports the widget and the game from dist/chunks/ beside its own URL when they are to be shown
import type { Campaign } from "../core/schema/campaign.js";
import type { GameModule } from "../ui/games.js";
import { autoInit, checkText, type Prepared } from "./auto-init.js";
import { checkCampaign } from "./check.js";
import { installStubQueue } from "./stub-queue.js";
import { deferWidget } from "./deferred-widget.js";
import type { MinigameWidget, MountOptions, WidgetError } from "./types.js";

type WidgetChunk = typeof import("./widget-chunk.js");
type ValidatorChunk = typeof import("./validator-chunk.js");
type PaintChunk = typeof import("../ui/wheel/paint.js");

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
    const quick: Prepared = typeof input === "string" ? await checkText(input) : checkCampaign(input);
    if (quick.ok) return quick;
    try {
      const v = await chunk<ValidatorChunk>("validator");
      const full = v.parseCampaign(input);
      return full.ok ? full : { ok: false, issues: full.issues.map(v.formatIssue), list: full.issues };
    } catch {
      return quick; // the validator could not load (offline): the check's own words
    }
  };

  // the shell (Preact and the widget's frame) and the frame's own code (theme, CSS, strings) are what both import:
  // fetched with them, not after them
  const widget = () => Promise.all([chunk<WidgetChunk>("widget"), chunk("shell"), chunk("frame")]).then(([w]) => w);
  const load = (campaign: Campaign) => Promise.all([widget(), chunk<GameModule>(`game-${campaign.game}`)]);

  const mount = (target: Element | string, options: MountOptions): MinigameWidget =>
    deferWidget(async () => {
      const { campaign, ...rest } = options ?? ({} as MountOptions);
      const r = await prepare(campaign);
      if (!r.ok) {
        const error = `minigame: the campaign is invalid, nothing was rendered:\n${r.issues.join("\n")}`;
        return { error, where: "mount", ...(r.list ? { issues: r.list } : {}) };
      }
      const loading = load(r.campaign);
      // a wheel in the page (the painter leaves a launcher's dialog alone) is painted with plain DOM while Preact and the
      // game load; the widget then takes its place, once that frame is on screen (else its first render would hold it back)
      const painted =
        r.campaign.game === "wheel" &&
        chunk<PaintChunk>("paint-wheel").then(
          (m) => m.paintWheel(target, r.campaign, rest, loading),
          () => {}, // only the first frame is lost: the widget paints when it arrives
        );
      const [widget, game] = await loading;
      await painted;
      return widget.mountCampaign(target, r.campaign, { ...rest, game });
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
