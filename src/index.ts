// minigame-sdk: everything a page needs (core, tracker, widget)
export * from "./core/index.js";
export { createTracker } from "./tracker/index.js";
export type * from "./tracker/index.js";
export { mount } from "./embed/index.js";
export type * from "./embed/index.js";
