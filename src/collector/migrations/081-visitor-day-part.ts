// which part of the visitors a visitor-day belongs to when PostgreSQL folds a range in parts side by side
// (storage/cockpit-stats.ts): the code of the visitor id's last character, stored, so a part is an integer compare per
// row instead of a hash of the id per row and part. Any function of the id alone keeps each visitor in one part (the
// parts add up); this one is plainly the same on every server and version, where a stored hash would have to stay so.
export const visitorDayPart = `
ALTER TABLE stats_visitors ADD COLUMN visitor_tail smallint GENERATED ALWAYS AS (ascii(right(visitor_id, 1))) STORED;
`;
