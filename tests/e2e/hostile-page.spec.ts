// a host page that does everything wrong for an embed: resets every element's CSS with !important,
// huge fonts, a strict CSP (no inline or eval'd script, no inline style), and globals named like
// the libraries we bundle. The widget must still look right and work.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startStaticServer, type StaticServer } from "./harness.js";
import { demoWheel, hostPage, screenshotPath, spinAndRead } from "./pages.js";

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'";

const HOSTILE_CSS = `
* { all: unset !important; }
html { font-size: 40px !important; line-height: 3 !important; color: #0f0 !important; font-family: "Comic Sans MS", fantasy !important; }
div, p, span, button, svg { font-size: 44px !important; letter-spacing: 0.5em !important; text-transform: uppercase !important; }
head, script, style { display: none !important; }
body { display: block !important; padding: 8px !important; }
`;

// globals a sloppy page (or an old CMS) leaves around; a bundle that reads any of them breaks
const HOSTILE_GLOBALS = `
window.h = function () { throw new Error("page h() called"); };
window.Preact = { h: window.h, render: window.h };
window.preact = window.Preact;
window.React = { createElement: window.h };
window.define = function () { throw new Error("page AMD define() called"); };
window.define.amd = true;
window.module = { exports: {} };
window.exports = window.module.exports;
window.process = { env: { NODE_ENV: "development" } };
`;

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  server = await startStaticServer();
  browser = await launchChromium();
  server.route("/hostile/campaign.json", JSON.stringify(demoWheel));
  server.route("/hostile/page.css", HOSTILE_CSS);
  server.route("/hostile/globals.js", HOSTILE_GLOBALS);
  const head = `<meta http-equiv="Content-Security-Policy" content="${CSP}"><link rel="stylesheet" href="/hostile/page.css"><script src="/hostile/globals.js"></script>`;
  const body = `<h1>Shop</h1><p>Lorem ipsum dolor sit amet.</p><div id="slot"></div>`;
  server.route(
    "/hostile/index.html",
    hostPage({ head, body, attrs: { "data-campaign": "/hostile/campaign.json", "data-target": "#slot" } }),
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("a hostile host page", () => {
  it.each([
    ["desktop", { width: 1280, height: 800 }],
    ["phone", { width: 390, height: 844 }],
  ] as const)("keeps the widget's own look and lets it play (%s)", async (name, viewport) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(`pageerror: ${String(e)}`));
    page.on("console", (m) => {
      if (m.type() === "error" || /Content Security Policy|Refused to/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${server.url}/hostile/index.html`);
    // the page's CSS really is hostile: its own text is huge
    expect(
      await page
        .locator("p")
        .first()
        .evaluate((el) => getComputedStyle(el).fontSize),
    ).toBe("44px");

    const hub = page.locator("#slot .mg-hub");
    await hub.waitFor({ state: "visible" });
    const card = page.locator("#slot .mg-card");
    const style = await card.evaluate((el) => {
      const s = getComputedStyle(el);
      return {
        fontSize: s.fontSize,
        letterSpacing: s.letterSpacing,
        textTransform: s.textTransform,
        borderRadius: s.borderRadius,
        fontFamily: s.fontFamily,
      };
    });
    expect(style.fontSize).toBe("16px");
    expect(style.letterSpacing).toBe("normal");
    expect(style.textTransform).toBe("none");
    expect(style.borderRadius).toBe("20px");
    expect(style.fontFamily).not.toMatch(/Comic Sans/);

    const wheel = (await page.locator("#slot .mg-wheel").boundingBox())!;
    expect(wheel.width).toBeGreaterThan(Math.min(300, viewport.width - 80));
    expect(Math.abs(wheel.width - wheel.height)).toBeLessThan(1);
    const hubBox = (await hub.boundingBox())!;
    // the spin button sits at the wheel's centre
    expect(Math.abs(hubBox.x + hubBox.width / 2 - (wheel.x + wheel.width / 2))).toBeLessThan(2);
    expect(Math.abs(hubBox.y + hubBox.height / 2 - (wheel.y + wheel.height / 2))).toBeLessThan(2);
    await page.screenshot({ path: screenshotPath(`hostile-${name}`), fullPage: true, animations: "disabled" });

    const { underPointer, announced } = await spinAndRead(
      page,
      "mouse",
      demoWheel.prizes.map((p) => p.label),
    );
    expect(announced).toBe(underPointer);
    await page.screenshot({ path: screenshotPath(`hostile-${name}-result`), fullPage: true, animations: "disabled" });
    expect(problems).toEqual([]);
    await context.close();
  });
});
