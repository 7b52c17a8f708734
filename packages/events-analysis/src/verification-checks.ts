import type { EventRecord } from "@phaser/events-core";
import { stringField } from "./record-data.js";

/**
 * One verify command of a phase and each of its runs, oldest first: one run
 * per attempt that reached it (`run` retries the verify list after a failure).
 */
export interface VerificationCheck {
  readonly command: string;
  /** Its `verification_passed` and `verification_failed` records, attempt by attempt. */
  readonly runs: readonly EventRecord[];
}

/**
 * How a check ended: `passed` on its first run, `flaky` when it failed and
 * then passed on a retry (its last run passed), `failed` when its last run
 * failed (a failure a later retry did not clear).
 */
export type CheckResult = "passed" | "flaky" | "failed";

/** The name of a verification record's command, for records written without one. */
export const UNKNOWN_COMMAND = "(unknown command)";

/**
 * Groups a phase's verification records (stored order) into checks. `run`
 * runs the verify list in order and stops at the first failure; a retry runs
 * the list again from the top. So an attempt ends after each
 * `verification_failed`, and within an attempt the nth run of a command is
 * the same check as the nth run of that command in any other attempt (a
 * command listed twice is two checks). Checks are in the order they first ran.
 */
export function verificationChecks(records: readonly EventRecord[]): VerificationCheck[] {
  return groupChecks(
    records,
    (record) => stringField(record, "command") ?? UNKNOWN_COMMAND,
    (record) => record.type === "verification_failed",
  ).map(([command, runs]) => ({ command, runs }));
}

/**
 * The grouping of {@link verificationChecks} for any kind of run (records, or
 * the timeline's attempts): `[command, runs]` per check, in the order checks
 * first ran, each check's runs oldest first.
 */
export function groupChecks<Run>(
  runs: readonly Run[],
  commandOf: (run: Run) => string,
  failed: (run: Run) => boolean,
): [command: string, runs: Run[]][] {
  const checks = new Map<string, [string, Run[]]>();
  let seen = new Map<string, number>();
  for (const run of runs) {
    const command = commandOf(run);
    const nth = seen.get(command) ?? 0;
    seen.set(command, nth + 1);
    const key = `${nth}\u0000${command}`;
    const check = checks.get(key) ?? [command, []];
    check[1].push(run);
    checks.set(key, check);
    if (failed(run)) seen = new Map();
  }
  return [...checks.values()];
}

/** How `check` ended (see {@link CheckResult}). */
export function checkResult(check: VerificationCheck): CheckResult {
  return resultOf(check.runs, (run) => run.type === "verification_failed");
}

/** How a check whose runs (oldest first) are `runs` ended. */
export function resultOf<Run>(runs: readonly Run[], failed: (run: Run) => boolean): CheckResult {
  const last = runs.at(-1);
  if (last !== undefined && failed(last)) return "failed";
  return runs.some(failed) ? "flaky" : "passed";
}
