// CampaignStats: the numbers docs/core.md (Stats) defines, same shape from core computeStats and from the collector's SQL

export type DailyStats = {
  impressions: number;
  reach: number;
  participants: number;
  plays: number;
  wins: number;
  claims: number;
  leads: number;
};

export type Funnel = { impression: number; open: number; play: number; result: number; claim: number };

export type CampaignStats = DailyStats & {
  /** participants / reach */
  participationRate: number;
  /** distinct visitors with a claim / reach */
  conversionRate: number;
  /** distinct visitors with open, play, result, claim, lead or share / reach */
  engagementRate: number;
  /** wins / result events */
  winRate: number;
  /** winning result events by props.prizeId */
  prizes: Record<string, number>;
  /** distinct visitors reaching each step */
  funnel: Funnel;
  /** by calendar day (YYYY-MM-DD) in the campaign timezone */
  daily: Record<string, DailyStats>;
};

export type StatsOptions = {
  /** IANA zone for `daily`; UTC when absent */
  timezone?: string;
  /** count events flagged context.automated (left out by default) */
  includeAutomated?: boolean;
};
