import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, waitFor } from "@testing-library/preact";
import { renderWidget } from "../../../tests/helpers/ui/render-widget.js";
import { quizCampaign } from "../../../tests/helpers/ui/campaigns.js";

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = "";
});

describe("quiz", () => {
  it("walks intro → questions → result with the keyboard only, and sends the answers to the draw", async () => {
    const { ui, source, root, rec } = renderWidget(quizCampaign(), { outcomes: ["v50"], codes: ["QUIZ-1"] });
    expect(await ui().findByText("2 questions")).toBeTruthy();
    fireEvent.click(ui().getByRole("button", { name: "Start" }));

    // question 1: single choice, a radio group; arrows move and select, Enter confirms
    expect(await ui().findByText("Question 1 of 2")).toBeTruthy();
    const group = ui().getByRole("radiogroup", { name: "Which fruit tray is a Tết tradition?" });
    const radios = ui().getAllByRole("radio");
    await waitFor(() => expect(root.activeElement).toBe(radios[0]));
    fireEvent.keyDown(radios[0]!, { key: "ArrowDown" });
    expect(ui().getAllByRole("radio")[1]!.getAttribute("aria-checked")).toBe("true");
    fireEvent.keyDown(root.activeElement!, { key: "ArrowUp" });
    expect(ui().getAllByRole("radio")[0]!.getAttribute("aria-checked")).toBe("true");
    expect(group).toBeTruthy();
    fireEvent.keyDown(root.activeElement!, { key: "Enter" });

    // question 2: multiple choice, checkboxes; Space toggles
    expect(await ui().findByText("Question 2 of 2")).toBeTruthy();
    expect(ui().getByText("Choose all that apply")).toBeTruthy();
    const boxes = ui().getAllByRole("checkbox");
    fireEvent.keyDown(boxes[0]!, { key: " " });
    fireEvent.keyDown(boxes[0]!, { key: "ArrowDown" });
    fireEvent.keyDown(boxes[0]!, { key: "ArrowDown" });
    fireEvent.keyDown(ui().getAllByRole("checkbox")[2]!, { key: " " });
    expect(
      ui()
        .getAllByRole("checkbox")
        .map((b) => b.getAttribute("aria-checked")),
    ).toEqual(["true", "false", "true"]);
    fireEvent.keyDown(ui().getAllByRole("checkbox")[2]!, { key: "Enter" });

    expect(await ui().findByRole("heading", { name: "Congratulations!" })).toBeTruthy();
    expect(source.draws).toEqual([{ answers: { q1: 0, q2: [0, 2] } }]);
    expect(ui().getByText("QUIZ-1")).toBeTruthy();
    expect(rec.tracked.map((e) => e.type)).toEqual(["open", "play", "result"]);
  });

  it("says the score in client mode, where the browser scored the answers", async () => {
    const { ui, rec } = renderWidget(quizCampaign(), { outcomes: ["v50"], codes: ["QUIZ-1"] });
    fireEvent.click(await ui().findByRole("button", { name: "Start" }));
    fireEvent.keyDown(await ui().findByRole("radio", { name: /Mâm ngũ quả/ }), { key: "Enter" });
    fireEvent.click(await ui().findByRole("checkbox", { name: /Red/ }));
    fireEvent.click(ui().getByRole("button", { name: "See my result" }));
    await ui().findByRole("heading", { name: "Congratulations!" });
    expect(ui().getByText("You scored 1 of 2")).toBeTruthy();
    expect(rec.tracked.find((e) => e.type === "result")?.props).toMatchObject({ score: 1 });
  });

  it.each([
    ["en", "v50", "Congratulations!", "You passed the quiz"],
    ["en", "none", "Not this time", "Not enough right answers to pass"],
    ["vi", "v50", "Chúc mừng bạn!", "Bạn đã vượt qua câu đố"],
    ["vi", "none", "Chúc bạn may mắn lần sau", "Chưa đủ câu trả lời đúng để vượt qua"],
  ] as const)("in server mode (%s, %s) says passed or not, without a score it was never told", async (locale, prize, heading, line) => {
    const { ui, root, rec } = renderWidget(quizCampaign({ locale }), { outcomes: [prize], codes: ["QUIZ-1"], server: true });
    fireEvent.click(await ui().findByRole("button", { name: locale === "en" ? "Start" : "Bắt đầu" }));
    fireEvent.keyDown(await ui().findByRole("radio", { name: prize === "v50" ? /Mâm ngũ quả/ : /Fruit salad/ }), { key: "Enter" });
    fireEvent.click(await ui().findByRole("checkbox", { name: /Gold/ }));
    fireEvent.keyDown(ui().getByRole("checkbox", { name: /Gold/ }), { key: "Enter" });
    await ui().findByRole("heading", { name: heading });
    expect(root.querySelector(".mg-score")?.textContent).toBe(line);
    expect(root.querySelector(".mg-fade")?.textContent).not.toMatch(/undefined|NaN|\{/);
    expect(rec.tracked.find((e) => e.type === "result")?.props).not.toHaveProperty("score");
  });

  it("takes Enter on a focused radio as choosing and confirming it", async () => {
    const { ui, source } = renderWidget(quizCampaign(), { outcomes: ["none"] });
    fireEvent.click(await ui().findByRole("button", { name: "Start" }));
    const first = await ui().findByRole("radio", { name: /Mâm ngũ quả/ });
    fireEvent.keyDown(first, { key: "Enter" });
    expect(await ui().findByText("Question 2 of 2")).toBeTruthy();
    fireEvent.click(ui().getByRole("checkbox", { name: /Gold/ }));
    fireEvent.click(ui().getByRole("button", { name: "See my result" }));
    await ui().findByRole("heading", { name: "Not this time" });
    expect(source.draws).toEqual([{ answers: { q1: 0, q2: [2] } }]);
  });

  it("shows right and wrong after each answer when the campaign asks for feedback", async () => {
    const c = quizCampaign();
    c.quiz!.feedback = true;
    c.quiz!.questions[0]!.explanation = "Five fruits for five wishes.";
    c.quiz!.questions[0]!.timeLimitSeconds = 30;
    const { ui } = renderWidget(c, { outcomes: ["none"] });
    fireEvent.click(await ui().findByRole("button", { name: "Start" }));
    fireEvent.click(await ui().findByRole("radio", { name: /Fruit salad/ }));
    fireEvent.click(ui().getByRole("button", { name: "Confirm" }));
    const feedback = await ui().findByText("Not quite");
    // the clock stops once the answer is shown
    expect(ui().queryByRole("timer")).toBeNull();
    expect(feedback.parentElement!.textContent).toContain("Five fruits for five wishes.");
    expect(ui().getByRole("radio", { name: /Mâm ngũ quả/ }).className).toContain("is-right");
    expect(ui().getByRole("radio", { name: /Fruit salad/ }).className).toContain("is-wrong");
    fireEvent.click(ui().getByRole("button", { name: "Next" }));
    fireEvent.click(await ui().findByRole("checkbox", { name: /Red/ }));
    fireEvent.click(ui().getByRole("checkbox", { name: /Gold/ }));
    fireEvent.click(ui().getByRole("button", { name: "Confirm" }));
    expect(await ui().findByText("Correct!")).toBeTruthy();
    fireEvent.click(ui().getByRole("button", { name: "See my result" }));
    expect(await ui().findByRole("heading", { name: "Not this time" })).toBeTruthy();
    expect(ui().getByText("Thanks for playing")).toBeTruthy();
  });

  it("moves on by itself when a question's time runs out", async () => {
    const c = quizCampaign();
    c.quiz!.questions[0]!.timeLimitSeconds = 3;
    const { ui, source } = renderWidget(c, { outcomes: ["none"] });
    const start = await ui().findByRole("button", { name: "Start" });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    fireEvent.click(start);
    await vi.advanceTimersByTimeAsync(0);
    expect(ui().getByRole("timer").textContent).toBe("3s");
    await vi.advanceTimersByTimeAsync(2_000);
    expect(ui().getByText("Question 1 of 2")).toBeTruthy();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ui().getByText("Question 2 of 2")).toBeTruthy();
    vi.useRealTimers();
    fireEvent.click(ui().getByRole("checkbox", { name: /Red/ }));
    fireEvent.click(ui().getByRole("button", { name: "See my result" }));
    await ui().findByRole("heading", { name: "Not this time" });
    // the timed-out question is sent unanswered
    expect(source.draws).toEqual([{ answers: { q2: [0] } }]);
  });
});
