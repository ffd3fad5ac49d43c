// events partitioned by day, dedupe by id in its own table, and the outbox the rollups are applied from.
// A unique index on a partitioned table must hold the partition key, so `events` could only refuse an id twice within
// one day; a retry's corrected time (and so its day) may differ from the first send, and a forger may resend an id with
// another time on purpose. `event_ids` (not partitioned) holds every id once, forever: the insert that claims the id
// decides whether the event is stored. `events` itself keeps no key (the id table is the key) and no index: stats read
// the rollups, nothing reads events by campaign and time any more (version 1's index), and every index is paid by each
// ingested event; a day is a partition, so a pass over some days reads only those. Partitions are per day value; days
// outside the window the collector creates partitions for land in `events_default` (storage/event-partitions.ts).
// The id key compares bytes (COLLATE "C"): equality is the same under any collation, and every ingested id is compared
// against the key, so a locale's slower comparison would be paid per event.
// Existing rows move into day partitions here; their rollups were written at ingest, so the outbox starts empty.
// The DO block stays on one line: migrations split on semicolons at line ends.
export const eventPartitions = `
ALTER TABLE events RENAME TO events_unpartitioned;
ALTER INDEX events_campaign_ts RENAME TO events_unpartitioned_campaign_ts;
CREATE TABLE events (LIKE events_unpartitioned INCLUDING DEFAULTS) PARTITION BY LIST (day);
CREATE TABLE events_default PARTITION OF events DEFAULT;
DO $$ DECLARE d text; BEGIN FOR d IN SELECT DISTINCT day FROM events_unpartitioned WHERE day ~ '^\\d{4}-\\d{2}-\\d{2}$' LOOP EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES IN (%L)', 'events_' || replace(d, '-', '_'), d); END LOOP; END $$;
INSERT INTO events SELECT * FROM events_unpartitioned;
CREATE TABLE event_ids (
  id text COLLATE "C" PRIMARY KEY,   -- the client's event id: dedupe forever, across every partition
  day text NOT NULL                  -- the partition the event is stored in
);
INSERT INTO event_ids (id, day) SELECT id, day FROM events_unpartitioned;
DROP TABLE events_unpartitioned;
-- one row per stored batch and campaign: the new (non-test) events whose rollups are still to be applied
CREATE TABLE rollup_outbox (
  seq bigserial PRIMARY KEY,
  campaign_id text NOT NULL,
  ids text[] NOT NULL,               -- the events of this batch that were stored (not duplicates)
  rows text NOT NULL                 -- what the rollups need of each event of the batch, as JSON (storage/rollups.ts)
);
CREATE INDEX rollup_outbox_campaign ON rollup_outbox (campaign_id, seq);
`;
