import {
  type AuditTimeline,
  buildAuditTimeline,
  type PhaseTimeline,
  recordsByAudit,
  stringField,
} from "@phaser/events-analysis";
import type { EventRecord } from "@phaser/events-core";
import packageJson from "../package.json" with { type: "json" };
import { attemptSpan } from "./attempt-span.js";
import { cutOff, errorTypeOfAudit, isError, resultOfAudit, resultOfPhase } from "./cicd-results.js";
import { fileEvents } from "./file-events.js";
import {
  attributes,
  type ExportTraceServiceRequest,
  type OtlpResourceSpans,
  type OtlpSpan,
  SPAN_KIND_INTERNAL,
  SPAN_KIND_SERVER,
  STATUS_CODE_ERROR,
} from "./otlp-json.js";
import {
  ATTR_CICD_PIPELINE_ACTION_NAME,
  ATTR_CICD_PIPELINE_NAME,
  ATTR_CICD_PIPELINE_RESULT,
  ATTR_CICD_PIPELINE_RUN_ID,
  ATTR_CICD_PIPELINE_TASK_NAME,
  ATTR_CICD_PIPELINE_TASK_RUN_ID,
  ATTR_CICD_PIPELINE_TASK_RUN_RESULT,
  ATTR_ERROR_TYPE,
  ATTR_PHASER_EVENT_ID,
  ATTR_PHASER_PHASE,
  ATTR_PHASER_PROJECT,
  ATTR_SERVICE_NAME,
  ATTR_VCS_REF_HEAD_NAME,
  ATTR_VCS_REF_HEAD_REVISION,
  CICD_ACTION_RUN,
} from "./semconv.js";
import { auditSpanId, isSpanId, isTraceId, phaseSpanId, traceIdForAudit } from "./span-ids.js";
import { cut, errorStatus } from "./span-text.js";
import { type Bounds, clamp, later, unixNano } from "./unix-nano.js";

export interface ToOtlpTracesOptions {
  /** `service.name` of every resource; by default each audit's project (`phaser` without one). */
  readonly serviceName?: string;
}

/** The instrumentation scope of every span: this package. */
const SCOPE = { name: packageJson.name, version: packageJson.version } as const;

/** `service.name` for an audit without a stored project. */
const UNKNOWN_SERVICE = "phaser";

/**
 * Audits as OpenTelemetry traces, in OTLP/JSON: one trace per audit of `records` (any order, any
 * number of audits). The audit is the root span (kind SERVER, `RUN <slug>`), each phase a child
 * span, each verification attempt a child of its phase, and file changes span events on their
 * phase. Ids are derived from the audit (see `traceIdForAudit` and the span id functions, or the
 * trace id `phaser-events run` recorded in `audit_started`), so exporting twice gives the same
 * ids. Only finished spans are exported: an audit still running has no root span yet, and a
 * phase still running none either; its finished attempts are there. One resource per project.
 */
export function toOtlpTraces(
  records: readonly EventRecord[],
  options: ToOtlpTracesOptions = {},
): ExportTraceServiceRequest {
  const byService = new Map<string, OtlpSpan[]>();
  for (const [auditId, own] of recordsByAudit(records)) {
    const timeline = buildAuditTimeline(own, auditId);
    if (timeline === undefined) continue;
    const service = options.serviceName ?? timeline.row.project ?? UNKNOWN_SERVICE;
    const spans = byService.get(service) ?? [];
    spans.push(...auditSpans(auditId, own, timeline));
    byService.set(service, spans);
  }
  const resourceSpans: OtlpResourceSpans[] = [];
  for (const [service, spans] of byService) {
    resourceSpans.push({
      resource: { attributes: attributes({ [ATTR_SERVICE_NAME]: service }) },
      scopeSpans: [{ scope: SCOPE, spans }],
    });
  }
  return { resourceSpans };
}

