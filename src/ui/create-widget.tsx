// createWidget: one game in an open shadow root, inline in an element or as a launcher + modal on <body>
import { type ComponentChildren, hydrate, render } from "preact";
import { useLayoutEffect, useState } from "preact/hooks";
import type { Campaign } from "../core/schema/campaign.js";
import { safeUrl } from "../core/schema/url.js";
import type { OddsRow } from "../core/engine/types.js";
import type { DrawSource } from "./draw-source.js";
import { createTranslator, type Locale, type StringTables } from "./i18n/index.js";
import { injectStyles } from "./styles.js";
import { frameIn, handOverFrame } from "./first-frame.js";
import { themeVars } from "./theme.js";
import { createFlow, type EventName, type EventProps } from "./shell/flow.js";
import { createState, type Signal, type State } from "./shell/state.js";
import { Ctx, type WidgetContext } from "./shell/context.js";
import { InlineCard } from "./shell/App.js";
import { observeImpression } from "./impression.js";
import { createPlayMemory, type PlayMemory } from "./play-memory.js";
import { guardStyleObjects } from "./own-styles.js";
import { type GameModule, loadGame } from "./games.js";
import type { AfterPlay } from "./shell/after-play.js";

export type Placement = "inline" | "modal";

export type WidgetOptions = {
  campaign: Campaign;
  placement: Placement;
  source: DrawSource;
  /** receives every engagement event (docs/tracker.md) with flat props (the tracker's `track`) */
  track(type: EventName, props?: EventProps): void;
  /** the page's listeners: "open", "play", "result" (a DrawResult), "claim", "lead", "share", "close", "error" */
  onEvent?(name: EventName | "reveal" | "segment", payload?: unknown): void;
  /** whether the page listens to `name`; "segment" ticks are worked out only for a listener */
  listening?(name: "segment"): boolean;
  locale?: Locale;
  /** string overrides on top of campaign.strings */
  strings?: Record<string, string>;
  /** the odds table behind "Odds & rules"; publishedOdds(campaign), computed in the after-play chunk, when absent */
  odds?: () => OddsRow[];
  /** the game's module when the caller already has it (the loader fetches it beside this chunk); else from the registry */
  game?: GameModule | Promise<GameModule>;
  /** extra props on the impression event (e.g. `ref`, the referral token the page was opened with); false when the
   * caller counts it (it watched the painted frame this widget hydrates) */
  impression?: EventProps | false;
  /** the painted frame this widget hydrates took taps already: the game is pressable from the first render */
  ready?: boolean;
  /** link shared for a bonus play; campaign.share.url, else the page URL */
  shareUrl?: string;
  /** fixed wheel spin length (previews, tests); random 4–5.5 s by default */
  spinDurationMs?: number;
  /** keeps an unshown draw and an unclaimed win across reloads; this page only when absent */
  memory?: PlayMemory;
  /** keep them in `storage` (localStorage by default) for this visitor and member, when no `memory` is given */
  remember?: { storage?: Storage | undefined; visitorId?: string | undefined; memberToken?: string | undefined };
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
  const notify = guard((name: EventName | "reveal" | "segment", payload?: unknown) => options.onEvent?.(name, payload));
  const cleanups: (() => void)[] = [];
  let destroyed = false;

  try {
    guardStyleObjects();
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
    const wanted = options.game ?? loadGame(campaign.game);
    // the wheel's painted frame is this widget's first render (the same markup, tested): when the game is here to render
    // it at once, the widget hydrates those nodes instead of building them again; else it renders beside and replaces it
    const painted = placement === "inline" && "Game" in wanted ? frameIn(root) : undefined;
    const container = painted?.container ?? doc.createElement("div");
    if (!painted) root.appendChild(container);
    cleanups.push(() => {
      render(null, container);
      container.remove();
    });

    const state = createState();
    const { signal } = state;
    const { remember } = options;
    const memory =
      options.memory ??
      (remember ? createPlayMemory(campaign, remember.visitorId ?? "", storageOr(remember.storage), remember.memberToken) : undefined);
    const flow = createFlow(campaign, options.source, { track, notify }, state, memory);
    const disposers = new Set<() => void>();
    cleanups.push(() => {
      for (const d of disposers) d();
    });
    const media = doc.defaultView?.matchMedia?.bind(doc.defaultView);
    const game = signal<GameModule | null>(null);
    const later = signal<AfterPlay | null>(null);
    const strings: StringTables[] = [];
    /** a chunk arrived: its CSS and strings join the widget's before it renders */
    const adopt = <M extends { css?: string; strings?: StringTables }>(m: M, into: Signal<M | null>) => {
      if (destroyed) return;
      if (m.css) cleanups.push(injectStyles(root, m.css));
      if (m.strings) strings.push(m.strings);
      into.value = m;
    };
    let laterLoading = false;
    const loadLater = () => {
      if (laterLoading) return;
      laterLoading = true;
      import("./shell/after-play.js").then(
        (m) => adopt(m, later),
        (e) => {
          laterLoading = false;
          if (!destroyed) flow.fail("load", e);
        },
      );
    };
    // a frame painted before this code (the wheel's) stays until the game renders in its place, in the same task
    const handOver = () => handOverFrame(root, container);
    cleanups.push(handOver);
    if ("Game" in wanted) adopt(wanted, game);
    else
      wanted.then(
        (m) => {
          adopt(m, game);
          // after the render that the arrival queued (Preact renders a state change in a microtask)
          queueMicrotask(() => queueMicrotask(handOver));
        },
        (e) => !destroyed && flow.fail("load", e),
      );
    const ctx: WidgetContext = {
      campaign,
      flow,
      locale: options.locale ?? campaign.locale,
      t: createTranslator(options.locale ?? campaign.locale, { ...campaign.strings, ...options.strings }, strings),
      odds: options.odds,
      game,
      later,
      loadLater,
      root,
      reducedMotion: () => media?.("(prefers-reduced-motion: reduce)").matches ?? false,
      shareUrl: () =>
        withReferral(
          safeUrl(options.shareUrl, "link") ?? safeUrl(campaign.share?.url, "link") ?? doc.defaultView?.location.href ?? "",
          options.source.referralToken?.(),
        ),
      disposers,
      notify,
      listening: (name) => {
        try {
          return options.listening?.(name) ?? false;
        } catch {
          return false;
        }
      },
      ...(options.spinDurationMs !== undefined ? { spinDurationMs: options.spinDurationMs } : {}),
      ...(options.ready ? { ready: true } : {}),
    };

    // inline: open() only counts the visit (once); modal: open() and close() show and hide the dialog
    const isOpen = signal(false);
    // an inline card reads what the visitor may play when it renders, a launcher's dialog when it first opens; neither
    // registers a new visitor with the collector (the draw source answers one from the campaign's rules until they play)
    let asked = placement === "inline";
    const open = () => {
      if (destroyed || isOpen.value) return;
      if (placement === "inline") return flow.markOpen();
      if (!asked) {
        asked = true;
        void flow.refresh();
      }
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
    // the impression watches the inline card, or the launcher once the modal's chunk has drawn it
    let impressionTarget: Element | null = null;
    const watch = (el: Element | null) => {
      if (!el || impressionTarget || destroyed || options.impression === false) return;
      impressionTarget = el;
      cleanups.push(observeImpression(el, () => track("impression", { game: campaign.game, placement, ...options.impression })));
    };
    // the launcher and dialog are their own chunk: an inline card never needs them
    const modal = signal<typeof import("./shell/Modal.js") | null>(null);
    if (placement === "modal")
      import("./shell/Modal.js").then(
        (m) => {
          if (destroyed) return;
          cleanups.push(injectStyles(root, m.css));
          modal.value = m;
        },
        (e) => !destroyed && flow.fail("load", e),
      );
    const view = () => (
      <Ctx.Provider value={ctx}>
        <div
          class={`mg mg-${placement}`}
          style={themeVars(campaign.theme)}
          lang={ctx.locale}
          ref={placement === "inline" ? watch : undefined}
        >
          {placement === "inline" ? (
            <InlineCard />
          ) : (
            modal.value && <modal.value.Modal isOpen={isOpen} onOpen={open} onClose={close} launcherRef={watch} />
          )}
        </div>
      </Ctx.Provider>
    );
    (painted ? hydrate : render)(<Root state={state} view={view} />, container);
    if (game.value) handOver();
    if (asked) void flow.refresh();
    // the screens after a play are needed seconds from now at the earliest, and only by a visitor who plays: fetched
    // when one reaches for the widget (a pointer over it, focus in it; a touch sends pointerover first) or a play starts
    // (Screens), so a page whose visitors only scroll past never loads them
    for (const type of ["pointerover", "focusin"]) container.addEventListener(type, loadLater, { once: true, passive: true });

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
    // fail closed, and say so once (a page whose attachShadow throws, for one)
    const error = `minigame: could not render the widget (${message}); nothing is shown`;
    console.error(error);
    track("error", { where: "mount", message: message.slice(0, 300) });
    notify("error", { where: "mount", error });
    for (const c of cleanups.splice(0).reverse()) guard(c)();
    guard(() => handOverFrame(host.shadowRoot))();
    return { open() {}, close() {}, destroy() {} };
  }
}

/** re-renders the widget's tree whenever its state changes (Preact batches several changes into one render) */
function Root({ state, view }: { state: State; view: () => ComponentChildren }) {
  const [, tick] = useState(0);
  useLayoutEffect(() => state.subscribe(() => tick((n) => n + 1)), [state]);
  return <>{view()}</>;
}

function storageOr(storage: Storage | undefined): Storage | null {
  try {
    return storage ?? globalThis.localStorage ?? null;
  } catch {
    return null; // reading localStorage throws in some sandboxed frames
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
