// a wheel the loader painted: the widget takes it over when the visitor first reaches for it, not before
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Campaign } from "../core/schema/campaign.js";
import { wheelCampaign } from "../../tests/helpers/ui/campaigns.js";
import { frameIn } from "../ui/first-frame.js";
import { createPlayMemory } from "../ui/play-memory.js";
import * as wheel from "../ui/wheel/index.js";
import { paintWheel } from "../ui/wheel/paint.js";
import { mountCampaign } from "./mount-campaign.js";
import { mountCampaignWith } from "./mount-with.js";
import { createWidget } from "../ui/create-widget.js";

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
  localStorage.clear();
});

/** a painted wheel and the widget mounted over it, as the loader does; every engagement event in `events`; `show()`
 * brings what is watched for the impression fully on screen */
/** an unclaimed win of the campaign's first prize, remembered on this browser (for `member`'s token when given) */
function keepWin(campaign: Campaign, member?: string, code?: string): void {
  const prize = campaign.prizes[0]!;
  createPlayMemory(campaign, "", localStorage, member).keepWin({
    ok: true,
    drawId: "d1",
    prize: { id: prize.id, label: prize.label },
    win: true,
    playsLeft: 0,
    playsLeftToday: 0,
    ...(code ? { code } : {}),
  } as Parameters<ReturnType<typeof createPlayMemory>["keepWin"]>[0]);
}

async function paintedWidget(campaign: Campaign = wheelCampaign()) {
  const watchers: Array<[Element, IntersectionObserverCallback]> = [];
  vi.stubGlobal(
    "IntersectionObserver",
    class {
      constructor(private cb: IntersectionObserverCallback) {}
      observe(el: Element) {
        watchers.push([el, this.cb]);
      }
      disconnect() {
        for (let i = watchers.length - 1; i >= 0; i--) if (watchers[i]![1] === this.cb) watchers.splice(i, 1);
      }
    },
  );
  const show = () => {
    for (const [el, cb] of [...watchers])
      cb(
        [{ target: el, isIntersecting: true, intersectionRatio: 1 }] as unknown as IntersectionObserverEntry[],
        {} as IntersectionObserver,
      );
  };
  const host = document.body.appendChild(document.createElement("div"));
  const frame = (await paintWheel(host, campaign))!;
  const events: Array<[string, Record<string, unknown> | undefined]> = [];
  const mount = () => mountCampaign(host, campaign, { game: wheel, track: (type, props) => events.push([type, props]) });
  const root = host.shadowRoot!;
  return { host, frame, root, events, mount, show, count: (type: string) => events.filter(([t]) => t === type).length };
}

describe("mountCampaign over a painted wheel", () => {
  it("counts the impression on the painted card and runs nothing else until the visitor reaches for it", async () => {
    const { frame, root, events, mount, show, count } = await paintedWidget();
    const card = root.querySelector(".mg");
    mount();
    expect(count("impression")).toBe(0);
    show();
    expect(count("impression")).toBe(1);
    expect(events[0]).toEqual(["impression", { game: "wheel", placement: "inline" }]);
    expect(frameIn(root)).toBe(frame); // not taken over: no Preact render, no eligibility read
    root.querySelector(".mg-hub")!.dispatchEvent(new Event("pointerover", { bubbles: true }));
    await vi.waitFor(() => expect(frameIn(root)).toBeUndefined());
    expect(root.querySelectorAll(".mg")).toHaveLength(1);
    expect(root.querySelector(".mg")).toBe(card); // hydrated, the same nodes
    // eligibility arrives; the button stays pressable and the impression was not counted twice
    await vi.waitFor(() => expect(root.querySelector(".mg-hint")!.textContent).toBe("Tap Spin to try your luck"));
    show();
    expect(count("impression")).toBe(1);
  });

  it("plays a spin pressed on the painted wheel once the widget takes over, exactly once", async () => {
    const { root, mount, show, count } = await paintedWidget();
    root.querySelector<HTMLButtonElement>(".mg-hub")!.click(); // before the widget's code is even mounted
    mount();
    show();
    await vi.waitFor(() => expect(count("play")).toBe(1), { timeout: 10_000 });
    expect(count("result")).toBe(1);
    expect(count("open")).toBe(1);
    expect(count("impression")).toBe(1);
  });

  it("takes over when the page calls open(), and counts that open", async () => {
    const { root, mount, count } = await paintedWidget();
    const widget = mount();
    widget.open();
    await vi.waitFor(() => expect(frameIn(root)).toBeUndefined());
    expect(count("open")).toBe(1);
    expect(root.querySelectorAll(".mg")).toHaveLength(1);
  });

  it("takes the painted wheel away on destroy() before any take-over", async () => {
    const { root, mount } = await paintedWidget();
    const widget = mount();
    widget.destroy();
    expect(root.querySelector(".mg")).toBeNull();
    expect(frameIn(root)).toBeUndefined();
  });

  it("takes over at once when the visitor has an unclaimed win to see again", async () => {
    const campaign = wheelCampaign();
    keepWin(campaign);
    const { root, mount } = await paintedWidget(campaign);
    mount();
    expect(frameIn(root)).toBeUndefined();
  });

  it("leaves the painted wheel alone when the unclaimed win is another member's, and forgets it", async () => {
    const campaign = wheelCampaign();
    // Alice won on this browser; Bob is the member logged in now
    keepWin(campaign, "jwt-alice", "CODE-OF-ALICE");
    const { host, root, frame } = await paintedWidget(campaign);
    mountCampaign(host, campaign, { game: wheel, memberToken: "jwt-bob", track: () => {} });
    expect(frameIn(root)).toBe(frame);
    expect(JSON.stringify({ ...localStorage })).not.toContain("CODE-OF-ALICE");
  });

  it("asks for the widget's code only on the first reach, and fetches it ahead meanwhile", async () => {
    const { host, root, show } = await paintedWidget();
    const code = vi.fn(() => Promise.resolve({ createWidget, game: wheel }));
    const ahead = vi.fn();
    mountCampaignWith(code, host, wheelCampaign(), {}, ahead);
    show();
    expect(code).not.toHaveBeenCalled();
    expect(ahead).toHaveBeenCalledTimes(1);
    root.querySelector(".mg-hub")!.dispatchEvent(new Event("pointerover", { bubbles: true }));
    await vi.waitFor(() => expect(frameIn(root)).toBeUndefined());
    expect(code).toHaveBeenCalledTimes(1);
    expect(root.querySelectorAll(".mg")).toHaveLength(1);
  });

  it("shows nothing and reports one error when the widget's code cannot load at the reach", async () => {
    const { host, root } = await paintedWidget();
    const errors: unknown[] = [];
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const widget = mountCampaignWith(() => Promise.reject(new Error("offline")), host, wheelCampaign());
    widget.on("error", (e) => errors.push(e));
    root.querySelector(".mg-hub")!.dispatchEvent(new Event("pointerover", { bubbles: true }));
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toMatchObject({ where: "load" });
    expect(root.querySelector(".mg")).toBeNull();
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });

  it("without a collector keeps the impression in memory until the page asks for stats()", async () => {
    const { mount, show } = await paintedWidget();
    const widget = mount();
    show();
    expect(widget.stats()).toBeNull(); // the first call sends for the analytics chunk
    await vi.waitFor(() => expect(widget.stats()).toMatchObject({ impressions: 1 }), { timeout: 10_000 });
  });
});
