export { computeStats } from "./compute.js";
export type { CampaignStats, DailyStats, Funnel, StatsOptions } from "./types.js";
