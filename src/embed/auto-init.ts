// the script tag's data attributes → a mounted widget: fetch the campaign, validate it, then mount inline
// or wait for the display triggers; any failure shows nothing, logs one error and emits `error`
import { formatIssue, parseCampaign, type Campaign } from "../core/index.js";
import type { EmbedApi } from "./stub-queue.js";
import { startTriggers } from "./triggers.js";
import type { EmbedMountOptions, MountFunction, WidgetHandle } from "./types.js";

export type AutoInitOptions = {
  script: HTMLScriptElement;
  mount: MountFunction;
  api: EmbedApi;
  window?: Window;
  fetch?: typeof fetch;
  console?: Pick<Console, "error" | "warn">;
};

export type AutoInit = {
  /** settles once the campaign is loaded (or failed); the widget may still be waiting for a trigger */
  ready: Promise<void>;
  /** the mounted widget, once a trigger or the inline placement mounted it */
  widget(): WidgetHandle | null;
  /** remove triggers and the widget */
  destroy(): void;
};

/** the attributes a page can put on the script tag */
export type ScriptConfig = {
  campaign: string;
  collector?: string;
  target?: string;
  locale?: "vi" | "en";
  mode?: "client" | "server";
  drawUrl?: string;
};

/** read and check the data-* attributes; problems are returned, not thrown */
export function readScriptConfig(script: HTMLScriptElement): { config?: ScriptConfig; warnings: string[] } {
  const data = script.dataset;
  const warnings: string[] = [];
  if (!data.campaign) return { warnings };
  const config: ScriptConfig = { campaign: data.campaign };
  if (data.collector) config.collector = data.collector;
  if (data.target) config.target = data.target;
  if (data.drawUrl) config.drawUrl = data.drawUrl;
  if (data.locale === "vi" || data.locale === "en") config.locale = data.locale;
  else if (data.locale) warnings.push(`data-locale="${data.locale}" is not "vi" or "en"; using the campaign's locale`);
  if (data.mode === "client" || data.mode === "server") config.mode = data.mode;
  else if (data.mode) warnings.push(`data-mode="${data.mode}" is not "client" or "server"; using the campaign's mode`);
  return { config, warnings };
}

function domReady(doc: Document): Promise<void> {
  if (doc.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener("DOMContentLoaded", () => resolve(), { once: true }));
}

/** the campaign text from a URL, or from an inline `<script type="application/json">` for `#id` */
async function loadCampaignText(source: string, doc: Document, doFetch: typeof fetch): Promise<string> {
  if (source.startsWith("#")) {
    await domReady(doc);
    const element = doc.getElementById(source.slice(1));
    if (!element) throw new Error(`no element with id "${source.slice(1)}" holds the campaign JSON`);
    return element.textContent ?? "";
  }
  const url = new URL(source, doc.baseURI);
  const response = await doFetch(url.href, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
  return response.text();
}

/**
 * Mount the widget a script tag describes. Never throws and never rejects.
 * @example
 * autoInit({ script: document.currentScript as HTMLScriptElement, mount, api });
 */
export function autoInit(options: AutoInitOptions): AutoInit {
  const win = options.window ?? window;
  const doc = win.document;
  const log = options.console ?? console;
  const doFetch = options.fetch ?? win.fetch.bind(win);
  let widget: WidgetHandle | null = null;
  let stopTriggers: (() => void) | null = null;
  let destroyed = false;

  const fail = (message: string) => {
    const text = `minigame: ${message}. Nothing is shown.`;
    log.error(text);
    options.api.emit("error", { error: text });
  };

  const mountOnce = (target: Element, mountOptions: EmbedMountOptions): WidgetHandle | null => {
    if (widget || destroyed) return widget;
    try {
      widget = options.mount(target, mountOptions);
      options.api.attach(widget);
    } catch (error) {
      fail(`the widget could not be mounted (${String(error)})`);
    }
    return widget;
  };

  const start = async () => {
    const { config, warnings } = readScriptConfig(options.script);
    for (const warning of warnings) log.warn(`minigame: ${warning}`);
    if (!config) return; // no data-campaign: the page mounts through minigame("mount", ...)

    let text: string;
    try {
      text = await loadCampaignText(config.campaign, doc, doFetch);
    } catch (error) {
      return fail(`could not load the campaign from data-campaign="${config.campaign}" (${(error as Error).message})`);
    }
    const parsed = parseCampaign(text);
    if (!parsed.ok) {
      return fail(`the campaign from data-campaign="${config.campaign}" is invalid:\n  ${parsed.issues.map(formatIssue).join("\n  ")}\n`);
    }
    const campaign: Campaign = parsed.campaign;
    const mountOptions: EmbedMountOptions = { campaign };
    if (config.collector) mountOptions.collector = { endpoint: config.collector };
    if (config.locale) mountOptions.locale = config.locale;
    if (config.mode) mountOptions.mode = config.mode;
    if (config.drawUrl) mountOptions.drawUrl = config.drawUrl;

    await domReady(doc);
    if (destroyed) return;
    if (config.target) {
      let target: Element | null = null;
      try {
        target = doc.querySelector(config.target);
      } catch {
        target = null;
      }
      if (!target) return fail(`data-target="${config.target}" matches no element on this page`);
      // inline placements ignore display triggers: the page chose where and when
      mountOnce(target, { ...mountOptions, placement: "inline" });
      return;
    }
    const modal = () => mountOnce(doc.body, { ...mountOptions, placement: "modal" });
    stopTriggers = startTriggers({
      display: campaign.display,
      campaignId: campaign.id,
      window: win,
      storage: safeLocalStorage(win),
      handlers: { show: modal, open: () => modal()?.open() },
    });
  };

  const ready = start().catch((error) => fail(`auto-init failed (${String(error)})`));
  return {
    ready,
    widget: () => widget,
    destroy() {
      destroyed = true;
      stopTriggers?.();
      widget?.destroy();
      widget = null;
    },
  };
}

function safeLocalStorage(win: Window): Storage | undefined {
  try {
    return win.localStorage;
  } catch {
    return undefined; // sandboxed frames throw on access
  }
}
