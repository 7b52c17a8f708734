import { MAX_TREND_BUCKETS, TREND_UNITS, type TrendTruncation, type TrendUnit } from "./trend.js";
import { type BucketSpan, bucketCount, bucketSpan, bucketStartOf, isoOf } from "./trend-buckets.js";

/**
 * What a trend that kept the buckets from `keptFirst` on left out of `whole`,
 * the range's buckets; `undefined` when it kept them all. The note names the
 * next longer unit that holds the whole range, if one does.
 */
export function truncationOf(
  range: { readonly from: number; readonly to: number },
  whole: BucketSpan,
  keptFirst: number,
  unit: TrendUnit,
): TrendTruncation | undefined {
  if (keptFirst <= whole.first) return undefined;
  const buckets = bucketCount(whole);
  const longer = TREND_UNITS.slice(TREND_UNITS.indexOf(unit) + 1).find(
    (other) => bucketCount(bucketSpan(range.from, range.to, other)) <= MAX_TREND_BUCKETS,
  );
  const from = isoOf(bucketStartOf(keptFirst, unit));
  return {
    from: isoOf(bucketStartOf(whole.first, unit)),
    buckets,
    note:
      `The period has ${buckets} ${unit}s, more than the ${MAX_TREND_BUCKETS} a chart holds: ` +
      `it shows the latest ${MAX_TREND_BUCKETS}, from ${dateOf(from)}.` +
      (longer === undefined ? "" : ` By ${longer}, it holds the whole period.`),
  };
}

/** The date of a canonical UTC instant: `2025-12-01`, `+275760-09-13`. */
function dateOf(iso: string): string {
  return iso.slice(0, iso.indexOf("T"));
}
