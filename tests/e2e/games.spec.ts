// the reveal games in real Chromium, from the script tag: what the visitor uncovers is what was drawn (the result event),
// by mouse, touch and keyboard; a reload never draws again; scratching on a phone does not scroll the page
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startEventSink, startStaticServer, type EventSink, type StaticServer } from "./harness.js";
import { changedPixels, decodePng } from "../../bench/lib/png.js";
import { hostPage } from "./pages.js";

let browser: Browser;
let server: StaticServer;
let sink: EventSink;

const prizes = [
  // shared codes: the result shows at once (a prize without one first asks how to reach the winner)
  { id: "off10", label: "10% off", weight: 30, code: "TEN" },
  { id: "ship", label: "Free shipping", weight: 30, code: "SHIP" },
  { id: "tote", label: "Tote bag", weight: 10, code: "TOTE" },
  { id: "none", label: "Better luck next time", weight: 30, win: false },
];
const labelOf = (id: unknown) => prizes.find((p) => p.id === id)?.label;

let pages = 0;
function route(game: string, extra: Record<string, unknown> = {}, body = "", head = "") {
  const id = `e2e-${game}-${++pages}`;
  const campaign = { id, game, locale: "en", limits: { perVisitor: { total: 5 } }, prizes, ...extra };
  server.route(`/games/${id}.json`, JSON.stringify(campaign));
  server.route(
    `/games/${id}.html`,
    hostPage({
      attrs: { "data-campaign": `/games/${id}.json`, "data-collector": sink.endpoint, "data-target": "#slot" },
      head,
      body: `<div id="slot" style="max-width:420px;margin:40px auto"></div>${body}`,
    }),
  );
  return { id, url: `${server.url}/games/${id}.html` };
}

/** this campaign's events of one type, once each: a batch resent after a reload carries the same event ids */
const distinct = (campaignId: string, type: string) => {
  const byId = new Map(
    sink
      .events()
      .filter((e) => e.campaignId === campaignId && e.type === type)
      .map((e) => [e.id, e]),
  );
  return [...byId.values()] as Array<{ props: Record<string, unknown> }>;
};
/** the result events this campaign sent, in order */
async function results(campaignId: string, count = 1) {
  await sink.waitFor(() => distinct(campaignId, "result").length >= count);
  return distinct(campaignId, "result");
}
const plays = (campaignId: string) => distinct(campaignId, "play").length;

/** scratch row by row until the card clears (a visitor stops there too) */
async function scratchAcross(page: Page, rows = 6) {
  const box = (await page.locator(".mg-scratch").boundingBox())!;
  for (let r = 0; r < rows && !(await page.locator(".mg-scratch.is-revealed").count()); r++) {
    const y = box.y + ((r + 0.5) * box.height) / rows;
    await page.mouse.move(box.x + 4, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 4 + (i * (box.width - 8)) / 10, y);
    await page.mouse.up();
  }
}

beforeAll(async () => {
  server = await startStaticServer();
  sink = await startEventSink();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await sink?.close();
});

