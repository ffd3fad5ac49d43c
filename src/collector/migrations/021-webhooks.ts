// the webhook outbox: one row per fact and endpoint, written with the fact, deleted never (it is the delivery log)
export const webhooks = `
CREATE TABLE webhook_deliveries (
  message_id text NOT NULL,
  endpoint_id text NOT NULL,
  event_type text NOT NULL,
  campaign_id text NOT NULL,
  payload text NOT NULL,
  created_at bigint NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at bigint NOT NULL,
  leased_until bigint,
  delivered_at bigint,
  last_status integer,
  last_error text,
  PRIMARY KEY (message_id, endpoint_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL;
CREATE INDEX webhook_deliveries_recent ON webhook_deliveries (campaign_id, created_at);
`;
