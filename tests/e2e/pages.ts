// small host pages for the browser suites, and readers for what the widget shows
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import demoWheel from "../../examples/campaigns/demo-wheel.json" with { type: "json" };
import { repoRoot } from "./harness.js";

export { demoWheel };
export const SCRIPT = "/dist/minigame.js";
export const screenshotDir = join(repoRoot, "test-results");

/** a page that loads the script tag with `attrs`; `head` and `body` are inserted verbatim */
export function hostPage({ attrs, head = "", body = "" }: { attrs: Record<string, string>; head?: string; body?: string }): string {
  const attributes = Object.entries(attrs)
    .map(([k, v]) => `${k}="${v.replace(/"/g, "&quot;")}"`)
    .join(" ");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${head}</head>
<body>${body}<script async src="${SCRIPT}" ${attributes}></script></body></html>`;
}

/** the rotation of the wheel face in degrees, clockwise, read from its computed transform matrix */
export async function wheelRotation(page: Page, scope = ""): Promise<number> {
  const matrix = await page.locator(`${scope} .mg-rotor`.trim()).evaluate((el) => getComputedStyle(el).transform);
  const m = /matrix\(([^)]+)\)/.exec(matrix);
  if (!m) return 0; // "none": not rotated
  const [a, b] = m[1]!.split(",").map(Number) as [number, number];
  return (Math.atan2(b, a) * 180) / Math.PI;
}

/** the segment under the 12 o'clock pointer: segments run clockwise from 12 o'clock in campaign order */
export function segmentUnderPointer(rotation: number, segmentCount: number): number {
  const underPointer = ((-rotation % 360) + 360) % 360;
  return Math.min(segmentCount - 1, Math.floor(underPointer / (360 / segmentCount)));
}

/** spin by clicking (mouse) or by focusing the spin button with Tab and pressing Enter (keyboard),
 *  then return the label under the pointer once the wheel has stopped and the announced prize */
export async function spinAndRead(
  page: Page,
  how: "mouse" | "keyboard",
  prizeLabels: string[],
): Promise<{ underPointer: string; announced: string }> {
  const hub = page.locator(".mg-hub");
  if (how === "mouse") {
    await hub.click();
  } else {
    for (
      let i = 0;
      i < 30 &&
      !(await hub.evaluate((el) => el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).activeElement === el));
      i++
    ) {
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
  }
  // the winning segment glows once the wheel has landed, before the result card replaces it
  await page.locator(".mg-win-glow").waitFor({ timeout: 15_000 });
  const rotation = await wheelRotation(page);
  const underPointer = prizeLabels[segmentUnderPointer(rotation, prizeLabels.length)]!;
  const announced = (await page.locator(".mg-prize").textContent({ timeout: 10_000 }))!.trim();
  return { underPointer, announced };
}

export function screenshotPath(name: string): string {
  mkdirSync(screenshotDir, { recursive: true });
  return join(screenshotDir, `${name}.png`);
}
