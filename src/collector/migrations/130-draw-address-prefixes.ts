// a 27-argument draw function: migration 117's 25-argument one with the guard's wider keys, $26 (an IPv6 /64's /56 and
// /48) and $27 their plays per day. The play is counted under $12 and each of them, narrowest first (the order their
// rows are locked in), each only while under its own cap, and the call raises 'guard' unless every one was counted.
// Otherwise the same statement, parameters and outcomes. The 25- and 24-argument functions stay for instances of an
// earlier release during a rollout: they count the /64 alone. Frozen text: a change is a new migration.
// No semicolon ends a line inside the body: migrations are split on semicolons at line ends.
export const drawAddressPrefixes = `
CREATE OR REPLACE FUNCTION minigame_draw(text, text, text, text, text, boolean, boolean, bigint, jsonb, text, text, text, integer, integer,
  boolean, integer, integer, integer, boolean, integer, integer, boolean, integer, integer, text, text[], integer[],
  OUT went boolean, OUT code text, OUT free integer) LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE failed text; BEGIN
  WITH take AS (
    UPDATE stock_shards s SET given = s.given + 1, given_today = CASE WHEN s.day = $10 THEN s.given_today + 1 ELSE 1 END, day = $10
    WHERE $15 AND (s.campaign_id, s.prize_id, s.shard) = (
      SELECT campaign_id, prize_id, shard FROM stock_shards
      WHERE campaign_id = $1 AND prize_id = $4 AND given < cap AND given < $17 AND (day <> $10 OR given_today < $18)
      ORDER BY (shard + $16) % 16 LIMIT 1 FOR UPDATE SKIP LOCKED
    ) RETURNING s.shard
  ), pc AS (
    UPDATE pool_codes p SET draw_id = $2 WHERE $19 AND EXISTS (SELECT 1 FROM take) AND (p.campaign_id, p.prize_id, p.idx) = (
      SELECT campaign_id, prize_id, idx FROM pool_codes WHERE campaign_id = $1 AND prize_id = $4 AND draw_id IS NULL
      ORDER BY idx LIMIT 1 FOR UPDATE SKIP LOCKED
    ) RETURNING p.code
  ), go AS (
    SELECT NOT $15 OR EXISTS (SELECT 1 FROM take) AS ok
  ), d AS (
    INSERT INTO draws (campaign_id, draw_id, visitor_id, prize_id, code, win, test, at, result, requested_by)
    SELECT $1, $2, $3, $4, coalesce($5, (SELECT code FROM pc)), $6, $7, $8,
      CASE WHEN $19 THEN $9 || jsonb_build_object('code', (SELECT code FROM pc)) ELSE $9 END, $25
    FROM go WHERE go.ok ON CONFLICT (campaign_id, draw_id) DO NOTHING RETURNING draw_id, code
  ), o AS (
    SELECT v.first_day, v.second_day, coalesce(vd.counted, 0) AS counted FROM (VALUES (1)) AS one(x)
    LEFT JOIN visitors v ON v.campaign_id = $1 AND v.visitor_id = $3
    LEFT JOIN visitor_days vd ON vd.campaign_id = $1 AND vd.visitor_id = $3 AND vd.day = $10
  ), a AS (
    SELECT coalesce(i.source, 'direct') AS source, coalesce(i.device, 'unknown') AS device, i.referred_by IS NOT NULL AS referred
    FROM (VALUES (1)) AS one(x)
    LEFT JOIN LATERAL (SELECT source, device, referred_by FROM identities WHERE campaign_id = $1 AND (visitor_id = $3 OR subject = $3)
      ORDER BY created_at LIMIT 1) i ON true
  ), v AS (
    INSERT INTO visitors (campaign_id, visitor_id, total, last_play_at, first_day, source, device, referred)
    SELECT $1, $3, 1, $8, CASE WHEN $7 THEN NULL ELSE $10 END, (SELECT source FROM a), (SELECT device FROM a),
      NOT $7 AND (SELECT referred FROM a) FROM d
    ON CONFLICT (campaign_id, visitor_id) DO UPDATE SET total = visitors.total + 1, last_play_at = excluded.last_play_at,
      first_day = CASE WHEN $7 OR visitors.first_day IS NOT NULL THEN visitors.first_day ELSE $10 END,
      second_day = CASE WHEN NOT $7 AND visitors.second_day IS NULL AND visitors.first_day < $10 THEN $10 ELSE visitors.second_day END,
      source = CASE WHEN $7 OR visitors.first_day IS NOT NULL THEN visitors.source ELSE (SELECT source FROM a) END,
      device = CASE WHEN $7 OR visitors.first_day IS NOT NULL THEN visitors.device ELSE (SELECT device FROM a) END,
      referred = CASE WHEN $7 OR visitors.first_day IS NOT NULL THEN visitors.referred ELSE (SELECT referred FROM a) END
    WHERE visitors.total = $20 AND visitors.bonus_total = $21 AND visitors.lead = $22 RETURNING 1
  ), vd AS (
    INSERT INTO visitor_days (campaign_id, visitor_id, day, plays, counted) SELECT $1, $3, $10, 1, (NOT $7)::integer FROM d
    ON CONFLICT (campaign_id, visitor_id, day) DO UPDATE SET plays = visitor_days.plays + 1,
      counted = visitor_days.counted + (NOT $7)::integer
    WHERE visitor_days.plays = $23 AND visitor_days.bonus = $24 RETURNING 1
  ), c AS (
    INSERT INTO codes (campaign_id, code, draw_id) SELECT $1, coalesce($11, d.code), $2 FROM d WHERE coalesce($11, d.code) IS NOT NULL
    ON CONFLICT (campaign_id, code) DO NOTHING RETURNING code
  ), g AS (
    INSERT INTO address_counters AS a (campaign_id, kind, address, period, count)
    SELECT $1, 'play', k.address, $10, 1 FROM d, unnest(array_prepend($12, $26)) WITH ORDINALITY AS k(address, n)
    WHERE $12 IS NOT NULL ORDER BY k.n
    ON CONFLICT (campaign_id, kind, address, period) DO UPDATE SET count = a.count + 1
    WHERE a.count < coalesce($27[array_position($26, a.address)], $13) RETURNING 1
  ), t AS (
    INSERT INTO draw_totals AS t (campaign_id, day, dim, shard, plays, wins, players, first_players, returners, d1, d7, referred)
    SELECT $1, x.day, x.dim, $14, x.plays, x.wins, x.players, x.first_players, x.returners, x.d1, x.d7, x.referred
    FROM d, o, a, LATERAL (VALUES
      (true, $10, '', 1, $6::integer, (o.counted = 0)::integer, (o.first_day IS NULL)::integer, 0, 0, 0,
        (o.first_day IS NULL AND a.referred)::integer),
      (o.first_day < $10 AND o.second_day IS NULL, o.first_day, '', 0, 0, 0, 0, 1,
        ($10::date - o.first_day::date = 1)::integer, ($10::date - o.first_day::date <= 7)::integer, 0),
      ($6 AND $4 IS NOT NULL, $10, 'p:' || $4, 0, 1, 0, 0, 0, 0, 0, 0),
      (o.first_day IS NULL, $10, 's:' || a.source, 0, 0, 0, 1, 0, 0, 0, 0),
      (o.first_day IS NULL, $10, 'd:' || a.device, 0, 0, 0, 1, 0, 0, 0, 0)
    ) AS x(counts, day, dim, plays, wins, players, first_players, returners, d1, d7, referred)
    WHERE x.counts AND NOT $7
    ORDER BY x.day, x.dim
    ON CONFLICT (campaign_id, day, dim, shard) DO UPDATE SET plays = t.plays + excluded.plays, wins = t.wins + excluded.wins,
      players = t.players + excluded.players, first_players = t.first_players + excluded.first_players,
      returners = t.returners + excluded.returners, d1 = t.d1 + excluded.d1, d7 = t.d7 + excluded.d7,
      referred = t.referred + excluded.referred, claims = t.claims + excluded.claims,
      first_claimers = t.first_claimers + excluded.first_claimers
  ), s AS (
    SELECT (SELECT ok FROM go) AS went, (SELECT count(*) FROM d)::integer AS drawn, (SELECT count(*) FROM v)::integer AS ledger,
      (SELECT count(*) FROM vd)::integer AS day_ledger, (SELECT count(*) FROM c)::integer AS coded,
      (SELECT count(*) FROM g)::integer AS guarded, (SELECT code FROM d) AS code
  )
  SELECT s.went, s.code,
    CASE WHEN s.went THEN NULL ELSE (SELECT count(*) FROM stock_shards
      WHERE campaign_id = $1 AND prize_id = $4 AND given < cap AND given < $17 AND (day <> $10 OR given_today < $18))::integer END,
    CASE WHEN NOT s.went THEN NULL
      WHEN s.drawn = 0 THEN 'replay'
      WHEN s.ledger = 0 OR s.day_ledger = 0 THEN 'stale'
      WHEN s.code IS NOT NULL AND s.coded = 0 OR $11 IS NOT NULL AND s.coded = 0 THEN 'code'
      WHEN $19 AND s.code IS NULL THEN 'pool'
      WHEN $12 IS NOT NULL AND s.guarded < 1 + coalesce(cardinality($26), 0) THEN 'guard'
    END
  INTO went, code, free, failed FROM s; IF failed IS NOT NULL THEN RAISE EXCEPTION USING ERRCODE = 'MG001', MESSAGE = failed; END IF; END
$fn$;
`;
