// the script-tag entry (dist/minigame.js): the only module with side effects. It installs
// window.minigame and window.Minigame, replays the page's queued calls and auto-mounts from data-*.
import * as z from "zod/mini";
import { autoInit } from "./auto-init.js";
import { mount } from "./mount.js";
import { installStubQueue } from "./stub-queue.js";

// currentScript is only set while this file first runs, so read it before anything async
// (tag managers that inject the tag late still set it; the selector covers loaders that do not)
const script = (document.currentScript ?? document.querySelector("script[data-campaign][src*='minigame']")) as HTMLScriptElement | null;

try {
  // no `new Function` probe: under a strict CSP even a caught eval is reported as a violation
  z.config({ jitless: true });
  const api = installStubQueue(window as unknown as Parameters<typeof installStubQueue>[0], mount);
  if (api && script) api.own(autoInit({ script, mount, api }).destroy);
} catch (error) {
  // nothing we do at load may break the host page
  console.error("minigame: could not start", error);
}
