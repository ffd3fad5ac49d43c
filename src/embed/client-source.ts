// client mode's draw source, its own chunk: the engine, its store and the calendar arithmetic load after the first
// paint; server mode's pages fetch ui/remote-draw-source.js instead. The quiz scorer is a chunk of its own that only
// a quiz campaign fetches, so a wheel, scratch, gift box or flip page never downloads it
import type { Campaign } from "../core/schema/campaign.js";
import { createEngineOn } from "../core/engine/engine-core.js";
import { createLocalDrawSource, type DrawSource } from "../ui/draw-source.js";
import { createLocalStore } from "../ui/local-store.js";
import { ledgerVisitor } from "./visitor-id.js";

/**
 * The engine in this browser, its ledger in `storage` (localStorage by default), playing as `visitorId` (the page's
 * own) or else as the visitor the ledger counts this browser's plays for: never the events' id, which consent removes
 */
export async function createClientSource(campaign: Campaign, visitorId: string | undefined, storage?: Storage): Promise<DrawSource> {
  const scoreQuiz = campaign.game === "quiz" ? (await import("../core/engine/quiz.js")).scoreQuiz : undefined;
  const visitor = visitorId ?? ledgerVisitor(campaign.id, storage);
  return createLocalDrawSource(createEngineOn(campaign, createLocalStore(storage), { scoreQuiz }), visitor);
}
