// the embed's public types, declared once: mount() options, the widget handle and every event payload
import type { CampaignIssue } from "../core/schema/issues.js";
import type { Campaign, CampaignInput } from "../core/schema/campaign.js";
import type { DrawResult } from "../core/engine/types.js";
import type { Consent } from "../tracker/types.js";
import type { Lead } from "../ui/draw-source.js";
import type { Placement } from "../ui/create-widget.js";
import type { Locale } from "../ui/i18n/index.js";
import type { EventName, EventProps } from "../ui/shell/flow.js";

export type { Consent, Lead, Placement, Locale };

/** a play that gave a result (the `result` and `claim` payloads) */
export type WonDraw = Extract<DrawResult, { ok: true }>;

/** where an error happened: loading the campaign or a chunk, mounting, rendering, or a call to the draw source / collector */
export type WidgetErrorWhere = "load" | "mount" | "render" | "eligibility" | "draw" | "lead" | "share" | "tracker";

/** the one shape of every `error` event: `error` is the sentence also logged to the console */
export type WidgetError = {
  error: string;
  where: WidgetErrorWhere;
  /** an invalid campaign: every problem with its path */
  issues?: CampaignIssue[];
};

/** each widget event and its payload */
export type WidgetEvents = {
  open: { game: string };
  play: { game: string; drawId: string; test?: true };
  /** the prize is revealed (after the wheel landed) */
  result: WonDraw;
  claim: WonDraw;
  lead: Lead;
  share: { method: string; granted: number };
  close: undefined;
  error: WidgetError;
  /** a scratch card cleared (its threshold reached, or the reveal button), just before `result` */
  reveal: { game: string; how: "scratched" | "button"; scratched: number; threshold: number };
  /** a wheel segment passed the pointer during a spin; worked out only while someone listens */
  segment: { index: number; prize: { id: string; label: string } };
};
export type WidgetEvent = keyof WidgetEvents;
export type Listener<K extends WidgetEvent = WidgetEvent> = (payload: WidgetEvents[K]) => void;

/** a campaign: the typed document, its JSON text, or any object with an id and a game (an imported .json file) */
export type CampaignDocument =
  | Campaign
  | CampaignInput
  | string
  | { readonly id: string; readonly game: string; readonly [field: string]: unknown };

export type MountOptions = {
  /** the campaign document, validated here */
  campaign: CampaignDocument;
  collector?: { endpoint?: string };
  /** your own stable visitor id for events and client mode's ledger; otherwise a first-party id, kept in localStorage only
   * once consent is granted */
  visitorId?: string;
  /** "server": the collector draws (also implied by drawUrl or campaign.mode) */
  mode?: "client" | "server";
  drawUrl?: string;
  locale?: Locale;
  /** "inline" in the target (default with a target), "modal" behind a floating launcher (default without) */
  placement?: Placement;
  strings?: Record<string, string>;
  /** analytics consent for the tracker: "granted" (default), "pending" (held in memory until setConsent) or "denied" */
  consent?: Consent;
  /** a token your backend signed for a logged-in member; passed to the collector when it mints the visitor. A win kept
   * for a reload and a lead waiting for the collector belong to that member: another member's page never shows or sends them */
  memberToken?: string;
  /** also receives every engagement event (type, props) */
  track?: (type: EventName, props?: EventProps) => void;
  /** storage for client mode's ledger and the visitor id (tests); localStorage by default */
  storage?: Storage;
  fetch?: typeof fetch;
};

export type MinigameWidget = {
  /** listen to a widget event; returns an unsubscribe */
  on<K extends WidgetEvent>(name: K, cb: Listener<K>): () => void;
  off<K extends WidgetEvent>(name: K, cb: Listener<K>): void;
  open(): void;
  close(): void;
  destroy(): void;
  /** grant or withdraw analytics consent after mount (e.g. from a cookie banner) */
  setConsent(consent: Consent): void;
  /**
   * this browser's numbers for the campaign; null when nothing was mounted, before the first event, and until the
   * stats code the first call fetches has arrived (poll it, as a dashboard panel would)
   */
  stats(): import("../core/stats/types.js").CampaignStats | null;
};

/** what the stub queue and auto-init need of a widget */
export type WidgetHandle = Pick<MinigameWidget, "on" | "off" | "open" | "close" | "destroy"> & Partial<Pick<MinigameWidget, "setConsent">>;
export type MountFunction = (target: Element | string, options: MountOptions) => WidgetHandle;
/** the events the stub queue routes, in a fixed order */
export const EVENT_TYPES: readonly WidgetEvent[] = [
  "open",
  "play",
  "result",
  "claim",
  "lead",
  "share",
  "close",
  "error",
  "reveal",
  "segment",
];
