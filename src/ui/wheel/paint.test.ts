import { afterEach, describe, expect, it, vi } from "vitest";
import type { Campaign } from "../../core/schema/campaign.js";
import { wheelCampaign } from "../../../tests/helpers/ui/campaigns.js";
import { createFakeDrawSource } from "../../../tests/helpers/ui/fake-draw-source.js";
import { createWidget } from "../create-widget.js";
import * as wheel from "./index.js";
import { paintWheel } from "./paint.js";

afterEach(() => {
  document.body.innerHTML = "";
});

const slot = () => document.body.appendChild(document.createElement("div"));
/** the Preact widget's first render over a painted frame, before eligibility is known (the loader passes the game
 * module it fetched; the painted wheel took taps already, so the widget is `ready`) */
const mountWidget = (host: Element, campaign: Campaign, fail = false) =>
  createWidget(host, {
    campaign,
    placement: "inline",
    source: createFakeDrawSource(campaign, { fail }),
    track: () => {},
    game: wheel,
    ready: true,
  });
const sheets = (root: ShadowRoot) => root.adoptedStyleSheets.length + root.querySelectorAll("style").length;

const CAMPAIGNS: Array<[string, Campaign]> = [
  ["a titled English wheel", wheelCampaign()],
  [
    "a Vietnamese test wheel without a title, with a description, images, tangential labels and a preset",
    wheelCampaign({
      locale: "vi",
      title: undefined,
      description: "Quay là trúng",
      testMode: true,
      theme: { preset: "tet", segmentColors: ["#111111", "#eeeeee", "#c8102e"] },
      wheel: { labels: { orientation: "tangential", fit: "ellipsis" } },
      prizes: [
        { id: "a", label: "Voucher 50k cho đơn đầu tiên", weight: 1, image: "https://cdn.example.com/a.png" },
        { id: "b", label: "Free shipping", weight: 1, color: "#0a7" },
        { id: "c", label: "Miss", weight: 1, win: false },
      ],
    }),
  ],
];

