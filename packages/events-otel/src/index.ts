// Audits as OpenTelemetry traces: OTLP/JSON built from stored records, no SDK. Browser-safe.
export type {
  AttributeValue,
  ExportTraceServiceRequest,
  OtlpAnyValue,
  OtlpKeyValue,
  OtlpResourceSpans,
  OtlpScopeSpans,
  OtlpSpan,
  OtlpSpanEvent,
  OtlpStatus,
} from "./otlp-json.js";
export {
  OtlpExportError,
  type SendOtlpTracesOptions,
  type SendOtlpTracesResult,
  sendOtlpTraces,
  tracesUrl,
} from "./send-otlp-traces.js";
export {
  auditSpanId,
  isSpanId,
  isTraceId,
  phaseSpanId,
  traceIdForAudit,
  verificationSpanId,
} from "./span-ids.js";
export { type ToOtlpTracesOptions, toOtlpTraces } from "./to-otlp-traces.js";
export { formatTraceparent, parseTraceparent, type TraceParent } from "./trace-context.js";
