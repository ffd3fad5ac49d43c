// ineligible states, lead form and the modal placement
import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, waitFor } from "@testing-library/preact";
import { renderWidget } from "../../../tests/helpers/ui/render-widget.js";
import { wheelCampaign } from "../../../tests/helpers/ui/campaigns.js";
import { validateLead } from "./LeadForm.js";

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
  document.documentElement.style.overflow = "";
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("ineligible states", () => {
  const denied = (reason: "not_started" | "ended" | "limit_total" | "limit_day" | "cooldown" | "out_of_stock", retryAt?: number) => ({
    deny: { ok: false as const, reason, playsLeft: 0, playsLeftToday: 0, ...(retryAt ? { retryAt } : {}) },
  });

  it("names the start date, in the campaign's time zone, before the campaign opens", async () => {
    const c = wheelCampaign({ timezone: "Asia/Ho_Chi_Minh", schedule: { startsAt: "2030-01-20T09:00:00+07:00" } });
    const { ui } = renderWidget(c, denied("not_started"));
    const status = await ui().findByRole("status");
    expect(status.textContent).toMatch(/^The game opens on 20 Jan 2030.*09:00$/);
    expect(ui().queryByRole("button", { name: "Spin the wheel" })).toBeNull();
  });

  it.each([
    ["ended", "This campaign has ended. Thank you for joining!"],
    ["limit_total", "You have used all your plays. Thank you for joining!"],
    ["out_of_stock", "All prizes have been given out. Thank you!"],
  ] as const)("explains %s", async (reason, text) => {
    const { ui } = renderWidget(wheelCampaign(), denied(reason));
    expect((await ui().findByRole("status")).textContent).toBe(text);
  });

  it("counts down a cooldown and offers the game again when it ends", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    const source = denied("cooldown", Date.now() + 1_800);
    const { ui } = renderWidget(wheelCampaign(), source);
    await vi.advanceTimersByTimeAsync(0);
    // the screen's chunk may still be loading on a busy machine: let I/O run while the fake clock stands still
    for (let i = 0; i < 10_000 && !ui().queryByRole("timer"); i++) await new Promise((r) => setImmediate(r));
    expect(ui().getByRole("status").textContent).toBe("Your next play is ready in");
    expect(ui().getByRole("timer").textContent).toBe("0:02");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ui().getByRole("timer").textContent).toBe("0:01");
    // the cooldown is over for the source too: the widget asks again at zero and offers the wheel
    delete (source as { deny?: unknown }).deny;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ui().getByRole("button", { name: "Spin the wheel" })).toBeTruthy();
  });

  it("shows today's limit in the campaign language with the vi table", async () => {
    const { ui } = renderWidget(wheelCampaign({ locale: "vi" }), denied("limit_day"));
    expect((await ui().findByRole("status")).textContent).toBe("Bạn đã hết lượt hôm nay. Hẹn gặp lại ngày mai!");
  });

  it("lets campaign.strings override any string", async () => {
    const { ui } = renderWidget(wheelCampaign({ strings: { "wheel.spin": "GO!", "deny.ended": "See you next year" } }));
    expect((await ui().findByRole("button", { name: "Spin the wheel" })).textContent).toBe("GO!");
    document.body.innerHTML = "";
    const ended = renderWidget(wheelCampaign({ strings: { "deny.ended": "See you next year" } }), denied("ended"));
    expect((await ended.ui().findByRole("status")).textContent).toBe("See you next year");
  });
});

