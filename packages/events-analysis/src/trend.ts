/** The shapes {@link computeTrend} returns: per project, the insights numbers per time bucket. */
import type { EventRecord } from "@phaser/events-core";
import type { PhaseCounts } from "./insights.js";

/**
 * The length of a trend's buckets: a UTC day, an ISO week (from Monday 00:00
 * UTC), a UTC month or a UTC year.
 */
export type TrendUnit = "day" | "week" | "month" | "year";

/** Every unit, shortest first. */
export const TREND_UNITS: readonly TrendUnit[] = ["day", "week", "month", "year"];

/**
 * The most buckets a trend has. A range with more keeps its latest buckets
 * ({@link Trend.truncated}), unless both `unit` and `since` were given: then
 * it is an {@link InvalidTrendError} naming `unit`.
 */
export const MAX_TREND_BUCKETS = 200;

/** Phase durations (`duration_seconds` of `phase_completed` and `phase_failed`), nearest-rank percentiles. */
export interface DurationPercentiles {
  readonly count: number;
  /** The median; `null` for no phase. */
  readonly p50: number | null;
  readonly p95: number | null;
}

/** Audits by outcome as the audits view tells it ({@link AuditOutcome}). */
export interface AuditOutcomeCounts {
  readonly total: number;
  readonly completed: number;
  /** Abandoned after a failed phase, or with reason `error` or `timeout`. */
  readonly failed: number;
  readonly abandoned: number;
  readonly in_progress: number;
}

/** One project's numbers in one bucket. */
export interface TrendBucket {
  /** The bucket's first instant, canonical UTC. */
  readonly start: string;
  /** The next bucket's first instant (exclusive). */
  readonly end: string;
  /** Audits that started in the bucket, by outcome. */
  readonly audits: AuditOutcomeCounts;
  /** Phases that ended in the bucket (by the time of their outcome). */
  readonly phases: PhaseCounts;
  readonly phase_duration_seconds: DurationPercentiles;
}

/** One project's trend: every bucket of the range, empty ones included. */
export interface ProjectTrend {
  readonly project: string;
  /** Over the whole period (every phase of `records` that ended), as `computeInsights` counts them. */
  readonly phase_duration_seconds: DurationPercentiles;
  /** Audits that started in the range, by outcome: the buckets' sum, with those of buckets left out ({@link Trend.truncated}). */
  readonly audits: AuditOutcomeCounts;
  readonly buckets: readonly TrendBucket[];
}

/** What a trend of a range with more than {@link MAX_TREND_BUCKETS} buckets left out: its oldest buckets. */
export interface TrendTruncation {
  /** The range's first bucket's start (the trend's `from` is the first bucket it kept). */
  readonly from: string;
  /** How many buckets of its unit the range has; the trend kept the latest {@link MAX_TREND_BUCKETS}. */
  readonly buckets: number;
  /** The same in a sentence, to show beside the chart. */
  readonly note: string;
}

/** Per project, projects by name, the same projects as `computeInsights` gives for the records. */
export interface Trend {
  readonly unit: TrendUnit;
  /**
   * The first bucket's start; `null` when there is no bucket (no records and
   * no `since`). Bucket bounds past the instants a `Date` holds
   * (-271821-04-20 to +275760-09-13) are given as those limits.
   */
  readonly from: string | null;
  /** The last bucket's end; `null` when there is no bucket. */
  readonly to: string | null;
  /** Present only when the range has more than {@link MAX_TREND_BUCKETS} buckets and the trend kept the latest. */
  readonly truncated?: TrendTruncation;
  readonly projects: readonly ProjectTrend[];
}

export interface ComputeTrendOptions {
  /** The range's start (any form `Date.parse` reads); default: the earliest record. */
  readonly since?: string | undefined;
  /** The range's end (exclusive); default: just after the latest record. */
  readonly until?: string | undefined;
  /**
   * The bucket length. By default from the range's length: `day` up to 31
   * days, `week` up to 26 weeks, `month` beyond while the range has at most
   * {@link MAX_TREND_BUCKETS} months, `year` beyond that.
   */
  readonly unit?: TrendUnit | undefined;
  /** `audit_started` records from outside `records`, as for `computeInsights`. */
  readonly auditStarts?: readonly EventRecord[];
}
