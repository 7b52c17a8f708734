import { type Event, type EventEmitter, type EventPayload, EventType } from "@phaser/events-core";
import { amendPayload } from "./amend-payload.js";
import type { PayloadInput, PhaseFailedInput, PhaseSkippedInput } from "./payload-input.js";

/**
 * Emits `phase_started` for the 1-indexed `phase` with `description` and
 * `file`; extra fields are kept. Rejects as `emitter.emit` does.
 */
export function emitPhaseStarted(
  emitter: EventEmitter,
  auditId: string,
  phase: number,
  payload: PayloadInput<EventPayload<"phase_started">>,
): Promise<Event<"phase_started">> {
  return emitter.emit(EventType.PHASE_STARTED, auditId, { phase, data: payload });
}

/**
 * Emits `phase_completed` for `phase` with `duration_seconds`,
 * `files_created`, `files_modified` and `verification_count`; extra fields are
 * kept. Rejects as `emitter.emit` does.
 */
export function emitPhaseCompleted(
  emitter: EventEmitter,
  auditId: string,
  phase: number,
  payload: PayloadInput<EventPayload<"phase_completed">>,
): Promise<Event<"phase_completed">> {
  return emitter.emit(EventType.PHASE_COMPLETED, auditId, { phase, data: payload });
}

/**
 * Emits `phase_failed` for `phase` with `error`, `duration_seconds` and
 * `attempts`, which defaults to 1 when left out; extra fields are kept.
 * Rejects as `emitter.emit` does.
 */
export function emitPhaseFailed(
  emitter: EventEmitter,
  auditId: string,
  phase: number,
  payload: PhaseFailedInput,
): Promise<Event<"phase_failed">> {
  const data = amendPayload(payload, (given) => ({
    attempts: given.attempts === undefined ? 1 : given.attempts,
  }));
  return emitter.emit(EventType.PHASE_FAILED, auditId, { phase, data });
}

/**
 * Emits `phase_skipped` for `phase`. `reason` (`user_request` or
 * `dependency_failed`) defaults to `user_request`, and the payload itself may
 * be left out; extra fields are kept. Rejects as `emitter.emit` does.
 */
export function emitPhaseSkipped(
  emitter: EventEmitter,
  auditId: string,
  phase: number,
  payload: PhaseSkippedInput = {},
): Promise<Event<"phase_skipped">> {
  const data = amendPayload(payload, (given) => ({
    reason: given.reason === undefined ? "user_request" : given.reason,
  }));
  return emitter.emit(EventType.PHASE_SKIPPED, auditId, { phase, data });
}
