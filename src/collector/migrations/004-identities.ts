// minted visitors, per-address counters and spent proof-of-work solutions: state every instance must share
export const identities = `
CREATE TABLE identities (
  campaign_id text NOT NULL,
  visitor_id text NOT NULL,
  -- whom plays are counted for: a member's sub or a normalised contact; null counts the visitor itself
  subject text,
  address text NOT NULL,
  referral_id text NOT NULL,
  referred_by text,
  shares integer NOT NULL DEFAULT 0,
  created_at bigint NOT NULL,
  PRIMARY KEY (campaign_id, visitor_id)
);
CREATE UNIQUE INDEX identities_referral ON identities (campaign_id, referral_id);
CREATE INDEX identities_subject ON identities (campaign_id, subject) WHERE subject IS NOT NULL;
CREATE TABLE address_counters (
  campaign_id text NOT NULL,
  address text NOT NULL,
  kind text NOT NULL,
  period text NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (campaign_id, kind, address, period)
);
CREATE TABLE pow_spent (
  campaign_id text NOT NULL,
  challenge text NOT NULL,
  expires_at bigint NOT NULL,
  PRIMARY KEY (campaign_id, challenge)
);
CREATE INDEX pow_spent_expiry ON pow_spent (expires_at);
`;
