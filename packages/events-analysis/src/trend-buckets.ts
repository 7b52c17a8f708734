import { daysSinceEpoch, yearMonthOf } from "./civil-days.js";
import { MAX_DATE_MS } from "./iso-instant.js";
import { MAX_TREND_BUCKETS, TREND_UNITS, type TrendUnit } from "./trend.js";

const DAY_MS = 86_400_000;

/**
 * Buckets are numbered: bucket `n` of a unit is the `n`th day, week, month or
 * year from the one holding 1970-01-01 00:00 UTC. Numbers are plain integer
 * arithmetic (no `Date`), so a range of any length is counted without walking
 * it, and the latest buckets of a long one are found without its earliest.
 */

/** The number of the UTC day, ISO week (from Monday), month or year that holds `ms`. */
export function bucketIndex(ms: number, unit: TrendUnit): number {
  const day = Math.floor(ms / DAY_MS);
  if (unit === "day") return day;
  // 1970-01-01 was a Thursday: week 0 starts on Monday 1969-12-29, day -3.
  if (unit === "week") return Math.floor((day + 3) / 7);
  const { year, month } = yearMonthOf(day);
  return unit === "year" ? year - 1970 : (year - 1970) * 12 + month - 1;
}

/** The first instant (ms) of bucket `index`; it may lie outside the instants a `Date` holds. */
export function bucketStartOf(index: number, unit: TrendUnit): number {
  if (unit === "day") return index * DAY_MS;
  if (unit === "week") return (index * 7 - 3) * DAY_MS;
  if (unit === "year") return daysSinceEpoch(1970 + index, 1, 1) * DAY_MS;
  const month = ((index % 12) + 12) % 12;
  return daysSinceEpoch(1970 + (index - month) / 12, month + 1, 1) * DAY_MS;
}

/** `ms` as canonical UTC, held to the instants a `Date` holds (a bucket may start before the first). */
export function isoOf(ms: number): string {
  return new Date(Math.min(MAX_DATE_MS, Math.max(-MAX_DATE_MS, ms))).toISOString();
}

/** The buckets from the one holding `fromMs` to the one holding the instant before `toMs`: their numbers. */
export interface BucketSpan {
  readonly first: number;
  /** `first - 1` when `toMs` is not after `fromMs`: no bucket. */
  readonly last: number;
}

export function bucketSpan(fromMs: number, toMs: number, unit: TrendUnit): BucketSpan {
  const first = bucketIndex(fromMs, unit);
  return { first, last: toMs > fromMs ? bucketIndex(toMs - 1, unit) : first - 1 };
}

export function bucketCount(span: BucketSpan): number {
  return span.last - span.first + 1;
}

/**
 * The unit for a range: by its length, `day` up to 31 days, `week` up to 26
 * weeks, else `month`; then the next longer unit while the range has more
 * than {@link MAX_TREND_BUCKETS} buckets of it, up to `year`.
 */
export function unitForRange(fromMs: number, toMs: number): TrendUnit {
  const span = toMs - fromMs;
  let at = span <= 31 * DAY_MS ? 0 : span <= 26 * 7 * DAY_MS ? 1 : 2;
  while (
    at < TREND_UNITS.length - 1 &&
    bucketCount(bucketSpan(fromMs, toMs, TREND_UNITS[at] as TrendUnit)) > MAX_TREND_BUCKETS
  ) {
    at += 1;
  }
  return TREND_UNITS[at] as TrendUnit;
}
