// one row per visitor and campaign: whole-campaign distinct counts without grouping visitor-days
export const campaignVisitors = `
CREATE TABLE stats_campaign_visitors (
  campaign_id text NOT NULL,
  automated boolean NOT NULL,
  visitor_id text NOT NULL,
  steps integer NOT NULL,
  PRIMARY KEY (campaign_id, automated, visitor_id)
);
INSERT INTO stats_campaign_visitors (campaign_id, automated, visitor_id, steps)
  SELECT campaign_id, automated, visitor_id, bit_or(steps) FROM stats_visitors GROUP BY campaign_id, automated, visitor_id;
`;
