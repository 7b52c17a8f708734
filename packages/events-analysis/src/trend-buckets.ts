import { InvalidTrendError } from "./errors/invalid-trend-error.js";
import { MAX_TREND_BUCKETS, type TrendUnit } from "./trend.js";

const DAY_MS = 86_400_000;

/** The start of the UTC day, ISO week (Monday) or month that holds `ms`. */
export function bucketStart(ms: number, unit: TrendUnit): number {
  const day = Math.floor(ms / DAY_MS);
  if (unit === "day") return day * DAY_MS;
  // 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
  if (unit === "week") return (day - ((((day + 3) % 7) + 7) % 7)) * DAY_MS;
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** The start of the bucket after the one starting at `start`. */
export function nextBucket(start: number, unit: TrendUnit): number {
  if (unit === "day") return start + DAY_MS;
  if (unit === "week") return start + 7 * DAY_MS;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** The unit for a range of `spanMs`: `day` up to 31 days, `week` up to 26 weeks, else `month`. */
export function unitForSpan(spanMs: number): TrendUnit {
  if (spanMs <= 31 * DAY_MS) return "day";
  if (spanMs <= 26 * 7 * DAY_MS) return "week";
  return "month";
}

/**
 * The starts of the buckets from the one holding `fromMs` to the one holding
 * the instant before `toMs`; none when `toMs` is not after `fromMs`. More than
 * {@link MAX_TREND_BUCKETS} is an {@link InvalidTrendError} naming `unit`.
 */
export function bucketStarts(fromMs: number, toMs: number, unit: TrendUnit): number[] {
  const starts: number[] = [];
  for (let at = bucketStart(fromMs, unit); at < toMs; at = nextBucket(at, unit)) {
    if (starts.length === MAX_TREND_BUCKETS) {
      throw new InvalidTrendError(
        "unit",
        `${new Date(fromMs).toISOString()} to ${new Date(toMs).toISOString()} by ${unit} is more than ${MAX_TREND_BUCKETS} buckets: choose a longer unit or a shorter period`,
      );
    }
    starts.push(at);
  }
  return starts;
}
