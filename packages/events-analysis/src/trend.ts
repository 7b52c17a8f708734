/** The shapes {@link computeTrend} returns: per project, the insights numbers per time bucket. */
import type { EventRecord } from "@phaser/events-core";
import type { PhaseCounts } from "./insights.js";

/** The length of a trend's buckets: a UTC day, an ISO week (from Monday 00:00 UTC) or a UTC month. */
export type TrendUnit = "day" | "week" | "month";

export const TREND_UNITS: readonly TrendUnit[] = ["day", "week", "month"];

/** The most buckets a trend has: a longer range is an {@link InvalidTrendError} naming `unit`. */
export const MAX_TREND_BUCKETS = 200;

/** Phase durations (`duration_seconds` of `phase_completed` and `phase_failed`), nearest-rank percentiles. */
export interface DurationPercentiles {
  readonly count: number;
  /** The median; `null` for no phase. */
  readonly p50: number | null;
  readonly p95: number | null;
}

/** One project's numbers in one bucket. */
export interface TrendBucket {
  /** The bucket's first instant, canonical UTC. */
  readonly start: string;
  /** The next bucket's first instant (exclusive). */
  readonly end: string;
  /**
   * Audits that started in the bucket, by outcome as the audits view tells it
   * ({@link AuditOutcome}): `failed` is abandoned after a failed phase or with
   * reason `error` or `timeout`.
   */
  readonly audits: {
    readonly total: number;
    readonly completed: number;
    readonly failed: number;
    readonly abandoned: number;
    readonly in_progress: number;
  };
  /** Phases that ended in the bucket (by the time of their outcome). */
  readonly phases: PhaseCounts;
  readonly phase_duration_seconds: DurationPercentiles;
}

/** One project's trend: every bucket of the range, empty ones included. */
export interface ProjectTrend {
  readonly project: string;
  /** Over the whole period (every phase of `records` that ended), as `computeInsights` counts them. */
  readonly phase_duration_seconds: DurationPercentiles;
  readonly buckets: readonly TrendBucket[];
}

/** Per project, projects by name, the same projects as `computeInsights` gives for the records. */
export interface Trend {
  readonly unit: TrendUnit;
  /** The first bucket's start; `null` when there is no bucket (no records and no `since`). */
  readonly from: string | null;
  /** The last bucket's end; `null` when there is no bucket. */
  readonly to: string | null;
  readonly projects: readonly ProjectTrend[];
}

export interface ComputeTrendOptions {
  /** The range's start (any form `Date.parse` reads); default: the earliest record. */
  readonly since?: string | undefined;
  /** The range's end (exclusive); default: just after the latest record. */
  readonly until?: string | undefined;
  /**
   * The bucket length; by default from the range's length: `day` up to 31
   * days, `week` up to 26 weeks, `month` beyond.
   */
  readonly unit?: TrendUnit | undefined;
  /** `audit_started` records from outside `records`, as for `computeInsights`. */
  readonly auditStarts?: readonly EventRecord[];
}
