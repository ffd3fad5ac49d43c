// the reveal games in a DOM: the prize shown is the prize drawn, one play and one result per play, nothing drawn twice
import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, waitFor } from "@testing-library/preact";
import type { CampaignInput } from "../../core/schema/index.js";
import { renderWidget } from "../../../tests/helpers/ui/render-widget.js";
import { campaignOf } from "../../../tests/helpers/ui/campaigns.js";
import { createPlayMemory } from "../play-memory.js";

afterEach(() => {
  document.body.innerHTML = "";
});

const prizes = [
  // a shared code: the result shows at once (a prize without one asks how to reach the winner first)
  { id: "v50", label: "Voucher 50k", weight: 30, code: "V50" },
  { id: "ship", label: "Free shipping", weight: 25, code: "SHIP" },
  { id: "none", label: "Better luck next time", weight: 45, win: false },
];
/** the scratch layer, once the game's chunk has arrived */
const cover = (root: ShadowRoot) =>
  waitFor(
    () => {
      const c = root.querySelector<HTMLCanvasElement>(".mg-scratch-cover");
      if (!c) throw new Error("no scratch card yet");
      return c;
    },
    { timeout: 5000 },
  );
const game = (g: "scratch" | "giftbox" | "flip", extra: Partial<CampaignInput> = {}) =>
  campaignOf({ game: g, locale: "en", limits: { perVisitor: { total: 3 } }, prizes, ...extra });

describe("scratch card", () => {
  it("reveals the drawn prize from the reveal button, with one play, one result and a reveal event", async () => {
    const { ui, root, types, rec } = renderWidget(game("scratch"), { outcomes: ["ship"] });
    fireEvent.click(await ui().findByRole("button", { name: "Reveal the card" }, { timeout: 5000 }));
    expect((await ui().findByText("Free shipping", { selector: ".mg-prize" })).textContent).toBe("Free shipping");
    expect(types().filter((t) => t === "play" || t === "result")).toEqual(["play", "result"]);
    expect(rec.tracked.find((e) => e.type === "result")?.props).toMatchObject({ game: "scratch", prizeId: "ship", win: true });
    expect(rec.notified.find((e) => e.name === "reveal")?.payload).toMatchObject({ game: "scratch", how: "button", threshold: 0.5 });
    // the live region says it for screen readers
    expect(root.querySelector("[aria-live=assertive]")?.textContent).toBe("Result: Free shipping");
  });

  it("draws at the first touch, before any scratch shows anything", async () => {
    const { root, source } = renderWidget(game("scratch"), { outcomes: ["v50"] });
    const canvas = await cover(root);
    await waitFor(() => expect(root.querySelector<HTMLButtonElement>(".mg-scratch-reveal")!.disabled).toBe(false));
    expect(source.draws).toHaveLength(0);
    canvas.dispatchEvent(new PointerEvent("pointerdown", { pointerId: 1, button: 0, clientX: 5, clientY: 5, bubbles: true }));
    await waitFor(() => expect(source.draws).toHaveLength(1), { timeout: 5000 });
    await waitFor(() => expect(root.querySelector(".mg-scratch-prize")?.textContent).toContain("Voucher 50k"), { timeout: 5000 });
  });

  it("shows a draw made before a reload instead of drawing again", async () => {
    const storage = window.localStorage;
    storage.clear();
    const c = game("scratch");
    const memory = () => createPlayMemory(c, "visitor-1", storage);
    const first = renderWidget(c, { outcomes: ["v50"] }, { memory: memory() });
    const canvas = await cover(first.root);
    await waitFor(() => expect(first.root.querySelector<HTMLButtonElement>(".mg-scratch-reveal")!.disabled).toBe(false));
    canvas.dispatchEvent(new PointerEvent("pointerdown", { pointerId: 1, button: 0, bubbles: true }));
    await waitFor(() => expect(first.types()).toContain("result"), { timeout: 5000 });
    first.widget.destroy();
    // the "reload": a new widget whose source would give another prize
    const second = renderWidget(c, { outcomes: ["none"] }, { memory: memory() });
    fireEvent.click(await second.ui().findByRole("button", { name: "Reveal the card" }, { timeout: 5000 }));
    expect((await second.ui().findByText("Voucher 50k", { selector: ".mg-prize" })).textContent).toBe("Voucher 50k");
    expect(second.source.draws).toHaveLength(0);
    expect(second.types().filter((t) => t === "play" || t === "result")).toEqual([]);
    expect(memory().pending()).toBeNull();
    storage.clear();
  });
});

