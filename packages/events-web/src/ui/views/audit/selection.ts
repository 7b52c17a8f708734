import type { AuditTimeline, PhaseTimeline, VerificationAttempt } from "@phaser/events-analysis";
import type { EventRecord } from "@phaser/events-core";
import { attemptKey, phaseKey } from "../../gantt/gantt-rows.js";
import type { RoutePatch } from "../../route/route-patch.js";

/** What the route selects, found in the timeline. */
export interface Selected {
  readonly key: string | undefined;
  readonly phase: PhaseTimeline | undefined;
  readonly attempt: VerificationAttempt | undefined;
  /** The records to highlight in the table. */
  readonly eventIds: ReadonlySet<string>;
}

export function selectedIn(
  timeline: AuditTimeline | undefined,
  phaseNumber: number | undefined,
  attemptId: string | undefined,
): Selected {
  const phase = timeline?.phases.find((p) => p.phase === phaseNumber);
  const attempt = phase?.attempts.find((a) => a.id === attemptId);
  if (phase === undefined) return { key: undefined, phase, attempt, eventIds: new Set() };
  if (attempt !== undefined)
    return { key: attemptKey(attempt.id), phase, attempt, eventIds: new Set([attempt.id]) };
  return { key: phaseKey(phase.phase), phase, attempt, eventIds: new Set(phase.eventIds) };
}

/** The selection a picked table row stands for: its attempt, else its phase, else none. */
export function selectionForRecord(record: EventRecord): RoutePatch {
  if (record.phase === null) return { phase: undefined, attempt: undefined };
  const attempt = record.type === "verification_passed" || record.type === "verification_failed";
  return { phase: record.phase, attempt: attempt ? record.id : undefined };
}

/** Where the view opens when the route selects nothing: the first failure. */
export function firstFailureSelection(timeline: AuditTimeline): RoutePatch | undefined {
  const failure = timeline.firstFailure;
  if (failure === null) return undefined;
  return { phase: failure.phase, attempt: failure.attempt === null ? undefined : failure.id };
}
