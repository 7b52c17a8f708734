import type { AuditOutcome, CheckSummary, PhaseStatus } from "@phaser/events-analysis";

/** How a failing check failed, in words of ours only: `exit code 3 after 2 attempts`. */
export function checkFailure(check: CheckSummary): string {
  const exit = check.last.exitCode === null ? "failed" : `exit code ${check.last.exitCode}`;
  const runs = check.runs.length;
  return runs === 1 ? exit : `${exit} after ${runs} attempts`;
}

/** How a flaky check went: `passed on attempt 2 after 1 failure`. */
export function flakyPassage(check: CheckSummary): string {
  const failures = check.runs.filter((run) => run.status === "failed").length;
  return `passed on attempt ${check.runs.length} after ${failures} ${failures === 1 ? "failure" : "failures"}`;
}

export const OUTCOME_ICONS: Readonly<Record<AuditOutcome, string>> = {
  completed: "✅",
  failed: "❌",
  abandoned: "⚠️",
  in_progress: "⏳",
};

export const PHASE_ICONS: Readonly<Record<PhaseStatus, string>> = {
  completed: "✅",
  failed: "❌",
  skipped: "⏭️",
  running: "⏳",
};
