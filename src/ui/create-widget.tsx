// createWidget: one game in an open shadow root, inline in an element or as a launcher + modal on <body>
import { signal } from "@preact/signals";
import { render } from "preact";
import type { Campaign } from "../core/schema/campaign.js";
import { safeUrl } from "../core/schema/url.js";
import type { OddsRow } from "../core/engine/types.js";
import type { DrawSource } from "./draw-source.js";
import { createTranslator, type Locale } from "./i18n/index.js";
import { injectStyles } from "./styles.js";
import { themeVars } from "./theme.js";
import { createFlow, type EventName, type EventProps } from "./shell/flow.js";
import { Ctx, type WidgetContext } from "./shell/context.js";
import { InlineCard } from "./shell/App.js";
import { Modal } from "./shell/Modal.js";
import { observeImpression } from "./impression.js";

export type Placement = "inline" | "modal";

export type WidgetOptions = {
  campaign: Campaign;
  placement: Placement;
  source: DrawSource;
  /** receives every engagement event (docs/tracker.md) with flat props (the tracker's `track`) */
  track(type: EventName, props?: EventProps): void;
  /** the page's listeners: "open", "play", "result" (a DrawResult), "claim", "lead", "share", "close", "error" */
  onEvent?(name: EventName, payload?: unknown): void;
  locale?: Locale;
  /** string overrides on top of campaign.strings */
  strings?: Record<string, string>;
  /** the odds table behind "Odds & rules": publishedOdds(campaign), passed in so the widget bundle carries no schema code */
  odds: () => OddsRow[];
  /** link shared for a bonus play; campaign.share.url, else the page URL */
  shareUrl?: string;
  /** fixed wheel spin length (previews, tests); random 4–5.5 s by default */
  spinDurationMs?: number;
};

export type WidgetController = { open(): void; close(): void; destroy(): void };

/**
 * Render a game into `host`. Inline: the shadow root goes on `host`. Modal: a host element is appended to
 * `host` (normally document.body) holding the launcher and the dialog. Never throws into the page.
 * @example
 * const widget = createWidget(document.querySelector("#slot")!, { campaign, placement: "inline", source, track });
 * widget.destroy();
 */
export function createWidget(host: Element, options: WidgetOptions): WidgetController {
  const guard =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A) => {
      try {
        fn(...args);
      } catch {
        // a listener's own error must not break the game
      }
    };
  // test campaigns flag every event, so stats leave them out
  const test = options.campaign?.testMode === true;
  const track = guard((type: EventName, props?: EventProps) => options.track(type, test ? { ...props, test: true } : props));
  const notify = guard((name: EventName, payload?: unknown) => options.onEvent?.(name, payload));
  const cleanups: (() => void)[] = [];
  let destroyed = false;

  try {
    const { campaign, placement } = options;
    const doc = host.ownerDocument;
    const shadowHost = placement === "modal" ? host.appendChild(doc.createElement("div")) : host;
    if (placement === "modal") {
      shadowHost.setAttribute("data-minigame", campaign.id);
      shadowHost.setAttribute("data-placement", "modal");
      cleanups.push(() => shadowHost.remove());
    }
    // an element keeps its shadow root for life: reuse ours after a destroy() rather than failing
    const root = shadowHost.shadowRoot ?? shadowHost.attachShadow({ mode: "open" });
    cleanups.push(injectStyles(root));
    const container = doc.createElement("div");
    root.appendChild(container);
    cleanups.push(() => {
      render(null, container);
      container.remove();
    });

    const flow = createFlow(campaign, options.source, { track, notify });
    const disposers = new Set<() => void>();
    cleanups.push(() => {
      for (const d of disposers) d();
    });
    const media = doc.defaultView?.matchMedia?.bind(doc.defaultView);
    const ctx: WidgetContext = {
      campaign,
      flow,
      locale: options.locale ?? campaign.locale,
      t: createTranslator(options.locale ?? campaign.locale, { ...campaign.strings, ...options.strings }),
      odds: options.odds,
      root,
      reducedMotion: () => media?.("(prefers-reduced-motion: reduce)").matches ?? false,
      shareUrl: () =>
        withReferral(
          safeUrl(options.shareUrl, "link") ?? safeUrl(campaign.share?.url, "link") ?? doc.defaultView?.location.href ?? "",
          options.source.referralToken?.(),
        ),
      disposers,
      ...(options.spinDurationMs !== undefined ? { spinDurationMs: options.spinDurationMs } : {}),
    };

    // inline: open() only counts the visit (once); modal: open() and close() show and hide the dialog
    const isOpen = signal(false);
    const open = () => {
      if (destroyed || isOpen.value) return;
      if (placement === "inline") return flow.markOpen();
      flow.resetOpen();
      flow.markOpen();
      isOpen.value = true;
    };
    const close = () => {
      if (destroyed || !isOpen.value) return;
      isOpen.value = false;
      flow.oddsOpen.value = false;
      track("close", { game: campaign.game });
      notify("close");
    };
    let impressionTarget: Element | null = null;
    const watch = (el: Element | null) => {
      impressionTarget ??= el;
    };
    render(
      <Ctx.Provider value={ctx}>
        <div
          class={`mg mg-${placement}`}
          style={themeVars(campaign.theme)}
          lang={ctx.locale}
          ref={placement === "inline" ? watch : undefined}
        >
          {placement === "inline" ? <InlineCard /> : <Modal isOpen={isOpen} onOpen={open} onClose={close} launcherRef={watch} />}
        </div>
      </Ctx.Provider>,
      container,
    );
    if (impressionTarget) cleanups.push(observeImpression(impressionTarget, () => track("impression", { game: campaign.game, placement })));
    void flow.refresh();

    return {
      open: guard(open),
      close: guard(close),
      destroy: guard(() => {
        if (destroyed) return;
        close();
        destroyed = true;
        for (const c of cleanups.splice(0).reverse()) guard(c)();
      }),
    };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    track("error", { where: "mount", message: message.slice(0, 300) });
    notify("error", { where: "mount", message });
    for (const c of cleanups.splice(0).reverse()) guard(c)();
    return { open() {}, close() {}, destroy() {} };
  }
}

/** the share link with the sharer's referral token (mg_ref), when the collector minted one */
function withReferral(url: string, token: string | undefined): string {
  if (!token) return url;
  try {
    const u = new URL(url);
    u.searchParams.set("mg_ref", token);
    return u.href;
  } catch {
    return url; // not an absolute URL: share it as given
  }
}
