import type { TrendBucket, TrendUnit } from "@phaser/events-analysis";
import { formatDuration } from "../../format/time.js";

/** A bucket's name: `2025-12-01`, `week of 2025-12-01`, `2025-12`, `2025`. */
export function bucketLabel(start: string, unit: TrendUnit): string {
  const date = dateOf(start);
  if (unit === "year") return date.slice(0, -6);
  if (unit === "month") return date.slice(0, -3);
  return unit === "week" ? `week of ${date}` : date;
}

/** A bucket's short name under the chart: `12-01` for days and weeks, `2025-12` for months, `2025` for years. */
export function axisLabel(start: string, unit: TrendUnit): string {
  return unit === "day" || unit === "week" ? dateOf(start).slice(-5) : bucketLabel(start, unit);
}

/** The date of a canonical UTC instant, whatever its year's width: `2025-12-01`, `-271821-04-20`. */
function dateOf(iso: string): string {
  return iso.slice(0, iso.indexOf("T"));
}

/** A rate of 0–1 as a whole percentage; `—` for none. */
export function percent(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 100)} %`;
}

/** Seconds as the rest of the page shows durations; `—` for none. */
export function seconds(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : formatDuration(value * 1000);
}

/** Everything about a bucket in one line: the chart's tooltip. */
export function bucketSummary(bucket: TrendBucket, unit: TrendUnit): string {
  const { audits, phases } = bucket;
  const ended = phases.completed + phases.failed;
  const durations = bucket.phase_duration_seconds;
  return [
    `${bucketLabel(bucket.start, unit)}: ${audits.total} audits (${audits.completed} completed, ${audits.failed} failed, ${audits.abandoned} abandoned, ${audits.in_progress} in progress)`,
    `phase success rate ${percent(phases.success_rate)} (${phases.completed} of ${ended} phases)`,
    `phase duration p50 ${seconds(durations.p50)}, p95 ${seconds(durations.p95)}`,
  ].join(" · ");
}
