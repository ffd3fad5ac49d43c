// the script tag in client mode with a collector, in Chromium: the lead form's details reach the collector,
// with the consent version the form showed and the text the collector has on file
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium, startStaticServer, startTestCollector, type StaticServer, type TestCollector } from "./harness.js";
import { hostPage } from "./pages.js";

const ADMIN = "e2e-admin";
const campaign = {
  id: "e2e-leads",
  game: "wheel",
  locale: "en",
  mode: "client",
  requireLead: true,
  lead: { fields: ["email"], consent: { text: "I agree to hear about my prize by email.", version: "e2e-1" } },
  prizes: [
    { id: "off10", label: "10% off", weight: 1, code: "E2E10" },
    { id: "none", label: "Next time", weight: 1, win: false },
  ],
};

let browser: Browser;
let server: StaticServer;
let collector: TestCollector;
let collectorUrl: string;

beforeAll(async () => {
  collector = await startTestCollector({ campaigns: [campaign], adminToken: ADMIN });
  collectorUrl = collector.url;
  server = await startStaticServer();
  browser = await launchChromium();
  server.route("/e2e/leads.json", JSON.stringify(campaign));
  server.route(
    "/e2e/leads.html",
    hostPage({
      attrs: { "data-campaign": "/e2e/leads.json", "data-target": "#slot", "data-collector": `${collectorUrl}/v1/events` },
      body: `<div id="slot"></div>`,
    }),
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await collector?.close();
});

it("delivers the lead form of a client-mode script tag to the collector, with its consent record", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server.url}/e2e/leads.html`);
  await page.getByRole("button", { name: "Spin the wheel" }).click();
  await page.getByLabel("Email", { exact: true }).fill("lan@example.vn");
  await expect.poll(() => page.getByText("I agree to hear about my prize by email.").count()).toBe(1);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Continue" }).click();
  const stored = async () => {
    const res = await fetch(`${collectorUrl}/v1/leads?email=lan@example.vn`, { headers: { authorization: `Bearer ${ADMIN}` } });
    return ((await res.json()) as { leads: Array<{ campaignId: string; consent: { version: string; text: string } }> }).leads;
  };
  await expect.poll(stored, { timeout: 15_000 }).toEqual([
    expect.objectContaining({
      campaignId: "e2e-leads",
      consent: expect.objectContaining({ version: "e2e-1", text: "I agree to hear about my prize by email." }),
    }),
  ]);
  // delivered: nothing left waiting in the visitor's storage
  expect(await page.evaluate(() => localStorage.getItem("minigame:leads:e2e-leads"))).toBeNull();
  expect(errors).toEqual([]);
  await context.close();
});
