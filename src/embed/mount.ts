// mount(): the public entry for npm users (docs/ui.md); validates the campaign with the full schema, then mounts it
import { formatIssue, parseCampaign } from "../core/schema/index.js";
import { mountCampaign } from "./mount-campaign.js";
import type { MinigameWidget, MountOptions, WidgetError } from "./types.js";

export type { MountOptions, MinigameWidget, WidgetEvent, WidgetEvents, WidgetError, Listener } from "./types.js";

/**
 * Mount a game. Never throws: a bad campaign or target renders nothing, logs one console error and
 * emits one "error" event (a {@link WidgetError}) to `on("error")` listeners.
 * @example
 * const widget = mount("#slot", { campaign, collector: { endpoint: "https://collect.example.com/v1/events" } });
 * widget.on("result", (r) => console.log(r.prize?.label));
 */
export function mount(target: string | Element | null, options: MountOptions): MinigameWidget {
  const { campaign, ...rest } = options ?? ({} as MountOptions);
  // a server-mode campaign comes from the collector's public view, which keeps a quiz's answers back
  const parsed = parseCampaign(campaign, { served: true });
  if (parsed.ok) return mountCampaign(target, parsed.campaign, rest);
  const message = `minigame: the campaign is invalid, nothing was rendered:\n${parsed.issues.map(formatIssue).join("\n")}`;
  console.error(message);
  return refused({ error: message, where: "mount", issues: parsed.issues });
}

/** the handle of a widget that was never mounted: it only reports why, once, to listeners added right away */
export function refused(error: WidgetError): MinigameWidget {
  const listeners = new Set<(e: WidgetError) => void>();
  queueMicrotask(() => {
    for (const cb of listeners) {
      try {
        cb(error);
      } catch (e) {
        console.error("minigame: an event listener threw", e);
      }
    }
  });
  const widget: MinigameWidget = {
    on(name, cb) {
      if (name === "error") listeners.add(cb as (e: WidgetError) => void);
      return () => widget.off(name, cb);
    },
    off: (name, cb) => void (name === "error" && listeners.delete(cb as (e: WidgetError) => void)),
    open() {},
    close() {},
    destroy: () => listeners.clear(),
    setConsent() {},
    stats: () => null,
  };
  return widget;
}
