// the widget on the real engine and the localStorage store: client mode end to end
import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, within } from "@testing-library/preact";
import { createEngine, publishedOdds } from "../core/engine/index.js";
import { createWidget } from "./create-widget.js";
import { createLocalDrawSource } from "./draw-source.js";
import { createLocalStore } from "./local-store.js";
import { campaignOf, wheelCampaign } from "../../tests/helpers/ui/campaigns.js";
import type { Campaign } from "../core/schema/index.js";

afterEach(() => {
  document.body.innerHTML = "";
  localStorage.clear();
});

function load(campaign: Campaign = wheelCampaign({ limits: { perVisitor: { total: 2 } } })) {
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

  it("ends a personality quiz on the outcome the answers chose, not on a score", async () => {
    const quiz = campaignOf({
      game: "quiz",
      locale: "en",
      prizes: [
        { id: "beach-voucher", label: "S$30 off a beach resort", weight: 1, code: "SUN30" },
        { id: "city-voucher", label: "S$20 off a city hotel", weight: 1, code: "CITY20" },
      ],
      quiz: {
        mode: "outcome",
        questions: [
          { id: "q1", text: "Your ideal morning?", choices: ["Swim", "Café"], choiceOutcomes: ["beach", "city"] },
          { id: "q2", text: "In your bag?", choices: ["Sunscreen", "A map"], choiceOutcomes: ["beach", "city"] },
        ],
        outcomes: [
          { id: "beach", title: "The Beach Lover", description: "Sun, sand and a good book.", prizeIds: ["beach-voucher"] },
          { id: "city", title: "The City Explorer", prizeIds: ["city-voucher"] },
        ],
      },
    });
    const { ui } = load(quiz);
    fireEvent.click(await ui.findByRole("button", { name: "Start" }));
    for (const q of ["Your ideal morning?", "In your bag?"]) {
      await ui.findByRole("radiogroup", { name: q });
      fireEvent.click(ui.getAllByRole("radio")[1]!);
      fireEvent.click(ui.getByRole("button", { name: /Next|See my result/ }));
    }
    expect((await ui.findByText("The City Explorer")).className).toBe("mg-outcome-title");
    expect(ui.getByText("Your result")).toBeTruthy();
    expect(ui.queryByText(/You scored/)).toBeNull();
    expect(ui.getByText("S$20 off a city hotel")).toBeTruthy();
  });
});
