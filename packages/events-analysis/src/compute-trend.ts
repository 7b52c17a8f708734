import type { EventRecord } from "@phaser/events-core";
import type { AuditOutcome } from "./audit-row.js";
import { AuditRowsBuilder } from "./audit-rows-builder.js";
import { phaseCounts } from "./compute-insights.js";
import { InvalidTrendError } from "./errors/invalid-trend-error.js";
import { groupAudits, isPhaseEnd, projectOf, withAuditStarts } from "./group-audits.js";
import { parseTimestamp } from "./parse-timestamp.js";
import { numberField } from "./record-data.js";
import { timeOf } from "./record-time.js";
import { percentileNearestRank } from "./statistics.js";
import {
  type AuditOutcomeCounts,
  type ComputeTrendOptions,
  type DurationPercentiles,
  MAX_TREND_BUCKETS,
  type ProjectTrend,
  type Trend,
  type TrendBucket,
  type TrendUnit,
} from "./trend.js";
import {
  type BucketSpan,
  bucketCount,
  bucketIndex,
  bucketSpan,
  bucketStartOf,
  isoOf,
  unitForRange,
} from "./trend-buckets.js";
import { truncationOf } from "./trend-truncation.js";

interface Counts {
  readonly audits: Record<AuditOutcome, number>;
  readonly phases: { completed: number; failed: number; skipped: number };
  readonly durations: number[];
}

/**
 * Per project, the insights numbers per time bucket (UTC): audits by outcome
 * (by when they started, with the audits view's outcome rules), phases ended
 * and their success rate, phase duration p50 and p95 (by when the phase
 * ended). Every bucket of the range is there, empty ones included, so a chart
 * has no holes; records outside the range count in no bucket. A range of more
 * than {@link MAX_TREND_BUCKETS} buckets keeps its latest (`truncated` says
 * so), unless both `unit` and `since` were given. Pure.
 */
export function computeTrend(
  records: readonly EventRecord[],
  options: ComputeTrendOptions = {},
): Trend {
  const range = rangeOf(records, options);
  const unit = options.unit ?? (range === undefined ? "day" : unitForRange(range.from, range.to));
  const whole: BucketSpan =
    range === undefined ? { first: 0, last: -1 } : bucketSpan(range.from, range.to, unit);
  if (
    range !== undefined &&
    options.unit !== undefined &&
    options.since !== undefined &&
    bucketCount(whole) > MAX_TREND_BUCKETS
  ) {
    throw tooManyBuckets(range, unit);
  }
  // The latest buckets, at most MAX_TREND_BUCKETS of them.
  const kept = {
    first: Math.max(whole.first, whole.last - MAX_TREND_BUCKETS + 1),
    last: whole.last,
  };
  const starts = Array.from({ length: bucketCount(kept) }, (_, i) =>
    bucketStartOf(kept.first + i, unit),
  );
  const ends = starts.map((_, i) => bucketStartOf(kept.first + i + 1, unit));
  /** The bucket's number in the whole range, or NaN for a time that does not parse. */
  const indexOf = (ms: number) => (Number.isFinite(ms) ? bucketIndex(ms, unit) : Number.NaN);
  const inRange = (index: number) => index >= whole.first && index <= whole.last;

  const rows = new AuditRowsBuilder();
  for (const record of records) rows.add(record);
  const grouped = groupAudits(records);
  const audits = withAuditStarts(grouped, options.auditStarts ?? []);
  // A start taken from `auditStarts` goes to the row too: its project, and the audit's start.
  audits.forEach((audit, i) => {
    if (grouped[i]?.started === undefined && audit.started !== undefined) rows.add(audit.started);
  });

  const byProject = new Map<
    string,
    { counts: Counts[]; durations: number[]; audits: Record<AuditOutcome, number> }
  >();
  for (const audit of audits) {
    const project = projectOf(audit);
    let entry = byProject.get(project);
    if (entry === undefined) {
      entry = { counts: starts.map(emptyCounts), durations: [], audits: emptyAudits() };
      byProject.set(project, entry);
    }
    const row = rows.get(audit.audit_id);
    const started = row === undefined ? Number.NaN : indexOf(parseTimestamp(row.startedAt));
    if (row !== undefined && inRange(started)) {
      entry.audits[row.outcome] += 1;
      const counts = entry.counts[started - kept.first];
      if (counts !== undefined) counts.audits[row.outcome] += 1;
    }
    for (const phase of audit.phases) {
      const outcome = phase.outcome;
      if (outcome === undefined) continue;
      const duration = isPhaseEnd(outcome.type)
        ? numberField(outcome, "duration_seconds")
        : undefined;
      if (duration !== undefined) entry.durations.push(duration);
      const counts = entry.counts[indexOf(timeOf(outcome)) - kept.first];
      if (counts === undefined) continue;
      if (outcome.type === "phase_completed") counts.phases.completed += 1;
      else if (outcome.type === "phase_failed") counts.phases.failed += 1;
      else counts.phases.skipped += 1;
      if (duration !== undefined) counts.durations.push(duration);
    }
  }

  const projects = [...byProject.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([project, { counts, durations, audits }]): ProjectTrend => ({
        project,
        phase_duration_seconds: percentiles(durations),
        audits: withTotal(audits),
        buckets: counts.map((c, i) => bucket(c, starts[i] as number, ends[i] as number)),
      }),
    );
  const first = starts[0];
  const last = ends[ends.length - 1];
  const truncated = range === undefined ? undefined : truncationOf(range, whole, kept.first, unit);
  return {
    unit,
    from: first === undefined ? null : isoOf(first),
    to: last === undefined ? null : isoOf(last),
    ...(truncated === undefined ? {} : { truncated }),
    projects,
  };
}

