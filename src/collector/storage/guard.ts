// a draw's guard as the stores count it: its own key and the wider allowances around it (the IPv6 /56 and /48 of a /64)

/** one per-day allowance a play counts against */
export type GuardAllowance = { key: string; perDay: number };

/**
 * The allowances a guard key counts against besides its own, narrowest first (the order their rows are locked in), given
 * its plays per day; none for a key that stands alone (an IPv4 address).
 * @example const widen: WidenGuard = (key, perDay) => addressAllowances(key, perDay, { 56: 4, 48: 16 }).slice(1).map(…);
 */
export type WidenGuard = (key: string, perDay: number) => readonly GuardAllowance[];

/** "no limit" in an integer column */
export const NO_LIMIT = 2_147_483_647;

/**
 * Every key a play of `key` counts under, its own first, with their caps: what the stores read, count and check. No
 * keys without a guard.
 * @example const { keys, caps } = guardKeys(commit.guard, perDay, widen);
 */
export function guardKeys(key: string | undefined, perDay = NO_LIMIT, widen?: WidenGuard): { keys: string[]; caps: number[] } {
  if (key === undefined) return { keys: [], caps: [] };
  const all = [{ key, perDay }, ...(widen?.(key, perDay) ?? [])];
  return { keys: all.map((a) => a.key), caps: all.map((a) => a.perDay) };
}

/**
 * The guard's plays today as the decider reads them: the key's own count, or at least its cap once a wider allowance is
 * spent, so the draw is refused (`limit_address`) when any of them is full.
 * @example snapshot.guardToday = guardToday(row.guard, caps);
 */
export function guardToday(counts: readonly number[] | null | undefined, caps: readonly number[]): number {
  const own = counts?.[0] ?? 0;
  const wider = caps.slice(1).some((cap, i) => (counts?.[i + 1] ?? 0) >= cap);
  return wider ? Math.max(own, caps[0] ?? 0) : own;
}

/**
 * A scalar subquery of today's counts of the keys in `keysParam` (a text[] parameter), in their order, as a JSON array:
 * $1 the campaign, $3 the day. One primary-key lookup per key: a join let the planner hash the keys and scan the whole
 * table, which grows by a row per address and day.
 * @example `SELECT ${GUARD_COUNTS("$4")} AS guard`
 */
export const GUARD_COUNTS = (keysParam: string) =>
  `(SELECT coalesce(json_agg(coalesce((SELECT a.count FROM address_counters a
      WHERE a.campaign_id = $1 AND a.kind = 'play' AND a.address = k.address AND a.period = $3), 0) ORDER BY k.n), '[]'::json)
    FROM unnest(${keysParam}::text[]) WITH ORDINALITY AS k(address, n))`;
