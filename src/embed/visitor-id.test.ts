import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, waitFor, within } from "@testing-library/preact";
import { wheelCampaign } from "../../tests/helpers/ui/campaigns.js";
import { createClientSource } from "./client-source.js";
import { mount } from "./mount.js";
import { keepVisitorId, ledgerVisitor, stableVisitorId } from "./visitor-id.js";

const KEY = "minigame:visitor:id";

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
  localStorage.clear();
});

describe("the events' visitor id and consent", () => {
  it("stores a new id only with consent granted; pending and denied keep it in memory", () => {
    const pending = stableVisitorId(localStorage, "pending");
    expect(stableVisitorId(localStorage, "denied")).not.toBe(pending);
    expect(localStorage.getItem(KEY)).toBeNull();
    const granted = stableVisitorId(localStorage);
    expect(localStorage.getItem(KEY)).toBe(granted);
    // a stored id is read whatever the consent
    expect(stableVisitorId(localStorage, "pending")).toBe(granted);
  });

  it("removes the id on denied, the one from before the key moved too, but never a ledger under the old key", () => {
    localStorage.setItem(KEY, "a");
    localStorage.setItem("minigame:visitor", "older");
    keepVisitorId("a", localStorage, "pending");
    expect(localStorage.getItem(KEY)).toBe("a");
    keepVisitorId(null, localStorage, "denied");
    expect([localStorage.getItem(KEY), localStorage.getItem("minigame:visitor")]).toEqual([null, null]);
    localStorage.setItem("minigame:visitor", '{"v":1}'); // the ledger of a campaign called "visitor"
    keepVisitorId(null, localStorage, "denied");
    expect(localStorage.getItem("minigame:visitor")).toBe('{"v":1}');
  });

  it("client mode plays as one anonymous visitor per browser, whatever consent did to the events' id", async () => {
    const campaign = wheelCampaign({ limits: { perVisitor: { total: 1 } } });
    const first = await createClientSource(campaign, undefined);
    expect((await first.draw()).ok).toBe(true);
    // no id is stored, and a reload is the same visitor
    expect(localStorage.getItem(KEY)).toBeNull();
    const again = await createClientSource(campaign, undefined);
    expect(await again.eligibility()).toMatchObject({ ok: false, reason: "limit_total" });
  });

  it("a ledger from before keeps counting the plays made under the events' id once that id is removed", async () => {
    const campaign = wheelCampaign({ limits: { perVisitor: { total: 1 } } });
    localStorage.setItem(KEY, "earlier");
    await (await createClientSource(campaign, "earlier")).draw(); // what the widget did before
    keepVisitorId(null, localStorage, "denied", campaign.id);
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(ledgerVisitor(campaign.id)).toBe("earlier");
    expect(await (await createClientSource(campaign, undefined)).eligibility()).toMatchObject({ ok: false, reason: "limit_total" });
  });
});

describe("mount() and the visitor id", () => {
  const endpoint = "https://collect.example.com/v1/events";
  const slot = () => document.body.appendChild(document.createElement("div"));

  it("stores no id while consent is pending, stores the events' id once granted and removes it once denied", async () => {
    const sent: { visitorId: string }[] = [];
    vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
      if (String(url) === endpoint) sent.push(...(JSON.parse(String(init.body)) as { events: { visitorId: string }[] }).events);
      return new Response(JSON.stringify({ accepted: 1 }), { status: 200 });
    });
    const el = slot();
    const widget = mount(el, { campaign: wheelCampaign(), collector: { endpoint }, consent: "pending" });
    const ui = within(el.shadowRoot!.querySelector<HTMLElement>(".mg")!);
    const button = (await ui.findByRole("button", { name: "Spin the wheel" }, { timeout: 10_000 })) as HTMLButtonElement;
    await waitFor(() => expect(button.disabled).toBe(false), { timeout: 10_000 });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    fireEvent.click(button);
    await vi.advanceTimersByTimeAsync(10_000);
    vi.useRealTimers();
    // stats() answers once the analytics chunk is here, and that chunk is made with the visitor id
    await waitFor(() => expect(widget.stats()).not.toBeNull(), { timeout: 10_000 });
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(sent).toEqual([]);

    widget.setConsent("granted");
    await waitFor(() => expect(sent.length).toBeGreaterThan(0), { timeout: 10_000 });
    await waitFor(() => expect(localStorage.getItem(KEY)).toBe(sent[0]!.visitorId));
    widget.setConsent("denied");
    await waitFor(() => expect(localStorage.getItem(KEY)).toBeNull());
    widget.destroy();
  });

  it("removes an id an earlier page stored when it starts with consent denied, and never stores the page's own visitorId", async () => {
    localStorage.setItem(KEY, "earlier");
    const denied = mount(slot(), { campaign: wheelCampaign(), consent: "denied" });
    await waitFor(() => expect(localStorage.getItem(KEY)).toBeNull());
    denied.destroy();

    const own = mount(slot(), { campaign: wheelCampaign(), visitorId: "crm-1" });
    // stats() answers once the analytics chunk is here, made with the page's id
    await waitFor(() => expect(own.stats()).not.toBeNull(), { timeout: 10_000 });
    expect(localStorage.getItem(KEY)).toBeNull();
    own.destroy();
  });
});
