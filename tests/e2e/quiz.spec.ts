// the quiz, start to finish, with the keyboard alone: Tab to Start, arrows to the right answer, Enter
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import demoQuiz from "../../examples/campaigns/demo-quiz.json" with { type: "json" };
import { launchChromium, startStaticServer, type StaticServer } from "./harness.js";
import { hostPage, screenshotPath } from "./pages.js";

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  server = await startStaticServer();
  browser = await launchChromium();
  server.route("/quiz/campaign.json", JSON.stringify(demoQuiz));
  server.route(
    "/quiz/index.html",
    hostPage({
      attrs: { "data-campaign": "/quiz/campaign.json", "data-target": "#slot" },
      body: `<a href="#top">Skip</a><div id="slot"></div>`,
    }),
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** the element focused inside the widget's shadow root */
const focused = (page: import("playwright-core").Page) =>
  page.evaluate(() => {
    const active = document.querySelector("#slot")?.shadowRoot?.activeElement;
    return active ? { text: active.textContent?.trim() ?? "", role: active.getAttribute("role"), className: active.className } : null;
  });

describe("the quiz by keyboard only", () => {
  it("plays every question and shows the score and the prize", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const asked: string[] = [];
    page.on("request", (r) => asked.push(r.url()));
    await page.goto(`${server.url}/quiz/index.html`);
    await page.locator("#slot .mg-btn").waitFor({ state: "visible" });

    // Tab from the top of the page until Start has focus
    for (let i = 0; i < 10 && (await focused(page))?.text !== "Start"; i++) await page.keyboard.press("Tab");
    expect((await focused(page))?.text).toBe("Start");
    await page.keyboard.press("Enter");

    for (const [n, question] of demoQuiz.quiz.questions.entries()) {
      await expect.poll(() => page.locator("#slot .mg-q").textContent()).toBe(question.text);
      // the first choice takes focus; arrows move and pick (as native radios do); Enter confirms,
      // picking the focused choice when nothing is picked yet
      await expect.poll(async () => (await focused(page))?.role).toBe("radio");
      for (let i = 0; i < question.answer; i++) await page.keyboard.press("ArrowDown");
      expect((await focused(page))?.text).toContain(question.choices[question.answer]!);
      if (n === 0) await page.screenshot({ path: screenshotPath("quiz-phone-question"), animations: "disabled" });
      await page.keyboard.press("Enter");
    }

    await expect.poll(() => page.locator("#slot .mg-title").textContent(), { timeout: 10_000 }).toBe("Congratulations!");
    expect(await page.locator("#slot .mg-score").textContent()).toBe("You scored 3 of 3");
    expect(await page.locator("#slot .mg-prize").textContent()).toBe(demoQuiz.prizes[0]!.label);
    // client mode scored the answers here, with the scorer only a quiz fetches
    expect(asked.filter((url) => url.includes("/chunks/quiz-"))).toHaveLength(1);
    await page.screenshot({ path: screenshotPath("quiz-phone-result"), animations: "disabled" });
    await context.close();
  });
});
