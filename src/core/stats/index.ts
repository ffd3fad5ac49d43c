export { computeStats, emptyStats } from "./compute.js";
export type { CampaignStats, CockpitStats, DailyStats, Funnel, Segment, StatsOptions } from "./types.js";
export {
  DEVICE_CLASSES,
  DIRECT,
  OTHER_SOURCES,
  deviceClass,
  deviceOf,
  isReferredVisit,
  npsAnswerOf,
  npsGroupOf,
  npsOf,
  rate,
  retentionCutoffs,
  sourceOf,
  topSources,
  type DeviceClass,
} from "./dimensions.js";