describe("lead form", () => {
  it("validates email, phone and consent", () => {
    expect(validateLead(["email", "phone"], { email: "a@b", phone: "12" }, false)).toEqual({
      email: "lead.invalidEmail",
      phone: "lead.invalidPhone",
      consent: "lead.consentRequired",
    });
    expect(validateLead(["email", "phone", "name"], { email: "lan@example.vn", phone: "+84 912 345 678", name: "Lan" }, true)).toEqual({});
    expect(validateLead(["name"], { name: "   " }, true)).toEqual({ name: "lead.required" });
  });

  it("asks for contact details before the first spin, then lets the visitor play", async () => {
    const c = wheelCampaign({ requireLead: true, lead: { fields: ["email", "phone"] } });
    const { ui, source, rec } = renderWidget(c, { outcomes: ["v50"] });
    fireEvent.click(await ui().findByRole("button", { name: "Spin the wheel" }));
    const email = await ui().findByLabelText("Email");
    fireEvent.input(email, { target: { value: "not-an-email" } });
    fireEvent.click(ui().getByRole("button", { name: "Continue" }));
    expect(await ui().findByText("Please enter a valid email address")).toBeTruthy();
    expect(ui().getByText("Please fill in this field")).toBeTruthy();
    expect(ui().getByText("Please tick the box to continue")).toBeTruthy();
    expect(email.getAttribute("aria-invalid")).toBe("true");
    expect(source.leads).toHaveLength(0);

    fireEvent.input(email, { target: { value: "lan@example.vn" } });
    fireEvent.input(ui().getByLabelText("Phone number"), { target: { value: "0912 345 678" } });
    fireEvent.click(ui().getByRole("checkbox"));
    fireEvent.click(ui().getByRole("button", { name: "Continue" }));
    fireEvent.click(await ui().findByRole("button", { name: "Spin the wheel" }));
    expect(await ui().findByRole("heading", { name: "Congratulations!" }, { timeout: 3000 })).toBeTruthy();
    expect(source.leads).toEqual([{ consent: true, consentVersion: "default-en-1", email: "lan@example.vn", phone: "0912 345 678" }]);
    // contact details go to the page's listener, never into analytics props
    const lead = rec.tracked.find((e) => e.type === "lead")!;
    expect(lead.props).toEqual({ fields: "email,phone", consent: true });
  });
});

describe("a prize the brand delivers", () => {
  it("asks how to reach the winner before showing a prize with no code, and only then says we will be in touch", async () => {
    const c = wheelCampaign({
      lead: { fields: ["phone"], consent: { text: "I agree to be called about my prize.", version: "2027-03" } },
      prizes: [
        { id: "bike", label: "A bicycle", weight: 1 },
        { id: "none", label: "Next time", weight: 1, win: false },
      ],
    });
    const { ui, source, rec } = renderWidget(c, { outcomes: ["bike"] });
    fireEvent.click(await ui().findByRole("button", { name: "Spin the wheel" }));
    expect(
      await ui().findByText("You won A bicycle! Leave your contact details so we can deliver it.", {}, { timeout: 3000 }),
    ).toBeTruthy();
    expect(ui().queryByRole("heading", { name: "Congratulations!" })).toBeNull();
    // the page hears of the result only once the visitor can be reached
    expect(rec.notified.map((n) => n.name)).not.toContain("result");
    expect(ui().getByText("I agree to be called about my prize.")).toBeTruthy();
    fireEvent.input(ui().getByLabelText("Phone number"), { target: { value: "0912 345 678" } });
    fireEvent.click(ui().getByRole("checkbox"));
    fireEvent.click(ui().getByRole("button", { name: "Continue" }));
    expect(await ui().findByRole("heading", { name: "Congratulations!" })).toBeTruthy();
    expect(source.leads).toEqual([{ consent: true, consentVersion: "2027-03", phone: "0912 345 678" }]);
    fireEvent.click(ui().getByRole("button", { name: "Claim my prize" }));
    expect(await ui().findByText("Claimed: we will be in touch")).toBeTruthy();
  });

  it("shows a prize with a code at once, without asking", async () => {
    const { ui } = renderWidget(wheelCampaign(), { outcomes: ["v50"] });
    fireEvent.click(await ui().findByRole("button", { name: "Spin the wheel" }));
    expect(await ui().findByRole("heading", { name: "Congratulations!" }, { timeout: 3000 })).toBeTruthy();
    expect(ui().getByText("SPRING50")).toBeTruthy();
  });
});

