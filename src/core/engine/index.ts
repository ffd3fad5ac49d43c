// the prize engine: weighted draws under campaign rules, quiz scoring, published odds
export * from "./types.js";
export { createEngine, type SyncEngine } from "./create-engine.js";
export { createMemoryStore, type SyncEngineStore, type MemoryStoreOptions } from "./memory-store.js";
export { cryptoRandom, createSeededRandom, randomInt } from "./random.js";
export { createAliasTable, type AliasTable } from "./alias.js";
export { effectiveWeights, publishedOdds, type Availability } from "./odds.js";
export { scoreQuiz } from "./quiz.js";
export { npsAnswer } from "./nps.js";
export { checkRules, nextDayStart } from "./rules.js";
export { generateCode } from "./codes.js";
export { lastDay, pacingClock, released, type PacingClock } from "./pacing.js";
