import { describe, expect, it } from "vitest";
import { createFlow, type EventName } from "./flow.js";
import { createFakeDrawSource } from "../../../tests/helpers/ui/fake-draw-source.js";
import { wheelCampaign } from "../../../tests/helpers/ui/campaigns.js";
import type { DrawSource } from "../draw-source.js";

const sink = () => {
  const tracked: { name: EventName; props?: unknown }[] = [];
  const notified: { name: EventName; payload?: unknown }[] = [];
  return {
    tracked,
    notified,
    track: (name: EventName, props?: unknown) => void tracked.push({ name, props }),
    notify: (name: EventName, payload?: unknown) => void notified.push({ name, payload }),
  };
};

describe("createFlow", () => {
  it("moves from loading to intro, and to the result only when the caller reveals it", async () => {
    const c = wheelCampaign();
    const events = sink();
    const flow = createFlow(c, createFakeDrawSource(c, { outcomes: ["v50"] }), events);
    expect(flow.screen.value).toBe("loading");
    await flow.refresh();
    expect(flow.screen.value).toBe("intro");
    const r = await flow.draw();
    expect(r?.prize?.id).toBe("v50");
    // tracked at once, announced to the page only at the reveal
    expect(events.tracked.map((e) => e.name)).toEqual(["open", "play", "result"]);
    expect(events.notified.map((e) => e.name)).toEqual(["open", "play"]);
    expect(flow.screen.value).toBe("intro");
    flow.reveal(r!);
    expect(flow.screen.value).toBe("result");
    expect(events.notified.at(-1)).toEqual({ name: "result", payload: r });
  });

  it("shows a refusal from the draw itself and the lead form when a lead is missing", async () => {
    const c = wheelCampaign();
    const refusing = (reason: "cooldown" | "lead_required"): DrawSource => ({
      eligibility: async () => ({ ok: true, playsLeft: 1, playsLeftToday: 1 }),
      draw: async () => ({ ok: false, reason, retryAt: 5_000, playsLeft: 1, playsLeftToday: 1 }),
      grantBonus: async () => 0,
      submitLead: async () => {},
    });
    const cooling = createFlow(c, refusing("cooldown"), sink());
    await cooling.refresh();
    expect(await cooling.draw()).toBeNull();
    expect(cooling.screen.value).toBe("denied");
    expect(cooling.eligibility.value).toEqual({ ok: false, reason: "cooldown", retryAt: 5_000, playsLeft: 1, playsLeftToday: 1 });
    const asking = createFlow(c, refusing("lead_required"), sink());
    await asking.refresh();
    await asking.draw();
    expect(asking.screen.value).toBe("lead");
  });

  it("after a failed eligibility read, a press draws nothing and leaves the widget free for the retry", async () => {
    const c = wheelCampaign();
    let reads = 0;
    let draws = 0;
    const source: DrawSource = {
      eligibility: async () => {
        if (++reads === 1) throw new Error("offline");
        return { ok: true, playsLeft: 1, playsLeftToday: 1 };
      },
      draw: async () => {
        draws++;
        return { ok: false, reason: "cooldown", playsLeft: 1, playsLeftToday: 1 };
      },
      grantBonus: async () => 0,
      submitLead: async () => {},
    };
    const flow = createFlow(c, source, sink());
    await flow.refresh();
    expect(flow.screen.value).toBe("error");
    expect(await flow.draw()).toBeNull();
    expect(draws).toBe(0);
    expect(flow.busy.value).toBe(false);
    await flow.refresh();
    expect(flow.screen.value).toBe("intro");
    await flow.draw();
    expect(draws).toBe(1);
  });

  it("turns a failing draw into one error event and the error screen, and ignores a second draw while busy", async () => {
    const c = wheelCampaign();
    const events = sink();
    let calls = 0;
    const source: DrawSource = {
      eligibility: async () => ({ ok: true, playsLeft: null, playsLeftToday: null }),
      draw: async () => {
        calls++;
        await Promise.resolve(); // still in flight when the second draw() is called, in the same tick
        throw new Error("HTTP 502");
      },
      grantBonus: async () => 0,
      submitLead: async () => {},
    };
    const flow = createFlow(c, source, events);
    await flow.refresh();
    const [a, b] = await Promise.all([flow.draw(), flow.draw()]);
    expect([a, b]).toEqual([null, null]);
    expect(calls).toBe(1);
    expect(flow.screen.value).toBe("error");
    expect(events.tracked.filter((e) => e.name === "error")).toEqual([{ name: "error", props: { where: "draw", message: "HTTP 502" } }]);
  });
});
