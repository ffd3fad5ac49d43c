export type { CampaignStats, DailyStats, Funnel, StatsOptions } from "./types.js";
