export { eventSchema, batchSchema, EVENT_TYPES, CRITICAL_EVENT_TYPES, isTestEvent } from "./schema.js";
export type { EngagementEvent, EventType, EventProps, EventBatch } from "./schema.js";
