/** The arithmetic mean; `null` for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const exact = values.reduce((sum, value) => sum + value, 0) / values.length;
  // To the thousandth, as durations are recorded: no 0.40440000000000004 in JSON output.
  return Math.round(exact * 1000) / 1000;
}

/**
 * The `p`th percentile (0 < p ≤ 100) by the nearest-rank method: the smallest
 * value such that at least p% of the values are at or below it, i.e. the
 * value at rank ⌈p/100 × n⌉ in ascending order. `null` for no values.
 */
export function percentileNearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/**
 * The `limit` keys with the highest counts, highest first; ties in the order
 * the keys were first counted, so the result does not depend on sort stability.
 */
export function topCounts<T extends { readonly count: number }>(
  entries: Iterable<T>,
  limit: number,
): T[] {
  return [...entries]
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.count - a.entry.count || a.index - b.index)
    .slice(0, limit)
    .map(({ entry }) => entry);
}
