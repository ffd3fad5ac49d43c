// minigame-sdk/core: schema, engine, events and stats; no DOM, no Node, no Preact
export * from "./schema/index.js";
export * from "./events/index.js";
export * from "./engine/index.js";
export * from "./stats/index.js";
export { dayKey, daysBetween, isValidTimeZone } from "./util/time.js";