describe.each(["giftbox", "flip"] as const)("%s", (g) => {
  const item = g === "giftbox" ? "Gift box" : "Card";
  it("opens the picked item on the drawn prize and leaves the others closed by default", async () => {
    const { ui, root, types } = renderWidget(game(g), { outcomes: ["v50"] });
    fireEvent.click(await ui().findByRole("button", { name: `${item} 2` }, { timeout: 5000 }));
    expect((await ui().findByText("Voucher 50k", { selector: ".mg-prize" })).textContent).toBe("Voucher 50k");
    const open = [...root.querySelectorAll(".mg-pick-item")].map((el) => el.classList.contains("is-open"));
    expect(open).toEqual(Array.from({ length: g === "giftbox" ? 3 : 6 }, (_, i) => i === 1));
    expect(types().filter((t) => t === "play" || t === "result")).toEqual(["play", "result"]);
  });

  it("shows the others only when the campaign asks, each a prize the odds can give", async () => {
    const c = game(g, { [g]: { count: 4, revealOthers: "sampled" } });
    const { ui, root } = renderWidget(c, { outcomes: ["none"] });
    fireEvent.click(await ui().findByRole("button", { name: `${item} 1` }, { timeout: 5000 }));
    await ui().findByText("Better luck next time", { selector: ".mg-prize" });
    const items = [...root.querySelectorAll<HTMLButtonElement>(".mg-pick-item")];
    expect(items.every((el) => el.classList.contains("is-open"))).toBe(true);
    const labels = items.slice(1).map((el) => el.getAttribute("aria-label"));
    for (const label of labels)
      expect(label).toMatch(new RegExp(`^Other ${item} \\d, an example: (Voucher 50k|Free shipping|Better luck next time)$`));
    // examples from the published odds, not what the items held: the browser cannot know what has run out
    expect(
      ui().getByText(/examples drawn at random from the published odds, not what they held; a prize shown may have run out/),
    ).toBeTruthy();
  });

  it("opens every item in the same render, also when the odds sheet is fetched on the way (as the loader does)", async () => {
    const c = game(g, { [g]: { count: 3, revealOthers: "sampled" } });
    const { ui, root } = renderWidget(c, { outcomes: ["none"] }, { odds: undefined });
    fireEvent.click(await ui().findByRole("button", { name: `${item} 1` }, { timeout: 5000 }));
    const items = [...root.querySelectorAll<HTMLButtonElement>(".mg-pick-item")];
    // what the others looked like when the picked one opened: one layout and one start for every animation
    const others = await new Promise<boolean[]>((resolve) => {
      const seen = new MutationObserver(() => {
        if (!items[0]!.classList.contains("is-open")) return;
        seen.disconnect();
        resolve(items.slice(1).map((el) => el.classList.contains("is-open")));
      });
      seen.observe(root, { attributes: true, subtree: true, attributeFilter: ["class"] });
    });
    expect(others).toEqual([true, true]);
  });
});

describe("a win after a reload", () => {
  it("stays one tap away with its code until it is claimed", async () => {
    const storage = window.localStorage;
    storage.clear();
    const c = game("giftbox");
    const memory = () => createPlayMemory(c, "visitor-2", storage);
    const first = renderWidget(c, { outcomes: ["v50"], codes: ["TET-A1"] }, { memory: memory() });
    fireEvent.click(await first.ui().findByRole("button", { name: "Gift box 1" }, { timeout: 5000 }));
    await first.ui().findByText("TET-A1", { exact: false });
    first.widget.destroy();
    const second = renderWidget(c, { outcomes: ["none"] }, { memory: memory() });
    fireEvent.click(await second.ui().findByRole("button", { name: "Show my code" }));
    expect((await second.ui().findByText("TET-A1", { exact: false })).textContent).toContain("TET-A1");
    expect(second.types()).not.toContain("play");
    fireEvent.click(second.ui().getByRole("button", { name: "Copy" }));
    await waitFor(() => expect(second.types()).toContain("claim"));
    expect(memory().lastWin()).toBeNull();
    storage.clear();
  });
});