function auditSpans(
  auditId: string,
  records: readonly EventRecord[],
  timeline: AuditTimeline,
): OtlpSpan[] {
  const started = lastOfType(records, "audit_started");
  const ended = lastOf(
    records,
    (r) => r.type === "audit_completed" || r.type === "audit_abandoned",
  );
  const recordedTrace = started && stringField(started, "trace_id");
  const traceId = isTraceId(recordedTrace) ? recordedTrace : traceIdForAudit(auditId);
  const rootId = auditSpanId(auditId);
  const spans: OtlpSpan[] = [];

  const rootStart = unixNano(started?.timestamp ?? timeline.row.startedAt);
  const rootEnd = ended === undefined ? undefined : unixNano(ended.timestamp);
  const root: Bounds | undefined =
    rootStart === undefined || rootEnd === undefined
      ? undefined
      : { start: rootStart, end: later(rootEnd, rootStart) };
  const auditResult = ended === undefined ? undefined : resultOfAudit(ended);

  if (root !== undefined && auditResult !== undefined) {
    const parent = started && stringField(started, "parent_span_id");
    const traceState = started && stringField(started, "trace_state");
    const slug = timeline.row.slug ?? auditId;
    const failed = isError(auditResult);
    spans.push({
      traceId,
      spanId: rootId,
      ...(isSpanId(parent) ? { parentSpanId: parent } : {}),
      ...(traceState ? { traceState } : {}),
      name: cut(`${CICD_ACTION_RUN} ${slug}`),
      kind: SPAN_KIND_SERVER,
      startTimeUnixNano: String(root.start),
      endTimeUnixNano: String(root.end),
      attributes: attributes({
        [ATTR_CICD_PIPELINE_NAME]: slug,
        [ATTR_CICD_PIPELINE_RUN_ID]: auditId,
        [ATTR_CICD_PIPELINE_ACTION_NAME]: CICD_ACTION_RUN,
        [ATTR_CICD_PIPELINE_RESULT]: auditResult,
        [ATTR_ERROR_TYPE]: failed ? errorTypeOfAudit(ended) : undefined,
        [ATTR_PHASER_PROJECT]: timeline.row.project,
        [ATTR_VCS_REF_HEAD_NAME]: started && stringField(started, "git_branch"),
        [ATTR_VCS_REF_HEAD_REVISION]: started && stringField(started, "git_commit"),
        [ATTR_PHASER_EVENT_ID]: started?.id,
      }),
      events: [],
      ...(failed ? { status: { code: STATUS_CODE_ERROR, message: `audit ${auditResult}` } } : {}),
    });
  }

  for (const phase of timeline.phases) {
    const bounds = phaseBounds(phase, root);
    const result =
      phase.status === "running"
        ? auditResult === undefined
          ? undefined
          : cutOff(auditResult)
        : resultOfPhase(phase);
    const phaseId = phaseSpanId(auditId, phase.phase);
    if (bounds !== undefined && result !== undefined) {
      const name = phase.title || `phase ${phase.phase}`;
      const failed = isError(result);
      spans.push({
        traceId,
        spanId: phaseId,
        parentSpanId: rootId,
        name: cut(name),
        kind: SPAN_KIND_INTERNAL,
        startTimeUnixNano: String(bounds.start),
        endTimeUnixNano: String(bounds.end),
        attributes: attributes({
          [ATTR_CICD_PIPELINE_TASK_NAME]: name,
          [ATTR_CICD_PIPELINE_TASK_RUN_ID]: `${auditId}:${phase.phase}`,
          [ATTR_CICD_PIPELINE_TASK_RUN_RESULT]: result,
          [ATTR_ERROR_TYPE]: failed ? result : undefined,
          [ATTR_PHASER_PHASE]: phase.phase,
        }),
        events: fileEvents(records, phase.phase, bounds),
        ...(failed ? { status: errorStatus(phase.error ?? `phase ${result}`) } : {}),
      });
    }
    for (const attempt of phase.attempts) {
      const span = attemptSpan(auditId, traceId, phase.phase, phaseId, attempt, bounds);
      if (span !== undefined) spans.push(span);
    }
  }
  return spans;
}

/**
 * A finished phase's bounds, inside the audit's when it has ended; `undefined` for a phase
 * still running (without an end), or one whose times do not parse.
 */
function phaseBounds(phase: PhaseTimeline, root: Bounds | undefined): Bounds | undefined {
  const endAt = phase.endedAt === null ? undefined : unixNano(phase.endedAt);
  // A phase cut off by the end of its audit (no outcome of its own) ends with the audit.
  const end = endAt ?? (phase.status === "running" ? root?.end : undefined);
  if (end === undefined) return undefined;
  const start = (phase.startedAt === null ? undefined : unixNano(phase.startedAt)) ?? end;
  if (root === undefined) return { start, end: later(end, start) };
  const inStart = clamp(start, root.start, root.end);
  return { start: inStart, end: clamp(end, inStart, root.end) };
}

function lastOfType(records: readonly EventRecord[], type: string): EventRecord | undefined {
  return lastOf(records, (r) => r.type === type);
}

function lastOf(
  records: readonly EventRecord[],
  test: (record: EventRecord) => boolean,
): EventRecord | undefined {
  for (let i = records.length - 1; i >= 0; i--) {
    const record = records[i] as EventRecord;
    if (test(record)) return record;
  }
  return undefined;
}
