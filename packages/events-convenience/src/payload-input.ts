import type { EventPayload } from "@phaser/events-core";

/**
 * A payload as the helpers take it: the spec's fields of `P` (required ones
 * required, optional ones optional), plus any extra JSON fields, which are
 * stored as given. A value typed as `P` itself (an interface) is accepted too.
 */
export type PayloadInput<P> = Readonly<P> | (Readonly<P> & Readonly<Record<string, unknown>>);

/** What `emitPhaseFailed` takes: `attempts` is optional and defaults to 1. */
export type PhaseFailedInput = PayloadInput<
  Omit<EventPayload<"phase_failed">, "attempts"> & {
    attempts?: EventPayload<"phase_failed">["attempts"];
  }
>;

/** What `emitPhaseSkipped` takes: `reason` is optional and defaults to `"user_request"`. */
export type PhaseSkippedInput = PayloadInput<Partial<EventPayload<"phase_skipped">>>;

/**
 * What `emitVerificationPassed` takes: `exit_code` is always 0, so it may be
 * left out (and, if given, can only be 0).
 */
export type VerificationPassedInput = PayloadInput<
  Omit<EventPayload<"verification_passed">, "exit_code"> & { exit_code?: 0 }
>;
