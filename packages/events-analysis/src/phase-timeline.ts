import type { EventRecord } from "@phaser/events-core";
import type { PhaseStatus, PhaseTimeline } from "./audit-timeline.js";
import type { PhaseRun } from "./group-audits.js";
import { parseTimestamp } from "./parse-timestamp.js";
import { phaseFiles } from "./phase-files.js";
import { numberField, stringField } from "./record-data.js";
import { elapsedMs, nonNegative } from "./record-time.js";
import { verificationAttempts } from "./verification-attempts.js";

const STATUS: Readonly<Record<string, PhaseStatus>> = {
  phase_completed: "completed",
  phase_failed: "failed",
  phase_skipped: "skipped",
};

/** One phase of {@link groupAudits} (its records in time order) as a timeline row. */
export function phaseTimeline(run: PhaseRun): PhaseTimeline {
  const { started, outcome } = run;
  const status = (outcome && STATUS[outcome.type]) ?? "running";
  const attempts = verificationAttempts(run.verifications);
  const startedAt = started?.timestamp ?? earliestStart(run, attempts[0]?.startedAt);
  const endedAt = outcome?.timestamp ?? null;
  return {
    phase: run.phase,
    title: (started && stringField(started, "description")) ?? null,
    file: (started && stringField(started, "file")) ?? null,
    status,
    flaky: status === "completed" && attempts.some((attempt) => attempt.status === "failed"),
    startedAt,
    endedAt,
    durationMs: elapsedMs(startedAt, endedAt) ?? recordedDuration(outcome),
    error: status === "failed" ? outcomeText(outcome, "error") : null,
    skipReason: status === "skipped" ? outcomeText(outcome, "reason") : null,
    attempts,
    files: phaseFiles(run.files),
    eventIds: run.records.map((record) => record.id),
  };
}

/** Without a `phase_started`: the earlier of its first record (other than its outcome) and its first attempt's start. */
function earliestStart(run: PhaseRun, firstAttempt: string | undefined): string | null {
  const first = run.records.find((record) => record !== run.outcome)?.timestamp;
  if (first === undefined) return firstAttempt ?? null;
  if (firstAttempt === undefined) return first;
  return parseTimestamp(firstAttempt) < parseTimestamp(first) ? firstAttempt : first;
}

/** The outcome's `duration_seconds` in milliseconds, if it has a usable one. */
function recordedDuration(outcome: EventRecord | undefined): number | null {
  if (outcome === undefined) return null;
  const seconds = nonNegative(numberField(outcome, "duration_seconds"));
  return seconds === null ? null : Math.round(seconds * 1000);
}

function outcomeText(outcome: EventRecord | undefined, key: string): string | null {
  return (outcome && stringField(outcome, key)) ?? null;
}
