// draws without a campaign-wide lock (docs/scaling.md): each limited prize's units in shard rows taken by conditional
// UPDATEs, and each code pool in rows taken with FOR UPDATE SKIP LOCKED. The stock itself lives in the campaign files,
// so the rows are filled when a collector first serves a campaign; that fill is the backfill of running campaigns,
// reading what the locked path counted (prize_counters) and the codes it handed out (codes).
export const stockShards = `
-- one row per limited prize: what its shards were filled for, so a changed campaign file rebalances them
CREATE TABLE stock_prizes (
  campaign_id text NOT NULL,
  prize_id text NOT NULL,
  capacity bigint NOT NULL,          -- stock bounded by the code pool; 2147483647 when only a daily cap limits it
  daily_cap integer,
  shards integer NOT NULL,
  PRIMARY KEY (campaign_id, prize_id)
);
-- a prize's units split over its shards: a draw takes one unit from one shard (given < cap), so draws of one prize
-- wait only for the few that hit the same shard. Prizes with a daily cap or pacing keep one shard (see docs/scaling.md)
CREATE TABLE stock_shards (
  campaign_id text NOT NULL,
  prize_id text NOT NULL,
  shard integer NOT NULL,
  cap integer NOT NULL,
  given integer NOT NULL DEFAULT 0,
  day text NOT NULL DEFAULT '',      -- the day given_today counts
  given_today integer NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id, prize_id, shard)
);
-- a code pool, one row per code; draw_id is set when a draw takes it
CREATE TABLE pool_codes (
  campaign_id text NOT NULL,
  prize_id text NOT NULL,
  idx integer NOT NULL,
  code text NOT NULL,
  draw_id text,
  PRIMARY KEY (campaign_id, prize_id, idx)
);
CREATE INDEX pool_codes_free ON pool_codes (campaign_id, prize_id, idx) WHERE draw_id IS NULL;
`;
