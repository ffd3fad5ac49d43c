// when the launcher and popup appear: campaign.display read against the page, the device and this
// visitor's history; every listener and timer is removable
import type { DisplaySettings } from "../core/index.js";

export type DeviceClass = "mobile" | "tablet" | "desktop";

export type TriggerHandlers = {
  /** the widget may appear (launcher only); called at most once */
  show(): void;
  /** open the popup; `manual` is true for a click on clickSelector, which ignores the frequency cap */
  open(manual: boolean): void;
};

export type TriggerOptions = {
  display: DisplaySettings;
  campaignId: string;
  handlers: TriggerHandlers;
  window?: Window;
  now?: () => number;
  /** where the frequency cap remembers the last popup; undefined when storage is blocked */
  storage?: Pick<Storage, "getItem" | "setItem"> | undefined;
};

const DAY_MS = 86_400_000;

/** `*` matches any run of characters, everything else is literal */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*+/g, ".*");
  return new RegExp(`^${escaped}$`);
}

/** true when the path matches some urlPattern (or there are none) and no excludeUrlPattern */
export function matchesUrl(display: Pick<DisplaySettings, "urlPatterns" | "excludeUrlPatterns">, path: string): boolean {
  const included = !display.urlPatterns?.length || display.urlPatterns.some((p) => globToRegExp(p).test(path));
  const excluded = display.excludeUrlPatterns?.some((p) => globToRegExp(p).test(path)) ?? false;
  return included && !excluded;
}

/** touch-first screens below 600 CSS px on their short side are phones, below 1024 tablets */
export function deviceClass(win: Pick<Window, "matchMedia" | "screen">): DeviceClass {
  const coarse = win.matchMedia?.("(pointer: coarse)").matches ?? false;
  if (!coarse) return "desktop";
  const shortSide = Math.min(win.screen?.width ?? 0, win.screen?.height ?? 0);
  if (shortSide < 600) return "mobile";
  return shortSide < 1024 ? "tablet" : "desktop";
}

function storageKey(campaignId: string): string {
  return `minigame:popup:${campaignId}`;
}

function readShownAt(storage: TriggerOptions["storage"], campaignId: string): number | null {
  try {
    const value = Number(storage?.getItem(storageKey(campaignId)));
    return Number.isFinite(value) && value > 0 ? value : null;
  } catch {
    return null; // storage can throw in private modes and sandboxed frames
  }
}

/**
 * Watch the page for the campaign's display triggers. Returns a function that removes every listener
 * and timer. Without timed triggers the launcher shows at once and no popup opens by itself.
 * @example
 * const stop = startTriggers({ display: campaign.display, campaignId: campaign.id,
 *   handlers: { show: () => widget.show(), open: () => widget.open() } });
 */
export function startTriggers(options: TriggerOptions): () => void {
  const { display, campaignId, handlers } = options;
  const win = options.window ?? window;
  const now = options.now ?? Date.now;
  const cleanups: Array<() => void> = [];
  const stop = () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  };

  if (!matchesUrl(display, win.location.pathname)) return stop;
  const device = deviceClass(win);
  if (display.devices && !display.devices.includes(device)) return stop;

  let shown = false;
  const show = () => {
    if (shown) return;
    shown = true;
    handlers.show();
  };
  const listen = (bucket: Array<() => void>, target: EventTarget, type: string, fn: (e: never) => void) => {
    const listener = fn as EventListener;
    target.addEventListener(type, listener, { passive: true, capture: true });
    bucket.push(() => target.removeEventListener(type, listener, { capture: true }));
  };

  // the first timed trigger wins; the others are removed with it
  const timed: Array<() => void> = [];
  let fired = false;
  const fire = () => {
    if (fired) return;
    fired = true;
    for (const cleanup of timed.splice(0)) cleanup();
    show();
    const last = readShownAt(options.storage, campaignId);
    const capped = display.frequencyDays !== undefined && last !== null && now() - last < display.frequencyDays * DAY_MS;
    if (capped) return;
    try {
      options.storage?.setItem(storageKey(campaignId), String(now()));
    } catch {
      // a full or blocked storage only loses the cap, never the popup
    }
    handlers.open(false);
  };
  cleanups.push(() => {
    for (const cleanup of timed.splice(0)) cleanup();
  });

  if (display.delaySeconds !== undefined) {
    const timer = win.setTimeout(fire, display.delaySeconds * 1000);
    timed.push(() => win.clearTimeout(timer));
  }
  if (display.scrollPercent !== undefined) {
    const target = display.scrollPercent;
    const check = () => {
      const scrollable = win.document.documentElement.scrollHeight - win.innerHeight;
      const depth = scrollable <= 0 ? 100 : (win.scrollY / scrollable) * 100;
      if (depth >= target) fire();
    };
    listen(timed, win, "scroll", check);
    // a page shorter than the window is already scrolled to the bottom; checked after load work settles
    const timer = win.setTimeout(check, 0);
    timed.push(() => win.clearTimeout(timer));
  }
  if (display.exitIntent) {
    if (device === "desktop") {
      // the pointer leaving through the top edge heads for the tab bar or the address bar
      listen(timed, win.document, "mouseout", (e: MouseEvent) => {
        if (!e.relatedTarget && e.clientY <= 0) fire();
      });
    } else {
      // phones have no pointer to leave: a quick scroll back up is the usual sign of leaving
      let deepest = win.scrollY;
      listen(timed, win, "scroll", () => {
        deepest = Math.max(deepest, win.scrollY);
        if (deepest - win.scrollY > win.innerHeight / 3) fire();
      });
    }
  }
  const hasTimed = display.delaySeconds !== undefined || display.scrollPercent !== undefined || display.exitIntent;

  if (display.clickSelector) {
    const selector = display.clickSelector;
    listen(cleanups, win.document, "click", (e: MouseEvent) => {
      const target = e.target as Element | null;
      let hit = false;
      try {
        hit = Boolean(target?.closest?.(selector));
      } catch {
        hit = false; // an invalid selector matches nothing
      }
      if (!hit) return;
      show();
      handlers.open(true);
    });
  }

  // with only a click trigger the page's own element is the launcher
  if (!hasTimed && !display.clickSelector) show();
  return stop;
}
