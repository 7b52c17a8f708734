/**
 * The size of this package's randomised trials (fast-check properties), in one
 * place: small in `pnpm test`, full in CI (`.ci/run` sets `PHASER_FULL_TRIALS=1`).
 */
export const FULL_TRIALS = process.env.PHASER_FULL_TRIALS === "1";

/** `small` runs in `pnpm test`, `full` runs with `PHASER_FULL_TRIALS=1`. */
export function trialRuns(small: number, full: number): number {
  return FULL_TRIALS ? full : small;
}

/**
 * A test timeout for `runs` runs given `msPerRun` each, and at least 10 s.
 * Each caller's `msPerRun` is at least twice what one run took on a two-core
 * machine busy with two `pnpm test` at once, so a trial stays under half its
 * timeout at either size.
 */
export function trialTimeout(runs: number, msPerRun: number): number {
  return Math.max(10_000, Math.ceil(runs * msPerRun));
}
