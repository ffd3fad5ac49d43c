// what the widget keeps across reloads belongs to the visitor and the member who played it
import { afterEach, describe, expect, it } from "vitest";
import { wheelCampaign } from "../../tests/helpers/ui/campaigns.js";
import { createPlayMemory, type PlayMemory } from "./play-memory.js";

type Won = Parameters<PlayMemory["keepWin"]>[0];

const campaign = wheelCampaign();
const won = (drawId: string, code: string): Won =>
  ({
    ok: true,
    drawId,
    prize: { id: "v50", label: "Voucher 50k" },
    win: true,
    playsLeft: 0,
    playsLeftToday: 0,
    code,
    token: `t-${drawId}`,
  }) as Won;

afterEach(() => localStorage.clear());

describe("createPlayMemory", () => {
  it("shows an anonymous visitor their draw and win again after a reload, stored as before", () => {
    const first = createPlayMemory(campaign, "", localStorage);
    first.keepWin(won("d1", "ALICE-1"));
    first.keepPending(won("d2", "ALICE-2"));
    expect(JSON.parse(localStorage.getItem("minigame:play:test-campaign:")!)).not.toHaveProperty("m");
    const reloaded = createPlayMemory(campaign, "", localStorage);
    expect(reloaded.lastWin()?.code).toBe("ALICE-1");
    expect(reloaded.pending()?.code).toBe("ALICE-2");
  });

  it("shows a member their own draw and win again on a page with the same member token", () => {
    createPlayMemory(campaign, "", localStorage, "jwt-alice").keepWin(won("d1", "ALICE-1"));
    expect(createPlayMemory(campaign, "", localStorage, "jwt-alice").lastWin()?.code).toBe("ALICE-1");
  });

  it("never shows another member's draw or win, and forgets them, code and token, at the first read", () => {
    const alice = createPlayMemory(campaign, "", localStorage, "jwt-alice");
    alice.keepWin(won("d1", "ALICE-1"));
    alice.keepPending(won("d2", "ALICE-2"));
    const bob = createPlayMemory(campaign, "", localStorage, "jwt-bob");
    expect(bob.pending()).toBeNull();
    expect(bob.lastWin()).toBeNull();
    expect(JSON.stringify({ ...localStorage })).not.toMatch(/ALICE|t-d/);
    // what Bob wins is his; Alice's page does not see it either
    bob.keepWin(won("d3", "BOB-1"));
    expect(createPlayMemory(campaign, "", localStorage, "jwt-alice").lastWin()).toBeNull();
  });

  it("shows a member's win to no anonymous page on the same browser, nor an anonymous win to a member", () => {
    createPlayMemory(campaign, "", localStorage, "jwt-alice").keepWin(won("d1", "ALICE-1"));
    expect(createPlayMemory(campaign, "", localStorage).lastWin()).toBeNull();
    createPlayMemory(campaign, "", localStorage).keepWin(won("d2", "ANON-1"));
    expect(createPlayMemory(campaign, "", localStorage, "jwt-alice").lastWin()).toBeNull();
    expect(localStorage.length).toBe(0);
  });
});
