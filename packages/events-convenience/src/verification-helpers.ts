import { type Event, type EventEmitter, type EventPayload, EventType } from "@phaser/events-core";
import { amendPayload } from "./amend-payload.js";
import type { PayloadInput, VerificationPassedInput } from "./payload-input.js";
import { truncateOutput } from "./truncate-output.js";

/**
 * Emits `verification_passed` for `phase` with `command` and `duration_ms`;
 * `exit_code` is always set to 0. Extra fields are kept. Rejects as
 * `emitter.emit` does.
 */
export function emitVerificationPassed(
  emitter: EventEmitter,
  auditId: string,
  phase: number,
  payload: VerificationPassedInput,
): Promise<Event<"verification_passed">> {
  const data = amendPayload(payload, () => ({ exit_code: 0 }));
  return emitter.emit(EventType.VERIFICATION_PASSED, auditId, { phase, data });
}

/**
 * Emits `verification_failed` for `phase` with `command`, a non-zero
 * `exit_code`, `duration_ms` and `output`, which is cleaned of terminal
 * control sequences and cut to 1,000 characters, start and end kept (see
 * {@link truncateOutput}). Extra fields are kept. Rejects as `emitter.emit`
 * does.
 */
export function emitVerificationFailed(
  emitter: EventEmitter,
  auditId: string,
  phase: number,
  payload: PayloadInput<EventPayload<"verification_failed">>,
): Promise<Event<"verification_failed">> {
  const data = amendPayload(payload, (given) =>
    typeof given.output === "string" ? { output: truncateOutput(given.output) } : {},
  );
  return emitter.emit(EventType.VERIFICATION_FAILED, auditId, { phase, data });
}
