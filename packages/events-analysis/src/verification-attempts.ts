import type { EventRecord } from "@phaser/events-core";
import type { VerificationAttempt } from "./audit-timeline.js";
import { numberField, stringField } from "./record-data.js";
import { isoBefore, nonNegative } from "./record-time.js";
import { UNKNOWN_COMMAND } from "./verification-checks.js";

/**
 * A phase's verification runs (records in time order) as attempts, numbered
 * per command: the first run of `npm test` in the phase is attempt 1, its
 * retry attempt 2. Records of other types are left out.
 */
export function verificationAttempts(records: readonly EventRecord[]): VerificationAttempt[] {
  const runs = new Map<string, number>();
  const attempts: VerificationAttempt[] = [];
  for (const record of records) {
    if (record.type !== "verification_passed" && record.type !== "verification_failed") continue;
    const command = stringField(record, "command") ?? UNKNOWN_COMMAND;
    const attempt = (runs.get(command) ?? 0) + 1;
    runs.set(command, attempt);
    const durationMs = nonNegative(numberField(record, "duration_ms"));
    attempts.push({
      id: record.id,
      command,
      attempt,
      status: record.type === "verification_failed" ? "failed" : "passed",
      startedAt: isoBefore(record.timestamp, durationMs),
      endedAt: record.timestamp,
      durationMs,
      exitCode: numberField(record, "exit_code") ?? null,
      output: stringField(record, "output") ?? null,
    });
  }
  return attempts;
}
