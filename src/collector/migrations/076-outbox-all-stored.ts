// an outbox row of a batch whose every event was stored (the common case: no id of it was seen before) names none of
// them: a null `ids` means all of the row's events. Ingest then neither gathers the stored ids per campaign nor writes
// them a second time (storage/events.ts); a row of a batch with duplicates still names the events it stored.
export const outboxAllStored = `
ALTER TABLE rollup_outbox ALTER COLUMN ids DROP NOT NULL;
`;
