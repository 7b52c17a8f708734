import type { AuditTimeline, PhaseTimeline, VerificationAttempt } from "@phaser/events-analysis";

/** A bar's status: a phase's, or an attempt's `passed`/`failed`. */
export type BarStatus = PhaseTimeline["status"] | VerificationAttempt["status"];

/** One row of the chart: a phase, or one verification attempt nested under it. */
export interface GanttRow {
  /** `p<phase>` or `a<record id>`: stable across live updates. */
  readonly key: string;
  readonly kind: "phase" | "attempt";
  readonly phase: number;
  readonly attempt: VerificationAttempt | undefined;
  readonly label: string;
  readonly status: BarStatus;
  /** A completed phase with a failed attempt that then passed. */
  readonly flaky: boolean;
  /** Epoch ms; `null` when the row has no time (a phase with only an outcome). */
  readonly startMs: number | null;
  /** Epoch ms; for a running phase, the timeline's "now". */
  readonly endMs: number | null;
  /** The records the row stands for: to highlight them in the event table. */
  readonly eventIds: readonly string[];
  /** For a phase: its attempts in a word (`3 attempts, 2 failed`). */
  readonly rollup: string;
}

export function phaseKey(phase: number): string {
  return `p${phase}`;
}

export function attemptKey(id: string): string {
  return `a${id}`;
}

/** The chart's rows: each phase, then its attempts; `nowMs` ends what is still running. */
export function ganttRows(timeline: AuditTimeline, nowMs: number): GanttRow[] {
  const rows: GanttRow[] = [];
  for (const phase of timeline.phases) {
    // A phase with only an outcome (a skip) is a point at its outcome.
    const startMs = toMs(phase.startedAt) ?? toMs(phase.endedAt);
    const failed = phase.attempts.filter((a) => a.status === "failed").length;
    rows.push({
      key: phaseKey(phase.phase),
      kind: "phase",
      phase: phase.phase,
      attempt: undefined,
      label: `Phase ${phase.phase}${phase.title === null ? "" : `: ${phase.title}`}`,
      status: phase.status,
      flaky: phase.flaky,
      startMs,
      endMs:
        toMs(phase.endedAt) ?? (phase.status === "running" && startMs !== null ? nowMs : startMs),
      eventIds: phase.eventIds,
      rollup:
        phase.status === "skipped"
          ? `skipped${phase.skipReason === null ? "" : `: ${phase.skipReason}`}`
          : phase.attempts.length === 0
            ? ""
            : `${phase.attempts.length} attempt${phase.attempts.length === 1 ? "" : "s"}${failed === 0 ? "" : `, ${failed} failed`}`,
    });
    for (const attempt of phase.attempts) {
      rows.push({
        key: attemptKey(attempt.id),
        kind: "attempt",
        phase: phase.phase,
        attempt,
        label: `attempt ${attempt.attempt}: ${attempt.command}`,
        status: attempt.status,
        flaky: false,
        startMs: toMs(attempt.startedAt),
        endMs: toMs(attempt.endedAt),
        eventIds: [attempt.id],
        rollup: "",
      });
    }
  }
  return rows;
}

/** The span the chart covers: the audit's first record to its last (or `nowMs` while it runs). */
export function timeDomain(timeline: AuditTimeline, nowMs: number): [number, number] {
  const start = toMs(timeline.row.startedAt) ?? nowMs;
  let end = toMs(timeline.row.lastAt) ?? start;
  for (const phase of timeline.phases) end = Math.max(end, toMs(phase.endedAt) ?? end);
  if (timeline.row.outcome === "in_progress") end = Math.max(end, nowMs);
  return [start, Math.max(end, start + 1)];
}

function toMs(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}
