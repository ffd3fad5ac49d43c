// the contract between tracker, collector and stats (docs/tracker.md)
// a namespace import lets bundlers drop the parts of zod we never call; `import { z }` pulls in all of it (every locale)
import * as z from "zod/mini";

import { EVENT_TYPES } from "./constants.js";

const shortText = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

export const eventSchema = z.object({
  id: shortText(64),
  type: z.enum(EVENT_TYPES),
  campaignId: shortText(64),
  visitorId: shortText(64),
  sessionId: shortText(64),
  /** client time, ms since epoch */
  ts: z.number().check(z.minimum(0)),
  /** per-session sequence number, so the collector can see gaps */
  seq: z.optional(z.int().check(z.minimum(0))),
  props: z.optional(
    z.record(z.string().check(z.maxLength(64)), z.nullable(z.union([z.string().check(z.maxLength(1000)), z.number(), z.boolean()]))),
  ),
  context: z.optional(
    z.object({
      url: z.optional(z.string().check(z.maxLength(2048))),
      referrer: z.optional(z.string().check(z.maxLength(2048))),
      locale: z.optional(z.string().check(z.maxLength(35))),
      sdk: z.optional(z.string().check(z.maxLength(40))),
      utm: z.optional(z.record(z.string().check(z.maxLength(64)), z.string().check(z.maxLength(200)))),
      /** device class from the request's User-Agent, written by the collector at ingest (a client's own value is replaced) */
      device: z.optional(z.enum(["mobile", "tablet", "desktop"])),
      /** navigator.webdriver was true: stored, flagged, left out of stats by default */
      automated: z.optional(z.boolean()),
    }),
  ),
});

export type EngagementEvent = z.output<typeof eventSchema>;
export type EventProps = NonNullable<EngagementEvent["props"]>;

export const batchSchema = z.object({
  sentAt: z.number().check(z.minimum(0)),
  events: z.array(z.unknown()),
  /** events the client had to drop from a full queue since its last batch */
  dropped: z.optional(z.int().check(z.minimum(0))),
});
export type EventBatch = { sentAt: number; events: EngagementEvent[]; dropped?: number };
