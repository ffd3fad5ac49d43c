import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, waitFor } from "@testing-library/preact";
import { renderWidget } from "../../../tests/helpers/ui/render-widget.js";
import { quizCampaign } from "../../../tests/helpers/ui/campaigns.js";

afterEach(() => {
  document.body.innerHTML = "";
});

const npsCampaign = () =>
  quizCampaign({
    quiz: {
      questions: [{ id: "recommend", type: "nps", text: "How likely are you to recommend us to a friend?" }],
      passScore: 0,
    },
  });

describe("NPS question", () => {
  it("is a labelled 0–10 radio group: arrows, Home and End pick, Enter confirms, and the answer rides on the result", async () => {
    const { ui, source, root, rec } = renderWidget(npsCampaign(), { outcomes: ["none"] });
    fireEvent.click(await ui().findByRole("button", { name: "Start" }));
    ui().getByRole("radiogroup", { name: "How likely are you to recommend us to a friend?" });
    const radios = ui().getAllByRole("radio");
    expect(radios.map((r) => r.textContent)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    // the ends say what they mean, for screen readers and on screen
    expect(ui().getByRole("radio", { name: "0, Not at all likely" })).toBe(radios[0]);
    expect(ui().getByRole("radio", { name: "10, Extremely likely" })).toBe(radios[10]);
    expect(ui().getByText("10 = Extremely likely")).toBeTruthy();
    await waitFor(() => expect(root.activeElement).toBe(radios[0]));

    fireEvent.keyDown(radios[0]!, { key: "End" });
    expect(root.activeElement).toBe(ui().getAllByRole("radio")[10]);
    fireEvent.keyDown(root.activeElement!, { key: "ArrowLeft" });
    fireEvent.keyDown(root.activeElement!, { key: "ArrowLeft" });
    fireEvent.keyDown(root.activeElement!, { key: "ArrowRight" });
    const checked = ui()
      .getAllByRole("radio")
      .filter((r) => r.getAttribute("aria-checked") === "true");
    expect(checked.map((r) => r.textContent)).toEqual(["9"]);
    expect(checked[0]!.tabIndex).toBe(0);
    fireEvent.keyDown(root.activeElement!, { key: "Enter" });

    await ui().findByRole("heading", { name: "Not this time" });
    expect(source.draws).toEqual([{ answers: { recommend: 9 } }]);
    expect(rec.tracked.find((e) => e.type === "result")?.props).toMatchObject({ nps: 9 });
  });

  it("uses the campaign's own words for the ends", async () => {
    const c = npsCampaign();
    c.quiz!.questions[0]!.scaleLabels = { low: "Không bao giờ", high: "Chắc chắn" };
    const { ui } = renderWidget(c, { outcomes: ["none"] });
    fireEvent.click(await ui().findByRole("button", { name: "Start" }));
    expect(await ui().findByRole("radio", { name: "10, Chắc chắn" })).toBeTruthy();
  });
});