describe("scratch card", () => {
  let context: BrowserContext;
  afterAll(() => context?.close());

  it("uncovers, by mouse, exactly the prize the draw reported", async () => {
    const { id, url } = route("scratch");
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.locator(".mg-scratch-cover").waitFor();
    await scratchAcross(page);
    const announced = (await page.locator(".mg-prize").textContent({ timeout: 15_000 }))!.trim();
    const [result] = await results(id);
    expect(announced).toBe(labelOf(result!.props.prizeId));
    expect(await page.locator(".mg-scratch-prize").textContent()).toBe(announced);
    expect(plays(id)).toBe(1);
  });

  it("never draws again after a reload: the pending prize is the one uncovered", async () => {
    const { id, url } = route("scratch", { title: "Reload" });
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(url);
    const box = (await page.locator(".mg-scratch-cover").boundingBox())!;
    // one touch draws the prize; the visitor leaves before uncovering it
    await page.mouse.click(box.x + 30, box.y + 30);
    const [drawn] = await results(id);
    await page.reload();
    await page.locator(".mg-scratch-reveal:not([disabled])").click();
    const announced = (await page.locator(".mg-prize").textContent({ timeout: 15_000 }))!.trim();
    expect(announced).toBe(labelOf(drawn!.props.prizeId));
    expect(plays(id)).toBe(1);
    expect(await results(id)).toHaveLength(1);
    await ctx.close();
  });

  it("reveals from the keyboard and announces the prize in the live region", async () => {
    const { id, url } = route("scratch", { title: "Keys" });
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(url);
    const reveal = page.locator(".mg-scratch-reveal:not([disabled])");
    await reveal.waitFor();
    for (let i = 0; i < 20 && !(await reveal.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)); i++) {
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
    const live = page.locator("[aria-live=assertive]");
    await expect.poll(() => live.textContent(), { timeout: 15_000 }).toMatch(/^Result: /);
    const [result] = await results(id);
    expect(await live.textContent()).toBe(`Result: ${labelOf(result!.props.prizeId)}`);
    await ctx.close();
  });

  it("hands the ink to a worker from beside the chunks (a CSP allowing only its own origin's workers), showing the same cover", async () => {
    const csp = `<meta http-equiv="Content-Security-Policy" content="worker-src 'self'">`;
    const { url } = route("scratch", { title: "Worker", scratch: { threshold: 0.9 } }, "", csp);
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const refused: string[] = [];
    page.on("console", (m) => /Content Security Policy|Refused/i.test(m.text()) && refused.push(m.text()));
    await page.goto(url);
    const card = page.locator(".mg-scratch");
    const below = page.locator(".mg-scratch-paint");
    // the page's own copy of the cover steps aside once the worker's is on screen
    await expect.poll(() => below.evaluate((el) => (el as HTMLElement).style.visibility), { timeout: 15_000 }).toBe("hidden");
    const box = (await card.boundingBox())!;
    const clip = { x: 0, y: 0, width: box.width, height: box.height };
    const shot = async () => decodePng(await card.screenshot());
    const fromWorker = await shot();
    // the same card with the worker's canvas out of the way: the page's copy, painted on the main thread
    await page.locator(".mg-scratch-cover").evaluate((el) => (el as HTMLElement).style.setProperty("opacity", "0", "important"));
    await below.evaluate((el) => (el as HTMLElement).style.setProperty("visibility", "visible"));
    const fromPage = await shot();
    expect(changedPixels(fromWorker, fromPage, clip)).toBeLessThan(fromWorker.width * fromWorker.height * 0.01);
    await below.evaluate((el) => (el as HTMLElement).style.setProperty("visibility", "hidden"));
    await page.locator(".mg-scratch-cover").evaluate((el) => (el as HTMLElement).style.removeProperty("opacity"));
    // a stroke is drawn by the worker: the card changes along it, and is not revealed (threshold 0.9)
    await page.mouse.move(box.x + 10, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 10 + (i * (box.width - 20)) / 10, box.y + box.height / 2);
    await page.mouse.up();
    await expect.poll(async () => changedPixels(fromWorker, await shot(), clip), { timeout: 15_000 }).toBeGreaterThan(box.width * 10);
    expect(await page.locator(".mg-scratch.is-revealed").count()).toBe(0);
    expect(refused).toEqual([]);
    await ctx.close();
  });

  it("scratches by touch on a phone without scrolling the page", async () => {
    const tall = `<div style="height:3000px"></div>`;
    const { id, url } = route("scratch", { title: "Touch", scratch: { threshold: 0.3 } }, tall);
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    const page = await ctx.newPage();
    await page.goto(url);
    // the card takes touches once its draw source has arrived, like the reveal button
    await page.locator(".mg-scratch-reveal:not([disabled])").waitFor();
    const box = (await page.locator(".mg-scratch-cover").boundingBox())!;
    const cdp = await ctx.newCDPSession(page);
    const touch = (type: "touchStart" | "touchMove" | "touchEnd", x: number, y: number) =>
      cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x, y }] });
    // vertical strokes: exactly the gesture that would scroll the page without touch-action: none
    for (let c = 0; c < 6 && !(await page.locator(".mg-scratch.is-revealed").count()); c++) {
      const x = box.x + ((c + 0.5) * box.width) / 6;
      await touch("touchStart", x, box.y + 6);
      for (let i = 1; i <= 10; i++) await touch("touchMove", x, box.y + 6 + (i * (box.height - 12)) / 10);
      await touch("touchEnd", x, box.y + box.height - 6);
    }
    const announced = (await page.locator(".mg-prize").textContent({ timeout: 15_000 }))!.trim();
    const [result] = await results(id);
    expect(announced).toBe(labelOf(result!.props.prizeId));
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await ctx.close();
  });
});