describe("modal placement", () => {
  it("opens from the launcher, traps focus, closes on Esc and releases the scroll lock", async () => {
    document.documentElement.style.overflow = "auto";
    const { root, ui, types, shadowHost } = renderWidget(wheelCampaign(), {}, { placement: "modal" });
    expect(shadowHost.parentElement).toBe(document.body);
    const launcher = await ui().findByRole("button", { name: "Play & win" });
    fireEvent.click(launcher);
    const dialog = await ui().findByRole("dialog", { name: "Spring Lucky Wheel" });
    expect(types()).toContain("open");
    expect(document.documentElement.style.overflow).toBe("hidden");
    await waitFor(() => expect(dialog.contains(root.activeElement)).toBe(true));

    const focusables = [...dialog.querySelectorAll<HTMLElement>("button:not([disabled])")];
    const last = focusables[focusables.length - 1]!;
    last.focus();
    fireEvent.keyDown(last, { key: "Tab" });
    expect(root.activeElement).toBe(focusables[0]);
    fireEvent.keyDown(focusables[0]!, { key: "Tab", shiftKey: true });
    expect(root.activeElement).toBe(last);

    fireEvent.keyDown(dialog, { key: "Escape" });
    await waitFor(() => expect(ui().queryByRole("dialog")).toBeNull());
    expect(document.documentElement.style.overflow).toBe("auto");
    await waitFor(() => expect(root.activeElement?.textContent).toBe("Play & win"));
    expect(types().filter((t) => t === "close")).toHaveLength(1);
  });

  it("opens and closes from the controller, and destroy removes the host element", async () => {
    const { ui, widget, types } = renderWidget(wheelCampaign(), {}, { placement: "modal" });
    await ui().findByRole("button", { name: "Play & win" });
    widget.open();
    expect(await ui().findByRole("dialog")).toBeTruthy();
    fireEvent.click(ui().getByRole("button", { name: "Close" }));
    await waitFor(() => expect(ui().queryByRole("dialog")).toBeNull());
    widget.open();
    await ui().findByRole("dialog");
    widget.destroy();
    expect(document.body.querySelector("[data-minigame]")).toBeNull();
    expect(document.documentElement.style.overflow).toBe("");
    expect(types().filter((t) => t === "open")).toHaveLength(2);
    expect(types().filter((t) => t === "close")).toHaveLength(2);
  });
});

describe("impression", () => {
  it("counts once, only when at least half of the widget is visible", async () => {
    let callback: IntersectionObserverCallback = () => {};
    const observe = vi.fn();
    vi.stubGlobal(
      "IntersectionObserver",
      class {
        constructor(cb: IntersectionObserverCallback) {
          callback = cb;
        }
        observe = observe;
        disconnect() {}
      },
    );
    const { types } = renderWidget(wheelCampaign());
    expect(observe).toHaveBeenCalledTimes(1);
    const entry = (ratio: number) => [{ isIntersecting: ratio > 0, intersectionRatio: ratio }] as unknown as IntersectionObserverEntry[];
    callback(entry(0.3), {} as IntersectionObserver);
    expect(types()).not.toContain("impression");
    callback(entry(0.6), {} as IntersectionObserver);
    callback(entry(1), {} as IntersectionObserver);
    expect(types().filter((t) => t === "impression")).toHaveLength(1);
  });
});

describe("error boundary", () => {
  it("turns a render failure into an error event and a quiet message, never a page exception", async () => {
    const pageErrors: unknown[] = [];
    const onError = (e: Event) => pageErrors.push(e);
    window.addEventListener("error", onError);
    const { ui, rec } = renderWidget(
      wheelCampaign(),
      {},
      {
        odds: () => {
          throw new Error("odds table broke");
        },
      },
    );
    fireEvent.click(await ui().findByRole("button", { name: "Odds & rules" }));
    expect(await ui().findByText("Something went wrong. Please try again in a moment.")).toBeTruthy();
    const error = rec.tracked.find((e) => e.type === "error");
    expect(error?.props).toMatchObject({ where: "render", message: "odds table broke" });
    expect(pageErrors).toHaveLength(0);
    window.removeEventListener("error", onError);
  });

  it("reports a host whose shadow root is taken (closed) and returns a harmless controller", async () => {
    const { createWidget } = await import("../create-widget.js");
    const { createFakeDrawSource } = await import("../../../tests/helpers/ui/fake-draw-source.js");
    const campaign = wheelCampaign();
    const tracked: string[] = [];
    const taken = document.body.appendChild(document.createElement("div"));
    taken.attachShadow({ mode: "closed" });
    const widget = createWidget(taken, {
      campaign,
      placement: "inline",
      source: createFakeDrawSource(campaign),
      odds: () => [],
      track: (t) => tracked.push(t),
    });
    expect(tracked).toEqual(["error"]);
    expect(() => {
      widget.open();
      widget.close();
      widget.destroy();
    }).not.toThrow();
  });
});