/** Both `unit` and `since` were given, and make more buckets than a trend has. */
function tooManyBuckets(range: { from: number; to: number }, unit: TrendUnit): InvalidTrendError {
  const remedy = unit === "year" ? "a shorter period" : "a longer unit or a shorter period";
  return new InvalidTrendError(
    "unit",
    `${isoOf(range.from)} to ${isoOf(range.to)} by ${unit} is more than ${MAX_TREND_BUCKETS} buckets: choose ${remedy}`,
  );
}

/** The range in ms: `since` (or the earliest record) to `until` (or just after the latest record). */
function rangeOf(
  records: readonly EventRecord[],
  options: ComputeTrendOptions,
): { from: number; to: number } | undefined {
  const since = instant(options.since, "since");
  const until = instant(options.until, "until");
  const times = records.map(timeOf).filter(Number.isFinite);
  const earliest = times.reduce((min, ms) => Math.min(min, ms), Number.POSITIVE_INFINITY);
  const latest = times.reduce((max, ms) => Math.max(max, ms), Number.NEGATIVE_INFINITY);
  const from = since ?? earliest;
  if (!Number.isFinite(from)) return undefined;
  return { from, to: until ?? Math.max(latest + 1, from + 1) };
}

function instant(value: string | undefined, field: "since" | "until"): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseTimestamp(value);
  if (!Number.isFinite(ms))
    throw new InvalidTrendError(field, `not a time: ${JSON.stringify(value)}`);
  return ms;
}

function emptyAudits(): Record<AuditOutcome, number> {
  return { completed: 0, failed: 0, abandoned: 0, in_progress: 0 };
}

function withTotal(audits: Record<AuditOutcome, number>): AuditOutcomeCounts {
  return {
    total: audits.completed + audits.failed + audits.abandoned + audits.in_progress,
    ...audits,
  };
}

function emptyCounts(): Counts {
  return {
    audits: emptyAudits(),
    phases: { completed: 0, failed: 0, skipped: 0 },
    durations: [],
  };
}

function percentiles(durations: readonly number[]): DurationPercentiles {
  return {
    count: durations.length,
    p50: percentileNearestRank(durations, 50),
    p95: percentileNearestRank(durations, 95),
  };
}

function bucket(counts: Counts, start: number, end: number): TrendBucket {
  const { completed, failed, skipped } = counts.phases;
  return {
    start: isoOf(start),
    end: isoOf(end),
    audits: withTotal(counts.audits),
    phases: phaseCounts(completed, failed, skipped),
    phase_duration_seconds: percentiles(counts.durations),
  };
}
