// which half of the visitors a visitor-day belongs to when PostgreSQL folds a range in two halves side by side
// (storage/cockpit-stats.ts): the parity of the code of the visitor id's last character, stored. A half is then an
// integer compare per row instead of a hash of the id per row and half, and ANALYZE sees that each half holds about
// half the rows: for a computed `hash % 2 = 0` the planner guessed 0.5 % of them and chose sorts over hash tables.
// Any function of the id alone keeps each visitor in one half (the halves add up); this one is plainly the same on
// every server and version, where a stored hash would have to stay so.
export const visitorDayPart = `
ALTER TABLE stats_visitors ADD COLUMN visitor_half smallint GENERATED ALWAYS AS (ascii(right(visitor_id, 1)) % 2) STORED;
`;
