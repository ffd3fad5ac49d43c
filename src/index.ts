// minigame-sdk: everything a page needs (core, tracker, widget)
export * from "./core/index.js";
