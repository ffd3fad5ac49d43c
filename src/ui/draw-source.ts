// the widget's only way to play: client mode wraps the engine, server mode asks the collector; the UI cannot tell them apart
import type { DrawResult, Eligibility, Engine, QuizAnswers } from "../core/engine/types.js";

/** what the lead form sends; `consentVersion` names the consent text it showed (the collector stores that text) */
export type Lead = { email?: string; phone?: string; name?: string; consent: boolean; consentVersion?: string };

export type DrawRequest = { answers?: QuizAnswers };

export interface DrawSource {
  /** may this visitor play now, and how many plays are left */
  eligibility(): Promise<Eligibility>;
  /** decide the prize; the wheel animates to it afterwards */
  draw(opts?: DrawRequest): Promise<DrawResult>;
  /** bonus plays granted for a share (0 when none are left today) */
  grantBonus(): Promise<number>;
  submitLead(lead: Lead): Promise<void>;
  /** server mode: the token a share link carries (?mg_ref=), so a visitor it brings earns the sharer a bonus play */
  referralToken?(): string | undefined;
}

/**
 * Client mode: the engine draws in the browser; the ledger lives in the engine's store (localStorage).
 * @example
 * const engine = createEngine(campaign, { store: createLocalStore() });
 * const source = createLocalDrawSource(engine, visitorId);
 */
export function createLocalDrawSource(engine: Engine, visitorId: string): DrawSource {
  return {
    eligibility: () => engine.eligibility(visitorId),
    draw: (opts) => engine.draw(visitorId, opts?.answers ? { answers: opts.answers } : {}),
    grantBonus: () => engine.grantBonus(visitorId),
    // the contact details go to the host page and the tracker; the engine only records that a lead exists
    submitLead: () => engine.markLead(visitorId),
  };
}
