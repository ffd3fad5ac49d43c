import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, waitFor, within } from "@testing-library/preact";
import { mount } from "./mount.js";

const campaign = {
  id: "spring",
  game: "wheel",
  locale: "en",
  title: "Spring wheel",
  limits: { perVisitor: { total: 3 } },
  prizes: [
    { id: "v50", label: "Voucher 50k", weight: 1, code: "SPRING50" },
    { id: "none", label: "Next time", weight: 0, win: false },
  ],
};

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
  localStorage.clear();
  vi.restoreAllMocks();
});

/** the spin button once eligibility is known: the draw source loads after the first paint (real timers) */
async function enabled(find: Promise<HTMLElement>): Promise<HTMLElement> {
  const button = (await find) as HTMLButtonElement;
  await waitFor(() => expect(button.disabled).toBe(false), { timeout: 10_000 });
  return button;
}

/** click spin once it is enabled and let the whole spin and reveal run on fake timers (the spin itself lasts 4–5.5 s) */
async function spinToTheEnd(ui: ReturnType<typeof within>): Promise<void> {
  const button = await enabled(ui.findByRole("button", { name: "Spin the wheel" }, { timeout: 10_000 }));
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  fireEvent.click(button);
  await vi.advanceTimersByTimeAsync(10_000);
  vi.useRealTimers();
}

const slot = () => {
  const el = document.createElement("div");
  el.id = "slot";
  document.body.appendChild(el);
  return el;
};

