// screenshots of the widget as a visitor sees it: wheel (idle, mid-spin, result) and quiz (question, result)
// at 390×844 and 1280×800, into /tmp/shots. Run: npx tsx scripts/screenshots.ts
import { mkdir } from "node:fs/promises";
import { chromium, type Page } from "playwright-core";
import { chromiumOptions, startPreview } from "../src/ui/preview/server.js";

const out = process.env.SHOTS_DIR ?? "/tmp/shots";
const viewports = [
  { name: "390", width: 390, height: 844, scale: 3 },
  { name: "1280", width: 1280, height: 800, scale: 1 },
  // the narrowest phones still in use
  { name: "320", width: 320, height: 640, scale: 2 },
];

const { base, server } = await startPreview();
await mkdir(out, { recursive: true });
const browser = await chromium.launch(chromiumOptions);
const inShadow = (page: Page, selector: string) => page.locator(`#slot ${selector}`);
try {
  for (const vp of viewports) {
    const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, deviceScaleFactor: vp.scale });
    const page = await context.newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
    const shot = async (name: string) => {
      await page.screenshot({ path: `${out}/${name}-${vp.name}.png` });
      console.log(`${out}/${name}-${vp.name}.png`);
    };

    await page.goto(`${base}?game=wheel`);
    await inShadow(page, ".mg-hub").waitFor();
    await page.waitForTimeout(400);
    await shot("wheel-idle");
    await inShadow(page, ".mg-hub").click();
    await page.waitForTimeout(1500);
    await shot("wheel-spin");
    // the beat between landing and the result card: the drawn segment glows under the pointer
    await inShadow(page, ".mg-win-glow").waitFor({ timeout: 12_000 });
    await page.waitForTimeout(150);
    await shot("wheel-landed");
    await inShadow(page, ".mg-code").waitFor({ timeout: 12_000 });
    await page.waitForTimeout(900);
    await shot("wheel-result");

    await page.goto(`${base}?game=quiz`);
    await inShadow(page, ".mg-btn").click();
    await inShadow(page, ".mg-choice").first().click();
    await page.waitForTimeout(400);
    await shot("quiz-question");
    await inShadow(page, ".mg-btn").click();
    await inShadow(page, ".mg-choice").nth(0).click();
    await inShadow(page, ".mg-choice").nth(2).click();
    await inShadow(page, ".mg-btn").click();
    await inShadow(page, ".mg-choice").first().click();
    await inShadow(page, ".mg-btn").click();
    await inShadow(page, ".mg-code").waitFor();
    await page.waitForTimeout(900);
    await shot("quiz-result");

    await page.goto(`${base}?game=wheel&placement=modal`);
    await page.locator("[data-minigame] .mg-launcher").click();
    await page.locator("[data-minigame] .mg-hub").waitFor();
    await page.waitForTimeout(500);
    await shot("wheel-modal");
    await page.locator("[data-minigame] .mg-link").click();
    await page.waitForTimeout(400);
    await shot("wheel-odds");
    // more states, for design review
    for (const [name, query] of [
      ["wheel-24", "?game=wheel&segments=24"],
      ["cooldown", "?game=wheel&deny=cooldown"],
      ["lead", "?game=wheel&lead=1"],
    ] as const) {
      await page.goto(base + query);
      await inShadow(page, ".mg-title").waitFor();
      if (name === "lead") {
        await inShadow(page, ".mg-hub").click();
        await inShadow(page, "form button").click();
      }
      await page.waitForTimeout(500);
      await shot(name);
    }
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.goto(`${base}?game=wheel&outcome=none&locale=en`);
    await inShadow(page, ".mg-hub").click();
    await inShadow(page, ".mg-result, .mg-burst").first().waitFor();
    await page.waitForTimeout(500);
    await shot("wheel-lose-en");
    await page.emulateMedia({ reducedMotion: "no-preference" });
    await page.goto(`${base}?game=quiz&feedback=1`);
    await inShadow(page, ".mg-btn").click();
    await inShadow(page, ".mg-choice").nth(1).click();
    await inShadow(page, ".mg-btn").click();
    await page.waitForTimeout(400);
    await shot("quiz-feedback");
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
