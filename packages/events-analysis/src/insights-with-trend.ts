import type { EventRecord } from "@phaser/events-core";
import { computeInsights } from "./compute-insights.js";
import { computeTrend } from "./compute-trend.js";
import type { Insights } from "./insights.js";
import type { ComputeTrendOptions, Trend } from "./trend.js";

/** {@link computeInsights}' numbers and, beside them, their {@link computeTrend}. */
export interface InsightsWithTrend extends Insights {
  readonly trend: Trend;
}

export interface InsightsWithTrendOptions extends ComputeTrendOptions {
  /** The end of a window that has a `since` and no `until` (ms since the epoch); default: now. */
  readonly now?: number;
}

/**
 * The insights of `records` and their trend per project over time, as the
 * web view shows them. A window with `since` and no `until` runs to `now`,
 * so its last buckets show even when no audit ran in them. Throws
 * `InvalidTrendError` as `computeTrend` does.
 */
export function computeInsightsWithTrend(
  records: readonly EventRecord[],
  options: InsightsWithTrendOptions = {},
): InsightsWithTrend {
  const { since, until, unit, auditStarts = [] } = options;
  const end =
    until ?? (since === undefined ? undefined : new Date(options.now ?? Date.now()).toISOString());
  const trend = computeTrend(records, { since, until: end, unit, auditStarts });
  return { ...computeInsights(records, { since, auditStarts }), trend };
}
