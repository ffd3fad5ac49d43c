import { describe, expect, it, vi } from "vitest";
import { installStubQueue, type MinigameFunction } from "./stub-queue.js";
import type { MountFunction, WidgetEvent, WidgetHandle, Listener } from "./types.js";

/** a widget double that records calls and lets the test fire its events */
function fakeWidget() {
  const listeners = new Map<WidgetEvent, Listener[]>();
  const calls: string[] = [];
  const widget: WidgetHandle & { fire(type: WidgetEvent, payload: unknown): void; calls: string[] } = {
    calls,
    on(type, listener) {
      listeners.set(type, [...(listeners.get(type) ?? []), listener as Listener]);
      return () => {};
    },
    off() {},
    open: () => calls.push("open"),
    close: () => calls.push("close"),
    destroy: () => calls.push("destroy"),
    fire(type, payload) {
      for (const l of listeners.get(type) ?? []) (l as (p: unknown) => void)(payload);
    },
  };
  return widget;
}

/** the snippet pages paste, exactly as the docs show it */
function pageStub(host: { minigame?: MinigameFunction }): MinigameFunction {
  host.minigame =
    host.minigame ||
    ((...args: unknown[]) => {
      host.minigame!.q = host.minigame!.q || [];
      host.minigame!.q.push(args);
    });
  return host.minigame;
}

function quietConsole() {
  return { warn: vi.fn(), error: vi.fn() };
}

describe("installStubQueue", () => {
  it("replays calls queued before load, in order, then replaces the stub", () => {
    const order: string[] = [];
    const widget = fakeWidget();
    const mount: MountFunction = vi.fn(() => {
      order.push("mount");
      return widget;
    });
    const host: { minigame?: MinigameFunction; console: ReturnType<typeof quietConsole> } = { console: quietConsole() };
    const stub = pageStub(host);
    stub("on", "result", (r: unknown) => order.push(`result:${String(r)}`));
    stub("mount", "#slot", { campaign: { id: "a" } });
    stub("open");

    const api = installStubQueue(host, mount);
    expect(api).not.toBeNull();
    expect(order).toEqual(["mount"]);
    expect(widget.calls).toEqual(["open"]);
    expect(host.minigame).not.toBe(stub);
    expect(host.minigame?.l).toBe(true);

    widget.fire("result", "voucher");
    expect(order).toEqual(["mount", "result:voucher"]);
  });

  it("exposes window.Minigame.mount", () => {
    const mount: MountFunction = () => fakeWidget();
    const host: { minigame?: MinigameFunction; Minigame?: { mount: MountFunction }; console: ReturnType<typeof quietConsole> } = {
      console: quietConsole(),
    };
    installStubQueue(host, mount);
    expect(host.Minigame?.mount).toBe(mount);
  });

  it("ignores a second load with exactly one warning", () => {
    const mount = vi.fn(() => fakeWidget());
    const host: { minigame?: MinigameFunction; console: ReturnType<typeof quietConsole> } = { console: quietConsole() };
    const first = installStubQueue(host, mount);
    const real = host.minigame;
    const second = installStubQueue(host, mount);
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    expect(host.minigame).toBe(real);
    expect(host.console.warn).toHaveBeenCalledTimes(1);
    expect(host.console.warn.mock.calls[0]?.[0]).toMatch(/loaded twice/);
  });

  it("delivers events emitted without a widget to page listeners", () => {
    const host: { minigame?: MinigameFunction; console: ReturnType<typeof quietConsole> } = { console: quietConsole() };
    const seen: unknown[] = [];
    pageStub(host)("on", "error", (e: unknown) => seen.push(e));
    const api = installStubQueue(host, () => fakeWidget())!;
    api.emit("error", { error: "campaign not found" });
    expect(seen).toEqual([{ error: "campaign not found" }]);
  });

  it("stops delivering to a listener removed with off", () => {
    const host: { minigame?: MinigameFunction; console: ReturnType<typeof quietConsole> } = { console: quietConsole() };
    const api = installStubQueue(host, () => fakeWidget())!;
    const listener = vi.fn();
    host.minigame!("on", "play", listener);
    api.emit("play", 1);
    host.minigame!("off", "play", listener);
    api.emit("play", 2);
    expect(listener.mock.calls).toEqual([[1]]);
  });

  it("never throws into the page: unknown commands warn once, failing mounts log an error", () => {
    const host: { minigame?: MinigameFunction; console: ReturnType<typeof quietConsole> } = { console: quietConsole() };
    installStubQueue(host, () => {
      throw new Error("boom");
    });
    expect(() => host.minigame!("spin")).not.toThrow();
    expect(() => host.minigame!("spin")).not.toThrow();
    expect(host.console.warn).toHaveBeenCalledTimes(1);
    expect(() => host.minigame!("mount", "#x", {})).not.toThrow();
    expect(host.console.error).toHaveBeenCalledTimes(1);
  });

  it("destroy removes the widgets, the page's listeners and what auto-init left pending", () => {
    const host: { minigame?: MinigameFunction; console: ReturnType<typeof quietConsole> } = { console: quietConsole() };
    const widget = fakeWidget();
    const api = installStubQueue(host, () => widget)!;
    const pending = vi.fn();
    api.own(pending);
    const listener = vi.fn();
    host.minigame!("on", "result", listener);
    host.minigame!("mount", "#slot", {});
    host.minigame!("destroy");
    expect(widget.calls).toEqual(["destroy"]);
    expect(pending).toHaveBeenCalledTimes(1);
    api.emit("result", 1);
    expect(listener).not.toHaveBeenCalled();
    // a second destroy has nothing left to undo
    host.minigame!("destroy");
    expect(widget.calls).toEqual(["destroy"]);
    expect(pending).toHaveBeenCalledTimes(1);
  });

  it("keeps calling the other listeners when one throws", () => {
    const host: { minigame?: MinigameFunction; console: ReturnType<typeof quietConsole> } = { console: quietConsole() };
    const api = installStubQueue(host, () => fakeWidget())!;
    const after = vi.fn();
    host.minigame!("on", "close", () => {
      throw new Error("page bug");
    });
    host.minigame!("on", "close", after);
    api.emit("close", null);
    expect(after).toHaveBeenCalledTimes(1);
  });
});
