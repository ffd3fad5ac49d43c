// a person's webhook deliveries, found through an index: each delivery's person keys (the texts the search looked for in
// its payload: `"visitorId":"…"`, `"campaignId":"…","drawId":"…"`, `"email":"…"` lower-cased, and `phone:` with the digits
// of its first phone) in webhook_delivery_keys, as sha256 so the index holds no contact in the clear. Searching every
// payload for every needle cost rows × needles (9 s for 20,000 deliveries and 4,000 draws, the collector's thread stopped
// meanwhile on PGlite); a key lookup costs the needles. The keys are read from the text JSON.stringify wrote, never by
// parsing JSON, so every stored row has them, one holding a lone surrogate escape too. A trigger writes them in the
// transaction of each insert (so also those of an instance of the previous release during a rollout) and again when
// erasure empties a payload; a delivery's keys go with it, and follow its endpoint id. Existing rows get theirs here.
// Frozen text: a change is a new migration. No semicolon ends a line inside a body: migrations are split on semicolons
// at line ends.
export const deliveryPersonKeys = `
CREATE FUNCTION minigame_person_keys(payload text) RETURNS SETOF text LANGUAGE sql IMMUTABLE STRICT AS $fn$
  SELECT m[1] FROM regexp_matches(payload, '"visitorId":"(?:[^"\\\\]|\\\\.)*"', 'g') AS m
  UNION SELECT m[1] FROM regexp_matches(payload, '"campaignId":"(?:[^"\\\\]|\\\\.)*","drawId":"(?:[^"\\\\]|\\\\.)*"', 'g') AS m
  UNION SELECT lower(m[1]) FROM regexp_matches(payload, '"email":"(?:[^"\\\\]|\\\\.)*"', 'g') AS m
  UNION SELECT 'phone:' || p FROM (SELECT translate(split_part(split_part(payload, '"phone":"', 2), '"', 1), ' ().-+', '') AS p) AS f
  WHERE p <> ''
$fn$;
CREATE TABLE webhook_delivery_keys (
  key bytea NOT NULL,
  message_id text NOT NULL,
  endpoint_id text NOT NULL,
  PRIMARY KEY (key, message_id, endpoint_id),
  FOREIGN KEY (message_id, endpoint_id) REFERENCES webhook_deliveries ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX webhook_delivery_keys_delivery ON webhook_delivery_keys (message_id, endpoint_id);
CREATE FUNCTION minigame_delivery_keys() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN
  DELETE FROM webhook_delivery_keys WHERE TG_OP = 'UPDATE' AND message_id = NEW.message_id AND endpoint_id = NEW.endpoint_id; INSERT
  INTO webhook_delivery_keys (key, message_id, endpoint_id)
  SELECT sha256(convert_to(k, 'UTF8')), NEW.message_id, NEW.endpoint_id FROM minigame_person_keys(NEW.payload) AS k; RETURN NULL; END
$fn$;
CREATE TRIGGER webhook_delivery_keys AFTER INSERT OR UPDATE OF payload ON webhook_deliveries
  FOR EACH ROW EXECUTE FUNCTION minigame_delivery_keys();
INSERT INTO webhook_delivery_keys (key, message_id, endpoint_id)
SELECT sha256(convert_to(k, 'UTF8')), message_id, endpoint_id FROM webhook_deliveries, minigame_person_keys(payload) AS k;
`;
