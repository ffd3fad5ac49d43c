// the first schema: raw events, stats rollups, the engine's ledgers, draws, redemptions and leads
export const initial = `
CREATE TABLE events (
  id text PRIMARY KEY,               -- the client's event id: dedupe forever
  campaign_id text NOT NULL,
  type text NOT NULL,
  visitor_id text NOT NULL,
  session_id text NOT NULL,
  ts bigint NOT NULL,                -- corrected: received_at + (client ts - sentAt), never in the future
  client_ts bigint NOT NULL,
  received_at bigint NOT NULL,
  day text NOT NULL,                 -- YYYY-MM-DD of ts in the campaign time zone
  seq bigint,
  props jsonb,
  context jsonb,
  automated boolean NOT NULL,        -- navigator.webdriver or a known bot agent
  test boolean NOT NULL,             -- props.test === true
  clamped boolean NOT NULL           -- the corrected time was in the future and was set to received_at
);
CREATE INDEX events_campaign_ts ON events (campaign_id, ts);

-- rollups kept in the same transaction as the events, so stats read days, not events
CREATE TABLE stats_daily (
  campaign_id text NOT NULL,
  day text NOT NULL,
  automated boolean NOT NULL,
  events integer NOT NULL,
  impressions integer NOT NULL,
  plays integer NOT NULL,
  results integer NOT NULL,
  wins integer NOT NULL,
  claims integer NOT NULL,
  PRIMARY KEY (campaign_id, day, automated)
);
CREATE TABLE stats_prizes (
  campaign_id text NOT NULL,
  day text NOT NULL,
  automated boolean NOT NULL,
  prize_id text NOT NULL,
  wins integer NOT NULL,
  PRIMARY KEY (campaign_id, day, automated, prize_id)
);
-- one row per visitor and day: the steps reached, as bits (see stats/steps.ts)
CREATE TABLE stats_visitors (
  campaign_id text NOT NULL,
  day text NOT NULL,
  automated boolean NOT NULL,
  visitor_id text NOT NULL,
  steps integer NOT NULL,
  PRIMARY KEY (campaign_id, day, automated, visitor_id)
);

-- a row per campaign, locked by every draw (until migration 3 replaced it with an advisory lock)
CREATE TABLE campaign_locks (campaign_id text PRIMARY KEY);
CREATE TABLE visitors (
  campaign_id text NOT NULL,
  visitor_id text NOT NULL,
  total integer NOT NULL DEFAULT 0,
  last_play_at bigint,
  bonus_total integer NOT NULL DEFAULT 0,
  lead boolean NOT NULL DEFAULT false,
  PRIMARY KEY (campaign_id, visitor_id)
);
CREATE TABLE visitor_days (
  campaign_id text NOT NULL,
  visitor_id text NOT NULL,
  day text NOT NULL,
  plays integer NOT NULL DEFAULT 0,
  bonus integer NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id, visitor_id, day)
);
CREATE TABLE prize_counters (
  campaign_id text NOT NULL,
  prize_id text NOT NULL,
  day text NOT NULL,                 -- '' holds the all-time total
  given integer NOT NULL,
  PRIMARY KEY (campaign_id, prize_id, day)
);
CREATE TABLE codes (
  campaign_id text NOT NULL,
  code text NOT NULL,
  draw_id text NOT NULL,
  PRIMARY KEY (campaign_id, code)
);
CREATE TABLE draws (
  campaign_id text NOT NULL,
  draw_id text NOT NULL,             -- the client's request id: the same request gets the same answer
  visitor_id text NOT NULL,
  prize_id text,
  code text,
  win boolean NOT NULL,
  test boolean NOT NULL,
  at bigint NOT NULL,
  result jsonb NOT NULL,
  PRIMARY KEY (campaign_id, draw_id)
);
CREATE TABLE redemptions (
  campaign_id text NOT NULL,
  draw_id text NOT NULL,
  redeemed_at bigint NOT NULL,
  PRIMARY KEY (campaign_id, draw_id)
);
-- settings shared by every instance: the HMAC secret when none is given by MINIGAME_SECRET
CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE leads (
  campaign_id text NOT NULL,
  visitor_id text NOT NULL,
  email text,
  phone text,
  name text,
  consent boolean NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (campaign_id, visitor_id)
);
`;
