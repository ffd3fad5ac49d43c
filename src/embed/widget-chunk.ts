// the widget chunk (dist/chunks/widget.js): what the loader imports to mount a checked campaign. It holds no Preact:
// the shell (Preact, signals, createWidget) and the game are imported when the widget is to render, which over a
// painted wheel is the visitor's first reach for it; until then they are only fetched (modulepreload), not run
import type { Campaign } from "../core/schema/campaign.js";
import type { GameModule } from "../ui/games.js";
import { type MountCampaignOptions, mountCampaignWith } from "./mount-with.js";
import type { MinigameWidget } from "./types.js";

/** a chunk beside this one (dist/chunks/), by the fixed name the build gives it */
const beside = (name: string) => new URL(`${name}.js`, import.meta.url).href;

/** fetch and parse chunks without running them: the take-over then waits for no network */
function fetchAhead(names: string[]): void {
  const doc = globalThis.document;
  for (const name of names) {
    const link = doc.createElement("link");
    link.rel = "modulepreload";
    link.href = beside(name);
    // the module stays in the page's module map; the element is not needed for it
    link.onload = link.onerror = () => link.remove();
    doc.head.append(link);
  }
}

/**
 * Mount a checked campaign, in a task of its own: the chunks' evaluation and the widget's first render are two shorter
 * tasks instead of one long one that the visitor's first tap would wait behind.
 * @example
 * const widget = await (await import("./chunks/widget.js")).mountCampaign("#slot", campaign, { locale: "en" });
 */
export function mountCampaign(
  target: string | Element | null,
  campaign: Campaign,
  options: MountCampaignOptions = {},
): Promise<MinigameWidget> {
  const game = `game-${campaign.game}`;
  // the same URL the loader imports the game from, so one module either way
  const code = () =>
    Promise.all([import("../ui/create-widget.js"), import(/* @vite-ignore */ beside(game)) as Promise<GameModule>]).then(([m, g]) => ({
      createWidget: m.createWidget,
      game: g,
    }));
  return new Promise((resolve) =>
    setTimeout(() => resolve(mountCampaignWith(code, target, campaign, options, () => fetchAhead(["shell", game]))), 0),
  );
}