describe.each([
  ["giftbox", "Gift box"],
  ["flip", "Card"],
])("%s", (game, item) => {
  it("opens the picked item on the drawn prize (mouse), and the others on samples when asked", async () => {
    const { id, url } = route(game, { [game]: { count: 3, revealOthers: "sampled" } });
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(url);
    await page.getByRole("button", { name: `${item} 3` }).click();
    const announced = (await page.locator(".mg-prize").textContent({ timeout: 15_000 }))!.trim();
    const [result] = await results(id);
    expect(announced).toBe(labelOf(result!.props.prizeId));
    expect(await page.locator(".mg-pick-item.is-chosen").getAttribute("aria-label")).toBe(announced);
    expect(await page.locator(".mg-pick-item.is-open").count()).toBe(3);
    expect(plays(id)).toBe(1);
    await ctx.close();
  });

  it("plays from the keyboard", async () => {
    const { id, url } = route(game, { title: "Keys" });
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(url);
    const first = page.getByRole("button", { name: `${item} 1` });
    await first.waitFor();
    await expect.poll(() => first.isEnabled()).toBe(true);
    await first.focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    const announced = (await page.locator(".mg-prize").textContent({ timeout: 15_000 }))!.trim();
    const [result] = await results(id);
    expect(announced).toBe(labelOf(result!.props.prizeId));
    expect(await page.locator(".mg-pick-item.is-chosen").getAttribute("aria-label")).toBe(announced);
    // only the chosen one opened
    expect(await page.locator(".mg-pick-item.is-open").count()).toBe(1);
    await ctx.close();
  });
});

describe("gift box", () => {
  it.each([360, 1280])("shows a three-line prize label whole inside the opened box, %i px wide", async (width) => {
    const label = "Better luck next time, see you";
    const { url } = route("giftbox", { prizes: [{ id: "none", label, weight: 1, win: false }] });
    const ctx = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(url);
    await page.getByRole("button", { name: "Gift box 2" }).click();
    await page.locator(".mg-prize").waitFor({ timeout: 15_000 }); // after the opening: the slot has its final size
    const slot = (await page.locator(".mg-pick-item.is-chosen .mg-box-prize").boundingBox())!;
    const text = (await page.locator(".mg-pick-item.is-chosen .mg-face-label").boundingBox())!;
    expect(await page.locator(".mg-pick-item.is-chosen .mg-face-label").textContent()).toBe(label);
    expect(text.y).toBeGreaterThanOrEqual(slot.y);
    expect(text.y + text.height).toBeLessThanOrEqual(slot.y + slot.height);
    await ctx.close();
  });

  // under reduced motion every animation lasts 1 ms; one that loops (the idle wobble, the shake while drawing, the
  // spinner) must also stop, or it would jump between its keyframes on every frame, forever
  it("stands still under reduced motion: the idle wobble runs once at most, then every frame shows the boxes upright", async () => {
    const { url } = route("giftbox");
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, reducedMotion: "reduce" });
    const page = await ctx.newPage();
    await page.goto(url);
    // the boxes wobble once the visitor may play
    await expect.poll(() => page.locator(".mg-pick-item:disabled").count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.locator(".mg-pick.is-idle .mg-pick-item").count()).toBe(3);
    const running = () =>
      page.evaluate(() =>
        document
          .querySelector("#slot")!
          .shadowRoot!.getAnimations()
          .filter((a) => a.playState === "running")
          .map((a) => (a as CSSAnimation).animationName),
      );
    // two frames: the idle boxes' styles, and so their wobbles, exist; each wobble waits 1–1.8 s (a delay is not
    // shortened), then must end, where a looping one would run forever
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await expect.poll(running, { timeout: 10_000 }).toEqual([]);
    const transforms = await page.evaluate(async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 20; i++) {
        await new Promise((r) => requestAnimationFrame(r));
        for (const box of document.querySelector("#slot")!.shadowRoot!.querySelectorAll(".mg-box"))
          seen.add(getComputedStyle(box).transform);
      }
      return [...seen];
    });
    expect(transforms).toEqual(["none"]);
    await ctx.close();
  });
});
