import type { TrendBucket, TrendUnit } from "@phaser/events-analysis";
import { formatDuration } from "../../format/time.js";

/** A bucket's name: `2025-12-01`, `week of 2025-12-01`, `2025-12`. */
export function bucketLabel(start: string, unit: TrendUnit): string {
  if (unit === "month") return start.slice(0, 7);
  return unit === "week" ? `week of ${start.slice(0, 10)}` : start.slice(0, 10);
}

/** A bucket's short name under the chart: `12-01` for days and weeks, `2025-12` for months. */
export function axisLabel(start: string, unit: TrendUnit): string {
  return unit === "month" ? start.slice(0, 7) : start.slice(5, 10);
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
