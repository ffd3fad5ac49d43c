// what a visitor did on a day, as bits: one integer per visitor-day row makes distinct counts a bit test
import type { EventType } from "../../core/events/index.js";

export const STEP = {
  impression: 1,
  open: 2,
  play: 4,
  result: 8,
  claim: 16,
  lead: 32,
  /** any interaction: open, play, result, claim, lead or share (engagementRate) */
  engaged: 64,
  /** an impression a share link brought (core isReferredVisit) */
  referred: 128,
} as const;

const BITS: Record<EventType, number> = {
  impression: STEP.impression,
  open: STEP.open | STEP.engaged,
  play: STEP.play | STEP.engaged,
  result: STEP.result | STEP.engaged,
  claim: STEP.claim | STEP.engaged,
  lead: STEP.lead | STEP.engaged,
  share: STEP.engaged,
  close: 0,
  error: 0,
};

/** the steps an event of this type marks */
export function stepsOf(type: EventType): number {
  return BITS[type];
}