describe("the wheel's first frame", () => {
  it.each(CAMPAIGNS)("paints the markup the Preact wheel renders first: %s", async (_, campaign) => {
    const painted = slot();
    const rendered = slot();
    expect(await paintWheel(painted, campaign)).not.toBeNull();
    mountWidget(rendered, campaign);
    const frame = painted.shadowRoot!.querySelector(".mg")!;
    const widget = rendered.shadowRoot!.querySelector(".mg")!;
    expect(frame.outerHTML).toBe(widget.outerHTML);
    expect(frame.querySelectorAll(".mg-rotor svg path").length).toBeGreaterThanOrEqual(campaign.prizes.length);
    expect(sheets(painted.shadowRoot!)).toBe(sheets(rendered.shadowRoot!));
  });

  it("takes taps: the spin button is enabled and named, and a press is kept for the widget", async () => {
    const host = slot();
    const frame = (await paintWheel(host, wheelCampaign()))!;
    const hub = host.shadowRoot!.querySelector<HTMLButtonElement>(".mg-hub")!;
    expect(hub.disabled).toBe(false);
    expect(hub.getAttribute("aria-label")).toBe("Spin the wheel");
    expect(host.shadowRoot!.querySelector(".mg-hint")!.textContent).toBe("Tap Spin to try your luck");
    expect(host.shadowRoot!.querySelector("#mg-prizes")!.textContent).toContain("Free shipping");
    hub.click();
    await frame.reached; // a press is a reach too
    // kept for the widget, which presses it again once the nodes are its own
    let again = 0;
    hub.addEventListener("click", () => again++);
    frame.replay();
    expect(again).toBe(1);
  });

  it.each(["pointerover", "pointerdown", "focusin", "keydown"])(
    "is reached for by a %s inside it, and by nothing outside it",
    async (type) => {
      const host = slot();
      const frame = (await paintWheel(host, wheelCampaign()))!;
      let reached = false;
      void frame.reached.then(() => (reached = true));
      document.body.dispatchEvent(new Event(type, { bubbles: true }));
      await Promise.resolve();
      expect(reached).toBe(false);
      host.shadowRoot!.querySelector(".mg-link")!.dispatchEvent(new Event(type, { bubbles: true }));
      await frame.reached;
      // a reach is no press: the widget presses nothing for it
      let pressed = 0;
      for (const b of host.shadowRoot!.querySelectorAll("button")) b.addEventListener("click", () => pressed++);
      frame.replay();
      expect(pressed).toBe(0);
    },
  );

  it("keeps a press of the odds link for the widget, which presses it again", async () => {
    const host = slot();
    const frame = (await paintWheel(host, wheelCampaign()))!;
    const link = host.shadowRoot!.querySelector<HTMLButtonElement>(".mg-link")!;
    const hub = host.shadowRoot!.querySelector<HTMLButtonElement>(".mg-hub")!;
    link.click();
    await frame.reached;
    let again = 0;
    let spun = 0;
    link.addEventListener("click", () => again++);
    hub.addEventListener("click", () => spun++);
    frame.replay();
    expect([again, spun]).toEqual([1, 0]);
  });

  it("stops listening once handed over: presses after that are the widget's", async () => {
    const host = slot();
    const frame = (await paintWheel(host, wheelCampaign()))!;
    const hub = host.shadowRoot!.querySelector<HTMLButtonElement>(".mg-hub")!;
    frame.handOver(frame.container);
    hub.click();
    let again = 0;
    hub.addEventListener("click", () => again++);
    frame.replay();
    expect(again).toBe(0);
  });

  it("is taken over by the widget in the same task: the widget hydrates the painted nodes, keeps only its own styles", async () => {
    const host = slot();
    const frame = (await paintWheel(host, wheelCampaign()))!;
    const before = host.shadowRoot!.querySelector(".mg");
    const hub = host.shadowRoot!.querySelector<HTMLButtonElement>(".mg-hub")!;
    mountWidget(host, wheelCampaign());
    const cards = host.shadowRoot!.querySelectorAll(".mg");
    expect(cards).toHaveLength(1);
    expect(cards[0]).toBe(before);
    const alone = slot();
    mountWidget(alone, wheelCampaign());
    expect(sheets(host.shadowRoot!)).toBe(sheets(alone.shadowRoot!));
    expect(host.shadowRoot!.innerHTML).toBe(alone.shadowRoot!.innerHTML);
    // the painted button is the widget's now: eligibility arrives and it can be pressed
    await vi.waitFor(() => expect(hub.disabled).toBe(false));
    expect(host.shadowRoot!.querySelector(".mg-hub")).toBe(hub);
    frame.handOver(); // a second hand-over changes nothing
    expect(host.shadowRoot!.querySelectorAll(".mg")).toHaveLength(1);
  });

  it("is replaced, not hydrated, when the game's code is still on its way", async () => {
    const host = slot();
    await paintWheel(host, wheelCampaign());
    const before = host.shadowRoot!.querySelector(".mg");
    const campaign = wheelCampaign();
    createWidget(host, {
      campaign,
      placement: "inline",
      source: createFakeDrawSource(campaign),
      track: () => {},
      game: Promise.resolve(wheel),
    });
    await vi.waitFor(() => expect(host.shadowRoot!.querySelector(".mg-hub")).not.toBe(null));
    await vi.waitFor(() => expect(host.shadowRoot!.querySelectorAll(".mg")).toHaveLength(1));
    expect(host.shadowRoot!.querySelector(".mg")).not.toBe(before);
  });

  it("takes itself away when the widget's chunks fail to load, so nothing is shown", async () => {
    const host = slot();
    const loading = Promise.reject(new Error("chunks/shell.js: 404"));
    const painted = paintWheel(host, wheelCampaign(), {}, loading);
    expect(host.shadowRoot!.querySelector(".mg")).not.toBeNull();
    await painted;
    expect(host.shadowRoot!.querySelector(".mg")).toBeNull();
    expect(sheets(host.shadowRoot!)).toBe(0);
  });

  it("paints nothing where a widget already is, or where the target is missing", async () => {
    const host = slot();
    mountWidget(host, wheelCampaign());
    expect(await paintWheel(host, wheelCampaign())).toBeNull();
    expect(host.shadowRoot!.querySelectorAll(".mg")).toHaveLength(1);
    expect(await paintWheel("#nowhere", wheelCampaign())).toBeNull();
    expect(await paintWheel("not a [selector", wheelCampaign())).toBeNull();
    expect(await paintWheel(slot(), wheelCampaign(), { placement: "modal" })).toBeNull();
  });
});
