// shared helpers for the widget's component tests
import { within } from "@testing-library/preact";
import type { Campaign } from "../../../src/core/schema/campaign.js";
import { publishedOdds } from "../../../src/core/engine/odds.js";
import { createWidget, type WidgetOptions } from "../../../src/ui/create-widget.js";
import { createFakeDrawSource, type FakeDrawSourceOptions } from "./fake-draw-source.js";

export type Recorded = { tracked: { type: string; props?: Record<string, unknown> }[]; notified: { name: string; payload?: unknown }[] };

export function renderWidget(campaign: Campaign, fake: FakeDrawSourceOptions = {}, extra: Partial<WidgetOptions> = {}) {
  const host = document.createElement("div");
  document.body.appendChild(host);
  const source = createFakeDrawSource(campaign, fake);
  const rec: Recorded = { tracked: [], notified: [] };
  const widget = createWidget(extra.placement === "modal" ? document.body : host, {
    campaign,
    placement: "inline",
    source,
    spinDurationMs: 0,
    odds: () => publishedOdds(campaign),
    track: (type, props) => rec.tracked.push({ type, ...(props ? { props } : {}) }),
    onEvent: (name, payload) => rec.notified.push({ name, payload }),
    ...extra,
  });
  const shadowHost = extra.placement === "modal" ? document.body.querySelector<HTMLElement>("[data-minigame]")! : host;
  const root = shadowHost.shadowRoot!;
  const ui = () => within(root.querySelector<HTMLElement>(".mg")!);
  const types = () => rec.tracked.map((e) => e.type);
  return { host, shadowHost, root, ui, widget, source, rec, types };
}
