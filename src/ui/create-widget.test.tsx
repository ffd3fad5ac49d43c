import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, waitFor } from "@testing-library/preact";
import { renderWidget } from "../../tests/helpers/ui/render-widget.js";
import { wheelCampaign } from "../../tests/helpers/ui/campaigns.js";

afterEach(() => {
  document.body.innerHTML = "";
  vi.restoreAllMocks();
});

describe("wheel widget", () => {
  it("renders inside an open shadow root with its styles there, not in the page", async () => {
    const { root, ui } = renderWidget(wheelCampaign());
    expect(await ui().findByRole("heading", { name: "Spring Lucky Wheel" })).toBeTruthy();
    expect(ui().getByText("2 plays left")).toBeTruthy();
    expect(ui().getByRole("button", { name: "Spin the wheel" })).toBeTruthy();
    const inShadow = root.adoptedStyleSheets.length + root.querySelectorAll("style").length;
    expect(inShadow).toBeGreaterThan(0);
    expect(document.head.querySelectorAll("style")).toHaveLength(0);
    expect(document.adoptedStyleSheets ?? []).toHaveLength(0);
  });

  it("draws first, lands, then shows the prize with its code and announces it", async () => {
    const { ui, rec, types, root } = renderWidget(wheelCampaign(), { outcomes: ["ship"], codes: ["SHIP-42"] });
    fireEvent.click(await ui().findByRole("button", { name: "Spin the wheel" }));
    expect(await ui().findByText("Free shipping", { selector: ".mg-prize" }, { timeout: 3000 })).toBeTruthy();
    expect(ui().getByText("SHIP-42")).toBeTruthy();
    expect(ui().getByText("Result: Free shipping")).toBeTruthy();
    // focus lands on the result
    await waitFor(() => expect(root.activeElement?.textContent).toBe("Congratulations!"));
    expect(types()).toEqual(["open", "play", "result"]);
    expect(rec.tracked[2]!.props).toMatchObject({ prizeId: "ship", win: true, drawId: "draw-1" });
    const result = rec.notified.find((e) => e.name === "result")!.payload as { prize: { id: string }; code: string };
    expect(result.prize.id).toBe("ship");
    expect(result.code).toBe("SHIP-42");
  });

  it("spins on Enter and on Space from the keyboard", async () => {
    for (const key of ["Enter", " "]) {
      const { ui, source } = renderWidget(wheelCampaign(), { outcomes: ["none"] });
      const hub = await ui().findByRole("button", { name: "Spin the wheel" });
      fireEvent.keyDown(hub, { key });
      expect(await ui().findByRole("heading", { name: "Not this time" }, { timeout: 3000 })).toBeTruthy();
      expect(source.draws).toHaveLength(1);
      document.body.innerHTML = "";
    }
  });

  it("copying the code claims the prize once", async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const { ui, rec } = renderWidget(wheelCampaign(), { outcomes: ["v50"], codes: ["V50-AAAA"] });
    fireEvent.click(await ui().findByRole("button", { name: "Spin the wheel" }));
    const copy = await ui().findByRole("button", { name: "Copy" }, { timeout: 3000 });
    fireEvent.click(copy);
    await ui().findByRole("button", { name: "Copied" });
    fireEvent.click(ui().getByRole("button", { name: "Copied" }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(2));
    expect(writeText).toHaveBeenCalledWith("V50-AAAA");
    const claims = rec.tracked.filter((e) => e.type === "claim");
    expect(claims).toEqual([{ type: "claim", props: { prizeId: "v50", drawId: "draw-1" } }]);
    expect(rec.notified.some((e) => e.name === "claim")).toBe(true);
  });

  it("offers play again while plays remain, then the share for a bonus play", async () => {
    const { ui, source, types, root } = renderWidget(wheelCampaign({ bonusPlays: { perShare: 1, maxPerDay: 1 } }), {
      outcomes: ["none"],
      bonus: 1,
    });
    Object.defineProperty(navigator, "clipboard", { value: { writeText: async () => {} }, configurable: true });
    fireEvent.click(await ui().findByRole("button", { name: "Spin the wheel" }));
    await ui().findByRole("heading", { name: "Not this time" }, { timeout: 3000 });
    // the landed wheel stays under the result card, hidden from assistive tech and out of the tab order
    const under = root.querySelector(".mg-under")!;
    expect(under.querySelector(".mg-rotor")).not.toBeNull();
    expect(under.getAttribute("aria-hidden")).toBe("true");
    expect(ui().queryByRole("button", { name: "Spin the wheel" })).toBeNull();
    fireEvent.click(await ui().findByRole("button", { name: "Play again" }, { timeout: 3000 }));
    expect(await ui().findByText("1 play left")).toBeTruthy();
    // the wheel was under the result all along; the spin button is back and focused
    await waitFor(() => expect(root.activeElement?.getAttribute("aria-label")).toBe("Spin the wheel"));
    fireEvent.click(ui().getByRole("button", { name: "Spin the wheel" }));
    await ui().findByRole("heading", { name: "Not this time" }, { timeout: 3000 });
    expect(ui().queryByRole("button", { name: "Play again" })).toBeNull();
    fireEvent.click(ui().getByRole("button", { name: "Share for an extra play" }));
    expect(await ui().findByText("Thanks for sharing: +1 play")).toBeTruthy();
    expect(source.shares).toBe(1);
    expect(types()).toContain("share");
    expect(await ui().findByRole("button", { name: "Play again" })).toBeTruthy();
  });

  it("opens the odds and rules, and Esc closes them", async () => {
    const { ui } = renderWidget(wheelCampaign());
    fireEvent.click(await ui().findByRole("button", { name: "Odds & rules" }));
    const dialog = await ui().findByRole("dialog", { name: "Odds & rules" });
    const rows = dialog.querySelectorAll("tbody tr");
    expect(rows).toHaveLength(4);
    expect(rows[0]!.textContent).toContain("Voucher 50k");
    expect(rows[0]!.textContent).toContain("30%");
    expect(rows[3]!.textContent).toContain("35%");
    expect(dialog.textContent).toContain("One play per day. Codes valid until March.");
    fireEvent.keyDown(dialog, { key: "Escape" });
    await waitFor(() => expect(ui().queryByRole("dialog")).toBeNull());
  });

  it("says in the odds sheet of a client-mode campaign that limits are per browser, and not in server mode", async () => {
    const perBrowser = "Play limits are counted by this browser only";
    const client = renderWidget(wheelCampaign({ termsUrl: "https://shop.example/terms" }));
    fireEvent.click(await client.ui().findByRole("button", { name: "Odds & rules" }));
    const dialog = await client.ui().findByRole("dialog", { name: "Odds & rules" });
    expect(dialog.textContent).toContain(perBrowser);
    expect(dialog.querySelector("a")?.getAttribute("href")).toBe("https://shop.example/terms");
    document.body.innerHTML = "";
    const server = renderWidget(wheelCampaign({ mode: "server" }));
    fireEvent.click(await server.ui().findByRole("button", { name: "Odds & rules" }));
    expect((await server.ui().findByRole("dialog", { name: "Odds & rules" })).textContent).not.toContain(perBrowser);
  });

  it("shows a hostile prize label as text and creates no element from it", async () => {
    const label = "<img src=x onerror=alert(1)>";
    const campaign = wheelCampaign({
      prizes: [
        { id: "evil", label, weight: 1, code: "EVIL1" },
        { id: "none", label: "Nothing", weight: 1, win: false },
      ],
    });
    const { ui, root } = renderWidget(campaign, { outcomes: ["evil"] });
    await ui().findByRole("button", { name: "Spin the wheel" });
    expect(root.querySelectorAll("img")).toHaveLength(0);
    const labels = [...root.querySelectorAll("text")].map((t) => [...t.querySelectorAll("tspan")].map((s) => s.textContent).join(" "));
    expect(labels).toContain(label);
    fireEvent.click(ui().getByRole("button", { name: "Spin the wheel" }));
    expect(await ui().findByText(label, { selector: ".mg-prize" }, { timeout: 3000 })).toBeTruthy();
    expect(root.querySelectorAll("img")).toHaveLength(0);
  });

  it("reports a failing source as an error event and a quiet message, without throwing", async () => {
    const errors: unknown[] = [];
    window.addEventListener("error", (e) => errors.push(e));
    const { ui, rec } = renderWidget(wheelCampaign(), { fail: true });
    expect(await ui().findByRole("alert")).toBeTruthy();
    expect(ui().getByText("Something went wrong. Please try again in a moment.")).toBeTruthy();
    expect(rec.tracked).toEqual([{ type: "error", props: { where: "eligibility", message: "collector unreachable" } }]);
    expect(errors).toHaveLength(0);
  });

  it("keeps listeners' exceptions away from the game", async () => {
    const { ui } = renderWidget(
      wheelCampaign(),
      { outcomes: ["v50"] },
      {
        track: () => {
          throw new Error("tracker bug");
        },
      },
    );
    fireEvent.click(await ui().findByRole("button", { name: "Spin the wheel" }));
    expect(await ui().findByRole("heading", { name: "Congratulations!" }, { timeout: 3000 })).toBeTruthy();
  });

  it("gives a calm reveal under reduced motion and still lands on the prize", async () => {
    vi.spyOn(window, "matchMedia").mockImplementation((q: string) => ({ matches: q.includes("reduce"), media: q }) as MediaQueryList);
    const { ui } = renderWidget(wheelCampaign(), { outcomes: ["v100"] }, { spinDurationMs: 5000 });
    fireEvent.click(await ui().findByRole("button", { name: "Spin the wheel" }));
    expect(await ui().findByText("Voucher 100k", { selector: ".mg-prize" }, { timeout: 2500 })).toBeTruthy();
  });

  it("destroy() removes the DOM, the styles and the listeners", async () => {
    const { ui, root, widget, rec } = renderWidget(wheelCampaign());
    await ui().findByRole("button", { name: "Spin the wheel" });
    widget.destroy();
    expect(root.querySelector(".mg")).toBeNull();
    expect(root.adoptedStyleSheets).toHaveLength(0);
    expect(root.querySelectorAll("style")).toHaveLength(0);
    const before = rec.tracked.length;
    widget.open();
    widget.destroy();
    expect(rec.tracked.length).toBe(before);
  });

  it("takes its colours from campaign.theme through custom properties, with readable text on the primary", async () => {
    const { root, ui } = renderWidget(wheelCampaign({ theme: { primary: "#fde047", segmentColors: ["#111111", "#eeeeee"] } }));
    await ui().findByRole("button", { name: "Spin the wheel" });
    const mg = root.querySelector<HTMLElement>(".mg")!;
    expect(mg.style.getPropertyValue("--mg-primary")).toBe("#fde047");
    expect(mg.style.getPropertyValue("--mg-on-primary")).toBe("#1f2328");
    const slices = [...root.querySelectorAll(".mg-rotor path")].slice(0, 4).map((p) => p.getAttribute("fill"));
    expect(slices).toEqual(["#111111", "#eeeeee", "#111111", "#eeeeee"]);
    const labelColors = [...root.querySelectorAll(".mg-rotor text")].slice(0, 2).map((t) => t.getAttribute("fill"));
    expect(labelColors).toEqual(["#ffffff", "#1f2328"]);
  });

  it("draws a prize image on its segment, and leaves out URLs that are not safe images even past the schema", async () => {
    const campaign = wheelCampaign({
      prizes: [
        { id: "a", label: "Tote bag", weight: 1, image: "https://cdn.example.com/tote.png" },
        { id: "b", label: "Sticker", weight: 1 },
        { id: "c", label: "Cap", weight: 1 },
        { id: "none", label: "Nothing", weight: 1, win: false },
      ],
    });
    // the schema refuses these; a campaign object edited after validation must still not reach an <image>
    campaign.prizes[1]!.image = " javascript:alert(1)";
    campaign.prizes[2]!.image = "java\nscript:alert(1)";
    const { root, ui } = renderWidget(campaign);
    await ui().findByRole("button", { name: "Spin the wheel" });
    const images = [...root.querySelectorAll(".mg-rotor image")].map((i) => i.getAttribute("href"));
    expect(images).toEqual(["https://cdn.example.com/tote.png"]);
  });

  it("counts an inline open() once and has nothing to close", async () => {
    const { ui, widget, types } = renderWidget(wheelCampaign());
    await ui().findByRole("button", { name: "Spin the wheel" });
    widget.open();
    widget.open();
    widget.close();
    expect(types()).toEqual(["open"]);
  });
});
