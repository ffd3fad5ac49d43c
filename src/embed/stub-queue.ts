// window.minigame(...) before and after load, after Plausible: the page may call it before the script
// arrives; those calls are replayed in order, then the stub is replaced by the real function
import type { Consent } from "../tracker/types.js";
import { EVENT_TYPES, type Listener, type MountFunction, type MountOptions, type WidgetEvent, type WidgetHandle } from "./types.js";

/** the page-facing function; `q` holds queued calls, `l` marks the real script as loaded */
export type MinigameFunction = ((command: string, ...args: unknown[]) => unknown) & { q?: ArrayLike<unknown>[]; l?: boolean };

export type EmbedApi = {
  /** run one `minigame(command, ...args)` call */
  call(command: string, ...args: unknown[]): unknown;
  /** route a widget's events to the listeners the page registered with `minigame("on", ...)` */
  attach(widget: WidgetHandle): void;
  /** deliver an event that has no widget behind it (a campaign that failed to load) */
  emit(type: WidgetEvent, payload: unknown): void;
  /** run `cleanup` on minigame("destroy"), with the widgets (pending triggers, for one) */
  own(cleanup: () => void): void;
  /** the consent given with minigame("consent", …), for widgets mounted later */
  consent(): Consent | undefined;
};

type Host = { minigame?: MinigameFunction; Minigame?: { mount: MountFunction }; console: Pick<Console, "warn" | "error"> };

const CONSENTS: readonly Consent[] = ["granted", "pending", "denied"];

/**
 * Create the command router behind `window.minigame`.
 * @example
 * const api = createEmbedApi(mount, console);
 * api.call("on", "result", (r) => console.log(r));
 */
export function createEmbedApi(mount: MountFunction, log: Pick<Console, "warn" | "error">): EmbedApi {
  const listeners = new Map<WidgetEvent, Set<Listener>>();
  const widgets: WidgetHandle[] = [];
  const cleanups: Array<() => void> = [];
  const warned = new Set<string>();
  let consent: Consent | undefined;

  function emit(type: WidgetEvent, payload: unknown): void {
    for (const listener of [...(listeners.get(type) ?? [])]) {
      // a throwing page listener must not stop the others nor reach the widget
      try {
        (listener as (p: unknown) => void)(payload);
      } catch (error) {
        log.error("minigame: an event listener threw", error);
      }
    }
  }

  function attach(widget: WidgetHandle): void {
    widgets.push(widget);
    if (consent) widget.setConsent?.(consent);
    for (const type of EVENT_TYPES) widget.on(type, (payload) => emit(type, payload));
  }

  function warnOnce(key: string, message: string): void {
    if (warned.has(key)) return;
    warned.add(key);
    log.warn(message);
  }

  function call(command: string, ...args: unknown[]): unknown {
    switch (command) {
      case "on":
      case "off": {
        const [type, listener] = args;
        if (!EVENT_TYPES.includes(type as WidgetEvent) || typeof listener !== "function") {
          warnOnce(
            `${command}:${String(type)}`,
            `minigame("${command}", type, listener): unknown event type ${JSON.stringify(type)} or listener is not a function`,
          );
          return undefined;
        }
        let set = listeners.get(type as WidgetEvent);
        if (!set) {
          set = new Set();
          listeners.set(type as WidgetEvent, set);
        }
        if (command === "on") set.add(listener as Listener);
        else set.delete(listener as Listener);
        return undefined;
      }
      case "consent": {
        // a cookie banner's answer: minigame("consent", "granted")
        const [value] = args;
        if (!CONSENTS.includes(value as Consent)) {
          warnOnce(
            `consent:${String(value)}`,
            `minigame("consent", value): expected "granted", "pending" or "denied", got ${JSON.stringify(value)}`,
          );
          return undefined;
        }
        consent = value as Consent;
        for (const widget of widgets) widget.setConsent?.(consent);
        return undefined;
      }
      case "mount": {
        const [target, options] = args as [Element | string, MountOptions];
        const widget = mount(target, consent && !options?.consent ? { ...options, consent } : options);
        attach(widget);
        return widget;
      }
      case "open":
      case "close":
        for (const widget of widgets) widget[command]();
        return undefined;
      case "destroy":
        for (const cleanup of cleanups.splice(0)) cleanup();
        for (const widget of widgets.splice(0)) widget.destroy();
        listeners.clear();
        return undefined;
      default:
        warnOnce(
          `command:${command}`,
          `minigame(${JSON.stringify(command)}): unknown command; use "on", "off", "mount", "consent", "open", "close" or "destroy"`,
        );
        return undefined;
    }
  }

  return { call, attach, emit, own: (cleanup) => void cleanups.push(cleanup), consent: () => consent };
}

/**
 * Replace the page's stub with the real function and replay its queue in order. Returns null, after one
 * warning, when the script already ran on this page: a second copy must not mount a second widget.
 * @example
 * const api = installStubQueue(window, mount);
 * if (api && script) api.own(autoInit({ script, mount, api, loadTriggers: async () => startTriggers }).destroy);
 */
export function installStubQueue(host: Host, mount: MountFunction): EmbedApi | null {
  const existing = host.minigame;
  if (existing?.l) {
    host.console.warn("minigame: the script was loaded twice on this page; the second copy does nothing");
    return null;
  }
  const api = createEmbedApi(mount, host.console);
  const real: MinigameFunction = (command, ...args) => {
    // the host page never sees an exception from us
    try {
      return api.call(command, ...args);
    } catch (error) {
      host.console.error(`minigame(${JSON.stringify(command)}) failed`, error);
      return undefined;
    }
  };
  real.l = true;
  const queue = Array.from(existing?.q ?? []);
  host.minigame = real;
  host.Minigame = { mount };
  for (const args of queue) {
    const [command, ...rest] = Array.from(args);
    real(String(command), ...rest);
  }
  return api;
}
