// layout a new user hit: the widget inside a flex container, the desktop modal, the launcher's attention cue
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startStaticServer, type StaticServer } from "./harness.js";
import { demoWheel, hostPage } from "./pages.js";

let browser: Browser;
let server: StaticServer;
const campaign = { ...demoWheel, id: "layout", prizes: demoWheel.prizes.map(({ id, label, weight, win }) => ({ id, label, weight, win })) };

beforeAll(async () => {
  server = await startStaticServer();
  browser = await launchChromium();
  server.route("/layout/campaign.json", JSON.stringify(campaign));
  const attrs = { "data-campaign": "/layout/campaign.json" };
  for (const [name, container] of [
    ["row", "display:flex"],
    ["column", "display:flex;flex-direction:column;align-items:center"],
  ]) {
    server.route(
      `/layout/${name}.html`,
      hostPage({ attrs: { ...attrs, "data-target": "#slot" }, body: `<div style="${container};width:900px"><div id="slot"></div></div>` }),
    );
  }
  server.route("/layout/launcher.html", hostPage({ attrs }));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("layout", () => {
  it.each(["row", "column"])("keeps its size inside a %s flex container instead of collapsing", async (name) => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.goto(`${server.url}/layout/${name}.html`);
    const wheel = page.locator(".mg-wheel");
    await wheel.waitFor();
    expect((await page.locator("#slot").boundingBox())!.width).toBeGreaterThanOrEqual(320);
    expect((await wheel.boundingBox())!.width).toBeGreaterThan(250);
    await page.close();
  });

  it("opens a roomy dialog on a desktop screen and a full-width one on a phone", async () => {
    for (const [viewport, min, max] of [
      [{ width: 1280, height: 800 }, 560, 600],
      [{ width: 390, height: 844 }, 360, 366],
    ] as const) {
      const page = await browser.newPage({ viewport });
      await page.goto(`${server.url}/layout/launcher.html`);
      await page.locator(".mg-launcher").click();
      const width = (await page.locator(".mg-dialog").boundingBox())!.width;
      expect(width).toBeGreaterThanOrEqual(min);
      expect(width).toBeLessThanOrEqual(max);
      await page.close();
    }
  });

  it("draws attention to the launcher with a short pulse, and none under reduced motion", async () => {
    const animations = async (reducedMotion: "reduce" | "no-preference") => {
      const page = await browser.newPage();
      await page.emulateMedia({ reducedMotion });
      await page.goto(`${server.url}/layout/launcher.html`);
      await page.locator(".mg-launcher").waitFor();
      const names = await page.evaluate(() => {
        const root = document.querySelector("[data-minigame]")!.shadowRoot!;
        const launcher = root.querySelector(".mg-launcher")!;
        return [getComputedStyle(launcher, "::after").animationName, getComputedStyle(launcher.querySelector("svg")!).animationName];
      });
      await page.close();
      return names;
    };
    expect(await animations("no-preference")).toEqual(["mg-ring", "mg-nudge"]);
    expect(await animations("reduce")).toEqual(["none", "none"]);
  });
});
