// the handle the loader returns at once, before the widget's chunks are here: calls made meanwhile are kept and
// replayed on the real widget; a failure is logged once and becomes one "error" event
import type { Consent } from "../tracker/types.js";
import type { Listener, MinigameWidget, WidgetError, WidgetEvent } from "./types.js";

/**
 * A widget handle backed by `start`, which resolves to the mounted widget or to the error that stopped it.
 * @example
 * const widget = deferWidget(async () => (await import(url)).mountCampaign(target, campaign));
 */
export function deferWidget(start: () => Promise<MinigameWidget | WidgetError>): MinigameWidget {
  const listeners: Array<[WidgetEvent, Listener]> = [];
  let real: MinigameWidget | null = null;
  let opened: boolean | null = null;
  let consent: Consent | null = null;
  let destroyed = false;

  const fail = (e: WidgetError) => {
    console.error(e.error);
    for (const [name, cb] of listeners) if (name === "error") (cb as (p: WidgetError) => void)(e);
  };
  start().then(
    (w) => {
      if (!("on" in w)) return fail(w);
      if (destroyed) return w.destroy();
      real = w;
      for (const [name, cb] of listeners) w.on(name, cb);
      if (consent) w.setConsent(consent);
      if (opened !== null) opened ? w.open() : w.close();
    },
    (e) => fail({ error: `minigame: could not load the widget (${String(e)})`, where: "load" }),
  );

  const widget: MinigameWidget = {
    on(name, cb) {
      listeners.push([name, cb as Listener]);
      real?.on(name, cb);
      return () => widget.off(name, cb);
    },
    off(name, cb) {
      const i = listeners.findIndex(([n, c]) => n === name && c === cb);
      if (i >= 0) listeners.splice(i, 1);
      real?.off(name, cb);
    },
    open() {
      if (real) real.open();
      else opened = true;
    },
    close() {
      if (real) real.close();
      else opened = false;
    },
    destroy() {
      destroyed = true;
      listeners.length = 0;
      real?.destroy();
      real = null;
    },
    setConsent(c) {
      if (real) real.setConsent(c);
      else consent = c;
    },
    stats: () => real?.stats() ?? null,
  };
  return widget;
}
