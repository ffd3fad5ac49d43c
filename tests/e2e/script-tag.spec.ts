// the example landing page with its one-line tag, in Chromium: appear, spin (mouse and keyboard),
// the prize under the pointer is the prize announced, the coupon copies, the play limit survives a reload
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startStaticServer, type StaticServer } from "./harness.js";
import { demoWheel, hostPage, screenshotPath, spinAndRead } from "./pages.js";

const EXAMPLE = "/examples/script-tag/index.html";
const labels = demoWheel.prizes.map((p) => p.label);

let browser: Browser;
let server: StaticServer;
const contexts: BrowserContext[] = [];

async function open(path: string, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const asked: string[] = [];
  page.on("request", (r) => asked.push(r.url()));
  await page.goto(server.url + path);
  return { context, page, errors, asked };
}

beforeAll(async () => {
  server = await startStaticServer();
  browser = await launchChromium();
  // every prize wins a code, so the copy test always has one
  const allWin = { ...demoWheel, prizes: demoWheel.prizes.map((p) => (p.id === "none" ? { ...p, weight: 0 } : p)) };
  server.route("/e2e/all-win.json", JSON.stringify(allWin));
  server.route(
    "/e2e/all-win.html",
    hostPage({ attrs: { "data-campaign": "/e2e/all-win.json", "data-target": "#slot" }, body: `<div id="slot"></div>` }),
  );
  server.route("/e2e/scratch.json", JSON.stringify({ ...demoWheel, game: "scratch" }));
  server.route(
    "/e2e/scratch.html",
    hostPage({ attrs: { "data-campaign": "/e2e/scratch.json", "data-target": "#slot" }, body: `<div id="slot"></div>` }),
  );
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

describe("the script-tag example page", () => {
  it("asks for the wheel's first-frame chunks only for a wheel", async () => {
    const asked = async (path: string) => {
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      const urls: string[] = [];
      page.on("request", (r) => urls.push(r.url()));
      await page.goto(server.url + path);
      await page.waitForFunction("!!document.querySelector('#slot, #game')?.shadowRoot?.querySelector('.mg')");
      await page.waitForLoadState("networkidle");
      return urls.filter((u) => /chunks\/(paint-wheel|wheel-face)\.js/.test(u)).length;
    };
    expect(await asked(EXAMPLE), "the painter and the face, once each").toBe(2);
    expect(await asked("/e2e/scratch.html"), "a scratch card fetches no wheel code").toBe(0);
  });

  it("shows the wheel in the target element, at desktop and phone sizes", async () => {
    for (const [name, viewport] of [
      ["desktop", { width: 1280, height: 800 }],
      ["phone", { width: 390, height: 844 }],
    ] as const) {
      const { page, errors } = await open(EXAMPLE, viewport);
      const hub = page.locator("#game .mg-hub");
      await hub.waitFor({ state: "visible" });
      const wheel = await page.locator("#game .mg-wheel").boundingBox();
      expect(wheel!.width).toBeGreaterThan(Math.min(300, viewport.width - 80));
      expect(wheel!.width).toBeLessThanOrEqual(viewport.width);
      expect(await page.locator("#game .mg-title").textContent()).toBe(demoWheel.title);
      await page.screenshot({ path: screenshotPath(`script-tag-${name}`), fullPage: false, animations: "disabled" });
      expect(errors).toEqual([]);
    }
  });

  it("spins with the mouse and announces the prize that sits under the pointer", async () => {
    const { page, asked } = await open(EXAMPLE);
    const { underPointer, announced } = await spinAndRead(page, "mouse", labels);
    expect(announced).toBe(underPointer);
    // the engine drew here, without the quiz scorer that only a quiz fetches
    expect(asked.some((url) => url.includes("/chunks/client-source-"))).toBe(true);
    expect(asked.filter((url) => url.includes("/chunks/quiz-"))).toEqual([]);
    await page.screenshot({ path: screenshotPath("script-tag-result"), animations: "disabled" });
  });

  it("spins with the keyboard alone", async () => {
    const { page } = await open(EXAMPLE);
    await page.locator(".mg-hub").waitFor();
    const { underPointer, announced } = await spinAndRead(page, "keyboard", labels);
    expect(announced).toBe(underPointer);
  });

  it("copies the coupon code to the clipboard", async () => {
    const { context, page } = await open("/e2e/all-win.html");
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    await spinAndRead(page, "mouse", labels);
    const code = (await page.locator(".mg-code-text").evaluate((el) => el.lastChild?.textContent ?? "")).trim();
    // client mode hands out the prize's one shared code (per-visitor codes need the collector)
    const shared = demoWheel.prizes.map((p) => (p as { code?: string }).code).filter(Boolean);
    expect(shared).toContain(code);
    await page.locator(".mg-copy").click();
    await expect.poll(() => page.locator(".mg-copy").textContent()).toBe("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  });

  it("opens the odds sheet at the first press of the painted wheel's link, before the widget ran", async () => {
    const { page, errors } = await open("/e2e/all-win.html");
    const link = page.locator("#slot .mg-link");
    await link.waitFor();
    // a press alone, as a keyboard or a quick tap gives it: no pointer passed over the card first to start the widget
    await link.dispatchEvent("click");
    await page.locator("#slot .mg-sheet[role=dialog]").waitFor({ timeout: 15_000 });
    expect(await page.locator("#slot .mg-rotor").count(), "no spin: the sheet opened over the wheel").toBe(1);
    expect(errors).toEqual([]);
  });

  it("keeps the one-play limit across a reload", async () => {
    const { page } = await open(EXAMPLE);
    await spinAndRead(page, "mouse", labels);
    await page.reload();
    // the painted wheel is shown again; the widget reads the plays left when the visitor reaches for it
    await page.locator("#game .mg-card").hover();
    await expect.poll(() => page.locator("#game .mg-card").textContent(), { timeout: 15_000 }).toContain("You have used all your plays");
    expect(await page.locator("#game .mg-hub").count()).toBe(0);
  });

  it("paints the wheel before Preact arrives; the widget runs only when the visitor reaches for it, and takes the same spot over without a visible change", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    // the shell (Preact) waits until the painted frame has been looked at; the draw source never answers, so the
    // widget stays on its first screen and only the take-over can change a pixel
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const asked: string[] = [];
    await page.route(/\/chunks\/(shell\.js|client-source-)/, async (route) => {
      asked.push(route.request().url());
      if (route.request().url().includes("client-source-")) return;
      await held;
      await route.continue();
    });
    await page.goto(server.url + EXAMPLE);
    const root = "document.querySelector('#game').shadowRoot";
    await page.waitForFunction(`!!${root}?.querySelector('.mg-rotor svg path')`);
    await page.evaluate(`window.__frame = ${root}.querySelector('.mg')`);
    const hub = page.locator("#game .mg-hub");
    expect(await hub.isEnabled(), "the painted wheel takes taps").toBe(true);
    // past the card's entrance animation, so both pictures are at rest
    await page.waitForFunction(`${root}.querySelector('.mg').getAnimations({ subtree: true }).every((a) => a.playState === "finished")`);
    // the viewport, not the full page: a full-page shot resizes the view for the picture, and the wheel's own
    // compositor layer (will-change) was redrawn with slightly different edges for a second or two after each resize
    const shot = () => page.screenshot();
    const card = (await page.locator("#game .mg-card").boundingBox())!;
    expect(card.y + card.height, "the whole card is in the picture").toBeLessThanOrEqual(844);
    const painted = await shot();
    const a11y = await page.locator("#game").ariaSnapshot();
    // the widget chunk watches the painted card and fetches Preact ahead (modulepreload: fetched, not run), but the
    // widget itself does not run: it would read eligibility through the client source first
    await expect.poll(() => asked.some((url) => url.includes("/shell.js")), { message: "Preact fetched ahead" }).toBe(true);
    release();
    await page.waitForLoadState("networkidle");
    expect(
      asked.filter((url) => url.includes("client-source-")),
      "nothing runs before the visitor reaches for it",
    ).toEqual([]);
    // the visitor reaches for it (an event, not the mouse: a real pointer would light the hover style up)
    const mounted = page.waitForRequest(/\/chunks\/client-source-/);
    await page.evaluate(`${root}.querySelector('.mg-link').dispatchEvent(new PointerEvent("pointerover", { bubbles: true }))`);
    await mounted;
    expect(await page.evaluate(`${root}.querySelectorAll('.mg').length`)).toBe(1);
    expect(await page.evaluate(`${root}.querySelector('.mg') === window.__frame`), "the painted nodes hydrated, not rebuilt").toBe(true);
    expect(await page.locator("#game").ariaSnapshot()).toBe(a11y);
    // the picture once the take-over's frame is on screen: a screenshot taken while it is still being composited (a
    // busy machine) may show the frame before it, so poll until the page is at rest; a rebuilt or restyled card never
    // comes back to the painted pixels
    await expect
      .poll(async () => (await shot()).equals(painted), {
        message: "the same pixels before and after the take-over",
        timeout: 5_000,
      })
      .toBe(true);
    expect(errors).toEqual([]);
  });
});
