/**
 * The size of this package's randomised trials (fuzzing, writers killed with
 * SIGKILL or paused with SIGSTOP), in one place: small in `pnpm test`, full in
 * CI (`.ci/run` sets `PHASER_FULL_TRIALS=1`). The root README lists each size.
 */
export const FULL_TRIALS = process.env.PHASER_FULL_TRIALS === "1";

/** `small` in `pnpm test`, `full` with `PHASER_FULL_TRIALS=1`. */
export function trialSize<T>(small: T, full: T): T {
  return FULL_TRIALS ? full : small;
}

/**
 * A test timeout of `msEach` for each of `count` runs, kills or emits, and at
 * least 10 s. Each caller's `msEach` is at least twice what one took on a
 * two-core machine busy with two `pnpm test` at once, so that a trial stays
 * under half its timeout at either size.
 */
export function trialTimeout(count: number, msEach: number): number {
  return Math.max(10_000, Math.ceil(count * msEach));
}
