// rollup columns for the cockpit fields (docs/metrics-and-webhooks.md): shares and NPS answers per day, and per visitor (per day and per
// campaign) the first event's source and device, claims, and the two earliest play days for returning and retention.
// Rows written before this version have no source or device (they count as "direct" and "unknown" until a new event
// of the visitor's arrives); shares, claims and play days are filled from what is already stored.
export const cockpitRollups = `
ALTER TABLE stats_daily ADD COLUMN shares integer NOT NULL DEFAULT 0;
ALTER TABLE stats_daily ADD COLUMN nps_promoters integer NOT NULL DEFAULT 0;
ALTER TABLE stats_daily ADD COLUMN nps_passives integer NOT NULL DEFAULT 0;
ALTER TABLE stats_daily ADD COLUMN nps_detractors integer NOT NULL DEFAULT 0;
ALTER TABLE stats_visitors ADD COLUMN first_ts bigint;
ALTER TABLE stats_visitors ADD COLUMN first_id text COLLATE "C";
ALTER TABLE stats_visitors ADD COLUMN source text;
ALTER TABLE stats_visitors ADD COLUMN device text;
ALTER TABLE stats_visitors ADD COLUMN claims integer NOT NULL DEFAULT 0;
ALTER TABLE stats_campaign_visitors ADD COLUMN first_ts bigint;
ALTER TABLE stats_campaign_visitors ADD COLUMN first_id text COLLATE "C";
ALTER TABLE stats_campaign_visitors ADD COLUMN source text;
ALTER TABLE stats_campaign_visitors ADD COLUMN device text;
ALTER TABLE stats_campaign_visitors ADD COLUMN claims integer NOT NULL DEFAULT 0;
ALTER TABLE stats_campaign_visitors ADD COLUMN play1 text;
ALTER TABLE stats_campaign_visitors ADD COLUMN play2 text;
UPDATE stats_daily d SET shares = x.n FROM (
  SELECT campaign_id, day, automated, count(*)::integer AS n FROM events WHERE type = 'share' AND NOT test GROUP BY 1, 2, 3
) x WHERE d.campaign_id = x.campaign_id AND d.day = x.day AND d.automated = x.automated;
UPDATE stats_visitors v SET claims = x.n FROM (
  SELECT campaign_id, day, automated, visitor_id, count(*)::integer AS n FROM events WHERE type = 'claim' AND NOT test GROUP BY 1, 2, 3, 4
) x WHERE v.campaign_id = x.campaign_id AND v.day = x.day AND v.automated = x.automated AND v.visitor_id = x.visitor_id;
UPDATE stats_campaign_visitors c SET claims = x.n, play1 = x.days[1], play2 = x.days[2] FROM (
  SELECT campaign_id, automated, visitor_id, sum(claims)::integer AS n,
    array_agg(DISTINCT day ORDER BY day) FILTER (WHERE steps & 4 <> 0) AS days
  FROM stats_visitors GROUP BY 1, 2, 3
) x WHERE c.campaign_id = x.campaign_id AND c.automated = x.automated AND c.visitor_id = x.visitor_id;
`;
