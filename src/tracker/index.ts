// minigame-sdk tracker: engagement events from the page to the collector, nothing lost, nothing counted twice
export { createTracker } from "./create-tracker.js";
export { MAX_EVENT_BYTES, QUEUE_MAX_BYTES, QUEUE_MAX_EVENTS } from "./tracker.js";
export { createFetchTransport } from "./transport.js";
export { createMemoryStorage } from "./storage.js";
export { uuidv7 } from "./uuid.js";
export type {
  Consent,
  LockManagerLike,
  StorageLike,
  Tracker,
  TrackerError,
  TrackerErrorCode,
  TrackerOptions,
  Transport,
  TransportResponse,
} from "./types.js";
