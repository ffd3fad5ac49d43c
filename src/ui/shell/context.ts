// what every screen needs, handed down once through context
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Campaign } from "../../core/schema/campaign.js";
import type { OddsRow } from "../../core/engine/types.js";
import type { Locale, Translate } from "../i18n/index.js";
import type { Flow } from "./flow.js";
import type { Signal } from "./state.js";
import type { GameModule } from "../games.js";
import type { AfterPlay } from "./after-play.js";

export type WidgetContext = {
  campaign: Campaign;
  flow: Flow;
  t: Translate;
  locale: Locale;
  /** the odds table of a game with one table; publishedOdds(campaign) when absent, never used for a quiz */
  odds?: (() => OddsRow[]) | undefined;
  /** the game's component, once its chunk has loaded */
  game: Signal<GameModule | null>;
  /** the screens after a play, once their chunk has loaded; use() loads it */
  later: Signal<AfterPlay | null>;
  loadLater(): void;
  /** the shadow root: focus lookups and the confetti canvas live here */
  root: ShadowRoot;
  reducedMotion: () => boolean;
  /** where a share links to */
  shareUrl: () => string;
  /** work that destroy() must undo (confetti, timers started outside components) */
  disposers: Set<() => void>;
  /** the game was playable before this code ran (a painted wheel took taps): no waiting for eligibility to enable it */
  ready?: boolean;
  /** wheel spin length in ms; random between 4 and 5.5 s when absent */
  spinDurationMs?: number;
  /** tell the page's listeners something that is not an engagement event, e.g. "reveal" when a scratch card clears */
  notify(name: "reveal" | "segment", payload: Record<string, unknown>): void;
  /** whether the page listens to an event, so work done only for listeners (segment ticks) can be skipped */
  listening(name: "segment"): boolean;
};

export const Ctx = createContext<WidgetContext | null>(null);

export function useWidget(): WidgetContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error("widget context missing");
  return ctx;
}
