// engagement events from the script tag reach a real HTTP endpoint, in the shape of src/core/events/schema.ts,
// including what is still queued when the visitor closes the page (sendBeacon)
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batchSchema, eventSchema } from "../../src/core/index.js";
import { launchChromium, startEventSink, startStaticServer, type EventSink, type StaticServer } from "./harness.js";
import { demoWheel, hostPage, spinAndRead } from "./pages.js";

let browser: Browser;
let server: StaticServer;
let sink: EventSink;

beforeAll(async () => {
  server = await startStaticServer();
  sink = await startEventSink();
  browser = await launchChromium();
  server.route("/events/campaign.json", JSON.stringify(demoWheel));
  const attrs = { "data-campaign": "/events/campaign.json", "data-collector": sink.endpoint };
  server.route("/events/index.html", hostPage({ attrs: { ...attrs, "data-target": "#slot" }, body: `<div id="slot"></div>` }));
  server.route("/events/launcher.html", hostPage({ attrs }));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await sink?.close();
});

/** every batch and every event in it must pass the core schemas */
function expectValid() {
  for (const batch of sink.batches) {
    expect(batchSchema.safeParse(batch.body).success, batch.raw).toBe(true);
  }
  for (const event of sink.events()) {
    const parsed = eventSchema.safeParse(event);
    expect(parsed.success, JSON.stringify(event)).toBe(true);
    expect(event.campaignId).toBe(demoWheel.id);
  }
}

describe("events from the script tag", () => {
  it("sends impression, play and result for a spin, valid against the event schema", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/events/index.html`);
    const { announced } = await spinAndRead(
      page,
      "mouse",
      demoWheel.prizes.map((p) => p.label),
    );
    await sink.waitFor((events) => ["impression", "play", "result"].every((t) => events.some((e) => e.type === t)));
    expectValid();
    const events = sink.events();
    // one visitor, one session, every id unique
    expect(new Set(events.map((e) => e.visitorId)).size).toBe(1);
    expect(new Set(events.map((e) => e.sessionId)).size).toBe(1);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const result = events.find((e) => e.type === "result")!;
    const prize = demoWheel.prizes.find((p) => p.id === (result.props as Record<string, unknown>).prizeId);
    expect(prize?.label).toBe(announced);
    // no CORS preflight on the way out: bodies go as text/plain
    expect(sink.batches.every((b) => String(b.headers["content-type"]).startsWith("text/plain"))).toBe(true);
    await context.close();
  });

  it("delivers what is still queued when the page closes, by beacon", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    sink.batches.length = 0;
    await page.goto(`${server.url}/events/launcher.html`);
    await sink.waitFor((events) => events.some((e) => e.type === "impression"));
    const before = sink.batches.length;
    // opening the game is not urgent: it waits for the next batch, seconds away; the page closes before that
    await page.locator(".mg-launcher").click();
    await page.locator("[role=dialog]").waitFor();
    await page.close({ runBeforeUnload: true });
    await sink.waitFor((events) => events.some((e) => e.type === "open"));
    expectValid();
    const late = sink.batches.slice(before);
    const beacon = late.find((b) => (b.body as { events: Array<{ type: string }> }).events.some((e) => e.type === "open"))!;
    // sendBeacon requests carry no CORS mode: that is how they differ from fetch()
    expect(beacon.headers["sec-fetch-mode"]).toBe("no-cors");
    await context.close();
  });
});
