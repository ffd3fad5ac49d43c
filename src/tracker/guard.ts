// the tracker's manners on a host page: nothing thrown, bad input named, a harmless stand-in when set-up fails
import type { CampaignStats } from "../core/stats/index.js";
import type { Tracker, TrackerError } from "./types.js";

// every way in from the host page goes through here: a bug of ours must not become the page's exception
export function guard<A extends unknown[], R>(fn: (...args: A) => R, fallback: R, report: (e: TrackerError) => void) {
  return (...args: A): R => {
    try {
      return fn(...args);
    } catch (cause) {
      report({ code: "internal", message: `tracker ${fn.name || "call"} failed`, cause });
      return fallback;
    }
  };
}

export const problemWithProps = (props: unknown): string | null => {
  if (props === undefined) return null;
  if (props === null || typeof props !== "object" || Array.isArray(props)) return "props must be a plain object";
  for (const [k, v] of Object.entries(props)) {
    if (k.length > 64) return `props key "${k.slice(0, 20)}…" is longer than 64 characters`;
    if (v !== null && typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
      return `props.${k} must be a string, number, boolean or null, got ${typeof v}`;
    if (typeof v === "string" && v.length > 1000) return `props.${k} is longer than 1000 characters`;
    if (typeof v === "number" && !Number.isFinite(v)) return `props.${k} must be a finite number`;
  }
  return null;
};

/** a tracker that records nothing; `empty` gives its stats() (core's emptyStats) */
export function inert(reason: string, empty: () => CampaignStats): Tracker {
  console.error(`minigame tracker: ${reason}; no events will be recorded`);
  return {
    track: () => null,
    setConsent() {},
    flush: () => Promise.resolve(),
    visitorId: "",
    sessionId: "",
    consent: "denied",
    events: () => [],
    stats: () => empty(),
    pending: () => 0,
    destroy() {},
  };
}
