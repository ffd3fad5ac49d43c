// the script tag's data attributes → a mounted widget: fetch the campaign, check it, then mount inline
// or wait for the display triggers; any failure shows nothing, logs one error and emits `error`
import type { Campaign } from "../core/schema/campaign.js";
import type { Consent } from "../tracker/types.js";
import { checkCampaign } from "./check.js";
import type { EmbedApi } from "./stub-queue.js";
import type { startTriggers } from "./triggers.js";
import type { MountFunction, MountOptions, WidgetError, WidgetHandle } from "./types.js";

/** a campaign ready to mount, or every problem found, one `path: sentence` per line */
export type Prepared = { ok: true; campaign: Campaign } | { ok: false; issues: string[] };

export type AutoInitOptions = {
  script: HTMLScriptElement;
  mount: MountFunction;
  api: EmbedApi;
  window?: Window;
  fetch?: typeof fetch;
  console?: Pick<Console, "error" | "warn">;
  /** campaign text → a campaign; the loader's structural check by default (the script tag adds the validator chunk) */
  prepare?: (text: string) => Promise<Prepared>;
  /** the display triggers' code; the loader fetches it as a chunk, only for a launcher */
  loadTriggers: () => Promise<typeof startTriggers>;
  /** called at once when the tag names a data-target: the inline widget's code can load while the campaign does */
  preload?: () => void;
  /** how long the campaign fetch may take before the widget gives up (default 10 s) */
  timeoutMs?: number;
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
  consent?: Consent;
  memberToken?: string;
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
  if (data.memberToken) config.memberToken = data.memberToken;
  if (data.consent === "granted" || data.consent === "pending" || data.consent === "denied") config.consent = data.consent;
  else if (data.consent) warnings.push(`data-consent="${data.consent}" is not "granted", "pending" or "denied"; using "granted"`);
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
async function loadCampaignText(source: string, doc: Document, doFetch: typeof fetch, timeoutMs: number): Promise<string> {
  if (source.startsWith("#")) {
    await domReady(doc);
    const element = doc.getElementById(source.slice(1));
    if (!element) throw new Error(`no element with id "${source.slice(1)}" holds the campaign JSON`);
    return element.textContent ?? "";
  }
  const url = new URL(source, doc.baseURI);
  // a server that never answers must not leave the widget waiting forever without a word
  const abort = typeof AbortController === "function" ? new AbortController() : null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort?.abort();
      reject(new Error(`no answer after ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  try {
    const load = (async () => {
      const response = await doFetch(url.href, { credentials: "same-origin", ...(abort ? { signal: abort.signal } : {}) });
      if (!response.ok) throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
      return response.text();
    })();
    return await Promise.race([load, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** the loader's own check: JSON, then structure; problems in its own words (the validator chunk has zod's) */
export async function checkText(text: string): Promise<Prepared> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [`is not valid JSON (${(e as Error).message})`] };
  }
  return checkCampaign(doc);
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
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => win.fetch(...args));
  const prepare = options.prepare ?? checkText;
  let widget: WidgetHandle | null = null;
  let stopTriggers: (() => void) | null = null;
  let destroyed = false;

  const fail = (message: string) => {
    const text = `minigame: ${message}. Nothing is shown.`;
    log.error(text);
    options.api.emit("error", { error: text, where: "load" } satisfies WidgetError);
  };

  const mountOnce = (target: Element, mountOptions: MountOptions): WidgetHandle | null => {
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
    if (config.target) options.preload?.();

    let text: string;
    try {
      text = await loadCampaignText(config.campaign, doc, doFetch, options.timeoutMs ?? 10_000);
    } catch (error) {
      return fail(`could not load the campaign from data-campaign="${config.campaign}" (${(error as Error).message})`);
    }
    const parsed = await prepare(text);
    if (!parsed.ok) return fail(`the campaign from data-campaign="${config.campaign}" is invalid:\n  ${parsed.issues.join("\n  ")}\n`);
    const campaign: Campaign = parsed.campaign;
    const mountOptions: MountOptions = { campaign };
    if (config.collector) mountOptions.collector = { endpoint: config.collector };
    if (config.locale) mountOptions.locale = config.locale;
    if (config.mode) mountOptions.mode = config.mode;
    if (config.drawUrl) mountOptions.drawUrl = config.drawUrl;
    if (config.memberToken) mountOptions.memberToken = config.memberToken;
    const consent = options.api.consent() ?? config.consent;
    if (consent) mountOptions.consent = consent;

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
    let start: typeof startTriggers;
    try {
      start = await options.loadTriggers();
    } catch (error) {
      return fail(`could not load the display triggers (${String(error)})`);
    }
    if (destroyed) return;
    stopTriggers = start({
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
