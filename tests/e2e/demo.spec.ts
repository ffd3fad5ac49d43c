// `npm start` serves the playground: validation as you type, a live preview that re-mounts, an event
// log and the stats panel, driven in Chromium
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, repoRoot } from "./harness.js";

let browser: Browser;
let child: ChildProcess;
let playground = "";
let output = "";
const dataDir = mkdtempSync(join(tmpdir(), "minigame-demo-"));

beforeAll(async () => {
  child = spawn(process.execPath, [join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    cwd: repoRoot,
    // port 0: each server takes a port the system hands it and prints its URL, so no other process can take it
    // between a check and the listen
    env: { ...process.env, DEMO_PORT: "0", COLLECTOR_PORT: "0", MINIGAME_DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  // under load npm start takes about a minute; stay inside the 120 s hook timeout so its own error shows
  // come up when the output says so (checked on each chunk), or fail at once if the process exits first
  await new Promise<void>((resolve, reject) => {
    const ready = /playground\s+(\S+)[\s\S]*collector\s+http/;
    const done = (error?: Error) => {
      clearTimeout(deadline);
      child.stdout!.off("data", check);
      child.stderr!.off("data", check);
      child.off("exit", exited);
      if (error) reject(error);
      else resolve();
    };
    const check = () => ready.test(output) && done();
    const exited = () => done(new Error(`npm start exited before it came up:\n${output}`));
    const deadline = setTimeout(() => done(new Error(`npm start did not come up:\n${output}`)), 110_000);
    child.stdout!.on("data", check);
    child.stderr!.on("data", check);
    child.once("exit", exited);
    check();
  });
  playground = /playground\s+(\S+)/.exec(output)![1]!;
  expect(output).toMatch(/collector\s+http:\/\/127\.0\.0\.1:\d+/);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (child?.pid && child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** replace the editor's text as a person would: select all, type */
async function setEditor(page: Page, text: string): Promise<void> {
  await page.locator("#editor").fill(text);
}

describe("the playground", () => {
  it("validates as you type, re-mounts the preview on valid changes and logs events with stats", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await page.goto(playground);
    await page.locator("#preview .mg-hub").waitFor({ state: "visible", timeout: 30_000 });
    expect(await page.locator("#issues li.ok").textContent()).toContain("valid");

    const original = await page.locator("#editor").inputValue();
    const campaign = JSON.parse(original) as { title: string; prizes: Array<{ weight: number }> };

    // a broken document: the issues name the path, the preview keeps the last good campaign
    campaign.prizes[1]!.weight = -1;
    await setEditor(page, JSON.stringify(campaign, null, 2));
    await expect.poll(() => page.locator("#issues li").first().textContent()).toMatch(/^prizes\[1\]\.weight: /);
    expect(await page.locator("#editor").getAttribute("aria-invalid")).toBe("true");
    await setEditor(page, "{ not json");
    await expect.poll(() => page.locator("#issues li").first().textContent()).toMatch(/not valid JSON/);
    expect(await page.locator("#preview .mg-hub").count()).toBe(1);

    // a valid change re-mounts the preview with it
    campaign.prizes[1]!.weight = 5;
    campaign.title = "Edited in the playground";
    await setEditor(page, JSON.stringify(campaign, null, 2));
    await expect.poll(() => page.locator("#preview .mg-title").textContent()).toBe("Edited in the playground");
    expect(await page.locator("#preview .mg-card").count()).toBe(1);

    // play: the log shows the widget's events and the batches sent; both stats panels count the play
    await page.locator("#preview .mg-hub").click();
    await expect
      .poll(() => page.locator("#log li").allTextContents(), { timeout: 15_000 })
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^play /),
          expect.stringMatching(/^result /),
          expect.stringMatching(/^(fetch|beacon) result /),
        ]),
      );
    await expect.poll(() => page.locator("#stats-local").textContent(), { timeout: 10_000 }).toMatch(/Plays1/);
    await expect.poll(() => page.locator("#stats-collector").textContent(), { timeout: 10_000 }).toMatch(/Plays1/);
    await page.screenshot({ path: join(repoRoot, "test-results/demo-desktop.png"), animations: "disabled" });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("offers every game: the scratch card, the gift box and flip cards play in the preview", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(playground);
    await page.locator("#preview .mg-hub").waitFor({ state: "visible", timeout: 30_000 });
    for (const [example, play] of [
      ["scratch-tet", ".mg-scratch-reveal:not([disabled])"],
      ["giftbox-tet", ".mg-pick-item >> nth=0"],
      ["flip-tet", ".mg-pick-item >> nth=2"],
    ] as const) {
      await page.locator("#example").selectOption(example);
      await page.locator(`#preview ${play}`).click({ timeout: 30_000 });
      // the result card, or for a win whose prize has no code, the form that first asks how to reach the winner
      await page.locator("#preview .mg-prize, #preview .mg-input").first().waitFor({ timeout: 15_000 });
      await expect
        .poll(() => page.locator("#log li").allTextContents())
        // a win held for the contact form has sent its tracked result already; the page's event follows the form
        .toEqual(expect.arrayContaining([expect.stringMatching(/^(fetch )?result /)]));
    }
    await page.close();
  });
});
