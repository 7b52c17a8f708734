import type { PhaseTimeline } from "@phaser/events-analysis";
import { stringField } from "@phaser/events-analysis";
import type { EventRecord } from "@phaser/events-core";
import { type CicdResult, ERROR_TYPE_OTHER } from "./semconv.js";

/*
 * What an audit's and a phase's records say of how they ended, as the CI/CD
 * conventions' results (`cicd.pipeline.result`, `cicd.pipeline.task.run.result`).
 */

/** `cicd.pipeline.result` of an ended audit. */
export function resultOfAudit(ended: EventRecord): CicdResult {
  if (ended.type === "audit_completed") return "success";
  switch (stringField(ended, "reason")) {
    case "error":
      return "failure"; // a phase failed
    case "user_request":
      return "cancellation";
    case "timeout":
      return "timeout";
    default:
      return "error";
  }
}

/** `error.type` of an audit that did not succeed: why it was abandoned. */
export function errorTypeOfAudit(ended: EventRecord | undefined): string {
  const reason = ended && stringField(ended, "reason");
  if (reason === "error") return "phase_failed";
  return reason || ERROR_TYPE_OTHER;
}

/**
 * `cicd.pipeline.task.run.result` of a finished phase. `phase_failed` has no field for why, so
 * its error text tells a timeout (`… timed out: …`) and an interrupt (`Interrupted …`), as
 * `phaser-events run` writes them, from a failure.
 */
export function resultOfPhase(phase: PhaseTimeline): CicdResult | undefined {
  switch (phase.status) {
    case "completed":
      return "success";
    case "skipped":
      return "skip";
    case "failed": {
      const error = phase.error ?? "";
      if (/^Interrupted\b/.test(error)) return "cancellation";
      if (/^[^\n]*\btimed out\b/.test(error)) return "timeout";
      return "failure";
    }
    default:
      return undefined;
  }
}

/** The result of a phase the end of its audit cut off. */
export function cutOff(audit: CicdResult): CicdResult {
  return audit === "success" ? "error" : audit;
}

export function isError(result: CicdResult): boolean {
  return result === "failure" || result === "timeout" || result === "error";
}
