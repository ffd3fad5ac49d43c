// two columns of stats_visitors that ranged stats (storage/cockpit-stats.ts) read per visitor-day instead of computing
// them from text on every read: the day as a number (days since 1970-01-01; a range's play days become bits by a
// subtraction, not by parsing a date) and the first-touch key (day, device padded to 7, source, compared byte by byte:
// min() over a visitor's rows is the first touch of their earliest day). Both are generated from the row's own
// columns, so ingest writes nothing new and the key follows when an earlier event moves the row's source or device;
// adding them rewrites the table once, which fills them for every stored row.
export const visitorDayKeys = `
ALTER TABLE stats_visitors
  ADD COLUMN day_number integer GENERATED ALWAYS AS
    (make_date(substr(day, 1, 4)::integer, substr(day, 6, 2)::integer, substr(day, 9, 2)::integer) - DATE '1970-01-01') STORED,
  ADD COLUMN first_key text COLLATE "C" GENERATED ALWAYS AS
    (day || rpad(coalesce(device, 'unknown'), 7) || coalesce(source, 'direct')) STORED;
`;
