// the quiz, start to finish, with the keyboard alone: Tab to Start, arrows to the right answer, Enter
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import demoQuiz from "../../examples/campaigns/demo-quiz.json" with { type: "json" };
import { launchChromium, startStaticServer, startTestCollector, type StaticServer, type TestCollector } from "./harness.js";
import { hostPage, screenshotPath } from "./pages.js";

let browser: Browser;
let server: StaticServer;
let collector: TestCollector;
// the demo quiz in server mode, in each locale: the collector scores the answers and tells the page passed or not
const serverQuiz = (locale: "en" | "vi") => ({ ...demoQuiz, id: `server-quiz-${locale}`, locale, mode: "server" });

beforeAll(async () => {
  server = await startStaticServer();
  browser = await launchChromium();
  server.route("/quiz/campaign.json", JSON.stringify(demoQuiz));
  collector = await startTestCollector({ campaigns: [serverQuiz("en"), serverQuiz("vi")] });
  for (const locale of ["en", "vi"] as const)
    server.route(
      `/quiz/server-${locale}.html`,
      hostPage({
        attrs: {
          "data-campaign": `${collector.url}/v1/campaigns/${serverQuiz(locale).id}`,
          "data-collector": `${collector.url}/v1/events`,
          "data-target": "#slot",
        },
        body: `<div id="slot"></div>`,
      }),
    );
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
  await collector?.close();
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

describe("the quiz in server mode", () => {
  it.each([
    // every first choice: one right answer of three, under the pass mark of two
    ["en", [0, 0, 0], "Start", "Not this time", "Not enough right answers to pass", "Thanks for playing"],
    ["vi", demoQuiz.quiz.questions.map((q) => q.answer), "Bắt đầu", "Chúc mừng bạn!", "Bạn đã vượt qua câu đố", demoQuiz.prizes[0]!.label],
  ] as const)("shows the result without a score the collector never sent (%s)", async (locale, picks, start, title, line, prize) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const draws: unknown[] = [];
    page.on("response", async (r) => {
      if (r.url().endsWith("/draw")) draws.push(await r.json());
    });
    await page.goto(`${server.url}/quiz/server-${locale}.html`);
    await page.locator("#slot").getByRole("button", { name: start }).click();
    for (const [n, question] of demoQuiz.quiz.questions.entries()) {
      await expect.poll(() => page.locator("#slot .mg-q").textContent()).toBe(question.text);
      await page.locator("#slot").getByRole("radio", { name: question.choices[picks[n]!]! }).press("Enter");
    }
    await expect.poll(() => page.locator("#slot .mg-title").textContent(), { timeout: 20_000 }).toBe(title);
    expect(await page.locator("#slot .mg-score").textContent()).toBe(line);
    expect(await page.locator("#slot .mg-prize").textContent()).toBe(prize);
    expect(await page.locator("#slot .mg-card").textContent()).not.toMatch(/\d (of|\/) ?\d|undefined|NaN/);
    // what the page was told of the quiz: passed or not, nothing that scores the answers
    expect(draws).toHaveLength(1);
    expect((draws[0] as { quiz: unknown }).quiz).toEqual({ passed: picks.every((p, i) => p === demoQuiz.quiz.questions[i]!.answer) });
    if (locale === "en") await page.screenshot({ path: screenshotPath("quiz-phone-server-result"), animations: "disabled" });
    await context.close();
  });
});
