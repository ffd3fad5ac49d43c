export { eventSchema, batchSchema } from "./schema.js";
export { EVENT_TYPES, CRITICAL_EVENT_TYPES, isTestEvent } from "./constants.js";
export type { EventType } from "./constants.js";
export type { EngagementEvent, EventProps, EventBatch } from "./schema.js";
