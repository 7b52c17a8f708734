import type { VerificationAttempt } from "@phaser/events-analysis";
import { attributes, type OtlpSpan, SPAN_KIND_INTERNAL } from "./otlp-json.js";
import {
  ATTR_ERROR_TYPE,
  ATTR_PHASER_ATTEMPT,
  ATTR_PHASER_EVENT_ID,
  ATTR_PHASER_OUTPUT,
  ATTR_PHASER_PHASE,
  ATTR_PROCESS_COMMAND_LINE,
  ATTR_PROCESS_EXIT_CODE,
  ERROR_TYPE_OTHER,
} from "./semconv.js";
import { verificationSpanId } from "./span-ids.js";
import { cut, errorStatus, firstLine } from "./span-text.js";
import { type Bounds, clamp, unixNano } from "./unix-nano.js";

/**
 * One verification attempt as a child span of its phase (`parentSpanId`), within the phase's
 * bounds when it has them; `undefined` when its times do not parse. A non-zero exit is an ERROR.
 */
export function attemptSpan(
  auditId: string,
  traceId: string,
  phase: number,
  parentSpanId: string,
  attempt: VerificationAttempt,
  parent: Bounds | undefined,
): OtlpSpan | undefined {
  let start = unixNano(attempt.startedAt);
  let end = unixNano(attempt.endedAt);
  if (start === undefined || end === undefined) return undefined;
  if (end < start) end = start;
  if (parent !== undefined) {
    start = clamp(start, parent.start, parent.end);
    end = clamp(end, start, parent.end);
  }
  const failed = attempt.status === "failed";
  const exitCode = attempt.exitCode ?? (failed ? null : 0);
  return {
    traceId,
    spanId: verificationSpanId(auditId, phase, attempt.command, attempt.attempt),
    parentSpanId,
    name: cut(firstLine(attempt.command)),
    kind: SPAN_KIND_INTERNAL,
    startTimeUnixNano: String(start),
    endTimeUnixNano: String(end),
    attributes: attributes({
      [ATTR_PROCESS_COMMAND_LINE]: attempt.command,
      [ATTR_PROCESS_EXIT_CODE]: exitCode,
      [ATTR_PHASER_ATTEMPT]: attempt.attempt,
      [ATTR_PHASER_PHASE]: phase,
      [ATTR_ERROR_TYPE]: failed
        ? exitCode === null
          ? ERROR_TYPE_OTHER
          : String(exitCode)
        : undefined,
      [ATTR_PHASER_OUTPUT]: failed ? attempt.output : undefined,
      [ATTR_PHASER_EVENT_ID]: attempt.id,
    }),
    events: [],
    ...(failed
      ? { status: errorStatus(exitCode === null ? "failed" : `exit code ${exitCode}`) }
      : {}),
  };
}
