// the widget on the real engine and the localStorage store: client mode end to end
import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, within } from "@testing-library/preact";
import { createEngine, publishedOdds } from "../core/engine/index.js";
import { createWidget } from "./create-widget.js";
import { createLocalDrawSource } from "./draw-source.js";
import { createLocalStore } from "./local-store.js";
import { wheelCampaign } from "../../tests/helpers/ui/campaigns.js";

afterEach(() => {
  document.body.innerHTML = "";
  localStorage.clear();
});

function load(campaign = wheelCampaign({ limits: { perVisitor: { total: 2 } } })) {
  const host = document.body.appendChild(document.createElement("div"));
  const engine = createEngine(campaign, { store: createLocalStore() });
  const types: string[] = [];
  createWidget(host, {
    campaign,
    placement: "inline",
    source: createLocalDrawSource(engine, "visitor-1"),
    odds: () => publishedOdds(campaign),
    spinDurationMs: 0,
    track: (t) => types.push(t),
  });
  return { ui: within(host.shadowRoot!.querySelector<HTMLElement>(".mg")!), types };
}

describe("client mode", () => {
  it("plays on the engine, counts plays down and remembers them after a reload", async () => {
    const first = load();
    expect(await first.ui.findByText("2 plays left")).toBeTruthy();
    fireEvent.click(first.ui.getByRole("button", { name: "Spin the wheel" }));
    await first.ui.findByRole("heading", { name: /Congratulations!|Not this time/ }, { timeout: 3000 });
    fireEvent.click(first.ui.getByRole("button", { name: "Play again" }));
    expect(await first.ui.findByText("1 play left")).toBeTruthy();
    fireEvent.click(first.ui.getByRole("button", { name: "Spin the wheel" }));
    await first.ui.findByRole("heading", { name: /Congratulations!|Not this time/ }, { timeout: 3000 });
    expect(first.ui.queryByRole("button", { name: "Play again" })).toBeNull();
    expect(first.types.filter((t) => t === "result")).toHaveLength(2);

    // a reload: new DOM, new engine, same localStorage
    document.body.innerHTML = "";
    const second = load();
    expect((await second.ui.findByRole("status")).textContent).toBe("You have used all your plays. Thank you for joining!");
  });
});
