// the widget chunk (dist/chunks/widget.js): what the loader imports to mount a checked campaign; Preact, signals and
// the shell come with it, the game comes from its own chunk in parallel
import { mountCampaign as mountNow } from "./mount-campaign.js";
import type { MinigameWidget } from "./types.js";

/**
 * `mountCampaign` in a task of its own: the chunks' evaluation and the widget's first render are two shorter tasks
 * instead of one long one that the visitor's first tap would wait behind.
 * @example
 * const widget = await (await import("./chunks/widget.js")).mountCampaign("#slot", campaign, { game });
 */
export function mountCampaign(...args: Parameters<typeof mountNow>): Promise<MinigameWidget> {
  return new Promise((resolve) => setTimeout(() => resolve(mountNow(...args)), 0));
}
