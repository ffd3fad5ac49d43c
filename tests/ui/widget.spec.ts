// the widget in real Chromium: the wheel lands on the drawn prize, animates on the compositor, honours
// reduced motion, works from the keyboard and keeps the host page's CSS out
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { ViteDevServer } from "vite";
import { startPreview } from "../../scripts/preview-server.js";
import { launchChromium } from "../helpers/chromium.js";
import { segmentAt } from "../../src/ui/wheel/geometry.js";
import { tetWheel as tet } from "./preview/campaigns.js";

let server: ViteDevServer;
let base: string;
let browser: Browser;

beforeAll(async () => {
  ({ server, base } = await startPreview());
  // the run's shared browser; each page asks for the motion preference its test is about (open() below)
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(query: string, reducedMotion: "reduce" | "no-preference" = "no-preference"): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.emulateMedia({ reducedMotion });
  await page.goto(base + query);
  await page.locator("#slot .mg-hub").waitFor();
  return page;
}

/** the rotor's current rotation in degrees, read from its computed transform matrix */
const rotation = (page: Page) =>
  page.locator("#slot .mg-rotor").evaluate((el) => {
    const m = new DOMMatrixReadOnly(getComputedStyle(el).transform);
    return (Math.atan2(m.b, m.a) * 180) / Math.PI;
  });

describe("wheel in Chromium", () => {
  it("stops with the drawn prize under the pointer", async () => {
    for (const prizeId of ["lixi", "none"]) {
      const page = await open(`?game=wheel&outcome=${prizeId}`, "reduce");
      await page.locator("#slot .mg-hub").click();
      await page.locator("#slot .mg-win-glow").waitFor();
      const index = tet.prizes.findIndex((p) => p.id === prizeId);
      expect(segmentAt(await rotation(page), tet.prizes.length)).toBe(index);
      await page.close();
    }
  });

  it("spins with one Web Animation of transform lasting 4–5.5 s, then lands on the prize", async () => {
    const page = await open("?game=wheel&outcome=freeship");
    await page.locator("#slot .mg-hub").click();
    await page.waitForFunction(() => document.querySelector("#slot")?.shadowRoot?.querySelector(".mg-rotor")?.getAnimations().length === 1);
    const animation = await page.locator("#slot .mg-rotor").evaluate((el) => {
      const a = el.getAnimations()[0]!;
      const effect = a.effect as KeyframeEffect;
      return {
        duration: Number(effect.getTiming().duration),
        properties: [...new Set(effect.getKeyframes().flatMap((k) => Object.keys(k)))],
      };
    });
    expect(animation.duration).toBeGreaterThanOrEqual(4000);
    expect(animation.duration).toBeLessThanOrEqual(5500);
    // only transform (plus bookkeeping keys): nothing that forces layout or paint each frame
    expect(animation.properties.filter((k) => !["offset", "easing", "composite", "computedOffset"].includes(k))).toEqual(["transform"]);
    await page.locator("#slot .mg-win-glow").waitFor({ timeout: 8000 });
    expect(segmentAt(await rotation(page), tet.prizes.length)).toBe(tet.prizes.findIndex((p) => p.id === "freeship"));
    await page.close();
  });

  it("under reduced motion fades to the result in under a second and throws no confetti", async () => {
    const page = await open("?game=wheel&outcome=voucher100", "reduce");
    const confettiModule = page.waitForResponse((r) => /\/src\/ui\/confetti\.ts/.test(r.url()));
    // watched from before the click and read in the same poll that sees it: a short animation may be over by the
    // time a later call reaches the page
    const running = page.waitForFunction(() => {
      const animation = document.querySelector("#slot")?.shadowRoot?.querySelector(".mg-rotor")?.getAnimations()[0];
      return animation ? { duration: Number(animation.effect!.getTiming().duration) } : null;
    });
    await page.locator("#slot .mg-hub").click();
    const { duration } = (await (await running).jsonValue())!;
    expect(duration).toBeLessThanOrEqual(700);
    await page.locator("#slot .mg-code").waitFor();
    // the win fetches the confetti module; importing it again resolves after the widget's own import did, and the
    // widget calls it in the microtasks that follow: by then a burst would have put its canvas in the shadow root
    const url = (await confettiModule).url();
    await page.evaluate(`import(${JSON.stringify(url)}).then(() => undefined)`);
    expect(await page.locator("#slot canvas").count()).toBe(0);
    await page.close();
  });

  it("plays from the keyboard: Tab to the centre button, Space spins, focus lands on the result", async () => {
    const page = await open("?game=wheel&outcome=voucher50", "reduce");
    const hubFocused = () =>
      page.evaluate(() => document.querySelector("#slot")?.shadowRoot?.activeElement?.classList.contains("mg-hub") ?? false);
    for (let i = 0; i < 5 && !(await hubFocused()); i++) await page.keyboard.press("Tab");
    expect(await hubFocused()).toBe(true);
    await page.keyboard.press("Space");
    await page.locator("#slot .mg-code").waitFor();
    await page.waitForFunction(() => document.querySelector("#slot")?.shadowRoot?.activeElement?.textContent === "Chúc mừng bạn!");
    // Space both activates the button natively and reaches our key handler: still exactly one play
    const plays = await page.evaluate(
      () => (window as unknown as { events: { type: string }[] }).events.filter((e) => e.type === "play").length,
    );
    expect(plays).toBe(1);
    await page.close();
  });

  it("keeps the host page's CSS out and its own CSS in", async () => {
    const page = await open("?game=wheel");
    const hub = await page.locator("#slot .mg-hub").evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(hub).not.toBe("rgb(0, 255, 0)"); // the page sets button { background: lime !important }
    const pageButton = await page.evaluate(() => {
      const b = document.body.appendChild(document.createElement("button"));
      return getComputedStyle(b).backgroundColor;
    });
    expect(pageButton).toBe("rgb(0, 255, 0)");
    expect(await page.evaluate(() => document.querySelectorAll("style").length)).toBe(1); // the page's own
    await page.close();
  });
});

describe("modal in Chromium", () => {
  it("traps Tab inside the dialog and closes on Esc, giving focus back to the launcher", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}?game=wheel&placement=modal`);
    await page.locator("[data-minigame] .mg-launcher").click();
    await page.locator("[data-minigame] .mg-dialog").waitFor();
    const inside = () =>
      page.evaluate(() => {
        const root = document.querySelector("[data-minigame]")!.shadowRoot!;
        return !!root.activeElement && !!root.querySelector(".mg-dialog")!.contains(root.activeElement);
      });
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      expect(await inside()).toBe(true);
    }
    await page.keyboard.press("Shift+Tab");
    expect(await inside()).toBe(true);
    await page.keyboard.press("Escape");
    await page.locator("[data-minigame] .mg-dialog").waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.documentElement.style.overflow)).toBe("");
    expect(await page.evaluate(() => document.querySelector("[data-minigame]")!.shadowRoot!.activeElement?.className)).toContain(
      "mg-launcher",
    );
    await page.close();
  });
});

describe("quiz in Chromium", () => {
  it("is played with the keyboard alone and sends the chosen answers", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}?game=quiz`);
    await page.locator("#slot .mg-btn").focus();
    await page.keyboard.press("Enter");
    await page.locator("#slot .mg-choice[role=radio]").first().waitFor();
    await page.waitForFunction(() => document.querySelector("#slot")?.shadowRoot?.activeElement?.getAttribute("role") === "radio");
    await page.keyboard.press("ArrowDown"); // B
    await page.keyboard.press("ArrowUp"); // back to A
    await page.keyboard.press("Enter");
    await page.locator("#slot .mg-choice[role=checkbox]").first().waitFor();
    await page.waitForFunction(() => document.querySelector("#slot")?.shadowRoot?.activeElement?.getAttribute("role") === "checkbox");
    await page.keyboard.press("Space"); // Đỏ
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Space"); // Vàng
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => {
      const root = document.querySelector("#slot")?.shadowRoot;
      return root?.querySelector(".mg-q")?.textContent?.startsWith("Bánh nào") && root.activeElement?.getAttribute("role") === "radio";
    });
    await page.keyboard.press("Enter"); // first choice is focused and taken
    await page.locator("#slot .mg-code").waitFor();
    const draws = await page.evaluate(() => (window as unknown as { source: { draws: unknown[] } }).source.draws);
    expect(draws).toEqual([{ answers: { q1: 0, q2: [0, 2], q3: 0 } }]);
    expect(await page.locator("#slot .mg-score").textContent()).toBe("Bạn trả lời đúng 3/3 câu");
    await page.close();
  });
});
