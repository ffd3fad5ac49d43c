import { afterEach, describe, expect, it, vi } from "vitest";
import { autoInit } from "./auto-init.js";
import { createEmbedApi } from "./stub-queue.js";
import { startTriggers } from "./triggers.js";
import type { MountOptions, WidgetHandle } from "./types.js";

const CAMPAIGN = {
  id: "spring",
  game: "wheel",
  prizes: [
    { id: "a", label: "A", weight: 1 },
    { id: "b", label: "B", weight: 1, win: false },
  ],
};

function setup(attrs: Record<string, string>, respond: () => Response = () => new Response(JSON.stringify(CAMPAIGN))) {
  const script = document.createElement("script");
  for (const [k, v] of Object.entries(attrs)) script.setAttribute(k, v);
  document.head.append(script);
  const mounts: Array<{ target: Element | string; options: MountOptions; widget: WidgetHandle & { opened: number } }> = [];
  const mount = vi.fn((target: Element | string, options: MountOptions) => {
    const widget = { opened: 0, on: vi.fn(), off: vi.fn(), open: () => widget.opened++, close: vi.fn(), destroy: vi.fn() };
    mounts.push({ target, options, widget });
    return widget;
  });
  const log = { error: vi.fn(), warn: vi.fn() };
  const api = createEmbedApi(mount, log);
  const errors: unknown[] = [];
  api.call("on", "error", (e: unknown) => errors.push(e));
  const fetch = vi.fn(async (_url: string | URL | Request) => respond());
  const init = autoInit({
    script,
    mount,
    api,
    fetch: fetch as unknown as typeof globalThis.fetch,
    console: log,
    loadTriggers: async () => startTriggers,
  });
  return { init, mounts, log, errors, fetch };
}

afterEach(() => {
  document.head.innerHTML = "";
  document.body.innerHTML = "";
  vi.useRealTimers();
});

describe("autoInit", () => {
  it("fetches data-campaign relative to the page and shows the launcher in a modal placement", async () => {
    const { init, mounts, fetch, log } = setup({ "data-campaign": "/campaigns/spring.json" });
    await init.ready;
    expect(String(fetch.mock.calls[0]?.[0])).toBe(new URL("/campaigns/spring.json", document.baseURI).href);
    expect(mounts).toHaveLength(1);
    expect(mounts[0]?.target).toBe(document.body);
    expect(mounts[0]?.options.placement).toBe("modal");
    expect(mounts[0]?.options.campaign).toMatchObject({ id: "spring" });
    expect(mounts[0]?.widget.opened).toBe(0);
    expect(log.error).not.toHaveBeenCalled();
  });

  it("mounts inline into data-target at once, ignoring display triggers", async () => {
    document.body.innerHTML = `<div id="slot"></div>`;
    const delayed = { ...CAMPAIGN, display: { delaySeconds: 600 } };
    const { init, mounts } = setup({ "data-campaign": "/c.json", "data-target": "#slot" }, () => new Response(JSON.stringify(delayed)));
    await init.ready;
    expect(mounts).toHaveLength(1);
    expect(mounts[0]?.target).toBe(document.getElementById("slot"));
    expect(mounts[0]?.options.placement).toBe("inline");
  });

  it("reads inline JSON from a script element referenced by #id without fetching", async () => {
    document.body.innerHTML = `<script type="application/json" id="cfg">${JSON.stringify(CAMPAIGN)}</script><div id="slot"></div>`;
    const { init, mounts, fetch } = setup({ "data-campaign": "#cfg", "data-target": "#slot" });
    await init.ready;
    expect(fetch).not.toHaveBeenCalled();
    expect(mounts).toHaveLength(1);
  });

  it("passes data-collector, data-locale and data-mode to mount", async () => {
    document.body.innerHTML = `<div id="slot"></div>`;
    const { init, mounts } = setup({
      "data-campaign": "/c.json",
      "data-target": "#slot",
      "data-collector": "https://collect.example.com/v1/events",
      "data-locale": "en",
      "data-mode": "server",
    });
    await init.ready;
    expect(mounts[0]?.options).toMatchObject({
      collector: { endpoint: "https://collect.example.com/v1/events" },
      locale: "en",
      mode: "server",
    });
  });

  it("warns about an unknown data-mode and keeps going", async () => {
    const { init, mounts, log } = setup({ "data-campaign": "/c.json", "data-mode": "turbo" });
    await init.ready;
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('data-mode="turbo"'));
    expect(mounts[0]?.options.mode).toBeUndefined();
  });

  it.each([
    ["a 404", () => new Response("not found", { status: 404, statusText: "Not Found" }), /HTTP 404 Not Found/],
    ["invalid JSON", () => new Response("{ nope"), /not valid JSON/],
    [
      "an invalid campaign",
      () => new Response(JSON.stringify({ ...CAMPAIGN, prizes: [{ id: "a", label: "A", weight: -1 }] })),
      /prizes\[0\]\.weight/,
    ],
  ])("shows nothing after %s: one console error and one error event", async (_name, respond, pattern) => {
    const { init, mounts, log, errors } = setup({ "data-campaign": "/c.json" }, respond);
    await init.ready;
    expect(mounts).toHaveLength(0);
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(log.error.mock.calls[0]?.[0]).toMatch(pattern);
    expect(errors).toEqual([{ error: log.error.mock.calls[0]?.[0], where: "load" }]);
  });

  it("fails clearly when the network is down", async () => {
    const { init, log } = setup({ "data-campaign": "/c.json" }, () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(init.ready).resolves.toBeUndefined();
    expect(log.error.mock.calls[0]?.[0]).toMatch(/could not load the campaign.*Failed to fetch/);
  });

  it("fails clearly when data-target matches nothing", async () => {
    const { init, mounts, log } = setup({ "data-campaign": "/c.json", "data-target": "#missing" });
    await init.ready;
    expect(mounts).toHaveLength(0);
    expect(log.error.mock.calls[0]?.[0]).toMatch(/data-target="#missing" matches no element/);
  });

  it("does nothing without data-campaign", async () => {
    const { init, mounts, fetch, log } = setup({});
    await init.ready;
    expect(fetch).not.toHaveBeenCalled();
    expect(mounts).toHaveLength(0);
    expect(log.error).not.toHaveBeenCalled();
  });

  it("mounts and opens the popup when the delay trigger fires", async () => {
    vi.useFakeTimers();
    const delayed = { ...CAMPAIGN, display: { delaySeconds: 3 } };
    const { init, mounts } = setup({ "data-campaign": "/c.json" }, () => new Response(JSON.stringify(delayed)));
    await init.ready;
    expect(mounts).toHaveLength(0);
    vi.advanceTimersByTime(3000);
    expect(mounts).toHaveLength(1);
    expect(mounts[0]?.widget.opened).toBe(1);
    expect(init.widget()).toBe(mounts[0]?.widget);
  });

  it("destroy removes the widget and pending triggers", async () => {
    vi.useFakeTimers();
    const delayed = { ...CAMPAIGN, display: { delaySeconds: 3 } };
    const { init, mounts } = setup({ "data-campaign": "/c.json" }, () => new Response(JSON.stringify(delayed)));
    await init.ready;
    init.destroy();
    vi.advanceTimersByTime(3000);
    expect(mounts).toHaveLength(0);
  });
});
