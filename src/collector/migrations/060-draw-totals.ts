// server-mode stats from counters kept with the draws and redemptions, so the stats read O(days + prizes) rows, not one per
// draw. The draw's own statement counts it (storage/draw-totals.ts); the first play of a player on a day, their first and
// second play day, and their first claim are told by marker columns and rows, so distinct counts need no scan either.
// The days are the campaign's (its time zone is in the campaign file, not here), so the rows already stored are counted
// when a collector first serves the campaign: fillDrawTotals, recorded in draw_totals_filled.
export const drawTotals = `
-- per campaign day, dimension and shard: '' counts every draw, 'p:<prize>' a prize's wins, 's:<source>' first plays and
-- claims of players from that source. A sharded draw adds to one of several rows, so no row is campaign-wide and hot
CREATE TABLE draw_totals (
  campaign_id text NOT NULL,
  day text NOT NULL,
  dim text NOT NULL,
  shard integer NOT NULL,
  plays integer NOT NULL DEFAULT 0,
  wins integer NOT NULL DEFAULT 0,
  players integer NOT NULL DEFAULT 0,        -- players whose first play of this day it was
  first_players integer NOT NULL DEFAULT 0,  -- players whose first play ever was on this day (the day's cohort)
  returners integer NOT NULL DEFAULT 0,      -- of that cohort, who played on a second day
  d1 integer NOT NULL DEFAULT 0,             -- ... whose second day was the next day
  d7 integer NOT NULL DEFAULT 0,             -- ... whose second day was within seven days
  referred integer NOT NULL DEFAULT 0,       -- of that cohort, minted through a credited referral link
  claims integer NOT NULL DEFAULT 0,         -- redemptions made on this day
  first_claimers integer NOT NULL DEFAULT 0, -- players whose first redemption it was
  PRIMARY KEY (campaign_id, day, dim, shard)
);
-- the markers: a ledger row tells a player's first plays; claimers tells a first redemption
ALTER TABLE visitors ADD COLUMN first_day text;
ALTER TABLE visitors ADD COLUMN second_day text;
ALTER TABLE visitors ADD COLUMN source text;
ALTER TABLE visitors ADD COLUMN referred boolean NOT NULL DEFAULT false;
ALTER TABLE visitor_days ADD COLUMN counted integer NOT NULL DEFAULT 0;
CREATE TABLE claimers (
  campaign_id text NOT NULL,
  visitor_id text NOT NULL,
  day text NOT NULL,
  PRIMARY KEY (campaign_id, visitor_id)
);
-- where a minted visitor came from (utm source, referrer host or direct), as the page told the collector at mint
ALTER TABLE identities ADD COLUMN source text;
-- campaigns whose stored draws were counted, and in which time zone
CREATE TABLE draw_totals_filled (
  campaign_id text PRIMARY KEY,
  timezone text NOT NULL,
  filled_at bigint NOT NULL
);
`;
