// the script-tag entry (dist/minigame.js), a small loader and the only module with side effects: it installs
// window.minigame and window.Minigame, replays the page's queued calls, reads data-*, fetches and checks the
// campaign, and imports the widget and the game from dist/chunks/ beside its own URL when they are to be shown
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

// nothing we do at load may break the host page: the build wraps this whole file in one try/catch that logs
// "minigame: could not start" (loaderConfig's banner and footer in vite.config.ts)
// chunks live beside the loader: a CDN path or a sub-folder works as long as the files stay together
const base = new URL("chunks/", script?.src || document.baseURI);
const loaded = new Map<string, Promise<unknown>>();
const chunk = <T>(name: string) => {
  if (!loaded.has(name)) loaded.set(name, import(/* @vite-ignore */ new URL(`${name}.js`, base).href));
  return loaded.get(name) as Promise<T>;
};

/** the loader's check first; only a campaign that fails it pays for the validator and its exact sentences */
const prepare = async (input: unknown): Promise<Prepared & { list?: WidgetError["issues"] }> => {
  // a wheel in the tag's campaign text: its first frame's chunks are asked for now, while the text is parsed and
  // checked, not a round trip after it (a launcher's wheel fetches the painter it will not use)
  if (/"wheel"/.test(input as string)) Promise.all([chunk("paint-wheel"), chunk("wheel-face")]).catch(() => {});
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

const mount = (target: Element | string, options: MountOptions): MinigameWidget =>
  deferWidget(async () => {
    const { campaign, ...rest } = options ?? ({} as MountOptions);
    const r = await prepare(campaign);
    if (!r.ok) {
      const error = `minigame: the campaign is invalid, nothing was rendered:\n${r.issues.join("\n")}`;
      return { error, where: "mount", ...(r.list ? { issues: r.list } : {}) };
    }
    // a wheel in the page (the painter leaves a launcher's dialog alone) is painted with plain DOM first; the widget
    // chunk then watches it and fetches Preact and the game ahead, running them on the visitor's first reach. Anything
    // else needs them at once: fetched beside the widget chunk, the shell and the frame's code (theme, CSS, strings)
    // with it, not after it. The face's chunk is asked for beside the painter, not after parsing it.
    const painted: Promise<unknown> | false =
      r.campaign.game === "wheel" &&
      Promise.all([chunk<PaintChunk>("paint-wheel"), chunk("wheel-face")]).then(
        ([m]) => m.paintWheel(target, r.campaign, rest, loading),
        () => {}, // only the first frame is lost: the widget paints when it arrives
      );
    const loading: Promise<WidgetChunk> = Promise.resolve(painted).then((frame) => {
      if (!frame) Promise.all([chunk(`game-${r.campaign.game}`), chunk("shell"), chunk("frame")]).catch(() => {}); // the widget reports it
      return chunk<WidgetChunk>("widget");
    });
    return (await loading).mountCampaign(target, r.campaign, rest);
  });
const api = installStubQueue(window as unknown as Parameters<typeof installStubQueue>[0], mount);
if (api && script) {
  const init = autoInit({
    script,
    mount,
    api,
    prepare,
    // what every first paint needs (theme, CSS, strings): the rest waits for the campaign's game
    preload: () => chunk("frame").catch(() => {}),
    loadTriggers: () => chunk<typeof import("./triggers.js")>("triggers").then((m) => m.startTriggers),
  });
  api.own(init.destroy);
}
