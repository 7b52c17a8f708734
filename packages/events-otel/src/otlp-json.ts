/**
 * The part of OTLP/JSON this package writes: an `ExportTraceServiceRequest` in the protobuf JSON
 * mapping with OTLP's own rules (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding):
 * trace and span ids as hex, enums as numbers, 64-bit integers (times in nanoseconds, int
 * attributes) as decimal strings, camelCase field names.
 */

export interface OtlpAnyValue {
  readonly stringValue?: string;
  readonly intValue?: string;
  readonly boolValue?: boolean;
  readonly doubleValue?: number;
}

export interface OtlpKeyValue {
  readonly key: string;
  readonly value: OtlpAnyValue;
}

/** `Span.SpanKind`: `SPAN_KIND_INTERNAL` = 1, `SPAN_KIND_SERVER` = 2. */
export const SPAN_KIND_INTERNAL = 1;
export const SPAN_KIND_SERVER = 2;

/** `Status.StatusCode`: unset = 0 (a span without `status`), ok = 1, error = 2. */
export const STATUS_CODE_ERROR = 2;

export interface OtlpSpanEvent {
  readonly timeUnixNano: string;
  readonly name: string;
  readonly attributes: readonly OtlpKeyValue[];
}

export interface OtlpStatus {
  readonly code: number;
  readonly message?: string;
}

export interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  /** Absent on a root span. */
  readonly parentSpanId?: string;
  /** The W3C `tracestate` the trace came with, on the audit's root span. */
  readonly traceState?: string;
  readonly name: string;
  readonly kind: number;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly attributes: readonly OtlpKeyValue[];
  readonly events: readonly OtlpSpanEvent[];
  /** Set on a span that failed (code 2, error); absent (unset) otherwise. */
  readonly status?: OtlpStatus;
}

export interface OtlpScopeSpans {
  readonly scope: { readonly name: string; readonly version: string };
  readonly spans: readonly OtlpSpan[];
}

export interface OtlpResourceSpans {
  readonly resource: { readonly attributes: readonly OtlpKeyValue[] };
  readonly scopeSpans: readonly OtlpScopeSpans[];
}

/** `opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest`, as OTLP/JSON. */
export interface ExportTraceServiceRequest {
  readonly resourceSpans: readonly OtlpResourceSpans[];
}

/** An attribute; `undefined` and `null` values are left out by {@link attributes}. */
export type AttributeValue = string | number | boolean | null | undefined;

/** OTLP key-values of `entries`, without those whose value is `null` or `undefined`. Whole numbers are `intValue`. */
export function attributes(entries: Readonly<Record<string, AttributeValue>>): OtlpKeyValue[] {
  const out: OtlpKeyValue[] = [];
  for (const [key, value] of Object.entries(entries)) {
    if (value === null || value === undefined) continue;
    if (typeof value === "string") out.push({ key, value: { stringValue: value } });
    else if (typeof value === "boolean") out.push({ key, value: { boolValue: value } });
    else if (Number.isSafeInteger(value)) out.push({ key, value: { intValue: String(value) } });
    else if (Number.isFinite(value)) out.push({ key, value: { doubleValue: value } });
  }
  return out;
}
