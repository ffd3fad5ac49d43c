// mountCampaign for npm: mountCampaignWith (mount-with.ts) with the widget's code at hand, so the widget renders in
// the same call. The script tag's widget chunk passes the same function code it fetches on demand instead.
import type { Campaign } from "../core/schema/campaign.js";
import { createWidget } from "../ui/create-widget.js";
import { type MountCampaignOptions, mountCampaignWith } from "./mount-with.js";
import type { MinigameWidget } from "./types.js";

export type { MountCampaignOptions } from "./mount-with.js";
export type { WidgetEvent, WidgetErrorWhere } from "./types.js";

/**
 * Mount a campaign that was already validated or checked. Never throws: problems render nothing, log one console
 * error and emit one "error" event.
 * @example
 * const widget = mountCampaign("#slot", campaign, { collector: { endpoint } });
 */
export function mountCampaign(target: string | Element | null, campaign: Campaign, options: MountCampaignOptions = {}): MinigameWidget {
  const { game, ...rest } = options;
  return mountCampaignWith(() => ({ createWidget, ...(game ? { game } : {}) }), target, campaign, rest);
}
