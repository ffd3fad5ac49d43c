// the event types the tracker needs at run time, without pulling zod (core's schema module) into the page;
// event-types.test.ts pins them to src/core/events so the two cannot drift
import type { EventType } from "../core/events/index.js";

export const EVENT_TYPES: readonly EventType[] = ["impression", "open", "play", "result", "claim", "lead", "share", "close", "error"];

/** sent at once and dropped last on overflow */
export const CRITICAL_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>(["result", "claim", "lead"]);
