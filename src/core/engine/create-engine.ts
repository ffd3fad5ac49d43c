// createEngine: the prize engine behind both placements (browser client mode and the collector)
import type { Campaign } from "../schema/campaign.js";
import { createEngineOn, type SyncEngine } from "./engine-core.js";
import { createMemoryStore, type SyncEngineStore } from "./memory-store.js";
import { scoreQuiz } from "./quiz.js";
import type { Engine, EngineOptions } from "./types.js";

export type { SyncEngine };

/**
 * The prize engine of one campaign. Randomness, time and storage are passed in; the defaults are
 * crypto randomness, the clock and an in-memory store.
 * @example
 * const engine = createEngine(campaign);
 * const result = await engine.draw(visitorId);
 * if (result.ok) spinTo(result.prize); // the prize is decided first, the wheel only shows it
 */
export function createEngine(campaign: Campaign, options?: Omit<EngineOptions, "store"> & { store?: SyncEngineStore }): SyncEngine;
export function createEngine(campaign: Campaign, options?: EngineOptions): Engine;
export function createEngine(campaign: Campaign, options: EngineOptions = {}): Engine | SyncEngine {
  // the library and the collector always carry the scorer; only client mode's chunk fetches it on demand
  return createEngineOn(campaign, options.store ?? createMemoryStore(), { ...options, scoreQuiz });
}
