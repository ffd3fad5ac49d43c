// the device class of a server-mode player from the collector's own records: read from the mint request's User-Agent
// (core deviceClass, as ingest reads it for events), kept on the minted identity, credited to the player's ledger row at
// their first draw like the source, and counted per first play day in draw_totals as 'd:<device>' beside 's:<source>'.
// Players counted before this have no device the collector read: they are credited to 'unknown'. A campaign not filled
// yet gets its rows from fillDrawTotals, which clears its counters first.
export const deviceCounters = `
ALTER TABLE identities ADD COLUMN device text;
ALTER TABLE visitors ADD COLUMN device text;
INSERT INTO draw_totals (campaign_id, day, dim, shard, first_players)
SELECT campaign_id, first_day, 'd:unknown', 0, count(*)::integer FROM visitors WHERE first_day IS NOT NULL GROUP BY campaign_id, first_day;
`;
