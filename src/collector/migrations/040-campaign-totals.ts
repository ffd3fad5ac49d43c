// whole-campaign counters kept at ingest, so the default stats view reads O(days + sources × devices) rows, not one per visitor:
// per day, the visitors who reached, played and left a lead (stats_daily); per first-touch source and device, how many
// visitors reached each step (stats_campaign_groups); per first-play day, the players and who came back (stats_campaign_cohorts).
// Each counts rows of stats_visitors / stats_campaign_visitors; ingest moves a visitor's contribution in the same transaction
// as the row. Filled here from the rows already stored.
export const campaignTotals = `
ALTER TABLE stats_daily ADD COLUMN reach integer NOT NULL DEFAULT 0;
ALTER TABLE stats_daily ADD COLUMN participants integer NOT NULL DEFAULT 0;
ALTER TABLE stats_daily ADD COLUMN leads integer NOT NULL DEFAULT 0;
CREATE TABLE stats_campaign_groups (
  campaign_id text NOT NULL,
  automated boolean NOT NULL,
  source text NOT NULL,
  device text NOT NULL,
  impression integer NOT NULL DEFAULT 0,
  open integer NOT NULL DEFAULT 0,
  play integer NOT NULL DEFAULT 0,
  result integer NOT NULL DEFAULT 0,
  claim integer NOT NULL DEFAULT 0,
  lead integer NOT NULL DEFAULT 0,
  engaged integer NOT NULL DEFAULT 0,
  referred integer NOT NULL DEFAULT 0,
  referred_play integer NOT NULL DEFAULT 0,
  claims integer NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id, automated, source, device)
);
CREATE TABLE stats_campaign_cohorts (
  campaign_id text NOT NULL,
  automated boolean NOT NULL,
  play1 text NOT NULL,
  players integer NOT NULL DEFAULT 0,
  returners integer NOT NULL DEFAULT 0,
  d1 integer NOT NULL DEFAULT 0,
  d7 integer NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id, automated, play1)
);
UPDATE stats_daily d SET reach = x.reach, participants = x.participants, leads = x.leads FROM (
  SELECT campaign_id, day, automated, count(*) FILTER (WHERE steps & 1 <> 0)::integer AS reach,
    count(*) FILTER (WHERE steps & 4 <> 0)::integer AS participants, count(*) FILTER (WHERE steps & 32 <> 0)::integer AS leads
  FROM stats_visitors GROUP BY 1, 2, 3
) x WHERE d.campaign_id = x.campaign_id AND d.day = x.day AND d.automated = x.automated;
INSERT INTO stats_campaign_groups
  SELECT campaign_id, automated, coalesce(source, 'direct'), coalesce(device, 'unknown'),
    count(*) FILTER (WHERE steps & 1 <> 0), count(*) FILTER (WHERE steps & 2 <> 0), count(*) FILTER (WHERE steps & 4 <> 0),
    count(*) FILTER (WHERE steps & 8 <> 0), count(*) FILTER (WHERE steps & 16 <> 0), count(*) FILTER (WHERE steps & 32 <> 0),
    count(*) FILTER (WHERE steps & 64 <> 0), count(*) FILTER (WHERE steps & 128 <> 0), count(*) FILTER (WHERE steps & 132 = 132),
    coalesce(sum(claims), 0)
  FROM stats_campaign_visitors GROUP BY 1, 2, 3, 4;
INSERT INTO stats_campaign_cohorts
  SELECT campaign_id, automated, play1, count(*), count(play2), count(*) FILTER (WHERE play2::date - play1::date = 1),
    count(*) FILTER (WHERE play2::date - play1::date <= 7)
  FROM stats_campaign_visitors WHERE play1 IS NOT NULL GROUP BY 1, 2, 3;
`;