describe("mount", () => {
  it("renders nothing for an invalid campaign, logs one error listing every issue and emits error", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const el = slot();
    const bad = { ...campaign, prizes: [{ id: "a", label: "A", weight: -1 }], game: "dice" };
    const widget = mount("#slot", { campaign: bad });
    const errors: unknown[] = [];
    widget.on("error", (e) => errors.push(e));
    await Promise.resolve();
    expect(el.shadowRoot).toBeNull();
    expect(el.childNodes).toHaveLength(0);
    expect(log).toHaveBeenCalledTimes(1);
    const message = String(log.mock.calls[0]![0]);
    expect(message).toContain("game:");
    expect(message).toContain("prizes[0].weight");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ where: "mount", issues: expect.any(Array) });
    expect(() => {
      widget.open();
      widget.close();
      widget.destroy();
    }).not.toThrow();
    expect(widget.stats()).toBeNull();
  });

  it("accepts the campaign as JSON text and reports broken JSON the same way", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const el = slot();
    mount(el, { campaign: "{ not json" });
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]![0])).toContain("not valid JSON");
    mount(el, { campaign: JSON.stringify(campaign) });
    expect(
      await within(el.shadowRoot!.querySelector<HTMLElement>(".mg")!).findByRole("button", { name: "Spin the wheel" }, { timeout: 10_000 }),
    ).toBeTruthy();
  });

  it("reports a target that matches nothing without throwing", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const widget = mount("#missing", { campaign });
    const errors: unknown[] = [];
    widget.on("error", (e) => errors.push(e));
    await Promise.resolve();
    expect(log).toHaveBeenCalledTimes(1);
    expect(errors).toHaveLength(1);
    expect(document.body.children).toHaveLength(0);
  });

  it("plays in client mode and emits play, result and claim to listeners; stats() counts them", async () => {
    Object.defineProperty(navigator, "clipboard", { value: { writeText: async () => {} }, configurable: true });
    const el = slot();
    const widget = mount("#slot", { campaign, visitorId: "visitor-7" });
    const heard: string[] = [];
    let result: { ok: boolean; prize: { id: string }; code?: string } | undefined;
    for (const name of ["open", "play", "result", "claim"] as const)
      widget.on(name, (p) => {
        heard.push(name);
        if (name === "result") result = p as typeof result;
      });
    const ui = within(el.shadowRoot!.querySelector<HTMLElement>(".mg")!);
    await spinToTheEnd(ui);
    // the screens after a play are their own chunk
    fireEvent.click(await ui.findByRole("button", { name: "Copy" }, { timeout: 10_000 }));
    await waitFor(() => expect(heard).toEqual(["open", "play", "result", "claim"]));
    expect(result).toMatchObject({ ok: true, prize: { id: "v50" } });
    expect(result!.code).toBe("SPRING50");
    // stats come from the analytics chunk, fetched with the first event
    await waitFor(() => expect(widget.stats()).toMatchObject({ plays: 1, wins: 1, claims: 1, participants: 1, prizes: { v50: 1 } }), {
      timeout: 10_000,
    });
    widget.destroy();
    expect(el.shadowRoot!.querySelector(".mg")).toBeNull();
  });

  it("without a target shows a launcher on <body> that opens a modal", async () => {
    const widget = mount(null, { campaign });
    const opened: unknown[] = [];
    widget.on("open", () => opened.push(1));
    const host = document.body.querySelector("[data-minigame=spring]")!;
    const ui = within(host.shadowRoot!.querySelector<HTMLElement>(".mg")!);
    expect(await ui.findByRole("button", { name: "Play & win" })).toBeTruthy();
    widget.open();
    expect(await ui.findByRole("dialog")).toBeTruthy();
    expect(opened).toHaveLength(1);
    widget.destroy();
    expect(document.body.querySelector("[data-minigame]")).toBeNull();
  });

  it("uses the collector in server mode, with a visitor it mints and the page's member token", async () => {
    const calls: { url: string; body?: string }[] = [];
    const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(url), ...(init?.body ? { body: String(init.body) } : {}) });
      if (String(url).endsWith("/visitors"))
        return new Response(JSON.stringify({ visitorId: "mv-1", visitorToken: "t-1", referralToken: "r-1" }), { status: 201 });
      return new Response(JSON.stringify({ ok: false, reason: "ended", playsLeft: 0, playsLeftToday: 0 }), { status: 200 });
    });
    // the visitor arrives from a Zalo link: the mint names the page's origin and the utm_source, never the path
    const landing = window.location.href;
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL("https://shop.example/tet?utm_source=zalo&x=1");
    const el = slot();
    const storage = window.sessionStorage;
    storage.clear();
    try {
      mount(el, { campaign, drawUrl: "https://c.example.com/v1/campaigns/spring/draw", memberToken: "jwt-1", storage, fetch });
      const ui = within(el.shadowRoot!.querySelector<HTMLElement>(".mg")!);
      expect((await ui.findByRole("status")).textContent).toBe("This campaign has ended. Thank you for joining!");
      expect(calls).toEqual([
        {
          url: "https://c.example.com/v1/campaigns/spring/visitors",
          body: JSON.stringify({ memberToken: "jwt-1", context: { url: "https://shop.example", utm: { utm_source: "zalo" } } }),
        },
        { url: "https://c.example.com/v1/campaigns/spring/eligibility?visitorId=mv-1&visitorToken=t-1" },
      ]);
    } finally {
      (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(landing);
    }
  });

  it("mounts a server-mode quiz from the collector's public view, which has no answers", async () => {
    const fetch = vi.fn(async () => new Response("{}", { status: 500 }));
    const publicView = {
      id: "trivia",
      game: "quiz",
      locale: "en",
      mode: "server",
      prizes: [
        { id: "v50", label: "Voucher 50k", weight: 1 },
        { id: "none", label: "Thanks", weight: 1, win: false },
      ],
      quiz: {
        questions: [{ id: "q1", text: "Which fruit tray is a Tết tradition?", choices: ["Mâm ngũ quả", "Fruit salad"] }],
        passScore: 1,
        prizeTiers: [{ minScore: 1, prizeIds: ["v50"] }],
      },
    };
    const el = slot();
    const errors: unknown[] = [];
    const widget = mount(el, { campaign: publicView, drawUrl: "https://c.example.com/v1/campaigns/trivia/draw", fetch });
    widget.on("error", (e) => errors.push(e));
    const ui = within(el.shadowRoot!.querySelector<HTMLElement>(".mg")!);
    expect(await ui.findByRole("button", { name: "Start" }, { timeout: 10_000 })).toBeTruthy();
    expect(errors).toEqual([]);
    expect(fetch).not.toHaveBeenCalled(); // a page view asks the collector nothing
  });

  it("sends events through the tracker to the collector and takes stats() from its history", async () => {
    const batches: { events: { type: string; campaignId: string; visitorId: string; props?: Record<string, unknown> }[] }[] = [];
    vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
      if (String(url) === "https://collect.example.com/v1/events") batches.push(JSON.parse(String(init.body)));
      return new Response(JSON.stringify({ accepted: 1 }), { status: 200 });
    });
    const el = slot();
    const widget = mount(el, {
      campaign: { ...campaign, testMode: true },
      collector: { endpoint: "https://collect.example.com/v1/events" },
      visitorId: "visitor-9",
    });
    const ui = within(el.shadowRoot!.querySelector<HTMLElement>(".mg")!);
    const results: unknown[] = [];
    widget.on("result", (r) => results.push(r));
    await spinToTheEnd(ui);
    await waitFor(() => expect(results).toHaveLength(1));
    await waitFor(() => expect(widget.stats()).toMatchObject({ plays: 0, wins: 0 }), { timeout: 10_000 }); // test events never count
    widget.destroy();
    await waitFor(() =>
      expect(batches.flatMap((b) => b.events).map((e) => e.type)).toEqual(expect.arrayContaining(["open", "play", "result"])),
    );
    const sent = batches.flatMap((b) => b.events);
    expect(sent.every((e) => e.campaignId === "spring" && e.visitorId === "visitor-9" && e.props?.test === true)).toBe(true);
  });
});
