// the event vocabulary without the schema: the tracker and stats import this file, so zod stays out of their bundles
import type { EngagementEvent } from "./schema.js";

export const EVENT_TYPES = ["impression", "open", "play", "result", "claim", "lead", "share", "close", "error"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** event types that must never be dropped to make room and are sent at once */
export const CRITICAL_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>(["result", "claim", "lead"]);

/** test events (props.test === true) never count in stats */
export function isTestEvent(event: Pick<EngagementEvent, "props">): boolean {
  return event.props?.test === true;
}
