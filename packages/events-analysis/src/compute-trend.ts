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
import type {
  ComputeTrendOptions,
  DurationPercentiles,
  ProjectTrend,
  Trend,
  TrendBucket,
} from "./trend.js";
import { bucketStarts, nextBucket, unitForSpan } from "./trend-buckets.js";

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
 * has no holes; records outside the range count in no bucket. Pure.
 */
export function computeTrend(
  records: readonly EventRecord[],
  options: ComputeTrendOptions = {},
): Trend {
  const range = rangeOf(records, options);
  const unit = options.unit ?? (range === undefined ? "day" : unitForSpan(range.to - range.from));
  const starts = range === undefined ? [] : bucketStarts(range.from, range.to, unit);
  const ends = starts.map((start) => nextBucket(start, unit));
  const bucketOf = (ms: number) => findBucket(starts, ends, ms);

  const rows = new AuditRowsBuilder();
  for (const record of records) rows.add(record);
  const grouped = groupAudits(records);
  const audits = withAuditStarts(grouped, options.auditStarts ?? []);
  // A start taken from `auditStarts` goes to the row too: its project, and the audit's start.
  audits.forEach((audit, i) => {
    if (grouped[i]?.started === undefined && audit.started !== undefined) rows.add(audit.started);
  });

  const byProject = new Map<string, { counts: Counts[]; durations: number[] }>();
  for (const audit of audits) {
    const project = projectOf(audit);
    let entry = byProject.get(project);
    if (entry === undefined) {
      entry = { counts: starts.map(emptyCounts), durations: [] };
      byProject.set(project, entry);
    }
    const row = rows.get(audit.audit_id);
    const started = row === undefined ? -1 : bucketOf(parseTimestamp(row.startedAt));
    if (row !== undefined && started >= 0)
      (entry.counts[started] as Counts).audits[row.outcome] += 1;
    for (const phase of audit.phases) {
      const outcome = phase.outcome;
      if (outcome === undefined) continue;
      const duration = isPhaseEnd(outcome.type)
        ? numberField(outcome, "duration_seconds")
        : undefined;
      if (duration !== undefined) entry.durations.push(duration);
      const counts = entry.counts[bucketOf(timeOf(outcome))];
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
      ([project, { counts, durations }]): ProjectTrend => ({
        project,
        phase_duration_seconds: percentiles(durations),
        buckets: counts.map((c, i) => bucket(c, starts[i] as number, ends[i] as number)),
      }),
    );
  const first = starts[0];
  const last = ends[ends.length - 1];
  return {
    unit,
    from: first === undefined ? null : new Date(first).toISOString(),
    to: last === undefined ? null : new Date(last).toISOString(),
    projects,
  };
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

/** The index of the bucket holding `ms`, or -1 (binary search: starts ascend). */
function findBucket(starts: readonly number[], ends: readonly number[], ms: number): number {
  if (!Number.isFinite(ms)) return -1; // a timestamp that does not parse is in no bucket
  let low = 0;
  let high = starts.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (ms < (starts[middle] as number)) high = middle - 1;
    else if (ms >= (ends[middle] as number)) low = middle + 1;
    else return middle;
  }
  return -1;
}

function emptyCounts(): Counts {
  return {
    audits: { completed: 0, failed: 0, abandoned: 0, in_progress: 0 },
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
  const audits = counts.audits;
  return {
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    audits: {
      total: audits.completed + audits.failed + audits.abandoned + audits.in_progress,
      ...audits,
    },
    phases: phaseCounts(completed, failed, skipped),
    phase_duration_seconds: percentiles(counts.durations),
  };
}
