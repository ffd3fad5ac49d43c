// createTracker: the tracker with core's stats functions. tracker.ts takes them as a parameter so the script tag's
// analytics chunk can fetch them only when stats() is called
import { computeStats, emptyStats } from "../core/stats/index.js";
import { createTrackerWith } from "./tracker.js";
import type { Tracker, TrackerOptions } from "./types.js";

/**
 * Queue engagement events in the page and deliver them to the collector: write-ahead to storage, batched,
 * retried with backoff, beaconed on page exit, one sending tab at a time, and nothing without consent.
 * @example
 * const tracker = createTracker({ endpoint: "https://collect.example.com/v1/events", campaignId: "tet-2027" });
 * tracker.track("play", { prizeId: "voucher50" });
 */
export function createTracker(options: TrackerOptions): Tracker {
  return createTrackerWith(options, { computeStats, emptyStats });
}
