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

/** distinct visitors reached and participants in one segment (a source, a device class) */
export type Segment = { reach: number; participants: number };

/** the cockpit fields (docs/metrics-and-webhooks.md); definitions (and the attribution rules) in ./dimensions.ts */
export type CockpitStats = {
  /** participants who played on two or more campaign days */
  returning: number;
  /**
   * of participants whose first play was on day D, the share who played again on D+1 (d1) or within D+1…D+7 (d7);
   * only cohorts whose window has ended count, and `cohorts` says how many participants that is
   */
  retention: { d1: number; d7: number; cohorts: { d1: number; d7: number } };
  /** answers to quiz questions of type "nps" (0–10); null without a response */
  nps: { responses: number; promoters: number; passives: number; detractors: number; score: number } | null;
  /** share events; visitors a share link brought (impression with props.ref) and those of them who played */
  referrals: { shares: number; visits: number; participants: number; viralCoefficient: number };
  /** per source of each visitor's first event: utm.source, else referrer host, else "direct"; top 25, rest "(other)" */
  sources: Record<string, Segment & { claims: number }>;
  /** per device class of each visitor's first event: mobile, tablet, desktop, or unknown */
  devices: Record<string, Segment>;
};

export type CampaignStats = DailyStats &
  CockpitStats & {
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
  /** the instant retention windows are judged against (ms since epoch); Date.now() when absent */
  now?: number;
};
